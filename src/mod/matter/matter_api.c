/*
 * /api/v1 of matters (docs/api.md, "Matters", "Public notice", "Support"):
 * the stages and categories, lists, proposing, the detail (the same
 * assembly as the page), transitions, following, objections and support.
 */
#include <string.h>

#include "edge/api.h"
#include "edge/export.h"
#include "mod/matter/matter.h"

static int meta(http_req *r)
{
    json_t *st = json_array(), *cat = json_array();
    for (const char *const *s = matter_stages(); *s; s++)
        json_array_append_new(st, json_pack("{s:s, s:s, s:s}", "code", *s, "phase", matter_phase(*s), "label",
                                            edge_t(r, arena_printf(r->a, "stage_%s", *s))));
    for (const char *const *s = matter_categories(); *s; s++)
        json_array_append_new(cat, json_pack("{s:s, s:s}", "code", *s, "label",
                                             edge_t(r, arena_printf(r->a, "category_%s", *s))));
    return api_send_json(r, 200, json_pack("{s:o, s:o, s:s}", "stages", st, "categories", cat, "lang",
                                           i18n_lang_code(edge_req(r)->lang)));
}

/* The list as a sheet (?format=xlsx|csv): the list's query, paged by offset. */
static const struct sheet_col export_cols[] = {
    {"export_col_id", SHEET_INT, 8},         {"matter_col_title", SHEET_TEXT, 36},
    {"matter_col_category", SHEET_TEXT, 12}, {"matter_col_stage", SHEET_TEXT, 12},
    {"matter_col_place", SHEET_TEXT, 16},    {"matter_col_author", SHEET_TEXT, 12},
    {"matter_col_followers", SHEET_INT, 8},  {"matter_col_created", SHEET_TIME, 17},
    {"matter_col_updated", SHEET_TIME, 17},  {"matter_col_notice_until", SHEET_TIME, 17},
};

static int export_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct matter_query *q = ud;
    struct st_matter *ms = NULL;
    int n = 0, total = 0, rc = matter_list(c, q, &ms, &n, &total);
    for (int i = 0; rc == 0 && i < n; i++) {
        sheet_int(sh, ms[i].id);
        sheet_text(sh, ms[i].title);
        sheet_text(sh, export_tr(r, "category_", ms[i].category));
        sheet_text(sh, export_tr(r, "stage_", ms[i].stage));
        sheet_text(sh, ms[i].place_name);
        sheet_text(sh, ms[i].author_name);
        sheet_int(sh, ms[i].followers);
        sheet_time(sh, ms[i].created_at);
        sheet_time(sh, ms[i].updated_at);
        sheet_time(sh, ms[i].notice_until);
        sheet_row_end(sh);
    }
    q->offset += n;
    *more = rc == 0 && n == q->limit && q->offset < total;
    return rc;
}

static const struct export_list matter_export_list =
    EXPORT_LIST("matters", "nav_matters", export_cols, export_page);

static int list(http_req *r)
{
    int limit, offset, n = 0, total = 0, format = export_format(r);
    struct st_matter *ms;
    if (format < 0 || api_paging(r, &limit, &offset))
        return 0;
    const char *stage = edge_query(r, "stage"), *cat = edge_query(r, "category"), *q = edge_query(r, "q");
    int followed = api_query_bool(r, "followed");
    struct matter_query mq = {
        .place_id = api_query_id(r, "place_id"),
        .stage = stage && *stage ? stage : NULL,
        .category = cat && *cat ? cat : NULL,
        .q = q && *q ? q : NULL,
        .followed = followed == 1,
        .limit = limit,
        .offset = offset,
    };
    if (mq.place_id < 0 || followed < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (format) {
        mq.limit = LIST_LIMIT_MAX;
        mq.offset = 0;
        return export_send(r, format, &matter_export_list, &mq);
    }
    int rc = matter_list(api_dc(r), &mq, &ms, &n, &total);
    if (rc)
        return edge_fail(r, rc);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, matter_view(api_dc(r), &ms[i], 0));
    return api_send_json(r, 200, api_page(arr, total, limit, offset));
}

