/*
 * The pages of calls for opinions: the list (/calls), the staff form
 * (/calls/new), a call with its opinions and the post form (/calls/{id}),
 * one opinion with its discussion and the staff's merge and adopt forms
 * (/opinions/{id}), and the photos themselves (/photos/{id}). No
 * JavaScript: opinions with photos post as multipart/form-data.
 */
#include <string.h>

#include "edge/edge.h"
#include "domain/opinion.h"
#include "domain/photo.h"
#include "web/web.h"



/* A refused photo type is 415; everything else as edge_fail. */
static int fail(http_req *r, int rc)
{
    const char *code = page_dc(r)->code;
    if (rc == WG_EINVAL && code && strcmp(code, "photo_type_unsupported") == 0)
        return edge_error(r, 415, code, NULL), 0;
    return edge_fail(r, rc);
}

static json_t *call_json(http_req *r, const struct st_call *cl)
{
    json_t *o = view_call(page_dc(r), cl);
    json_object_set_new(o, "place_kind_label",
                        json_string(edge_t(r, arena_printf(r->a, "kind_%s", cl->place_kind))));
    json_object_set_new(o, "state_label", json_string(edge_t(r, call_is_open(page_dc(r), cl) ? "call_state_open" : "call_state_closed")));
    return o;
}

static json_t *opinion_json(http_req *r, const struct st_opinion *op, int may_support, int may_manage)
{
    json_t *o = view_opinion(page_dc(r), op);
    int open = strcmp(op->status, "open") == 0;
    json_object_set_new(o, "status_label", json_string(edge_t(r, arena_printf(r->a, "opinion_status_%s", op->status))));
    json_object_set_new(o, "is_merged", json_boolean(op->merged_into != 0));
    json_object_set_new(o, "may_support",
                        json_boolean(may_support && open && op->author_id != page_dc(r)->actor->id));
    json_object_set_new(o, "may_manage", json_boolean(may_manage && open));
    return o;
}

int web_calls(http_req *r)
{
    struct st_call *cs;
    int n = 0, total = 0;
    int rc = call_list(page_dc(r), LIST_LIMIT_MAX, 0, &cs, &n, &total);
    if (rc)
        return fail(r, rc);
    json_t *c = web_base_ctx(r, "calls_for_opinions");
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, call_json(r, &cs[i]));
    json_object_set_new(c, "calls", arr);
    json_object_set_new(c, "total", json_integer(total));
    return web_render(r, 200, "calls", c);
}

/* The places a staff member may open a call at: their own places. */
static json_t *place_options(http_req *r)
{
    json_t *arr = json_array();
    const struct actor *ac = page_dc(r)->actor;
    for (int i = 0; i < ac->nroles; i++) {
        const struct actor_role *ro = &ac->roles[i];
        if (ro->role != ROLE_GRID_WORKER && ro->role != ROLE_COMMUNITY_STAFF)
            continue;
        json_array_append_new(arr, json_pack("{s:I, s:s}", "id", (json_int_t)ro->place_id, "name",
                                             ro->place_name ? ro->place_name : ""));
        struct st_place p, *kids;
        int nk = 0, total = 0;
        if (place_get(page_dc(r), ro->place_id, &p) == 0 && place_children(page_dc(r), &p, 200, 0, &kids, &nk, &total) == 0)
            for (int k = 0; k < nk; k++)
                if (strcmp(kids[k].kind, "grid") == 0 || strcmp(kids[k].kind, "building") == 0)
                    json_array_append_new(arr, json_pack("{s:I, s:s}", "id", (json_int_t)kids[k].id, "name",
                                                         arena_printf(r->a, "%s · %s", ro->place_name ? ro->place_name : "",
                                                                      kids[k].name)));
    }
    return arr;
}

int web_call_new(http_req *r)
{
    json_t *c = web_base_ctx(r, "call_new");
    json_object_set_new(c, "places", place_options(r));
    return web_render(r, 200, "call_new", c);
}

