/*
 * /api/v1 handlers of calls for opinions, opinions, their supports, merges,
 * adoption into matters and comments (docs/api.md, "Calls for opinions").
 * Input is JSON, except creating an opinion, which also takes
 * multipart/form-data: a "body" field and up to three file parts named
 * "photos" (JPEG, PNG or WebP, each at most 900 KiB).
 */
#include <string.h>

#include "api/api.h"
#include "app/app.h"
#include "domain/opinion.h"
#include "domain/photo.h"

static dctx *dc(http_req *r)
{
    return &app_req(r)->dc;
}

static int dump_cb(const char *buffer, size_t size, void *data)
{
    return buf_add(data, buffer, size) == 0 ? 0 : -1;
}

static int send_json(http_req *r, int status, json_t *obj)
{
    buf_reset(r->out);
    json_dump_callback(obj, dump_cb, r->out, JSON_COMPACT | JSON_ENSURE_ASCII);
    buf_addc(r->out, '\n');
    json_decref(obj);
    http_add_header(r, "cache-control", "no-store");
    return http_send(r, status, "application/json; charset=utf-8");
}

/* A refused photo type is 415; everything else as app_fail. */
static int fail(http_req *r, int rc)
{
    const char *code = dc(r)->code;
    if (rc == WG_EINVAL && code && strcmp(code, "photo_type_unsupported") == 0)
        return app_error(r, 415, code, NULL), 0;
    return app_fail(r, rc);
}

static int bad_field(http_req *r, const char *field, const char *code)
{
    dc(r)->field = field;
    app_error(r, 400, code, NULL);
    return -1;
}

static int need_json(http_req *r)
{
    if (app_req(r)->json == NULL) {
        app_error(r, 400, "json_required", NULL);
        return -1;
    }
    return 0;
}

static int jstr(http_req *r, const char *key, const char **out)
{
    json_t *v = app_req(r)->json ? json_object_get(app_req(r)->json, key) : NULL;
    *out = NULL;
    if (v == NULL || json_is_null(v))
        return 0;
    if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
        return bad_field(r, key, "bad_type");
    *out = json_string_value(v);
    return 0;
}

static int jint(http_req *r, const char *key, int64_t *out)
{
    json_t *v = app_req(r)->json ? json_object_get(app_req(r)->json, key) : NULL;
    *out = 0;
    if (v == NULL || json_is_null(v))
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return bad_field(r, key, "bad_type");
    *out = json_integer_value(v);
    return 0;
}

static int paging(http_req *r, int *limit, int *offset)
{
    int bad = 0;
    long l = app_int(app_query(r, "limit"), LIST_LIMIT_DEFAULT, 1, 1000000, &bad);
    long o = app_int(app_query(r, "offset"), 0, 0, 100000000, &bad);
    if (bad) {
        app_error(r, 400, "bad_query", NULL);
        return -1;
    }
    *limit = l > LIST_LIMIT_MAX ? LIST_LIMIT_MAX : (int)l;
    *offset = (int)o;
    return 0;
}

/* ---- calls ---- */

int api_calls(http_req *r)
{
    int limit, offset, n = 0, total = 0;
    struct st_call *cs;
    if (paging(r, &limit, &offset))
        return 0;
    int rc = call_list(dc(r), limit, offset, &cs, &n, &total);
    if (rc)
        return fail(r, rc);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, view_call(dc(r), &cs[i]));
    return send_json(r, 200, json_pack("{s:o, s:i, s:i, s:i}", "items", arr, "total", total, "limit", limit,
                                       "offset", offset));
}

int api_call_create(http_req *r)
{
    struct call_new in = {0};
    int64_t id = 0;
    if (need_json(r) || jint(r, "place_id", &in.place_id) || jstr(r, "title", &in.title) ||
        jstr(r, "body", &in.body) || jint(r, "deadline", &in.deadline))
        return 0;
    int rc = call_create(dc(r), &in, &id);
    struct st_call cl;
    if (rc == 0)
        rc = call_get(dc(r), id, &cl);
    return rc ? fail(r, rc) : send_json(r, 201, view_call(dc(r), &cl));
}

static json_t *opinions_json(http_req *r, int64_t call_id, int *rc)
{
    struct st_opinion *os;
    int n = 0;
    if ((*rc = opinion_list(dc(r), call_id, &os, &n)))
        return NULL;
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, view_opinion(dc(r), &os[i]));
    return arr;
}

int api_call(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_call cl;
    int rc = id ? call_get(dc(r), id, &cl) : WG_ENOTFOUND;
    json_t *ops = rc ? NULL : opinions_json(r, id, &rc);
    if (rc)
        return fail(r, rc);
    json_t *o = view_call(dc(r), &cl);
    json_object_set_new(o, "opinion_items", ops);
    json_object_set_new(o, "may_manage", json_boolean(call_may_manage(dc(r), &cl)));
    json_object_set_new(o, "may_post", json_boolean(call_in_audience(dc(r), &cl) && call_is_open(dc(r), &cl)));
    return send_json(r, 200, o);
}

int api_call_close(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_call cl;
    int rc = id ? call_close(dc(r), id) : WG_ENOTFOUND;
    if (rc == 0)
        rc = call_get(dc(r), id, &cl);
    return rc ? fail(r, rc) : send_json(r, 200, view_call(dc(r), &cl));
}

