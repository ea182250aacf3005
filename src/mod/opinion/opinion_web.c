/*
 * The pages of calls for opinions: the list (/calls), the staff form
 * (/calls/new), a call with its opinions and the post form (/calls/{id}),
 * one opinion with its discussion and the staff's merge and adopt forms
 * (/opinions/{id}). No
 * JavaScript: opinions with photos post as multipart/form-data.
 */
#include <string.h>

#include "core/time.h"
#include "edge/export.h"
#include "edge/page.h"
#include "mod/comment/comment_web.h"
#include "mod/opinion/opinion.h"

static json_t *call_json(http_req *r, const struct st_call *cl)
{
    json_t *o = opinion_view_call(page_dc(r), cl);
    json_object_set_new(o, "place_kind_label",
                        json_string(edge_t(r, arena_printf(r->a, "kind_%s", cl->place_kind))));
    json_object_set_new(o, "state_label", json_string(edge_t(r, opinion_call_is_open(page_dc(r), cl) ? "call_state_open" : "call_state_closed")));
    return o;
}

static json_t *opinion_json(http_req *r, const struct st_opinion *op, int may_support, int may_manage)
{
    json_t *o = opinion_view(page_dc(r), op);
    int open = strcmp(op->status, "open") == 0;
    json_object_set_new(o, "status_label", json_string(edge_t(r, arena_printf(r->a, "opinion_status_%s", op->status))));
    json_object_set_new(o, "is_merged", json_boolean(op->merged_into != 0));
    json_object_set_new(o, "may_support",
                        json_boolean(may_support && open && op->author_id != page_dc(r)->actor->id));
    json_object_set_new(o, "may_manage", json_boolean(may_manage && open));
    return o;
}

static int calls_page(http_req *r)
{
    struct st_call *cs;
    int n = 0, total = 0;
    int rc = opinion_calls(page_dc(r), LIST_LIMIT_MAX, 0, &cs, &n, &total);
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "calls_for_opinions");
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, call_json(r, &cs[i]));
    json_object_set_new(c, "calls", arr);
    export_links(r, c, "/api/v1/calls", NULL);
    json_object_set_new(c, "total", json_integer(total));
    return page_render(r, 200, "calls", c);
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

static int call_new_page(http_req *r)
{
    json_t *c = page_ctx(r, "call_new");
    json_object_set_new(c, "places", place_options(r));
    return page_render(r, 200, "call_new", c);
}

/* "YYYY-MM-DD": the end of that day in China (UTC+8), or -1. */
static int64_t deadline_of(const char *s)
{
    int64_t day;
    return time_parse_date(s, &day) == 0 ? day + TIME_DAY - 1 : -1;
}

static int call_create(http_req *r)
{
    int bad = 0;
    struct opinion_call_new in = {.place_id = page_int_id(page_field(r, "place_id"), &bad),
                          .title = page_field(r, "title"), .body = page_field(r, "body"),
                          .deadline = deadline_of(page_field(r, "deadline"))};
    if (bad)
        return edge_error(r, 422, "place_not_found", NULL), 0;
    int64_t id = 0;
    int rc = opinion_call_create(page_dc(r), &in, &id);
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/calls/%lld", (long long)id), "flash_call_opened");
}

static int call_page(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_call cl;
    struct st_opinion *os;
    int n = 0, rc = id ? opinion_call_get(page_dc(r), id, &cl) : WG_ENOTFOUND;
    if (rc == 0)
        rc = opinion_list(page_dc(r), id, &os, &n);
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "calls_for_opinions");
    json_object_set_new(c, "title", json_string(cl.title));
    int audience = opinion_call_in_audience(page_dc(r), &cl), open = opinion_call_is_open(page_dc(r), &cl);
    int manage = opinion_call_may_manage(page_dc(r), &cl);
    json_object_set_new(c, "call", call_json(r, &cl));
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, opinion_json(r, &os[i], audience && open, manage));
    json_object_set_new(c, "opinions", arr);
    json_object_set_new(c, "may_post", json_boolean(audience && open));
    json_object_set_new(c, "may_close", json_boolean(manage && open));
    json_object_set_new(c, "photos_max", json_integer(OPINION_PHOTOS_MAX));
    export_links(r, c, arena_printf(r->a, "/api/v1/calls/%lld/opinions", (long long)id), NULL);
    return page_render(r, 200, "call", c);
}

