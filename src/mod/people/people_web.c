/*
 * The pages of people: registration from a building's poster, the claims
 * to review, the people of a place and the reveal of a phone number.
 */
#include <string.h>

#include "edge/export.h"
#include "edge/page.h"
#include "mod/people/people.h"
#include "mod/place/place_web.h"

#define PEOPLE_PER_PAGE 50

static int register_page(http_req *r, int status, int64_t building_id, const char *key, const char *error)
{
    struct people_poster pp;
    int rc = people_registration_info(page_dc(r), building_id, key, &pp);
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "register_title");
    json_object_set_new(c, "community", json_string(pp.community.name));
    json_object_set_new(c, "building", json_string(pp.building.name));
    json_object_set_new(c, "building_id", json_integer(pp.building.id));
    json_object_set_new(c, "key", json_string(key));
    json_t *arr = json_array();
    for (int i = 0; i < pp.n; i++)
        json_array_append_new(arr, tree_json(page_dc(r), &pp.households[i]));
    json_object_set_new(c, "households", arr);
    if (error)
        json_object_set_new(c, "error", json_string(error));
    const char *v;
    if ((v = page_field(r, "name")))
        json_object_set_new(c, "name_value", json_string(v));
    if ((v = page_field(r, "phone")))
        json_object_set_new(c, "phone_value", json_string(v));
    return page_render(r, status, "register", c);
}

static int register_form(http_req *r)
{
    int bad = 0;
    int64_t b = page_int_id(edge_query(r, "building"), &bad);
    return register_page(r, 200, b, edge_query(r, "key"), NULL);
}

static int register_person(http_req *r)
{
    int bad = 0;
    struct people_registration reg = {
        .phone = page_field(r, "phone"),
        .name = page_field(r, "name"),
        .password = page_field(r, "password"),
        .building_id = page_int_id(page_field(r, "building"), &bad),
        .reg_key = page_field(r, "key"),
        .household_id = page_int_id(page_field(r, "household"), &bad),
        .relation = page_field(r, "relation"),
    };
    int64_t pid, cid;
    int rc = people_register(page_dc(r), &reg, &pid, &cid);
    if (rc == WG_EINVAL || rc == WG_ECONFLICT)
        return register_page(r, edge_status_of(rc), reg.building_id, reg.reg_key, edge_t(r, page_dc(r)->code));
    if (rc)
        return edge_fail(r, rc);
    return page_render(r, 201, "registered", page_ctx(r, "registered_title"));
}

static int claims_page(http_req *r)
{
    int bad = 0;
    int64_t cid = place_web_community(r, &bad);
    const char *status = edge_query(r, "status");
    if (cid == 0 && !bad) /* a street admin has no one community: choose on the desk */
        return http_redirect(r, "/staff");
    if (status == NULL || *status == '\0')
        status = "pending";
    if (bad)
        return edge_error(r, 400, "bad_query", NULL), 0;
    struct st_claim *cl;
    int n = 0;
    int rc = people_claims(page_dc(r), cid, status, LIST_LIMIT_MAX, 0, &cl, &n, NULL);
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "pending_claims");
    struct st_place cm;
    if (place_get(page_dc(r), cid, &cm) == 0)
        json_object_set_new(c, "community", json_string(cm.name));
    json_object_set_new(c, "community_id", json_integer(cid));
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = people_claim_json(page_dc(r), &cl[i]);
        json_object_set_new(o, "status_label", json_string(page_tr(r, "claim_", cl[i].status)));
        json_object_set_new(o, "relation_label", json_string(page_tr(r, "relation_", cl[i].relation)));
        json_array_append_new(arr, o);
    }
    json_object_set_new(c, "claims", arr);
    export_links(r, c, arena_printf(r->a, "/api/v1/communities/%lld/claims?status=%s", (long long)cid, status), NULL);
    return page_render(r, 200, "claims", c);
}

static int claim_decide(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *a = page_field(r, "approve");
    if (a == NULL || (strcmp(a, "1") && strcmp(a, "0")))
        return edge_error(r, 422, "approve_invalid", NULL), 0;
    int rc = id ? people_claim_decide(page_dc(r), id, a[0] == '1', page_field(r, "reason")) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    int bad = 0;
    int64_t cid = page_int_id(page_field(r, "community"), &bad);
    return page_done(r, cid ? arena_printf(r->a, "/staff/claims?community=%lld", (long long)cid) : "/staff/claims",
                     "flash_claim_decided");
}

