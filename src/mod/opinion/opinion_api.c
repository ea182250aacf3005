/*
 * /api/v1 handlers of calls for opinions, opinions, their supports, merges,
 * adoption into matters and comments (docs/api.md, "Calls for opinions").
 * Input is JSON, except creating an opinion, which also takes
 * multipart/form-data: a "body" field and up to three file parts named
 * "photos" (JPEG, PNG or WebP, each at most 900 KiB). The list of calls
 * and the opinions of a call also answer ?format=xlsx|csv (edge/export.h).
 */
#include <string.h>

#include "edge/api.h"
#include "edge/export.h"
#include "mod/comment/comment_api.h"
#include "mod/opinion/opinion.h"

/* ---- exports: through the rules the lists use ---- */

static const struct sheet_col calls_cols[] = {
    {"export_col_id", SHEET_INT, 8},         {"call_col_title", SHEET_TEXT, 24},
    {"call_col_place", SHEET_TEXT, 14},      {"call_col_state", SHEET_TEXT, 8},
    {"call_deadline", SHEET_TIME, 17},       {"call_col_opinions", SHEET_INT, 8},
    {"call_col_author", SHEET_TEXT, 12},     {"call_col_created", SHEET_TIME, 17},
};

/* The calls, LIST_LIMIT_MAX a page; ud: the offset of the next page. */
static int calls_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    int *offset = ud, n = 0, total = 0;
    struct st_call *cs = NULL;
    int rc = opinion_calls(c, LIST_LIMIT_MAX, *offset, &cs, &n, &total);
    for (int i = 0; rc == 0 && i < n; i++) {
        sheet_int(sh, cs[i].id);
        sheet_text(sh, cs[i].title);
        sheet_text(sh, cs[i].place_name);
        sheet_text(sh, edge_t(r, opinion_call_is_open(c, &cs[i]) ? "call_state_open" : "call_state_closed"));
        sheet_time(sh, cs[i].deadline);
        sheet_int(sh, cs[i].opinions);
        sheet_text(sh, cs[i].author_name);
        sheet_time(sh, cs[i].created_at);
        sheet_row_end(sh);
    }
    *offset += n;
    *more = rc == 0 && n == LIST_LIMIT_MAX && *offset < total;
    return rc;
}

static const struct export_list calls_export = EXPORT_LIST("calls", "calls_for_opinions", calls_cols, calls_page);

/* The opinions as the call's page shows them: the author's name, the
 * text, its state, supports, what it was merged into or became. */
static const struct sheet_col opinions_cols[] = {
    {"export_col_id", SHEET_INT, 8},          {"opinion_col_author", SHEET_TEXT, 12},
    {"opinion_col_body", SHEET_TEXT, 40},     {"opinion_col_status", SHEET_TEXT, 8},
    {"opinion_col_supports", SHEET_INT, 8},   {"opinion_col_merged_into", SHEET_INT, 8},
    {"opinion_col_matter", SHEET_INT, 8},     {"opinion_col_photos", SHEET_INT, 6},
    {"opinion_col_created", SHEET_TIME, 17},
};

static int opinions_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct st_opinion *os = NULL;
    int n = 0, rc = opinion_list(c, *(int64_t *)ud, &os, &n);
    for (int i = 0; rc == 0 && i < n; i++) {
        sheet_int(sh, os[i].id);
        sheet_text(sh, os[i].author_name);
        sheet_text(sh, os[i].body);
        sheet_text(sh, export_tr(r, "opinion_status_", os[i].status));
        sheet_int(sh, os[i].supports);
        if (os[i].merged_into)
            sheet_int(sh, os[i].merged_into);
        else
            sheet_blank(sh);
        if (os[i].matter_id)
            sheet_int(sh, os[i].matter_id);
        else
            sheet_blank(sh);
        sheet_int(sh, os[i].nphotos);
        sheet_time(sh, os[i].created_at);
        sheet_row_end(sh);
    }
    *more = 0;
    return rc;
}

