/*
 * /api/v1 handlers of calls for opinions, opinions, their supports, merges,
 * adoption into matters and comments (docs/api.md, "Calls for opinions").
 * Input is JSON, except creating an opinion, which also takes
 * multipart/form-data: a "body" field and up to three file parts named
 * "photos" (JPEG, PNG or WebP, each at most 900 KiB).
 */
#include <string.h>

#include "api/api.h"
#include "edge/api.h"
#include "edge/edge.h"
#include "domain/opinion.h"
#include "domain/photo.h"

/* A refused photo type is 415; everything else as edge_fail. */
static int fail(http_req *r, int rc)
{
    const char *code = api_dc(r)->code;
    if (rc == WG_EINVAL && code && strcmp(code, "photo_type_unsupported") == 0)
        return edge_error(r, 415, code, NULL), 0;
    return edge_fail(r, rc);
}

/* ---- calls ---- */

int api_calls(http_req *r)
{
    int limit, offset, n = 0, total = 0;
    struct st_call *cs;
    if (api_paging(r, &limit, &offset))
        return 0;
    int rc = call_list(api_dc(r), limit, offset, &cs, &n, &total);
    if (rc)
        return fail(r, rc);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, view_call(api_dc(r), &cs[i]));
    return api_send_json(r, 200, json_pack("{s:o, s:i, s:i, s:i}", "items", arr, "total", total, "limit", limit,
                                       "offset", offset));
}

int api_call_create(http_req *r)
{
    struct call_new in = {0};
    int64_t id = 0;
    if (api_need_body(r) || api_jint(r, "place_id", &in.place_id) || api_jstr(r, "title", &in.title) ||
        api_jstr(r, "body", &in.body) || api_jint(r, "deadline", &in.deadline))
        return 0;
    int rc = call_create(api_dc(r), &in, &id);
    struct st_call cl;
    if (rc == 0)
        rc = call_get(api_dc(r), id, &cl);
    return rc ? fail(r, rc) : api_send_json(r, 201, view_call(api_dc(r), &cl));
}

static json_t *opinions_json(http_req *r, int64_t call_id, int *rc)
{
    struct st_opinion *os;
    int n = 0;
    if ((*rc = opinion_list(api_dc(r), call_id, &os, &n)))
        return NULL;
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, view_opinion(api_dc(r), &os[i]));
    return arr;
}

int api_call(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_call cl;
    int rc = id ? call_get(api_dc(r), id, &cl) : WG_ENOTFOUND;
    json_t *ops = rc ? NULL : opinions_json(r, id, &rc);
    if (rc)
        return fail(r, rc);
    json_t *o = view_call(api_dc(r), &cl);
    json_object_set_new(o, "opinion_items", ops);
    json_object_set_new(o, "may_manage", json_boolean(call_may_manage(api_dc(r), &cl)));
    json_object_set_new(o, "may_post", json_boolean(call_in_audience(api_dc(r), &cl) && call_is_open(api_dc(r), &cl)));
    return api_send_json(r, 200, o);
}

int api_call_close(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_call cl;
    int rc = id ? call_close(api_dc(r), id) : WG_ENOTFOUND;
    if (rc == 0)
        rc = call_get(api_dc(r), id, &cl);
    return rc ? fail(r, rc) : api_send_json(r, 200, view_call(api_dc(r), &cl));
}

/* ---- opinions ---- */

int api_opinions(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? 0 : WG_ENOTFOUND;
    json_t *arr = rc ? NULL : opinions_json(r, id, &rc);
    if (rc)
        return fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:o, s:i}", "items", arr, "total", (int)json_array_size(arr)));
}