struct row_call {
    http_req *r;
    int64_t person_id;
    json_t *row, *out;
};

static int row_ext(const void *impl, void *ud)
{
    const struct people_ext *x = impl;
    struct row_call *rc = ud;
    json_t *p = x->may(page_dc(rc->r), rc->person_id) ? page_panel(rc->r, x->template, rc->row) : NULL;
    if (p)
        json_array_append_new(rc->out, p);
    return 0;
}

/* The place whose people a reader sees by default: the first place
 * of theirs they may list (a grid worker's grid, a building leader's
 * building), else their community. */
static int64_t own_place(const struct actor *ac)
{
    for (int i = 0; ac && i < ac->nroles; i++)
        if (perm_allows(ac, &people_act_view, ac->roles[i].place_path) && ac->roles[i].role >= ROLE_BUILDING_LEADER)
            return ac->roles[i].place_id;
    return actor_community(ac);
}

static int people_page(http_req *r)
{
    static const char *const keys[] = {"place", NULL};
    int bad = 0;
    int64_t pid = page_int_id(edge_query(r, "place"), &bad);
    int page = (int)edge_int(edge_query(r, "page"), 1, 1, 100000, &bad);
    if (pid == 0)
        pid = own_place(edge_req(r)->actor);
    if (bad)
        return edge_error(r, 400, "bad_query", NULL), 0;
    struct st_person *ps;
    struct st_place p;
    int n = 0;
    int rc = people_list(page_dc(r), pid, PEOPLE_PER_PAGE + 1, (page - 1) * PEOPLE_PER_PAGE, &ps, &n);
    if (rc == 0)
        rc = place_get(page_dc(r), pid, &p);
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "people");
    json_object_set_new(c, "place", json_string(p.name));
    int can_reveal = perm_allows(edge_req(r)->actor, &people_act_phone, p.path);
    json_t *arr = json_array();
    for (int i = 0; i < n && i < PEOPLE_PER_PAGE; i++) {
        json_t *o = person_json(page_dc(r), &ps[i]);
        json_object_set_new(o, "can_reveal", json_boolean(can_reveal));
        json_object_set_new(o, "csrf", json_string(edge_req(r)->csrf));
        json_t *extras = json_array();
        module_each_ext("people", row_ext, &(struct row_call){r, ps[i].id, o, extras});
        json_object_set_new(o, "extras", extras);
        json_array_append_new(arr, o);
    }
    json_object_set_new(c, "people", arr);
    export_links(r, c, arena_printf(r->a, "/api/v1/places/%lld/people", (long long)pid), NULL);
    /* one extra row tells whether a next page exists */
    page_pager(r, c, "/staff/people", keys, page, PEOPLE_PER_PAGE,
               n > PEOPLE_PER_PAGE ? page * PEOPLE_PER_PAGE + 1 : 0);
    return page_render(r, 200, "people", c);
}

static int reveal_phone(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *phone = NULL, *name = NULL;
    int rc = id ? people_reveal_phone(page_dc(r), id, page_field(r, "reason"), &phone, &name) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "reveal_phone");
    json_object_set_new(c, "person", json_string(name));
    json_object_set_new(c, "phone", json_string(phone));
    return page_render(r, 200, "phone", c);
}

const struct http_route people_web_routes[] = {
    {"GET", "/register", register_form, 0, 0, NULL},
    {"POST", "/register", register_person, HTTP_CSRF, 8192, NULL},
    {"GET", "/staff/claims", claims_page, HTTP_AUTH | HTTP_STAFF, 0, NULL},
    {"POST", "/claims/{id}/decision", claim_decide, HTTP_AUTH | HTTP_STAFF | HTTP_CSRF, 8192, NULL},
    {"GET", "/staff/people", people_page, HTTP_AUTH, 0, NULL},
    {"POST", "/people/{id}/phone", reveal_phone, HTTP_AUTH | HTTP_STAFF | HTTP_CSRF, 8192, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