/* ---- opinions ---- */

int api_opinions(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? 0 : WG_ENOTFOUND;
    json_t *arr = rc ? NULL : opinions_json(r, id, &rc);
    if (rc)
        return fail(r, rc);
    return send_json(r, 200, json_pack("{s:o, s:i}", "items", arr, "total", (int)json_array_size(arr)));
}

int api_opinion_create(http_req *r)
{
    struct app_req *ar = app_req(r);
    int64_t id = http_param_id(r, "id"), oid = 0;
    const char *body = NULL;
    struct photo_upload photos[OPINION_PHOTOS_MAX + 1];
    int nphotos = 0;
    if (ar->json) {
        if (jstr(r, "body", &body))
            return 0;
        if (json_object_get(ar->json, "photos"))
            return bad_field(r, "photos", "multipart_required"), 0;
    } else if (ar->form.n > 0) {
        body = form_get(&ar->form, "body");
        for (size_t i = 0; i < ar->form.n; i++) {
            const struct form_field *f = &ar->form.fields[i];
            if (strcmp(f->name, "photos") != 0)
                continue;
            if (f->value_len == 0)
                continue; /* a file input left empty */
            if (nphotos == OPINION_PHOTOS_MAX) {
                dc(r)->field = "photos";
                return app_error(r, 422, "too_many_photos", NULL), 0;
            }
            photos[nphotos++] = (struct photo_upload){f->value, f->value_len};
        }
    } else {
        return need_json(r), 0;
    }
    int rc = id ? opinion_post(dc(r), id, body, photos, nphotos, &oid) : WG_ENOTFOUND;
    struct st_opinion o;
    struct st_call cl;
    if (rc == 0)
        rc = opinion_get(dc(r), oid, &o, &cl);
    return rc ? fail(r, rc) : send_json(r, 201, view_opinion(dc(r), &o));
}

int api_opinion(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_opinion o;
    struct st_call cl;
    int rc = id ? opinion_get(dc(r), id, &o, &cl) : WG_ENOTFOUND;
    if (rc)
        return fail(r, rc);
    json_t *v = view_opinion(dc(r), &o);
    json_object_set_new(v, "call", view_call(dc(r), &cl));
    json_object_set_new(v, "may_manage", json_boolean(call_may_manage(dc(r), &cl)));
    return send_json(r, 200, v);
}

static int support(http_req *r, int on)
{
    int64_t id = http_param_id(r, "id");
    struct st_opinion o;
    int rc = id ? opinion_support(dc(r), id, on, &o) : WG_ENOTFOUND;
    if (rc)
        return fail(r, rc);
    return send_json(r, 200, json_pack("{s:I, s:i, s:b}", "id", (json_int_t)id, "supports", o.supports, "mine", o.mine));
}

int api_opinion_support(http_req *r)
{
    return support(r, 1);
}

int api_opinion_unsupport(http_req *r)
{
    return support(r, 0);
}

int api_opinion_merge(http_req *r)
{
    int64_t id = http_param_id(r, "id"), into = 0;
    if (need_json(r) || jint(r, "into", &into))
        return 0;
    int rc = id ? opinion_merge(dc(r), id, into) : WG_ENOTFOUND;
    struct st_opinion o;
    struct st_call cl;
    if (rc == 0)
        rc = opinion_get(dc(r), into, &o, &cl);
    return rc ? fail(r, rc) : send_json(r, 200, view_opinion(dc(r), &o));
}

int api_opinion_adopt(http_req *r)
{
    int64_t id = http_param_id(r, "id"), mid = 0;
    const char *title, *category;
    if (need_json(r) || jstr(r, "title", &title) || jstr(r, "category", &category))
        return 0;
    int rc = id ? opinion_adopt(dc(r), id, title, category, &mid) : WG_ENOTFOUND;
    if (rc)
        return fail(r, rc);
    return send_json(r, 201, json_pack("{s:I, s:I, s:s}", "id", (json_int_t)id, "matter_id", (json_int_t)mid,
                                       "status", "adopted"));
}

/* ---- comments on opinions ---- */

int api_opinion_comments(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_comment *cs;
    int n = 0, mod = 0, rc = comment_list_opinion(dc(r), id, &cs, &n, &mod);
    if (rc)
        return fail(r, rc);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        json_t *v = view_comment(dc(r), &cs[i], mod);
        json_object_set_new(v, "matter_id", json_null());
        json_object_set_new(v, "opinion_id", json_integer(id));
        json_array_append_new(arr, v);
    }
    return send_json(r, 200, json_pack("{s:o, s:i, s:b}", "items", arr, "total", n, "may_moderate", mod));
}

int api_opinion_comment_create(http_req *r)
{
    int64_t id = http_param_id(r, "id"), parent = 0, cid = 0;
    const char *body, *status = NULL;
    if (need_json(r) || jstr(r, "body", &body) || jint(r, "parent_id", &parent))
        return 0;
    int rc = comment_post_opinion(dc(r), id, parent, body, &cid, &status);
    if (rc)
        return fail(r, rc);
    return send_json(r, 201, json_pack("{s:I, s:s}", "id", (json_int_t)cid, "status", status));
}
