/*
 * /api/v1 of people (docs/api.md, "Registration" and "Claims and people"):
 * a poster's registration, household claims and their decisions, the
 * people of a place and the audited reveal of a phone number.
 */
#include "edge/api.h"
#include "edge/export.h"
#include "mod/people/people.h"

static int registration_info(http_req *r)
{
    struct people_poster pp;
    int64_t bid = api_query_id(r, "building");
    if (bid < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    int rc = people_registration_info(api_dc(r), bid, edge_query(r, "key"), &pp);
    if (rc)
        return edge_fail(r, rc);
    json_t *arr = json_array();
    for (int i = 0; i < pp.n; i++)
        json_array_append_new(arr, tree_json(api_dc(r), &pp.households[i]));
    return api_send_json(r, 200,
                         json_pack("{s:o, s:o}", "building", tree_json(api_dc(r), &pp.building), "households", arr));
}

static int register_person(http_req *r)
{
    struct people_registration reg = {0};
    if (api_need_body(r) || api_jstr(r, "phone", &reg.phone) || api_jstr(r, "name", &reg.name) ||
        api_jstr(r, "password", &reg.password) || api_jint(r, "building_id", &reg.building_id) ||
        api_jstr(r, "key", &reg.reg_key) || api_jint(r, "household_id", &reg.household_id) ||
        api_jstr(r, "relation", &reg.relation))
        return 0;
    int64_t pid, cid;
    int rc = people_register(api_dc(r), &reg, &pid, &cid);
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 201, json_pack("{s:I, s:I, s:s}", "person_id", (json_int_t)pid, "claim_id",
                                           (json_int_t)cid, "status", "pending"));
}

static int claim_add(http_req *r)
{
    struct people_registration reg = {0};
    if (api_need_body(r) || api_jint(r, "building_id", &reg.building_id) || api_jstr(r, "key", &reg.reg_key) ||
        api_jint(r, "household_id", &reg.household_id) || api_jstr(r, "relation", &reg.relation))
        return 0;
    int64_t cid;
    int rc = people_claim_add(api_dc(r), &reg, &cid);
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 201, json_pack("{s:I, s:s}", "claim_id", (json_int_t)cid, "status", "pending"));
}

/* The people of a place as a sheet (?format=xlsx|csv), phones masked as on the page. */
struct people_export {
    int64_t place_id;
    int offset;
};

static const struct sheet_col export_cols[] = {
    {"export_col_id", SHEET_INT, 8},          {"people_col_name", SHEET_TEXT, 12},
    {"people_col_phone", SHEET_TEXT, 14},     {"people_col_volunteer", SHEET_TEXT, 8},
    {"people_col_party_member", SHEET_TEXT, 8}, {"people_col_registered", SHEET_TIME, 17},
};

static int export_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct people_export *x = ud;
    struct st_person *ps = NULL;
    int n = 0, rc = people_list(c, x->place_id, LIST_LIMIT_MAX, x->offset, &ps, &n);
    for (int i = 0; rc == 0 && i < n; i++) {
        sheet_int(sh, ps[i].id);
        sheet_text(sh, ps[i].name);
        sheet_text(sh, person_phone_mask(c->a, ps[i].phone));
        sheet_text(sh, ps[i].is_volunteer ? edge_t(r, "export_yes") : "");
        sheet_text(sh, ps[i].is_party_member ? edge_t(r, "export_yes") : "");
        sheet_time(sh, ps[i].created_at);
        sheet_row_end(sh);
    }
    x->offset += n;
    *more = rc == 0 && n == LIST_LIMIT_MAX;
    return rc;
}

static const struct export_list people_export_list =
    EXPORT_LIST("people", "people", export_cols, export_page);

static int place_people(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int limit, offset, n = 0, format = export_format(r);
    struct st_person *ps;
    if (format < 0 || api_paging(r, &limit, &offset))
        return 0;
    if (format) {
        struct people_export x = {id, 0};
        return id ? export_send(r, format, &people_export_list, &x) : edge_fail(r, WG_ENOTFOUND);
    }
    int rc = id ? people_list(api_dc(r), id, limit + 1, offset, &ps, &n) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    json_t *arr = json_array();
    for (int i = 0; i < n && i < limit; i++)
        json_array_append_new(arr, person_json(api_dc(r), &ps[i]));
    /* the total is not counted here: more says whether another page exists */
    json_t *o = json_pack("{s:o, s:i, s:i, s:b}", "items", arr, "limit", limit, "offset", offset, "more", n > limit);
    return api_send_json(r, 200, o);
}