/* The matter's detail, as GET answers it. */
static int detail(http_req *r, int status, int64_t id)
{
    struct matter_detail d;
    int rc = matter_detail(api_dc(r), id, 1, &d);
    json_t *o = rc ? NULL : matter_view_detail(api_dc(r), &d);
    matter_detail_free(&d);
    return rc ? edge_fail(r, rc) : api_send_json(r, status, o);
}

static int get(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    return id ? detail(r, 200, id) : edge_fail(r, WG_ENOTFOUND);
}

static int create(http_req *r)
{
    struct matter_new in = {0};
    if (api_need_body(r) || api_jint(r, "place_id", &in.place_id) || api_jstr(r, "category", &in.category) ||
        api_jstr(r, "title", &in.title) || api_jstr(r, "body", &in.body))
        return 0;
    int64_t id;
    int rc = matter_create(api_dc(r), &in, &id);
    if (rc)
        return edge_fail(r, rc);
    http_add_header(r, "location", arena_printf(r->a, "/api/v1/matters/%lld", (long long)id));
    return detail(r, 201, id);
}

static int transition(http_req *r)
{
    int64_t id = http_param_id(r, "id"), into = 0;
    const char *to, *reason;
    if (api_need_body(r) || api_jstr(r, "to", &to) || api_jstr(r, "reason", &reason) ||
        api_jint(r, "merge_into", &into))
        return 0;
    int rc = id ? matter_transition(api_dc(r), id, to, reason, into) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : detail(r, 200, id);
}

static int follow_as(http_req *r, int yes)
{
    int64_t id = http_param_id(r, "id");
    struct st_matter m;
    int rc = id ? matter_follow(api_dc(r), id, yes) : WG_ENOTFOUND;
    if (rc == 0)
        rc = matter_get(api_dc(r), id, &m);
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:b, s:i}", "id", (json_int_t)id, "following", yes, "followers",
                                           m.followers));
}

static int follow(http_req *r)
{
    return follow_as(r, 1);
}

static int unfollow(http_req *r)
{
    return follow_as(r, 0);
}

static int object(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *body;
    struct st_objection o;
    if (api_need_body(r) || api_jstr(r, "body", &body))
        return 0;
    int rc = id ? matter_object(api_dc(r), id, body, &o) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : api_send_json(r, 201, matter_view_objection(api_dc(r), &o));
}

static int answer(http_req *r)
{
    int64_t id = http_param_id(r, "id"), matter_id = 0;
    const char *text;
    int upheld = 0;
    if (api_need_body(r) || api_jstr(r, "answer", &text) || api_jbool_required(r, "upheld", &upheld))
        return 0;
    int rc = id ? matter_answer(api_dc(r), id, text, upheld, &matter_id) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "upheld", upheld));
}

static int support(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct matter_support sup;
    struct st_matter m;
    int rc = id ? matter_support(api_dc(r), id, &sup) : WG_ENOTFOUND;
    if (rc == 0)
        rc = matter_get(api_dc(r), id, &m);
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:i, s:i, s:b, s:s}", "id", (json_int_t)id, "households",
                                           sup.households, "needed", sup.needed, "mine", sup.mine, "stage", m.stage));
}

const struct http_route matter_api_routes[] = {
    {"GET", "/api/v1/meta", meta, HTTP_API, 0, NULL},
    {"GET", "/api/v1/matters", list, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/matters", create, HTTP_API | HTTP_AUTH | HTTP_CSRF, 128 * 1024, NULL},
    {"GET", "/api/v1/matters/{id}", get, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/matters/{id}/transitions", transition, HTTP_API | HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"PUT", "/api/v1/matters/{id}/follow", follow, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"DELETE", "/api/v1/matters/{id}/follow", unfollow, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/api/v1/matters/{id}/objections", object, HTTP_API | HTTP_AUTH | HTTP_CSRF, 16384, NULL},
    {"POST", "/api/v1/objections/{id}/answer", answer, HTTP_API | HTTP_AUTH | HTTP_CSRF, 16384, NULL},
    {"PUT", "/api/v1/matters/{id}/support", support, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