static const struct export_list opinions_export = EXPORT_LIST("opinions", "opinions", opinions_cols, opinions_page);

/* ---- calls ---- */

static int calls(http_req *r)
{
    int limit, offset, n = 0, total = 0, format = export_format(r);
    struct st_call *cs;
    if (format)
        return format < 0 ? 0 : export_send(r, format, &calls_export, &(int){0});
    if (api_paging(r, &limit, &offset))
        return 0;
    int rc = opinion_calls(api_dc(r), limit, offset, &cs, &n, &total);
    if (rc)
        return edge_fail(r, rc);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, opinion_view_call(api_dc(r), &cs[i]));
    return api_send_json(r, 200, json_pack("{s:o, s:i, s:i, s:i}", "items", arr, "total", total, "limit", limit,
                                       "offset", offset));
}

static int call_create(http_req *r)
{
    struct opinion_call_new in = {0};
    int64_t id = 0;
    if (api_need_body(r) || api_jint(r, "place_id", &in.place_id) || api_jstr(r, "title", &in.title) ||
        api_jstr(r, "body", &in.body) || api_jint(r, "deadline", &in.deadline))
        return 0;
    int rc = opinion_call_create(api_dc(r), &in, &id);
    struct st_call cl;
    if (rc == 0)
        rc = opinion_call_get(api_dc(r), id, &cl);
    return rc ? edge_fail(r, rc) : api_send_json(r, 201, opinion_view_call(api_dc(r), &cl));
}

static json_t *opinions_json(http_req *r, int64_t call_id, int *rc)
{
    struct st_opinion *os;
    int n = 0;
    if ((*rc = opinion_list(api_dc(r), call_id, &os, &n)))
        return NULL;
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, opinion_view(api_dc(r), &os[i]));
    return arr;
}

static int call(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_call cl;
    int rc = id ? opinion_call_get(api_dc(r), id, &cl) : WG_ENOTFOUND;
    json_t *ops = rc ? NULL : opinions_json(r, id, &rc);
    if (rc)
        return edge_fail(r, rc);
    json_t *o = opinion_view_call(api_dc(r), &cl);
    json_object_set_new(o, "opinion_items", ops);
    json_object_set_new(o, "may_manage", json_boolean(opinion_call_may_manage(api_dc(r), &cl)));
    json_object_set_new(o, "may_post", json_boolean(opinion_call_in_audience(api_dc(r), &cl) && opinion_call_is_open(api_dc(r), &cl)));
    return api_send_json(r, 200, o);
}

static int call_close(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_call cl;
    int rc = id ? opinion_call_close(api_dc(r), id) : WG_ENOTFOUND;
    if (rc == 0)
        rc = opinion_call_get(api_dc(r), id, &cl);
    return rc ? edge_fail(r, rc) : api_send_json(r, 200, opinion_view_call(api_dc(r), &cl));
}

/* ---- opinions ---- */

static int opinions(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? 0 : WG_ENOTFOUND, format = export_format(r);
    if (format < 0)
        return 0;
    if (format && id)
        return export_send(r, format, &opinions_export, &id);
    json_t *arr = rc ? NULL : opinions_json(r, id, &rc);
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:o, s:i}", "items", arr, "total", (int)json_array_size(arr)));
}

static int opinion_create(http_req *r)
{
    struct edge_req *ar = edge_req(r);
    int64_t id = http_param_id(r, "id"), oid = 0;
    const char *body = NULL;
    struct photo_upload photos[OPINION_PHOTOS_MAX + 1];
    int nphotos = 0;
    if (ar->json) {
        if (api_jstr(r, "body", &body))
            return 0;
        if (json_object_get(ar->json, "photos"))
            return api_bad_field(r, "photos", "multipart_required"), 0;
    } else if (ar->form.n > 0) {
        body = form_get(&ar->form, "body");
        if ((nphotos = photo_collect(&ar->form, photos, OPINION_PHOTOS_MAX)) < 0) {
            api_dc(r)->field = "photos";
            return edge_error(r, 422, "too_many_photos", NULL), 0;
        }
    } else {
        return api_need_body(r), 0;
    }
    int rc = id ? opinion_post(api_dc(r), id, body, photos, nphotos, &oid) : WG_ENOTFOUND;
    struct st_opinion o;
    struct st_call cl;
    if (rc == 0)
        rc = opinion_get(api_dc(r), oid, &o, &cl);
    return rc ? edge_fail(r, rc) : api_send_json(r, 201, opinion_view(api_dc(r), &o));
}