static int call_close(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? opinion_call_close(page_dc(r), id) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/calls/%lld", (long long)id), "flash_call_closed");
}

static int opinion_create(http_req *r)
{
    struct edge_req *ar = edge_req(r);
    int64_t id = http_param_id(r, "id"), oid = 0;
    struct photo_upload photos[OPINION_PHOTOS_MAX];
    int nphotos = 0;
    if ((nphotos = photo_collect(&ar->form, photos, OPINION_PHOTOS_MAX)) < 0)
        return edge_error(r, 422, "too_many_photos", NULL), 0;
    int rc = id ? opinion_post(page_dc(r), id, page_field(r, "body"), photos, nphotos, &oid) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/calls/%lld#opinion-%lld", (long long)id, (long long)oid),
                     "flash_opinion_posted");
}

static int opinion_page(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_opinion o;
    struct st_call cl;
    struct subject s;
    json_t *thread = NULL;
    int rc = id ? opinion_get(page_dc(r), id, &o, &cl) : WG_ENOTFOUND;
    if (rc == 0)
        rc = subject_resolve(page_dc(r), "opinion", id, &s);
    if (rc == 0)
        thread = comment_web_thread(r, &s, &rc);
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "opinion");
    json_object_set_new(c, "title", json_string(cl.title));
    int manage = opinion_call_may_manage(page_dc(r), &cl);
    json_object_set_new(c, "call", call_json(r, &cl));
    json_object_set_new(c, "opinion",
                        opinion_json(r, &o, opinion_call_in_audience(page_dc(r), &cl) && opinion_call_is_open(page_dc(r), &cl), manage));
    json_object_set_new(c, "opinion_id", json_integer(id));
    json_t *cats = json_array();
    for (const char *const *k = matter_categories(); *k; k++)
        json_array_append_new(cats, json_pack("{s:s, s:s, s:b}", "value", *k, "label",
                                              edge_t(r, arena_printf(r->a, "category_%s", *k)), "selected",
                                              strcmp(*k, "other") == 0));
    json_object_set_new(c, "categories", cats);
    json_object_update(c, thread);
    json_decref(thread);
    return page_render(r, 200, "call_opinion", c);
}

static int support(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *on = page_field(r, "on");
    struct st_opinion o;
    int rc = id ? opinion_support(page_dc(r), id, !(on && strcmp(on, "0") == 0), &o) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/calls/%lld#opinion-%lld", (long long)o.call_id, (long long)id),
                     "flash_saved");
}

static int merge(http_req *r)
{
    int bad = 0;
    int64_t id = http_param_id(r, "id"), into = page_int_id(page_field(r, "into"), &bad);
    if (bad)
        return edge_error(r, 422, "into_invalid", NULL), 0;
    int rc = id ? opinion_merge(page_dc(r), id, into) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/opinions/%lld", (long long)into), "flash_merged");
}

static int adopt(http_req *r)
{
    int64_t id = http_param_id(r, "id"), mid = 0;
    const char *title = page_field(r, "title");
    int rc = id ? opinion_adopt(page_dc(r), id, title && *title ? title : NULL, page_field(r, "category"), &mid) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/matters/%lld", (long long)mid), "flash_opinion_adopted");
}

static int comment_create(http_req *r)
{
    return comment_web_post(r, "opinion");
}

const struct http_route opinion_web_routes[] = {
    {"GET", "/calls", calls_page, HTTP_AUTH, 0, NULL},
    {"GET", "/calls/new", call_new_page, HTTP_AUTH | HTTP_STAFF, 0, NULL},
    {"POST", "/calls", call_create, HTTP_AUTH | HTTP_CSRF, 32 * 1024, NULL},
    {"GET", "/calls/{id}", call_page, HTTP_AUTH, 0, NULL},
    {"POST", "/calls/{id}/close", call_close, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/calls/{id}/opinions", opinion_create, HTTP_AUTH | HTTP_CSRF | HTTP_WORKER, PHOTO_BODY_MAX, NULL},
    {"GET", "/opinions/{id}", opinion_page, HTTP_AUTH, 0, NULL},
    {"POST", "/opinions/{id}/support", support, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/opinions/{id}/merge", merge, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/opinions/{id}/adopt", adopt, HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"POST", "/opinions/{id}/comments", comment_create, HTTP_AUTH | HTTP_CSRF, 16384, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