/* The claims queue as a sheet: the list's status kept, paged by offset. */
struct claims_export {
    int64_t community_id;
    const char *status;
    int offset;
};

static const struct sheet_col claim_cols[] = {
    {"export_col_id", SHEET_INT, 8},          {"people_col_name", SHEET_TEXT, 12},
    {"people_col_phone", SHEET_TEXT, 14},     {"claim_col_building", SHEET_TEXT, 12},
    {"claim_col_household", SHEET_TEXT, 10},  {"claim_col_relation", SHEET_TEXT, 10},
    {"claim_col_status", SHEET_TEXT, 10},     {"claim_col_created", SHEET_TIME, 17},
    {"claim_col_decided", SHEET_TIME, 17},    {"claim_col_reason", SHEET_TEXT, 24},
};

static int claims_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct claims_export *x = ud;
    struct st_claim *cl = NULL;
    int n = 0, total = 0, rc = people_claims(c, x->community_id, x->status, LIST_LIMIT_MAX, x->offset, &cl, &n, &total);
    for (int i = 0; rc == 0 && i < n; i++) {
        sheet_int(sh, cl[i].id);
        sheet_text(sh, cl[i].person_name);
        sheet_text(sh, person_phone_mask(c->a, cl[i].person_phone));
        sheet_text(sh, cl[i].building_name);
        sheet_text(sh, cl[i].household_code);
        sheet_text(sh, export_tr(r, "relation_", cl[i].relation));
        sheet_text(sh, export_tr(r, "claim_", cl[i].status));
        sheet_time(sh, cl[i].created_at);
        sheet_time(sh, cl[i].decided_at);
        sheet_text(sh, cl[i].reason);
        sheet_row_end(sh);
    }
    x->offset += n;
    *more = rc == 0 && n == LIST_LIMIT_MAX && x->offset < total;
    return rc;
}

static const struct export_list claims_export_list = EXPORT_LIST("claims", "claim_col_title", claim_cols, claims_page);

static int claims(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int limit, offset, n = 0, total = 0, format = export_format(r);
    struct st_claim *cl;
    if (format < 0 || api_paging(r, &limit, &offset))
        return 0;
    const char *status = edge_query(r, "status");
    if (format) {
        struct claims_export x = {id, status && *status ? status : NULL, 0};
        return id ? export_send(r, format, &claims_export_list, &x) : edge_fail(r, WG_ENOTFOUND);
    }
    int rc = id ? people_claims(api_dc(r), id, status && *status ? status : NULL, limit, offset, &cl, &n, &total)
                : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, people_claim_json(api_dc(r), &cl[i]));
    return api_send_json(r, 200, api_page(arr, total, limit, offset));
}

static int claim_decide(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int approve = 0;
    const char *reason;
    if (api_need_body(r) || api_jbool_required(r, "approve", &approve) || api_jstr(r, "reason", &reason))
        return 0;
    int rc = id ? people_claim_decide(api_dc(r), id, approve, reason) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200,
                         json_pack("{s:I, s:s}", "id", (json_int_t)id, "status", approve ? "approved" : "rejected"));
}

static int reveal_phone(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *reason, *phone = NULL, *name = NULL;
    if (api_need_body(r) || api_jstr(r, "reason", &reason))
        return 0;
    int rc = id ? people_reveal_phone(api_dc(r), id, reason, &phone, &name) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id, "phone", phone));
}

const struct http_route people_api_routes[] = {
    {"GET", "/api/v1/registration", registration_info, HTTP_API, 0, NULL},
    {"POST", "/api/v1/registrations", register_person, HTTP_API | HTTP_CSRF, 8192, NULL},
    {"GET", "/api/v1/places/{id}/people", place_people, HTTP_API | HTTP_AUTH, 0, NULL},
    {"GET", "/api/v1/communities/{id}/claims", claims, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/claims", claim_add, HTTP_API | HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"POST", "/api/v1/claims/{id}/decision", claim_decide, HTTP_API | HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"POST", "/api/v1/people/{id}/phone", reveal_phone, HTTP_API | HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