int api_opinion_create(http_req *r)
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
        for (size_t i = 0; i < ar->form.n; i++) {
            const struct form_field *f = &ar->form.fields[i];
            if (strcmp(f->name, "photos") != 0)
                continue;
            if (f->value_len == 0)
                continue; /* a file input left empty */
            if (nphotos == OPINION_PHOTOS_MAX) {
                api_dc(r)->field = "photos";
                return edge_error(r, 422, "too_many_photos", NULL), 0;
            }
            photos[nphotos++] = (struct photo_upload){f->value, f->value_len};
        }
    } else {
        return api_need_body(r), 0;
    }
    int rc = id ? opinion_post(api_dc(r), id, body, photos, nphotos, &oid) : WG_ENOTFOUND;
    struct st_opinion o;
    struct st_call cl;
    if (rc == 0)
        rc = opinion_get(api_dc(r), oid, &o, &cl);
    return rc ? fail(r, rc) : api_send_json(r, 201, view_opinion(api_dc(r), &o));
}

int api_opinion(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_opinion o;
    struct st_call cl;
    int rc = id ? opinion_get(api_dc(r), id, &o, &cl) : WG_ENOTFOUND;
    if (rc)
        return fail(r, rc);
    json_t *v = view_opinion(api_dc(r), &o);
    json_object_set_new(v, "call", view_call(api_dc(r), &cl));
    json_object_set_new(v, "may_manage", json_boolean(call_may_manage(api_dc(r), &cl)));
    return api_send_json(r, 200, v);
}

static int support(http_req *r, int on)
{
    int64_t id = http_param_id(r, "id");
    struct st_opinion o;
    int rc = id ? opinion_support(api_dc(r), id, on, &o) : WG_ENOTFOUND;
    if (rc)
        return fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:i, s:b}", "id", (json_int_t)id, "supports", o.supports, "mine", o.mine));
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
    if (api_need_body(r) || api_jint(r, "into", &into))
        return 0;
    int rc = id ? opinion_merge(api_dc(r), id, into) : WG_ENOTFOUND;
    struct st_opinion o;
    struct st_call cl;
    if (rc == 0)
        rc = opinion_get(api_dc(r), into, &o, &cl);
    return rc ? fail(r, rc) : api_send_json(r, 200, view_opinion(api_dc(r), &o));
}

int api_opinion_adopt(http_req *r)
{
    int64_t id = http_param_id(r, "id"), mid = 0;
    const char *title, *category;
    if (api_need_body(r) || api_jstr(r, "title", &title) || api_jstr(r, "category", &category))
        return 0;
    int rc = id ? opinion_adopt(api_dc(r), id, title, category, &mid) : WG_ENOTFOUND;
    if (rc)
        return fail(r, rc);
    return api_send_json(r, 201, json_pack("{s:I, s:I, s:s}", "id", (json_int_t)id, "matter_id", (json_int_t)mid,
                                       "status", "adopted"));
}

/* ---- comments on opinions ---- */

int api_opinion_comments(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_comment *cs;
    int n = 0, mod = 0, rc = comment_list_opinion(api_dc(r), id, &cs, &n, &mod);
    if (rc)
        return fail(r, rc);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        json_t *v = view_comment(api_dc(r), &cs[i], mod);
        json_object_set_new(v, "matter_id", json_null());
        json_object_set_new(v, "opinion_id", json_integer(id));
        json_array_append_new(arr, v);
    }
    return api_send_json(r, 200, json_pack("{s:o, s:i, s:b}", "items", arr, "total", n, "may_moderate", mod));
}

int api_opinion_comment_create(http_req *r)
{
    int64_t id = http_param_id(r, "id"), parent = 0, cid = 0;
    const char *body, *status = NULL;
    if (api_need_body(r) || api_jstr(r, "body", &body) || api_jint(r, "parent_id", &parent))
        return 0;
    int rc = comment_post_opinion(api_dc(r), id, parent, body, &cid, &status);
    if (rc)
        return fail(r, rc);
    return api_send_json(r, 201, json_pack("{s:I, s:s}", "id", (json_int_t)cid, "status", status));
}