static int opinion(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_opinion o;
    struct st_call cl;
    int rc = id ? opinion_get(api_dc(r), id, &o, &cl) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    json_t *v = opinion_view(api_dc(r), &o);
    json_object_set_new(v, "call", opinion_view_call(api_dc(r), &cl));
    json_object_set_new(v, "may_manage", json_boolean(opinion_call_may_manage(api_dc(r), &cl)));
    return api_send_json(r, 200, v);
}

static int support_as(http_req *r, int on)
{
    int64_t id = http_param_id(r, "id");
    struct st_opinion o;
    int rc = id ? opinion_support(api_dc(r), id, on, &o) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:i, s:b}", "id", (json_int_t)id, "supports", o.supports, "mine", o.mine));
}

static int on_support(http_req *r)
{
    return support_as(r, 1);
}

static int on_unsupport(http_req *r)
{
    return support_as(r, 0);
}

static int merge(http_req *r)
{
    int64_t id = http_param_id(r, "id"), into = 0;
    if (api_need_body(r) || api_jint(r, "into", &into))
        return 0;
    int rc = id ? opinion_merge(api_dc(r), id, into) : WG_ENOTFOUND;
    struct st_opinion o;
    struct st_call cl;
    if (rc == 0)
        rc = opinion_get(api_dc(r), into, &o, &cl);
    return rc ? edge_fail(r, rc) : api_send_json(r, 200, opinion_view(api_dc(r), &o));
}

static int adopt(http_req *r)
{
    int64_t id = http_param_id(r, "id"), mid = 0;
    const char *title, *category;
    if (api_need_body(r) || api_jstr(r, "title", &title) || api_jstr(r, "category", &category))
        return 0;
    int rc = id ? opinion_adopt(api_dc(r), id, title, category, &mid) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 201, json_pack("{s:I, s:I, s:s}", "id", (json_int_t)id, "matter_id", (json_int_t)mid,
                                       "status", "adopted"));
}

/* ---- comments on opinions: the comment module's, an opinion being a subject ---- */

static int comments(http_req *r)
{
    return comment_api_list(r, "opinion");
}

static int comment_create(http_req *r)
{
    return comment_api_post(r, "opinion");
}

const struct http_route opinion_api_routes[] = {
    {"GET", "/api/v1/calls", calls, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/calls", call_create, HTTP_API | HTTP_AUTH | HTTP_CSRF, 32 * 1024, NULL},
    {"GET", "/api/v1/calls/{id}", call, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/calls/{id}/close", call_close, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"GET", "/api/v1/calls/{id}/opinions", opinions, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/calls/{id}/opinions", opinion_create, HTTP_API | HTTP_AUTH | HTTP_CSRF | HTTP_UPLOAD | HTTP_WORKER, PHOTO_BODY_MAX,
     NULL},
    {"GET", "/api/v1/opinions/{id}", opinion, HTTP_API | HTTP_AUTH, 0, NULL},
    {"PUT", "/api/v1/opinions/{id}/support", on_support, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"DELETE", "/api/v1/opinions/{id}/support", on_unsupport, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/api/v1/opinions/{id}/merge", merge, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/api/v1/opinions/{id}/adopt", adopt, HTTP_API | HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"GET", "/api/v1/opinions/{id}/comments", comments, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/opinions/{id}/comments", comment_create, HTTP_API | HTTP_AUTH | HTTP_CSRF, 16384, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