/* "YYYY-MM-DD": the end of that day in China (UTC+8), or -1. */
static int64_t deadline_of(const char *s)
{
    int y, m, d;
    if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1970 || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    /* days from civil (Howard Hinnant's algorithm) */
    int yy = m <= 2 ? y - 1 : y;
    int era = yy / 400, yoe = yy - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = (int64_t)era * 146097 + doe - 719468;
    return days * 86400 + 86400 - 8 * 3600 - 1;
}

int web_call_create(http_req *r)
{
    int bad = 0;
    struct call_new in = {.place_id = edge_int(page_field(r, "place_id"), 0, 1, INT64_MAX / 2, &bad),
                          .title = page_field(r, "title"), .body = page_field(r, "body"),
                          .deadline = deadline_of(page_field(r, "deadline"))};
    if (bad)
        return edge_error(r, 422, "place_not_found", NULL), 0;
    int64_t id = 0;
    int rc = call_create(page_dc(r), &in, &id);
    if (rc)
        return fail(r, rc);
    return http_redirect(r, arena_printf(r->a, "/calls/%lld?done=1", (long long)id));
}

int web_call(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_call cl;
    struct st_opinion *os;
    int n = 0, rc = id ? call_get(page_dc(r), id, &cl) : WG_ENOTFOUND;
    if (rc == 0)
        rc = opinion_list(page_dc(r), id, &os, &n);
    if (rc)
        return fail(r, rc);
    json_t *c = web_base_ctx(r, "calls_for_opinions");
    json_object_set_new(c, "title", json_string(cl.title));
    int audience = call_in_audience(page_dc(r), &cl), open = call_is_open(page_dc(r), &cl);
    int manage = call_may_manage(page_dc(r), &cl);
    json_object_set_new(c, "call", call_json(r, &cl));
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, opinion_json(r, &os[i], audience && open, manage));
    json_object_set_new(c, "opinions", arr);
    json_object_set_new(c, "may_post", json_boolean(audience && open));
    json_object_set_new(c, "may_close", json_boolean(manage && open));
    json_object_set_new(c, "photos_max", json_integer(OPINION_PHOTOS_MAX));
    return web_render(r, 200, "call", c);
}

int web_call_close(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? call_close(page_dc(r), id) : WG_ENOTFOUND;
    if (rc)
        return fail(r, rc);
    return http_redirect(r, arena_printf(r->a, "/calls/%lld?done=1", (long long)id));
}

int web_opinion_create(http_req *r)
{
    struct edge_req *ar = edge_req(r);
    int64_t id = http_param_id(r, "id"), oid = 0;
    struct photo_upload photos[OPINION_PHOTOS_MAX];
    int nphotos = 0;
    for (size_t i = 0; i < ar->form.n; i++) {
        const struct form_field *f = &ar->form.fields[i];
        if (strcmp(f->name, "photos") != 0 || f->value_len == 0)
            continue; /* other fields, or a file input left empty */
        if (nphotos == OPINION_PHOTOS_MAX)
            return edge_error(r, 422, "too_many_photos", NULL), 0;
        photos[nphotos++] = (struct photo_upload){f->value, f->value_len};
    }
    int rc = id ? opinion_post(page_dc(r), id, page_field(r, "body"), photos, nphotos, &oid) : WG_ENOTFOUND;
    if (rc)
        return fail(r, rc);
    return http_redirect(r, arena_printf(r->a, "/calls/%lld?done=1#opinion-%lld", (long long)id, (long long)oid));
}

int web_opinion(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_opinion o;
    struct st_call cl;
    struct st_comment *cs;
    int n = 0, mod = 0, rc = id ? opinion_get(page_dc(r), id, &o, &cl) : WG_ENOTFOUND;
    if (rc == 0)
        rc = comment_list_opinion(page_dc(r), id, &cs, &n, &mod);
    if (rc)
        return fail(r, rc);
    json_t *c = web_base_ctx(r, "opinion");
    json_object_set_new(c, "title", json_string(cl.title));
    int manage = call_may_manage(page_dc(r), &cl);
    json_object_set_new(c, "call", call_json(r, &cl));
    json_object_set_new(c, "opinion",
                        opinion_json(r, &o, call_in_audience(page_dc(r), &cl) && call_is_open(page_dc(r), &cl), manage));
    json_object_set_new(c, "opinion_id", json_integer(id));
    json_t *cats = json_array();
    for (const char *const *k = matter_categories(); *k; k++)
        json_array_append_new(cats, json_pack("{s:s, s:s, s:b}", "value", *k, "label",
                                              edge_t(r, arena_printf(r->a, "category_%s", *k)), "selected",
                                              strcmp(*k, "other") == 0));
    json_object_set_new(c, "categories", cats);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        json_t *v = view_comment(page_dc(r), &cs[i], mod);
        json_object_set_new(v, "is_pending", json_boolean(strcmp(cs[i].status, "pending") == 0));
        json_object_set_new(v, "is_hidden", json_boolean(strcmp(cs[i].status, "hidden") == 0));
        json_object_set_new(v, "may_reply", json_boolean(strcmp(cs[i].status, "visible") == 0 &&
                                                         cs[i].depth < COMMENT_DEPTH_MAX));
        json_object_set_new(v, "moderator", json_boolean(mod));
        json_array_append_new(arr, v);
    }
    json_object_set_new(c, "comments", arr);
    json_object_set_new(c, "comments_base", json_string(arena_printf(r->a, "/opinions/%lld", (long long)id)));
    return web_render(r, 200, "call_opinion", c);
}

int web_opinion_support(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *on = page_field(r, "on");
    struct st_opinion o;
    int rc = id ? opinion_support(page_dc(r), id, !(on && strcmp(on, "0") == 0), &o) : WG_ENOTFOUND;
    if (rc)
        return fail(r, rc);
    return http_redirect(r, arena_printf(r->a, "/calls/%lld?done=1#opinion-%lld", (long long)o.call_id, (long long)id));
}

int web_opinion_merge(http_req *r)
{
    int bad = 0;
    int64_t id = http_param_id(r, "id"), into = edge_int(page_field(r, "into"), 0, 1, INT64_MAX / 2, &bad);
    if (bad)
        return edge_error(r, 422, "into_invalid", NULL), 0;
    int rc = id ? opinion_merge(page_dc(r), id, into) : WG_ENOTFOUND;
    if (rc)
        return fail(r, rc);
    return http_redirect(r, arena_printf(r->a, "/opinions/%lld?done=1", (long long)into));
}

int web_opinion_adopt(http_req *r)
{
    int64_t id = http_param_id(r, "id"), mid = 0;
    const char *title = page_field(r, "title");
    int rc = id ? opinion_adopt(page_dc(r), id, title && *title ? title : NULL, page_field(r, "category"), &mid) : WG_ENOTFOUND;
    if (rc)
        return fail(r, rc);
    return http_redirect(r, arena_printf(r->a, "/matters/%lld?done=1", (long long)mid));
}

int web_opinion_comment_create(http_req *r)
{
    int bad = 0;
    int64_t id = http_param_id(r, "id"), cid = 0;
    int64_t parent = edge_int(page_field(r, "parent_id"), 0, 1, INT64_MAX / 2, &bad);
    const char *status = NULL;
    if (bad)
        return edge_error(r, 422, "parent_invalid", NULL), 0;
    int rc = comment_post_opinion(page_dc(r), id, parent, page_field(r, "body"), &cid, &status);
    if (rc)
        return fail(r, rc);
    return http_redirect(r, arena_printf(r->a, "/opinions/%lld?done=1#comment-%lld", (long long)id, (long long)cid));
}

int web_photo(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_photo p;
    int rc = id ? photo_get(page_dc(r), id, &p) : WG_ENOTFOUND;
    if (rc)
        return fail(r, rc);
    buf_reset(r->out);
    buf_add(r->out, p.data, p.size);
    http_add_header(r, "cache-control", "private, max-age=86400");
    return http_send(r, 200, p.mime);
}
