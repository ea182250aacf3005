/*
 * Report pages, without JavaScript, for a phone:
 *   /reports                 the community's reports (a list, no map), by state and category;
 *                            ?place= (at a place or below) &month= or &from=&to= (received then)
 *   /reports/new             step one: what and where (or a facility from its QR plate);
 *                            step two: the open reports like it, to add to instead, and the form
 *   /reports/{id}            the report: photos, who is responsible until when, the timeline;
 *                            follow, add, reopen, "fixed?", rating; for handlers the state,
 *                            an update, handing on, "useful"; the discussion
 */
#include <stdlib.h>
#include <string.h>

#include "edge/export.h"
#include "edge/page.h"
#include "mod/comment/comment_web.h"
#include "mod/report/report.h"
#include "mod/report/report_int.h"

static const char *const filters[] = {"", "open", "overdue", "fixed", "closed", NULL};

/* The reader's words for a report's category, state and level. */
static void label(http_req *r, json_t *o)
{
    json_object_set_new(o, "category_label", json_string(page_tr(r, "report_cat_", json_string_value(json_object_get(o, "category")))));
    json_object_set_new(o, "state_label", json_string(page_tr(r, "report_state_", json_string_value(json_object_get(o, "state")))));
    json_object_set_new(o, "level_label", json_string(page_tr(r, "report_level_", json_string_value(json_object_get(o, "level")))));
}

static json_t *categories(http_req *r, const char *selected)
{
    json_t *arr = json_array();
    for (const struct report_category *k = report_categories; k->code; k++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "value", k->code, "label", page_tr(r, "report_cat_", k->code),
                                             "selected", selected && strcmp(selected, k->code) == 0));
    return arr;
}

/* The list's place and months as its links carry them: "" or "&place=..&month=.." (checked: digits and dashes). */
static const char *where_query(http_req *r, int64_t place, const char *const months[3])
{
    static const char *const names[] = {"month", "from", "to"};
    const char *q = place ? arena_printf(r->a, "&place=%lld", (long long)place) : "";
    for (int i = 0; i < 3; i++)
        if (months[i] && *months[i])
            q = arena_printf(r->a, "%s&%s=%s", q, names[i], months[i]);
    return q;
}

static int list_page(http_req *r)
{
    struct st_report *rs = NULL;
    int n = 0, bad = 0;
    const char *state = edge_query(r, "state"), *cat = edge_query(r, "category");
    const char *months[3] = {edge_query(r, "month"), edge_query(r, "from"), edge_query(r, "to")};
    int64_t before = page_int_id(edge_query(r, "before"), &bad), community = actor_community(page_dc(r)->actor);
    struct report_where w = {.place_id = page_int_id(edge_query(r, "place"), &bad)};
    if (bad || report_where_months(months[0], months[1], months[2], &w))
        return edge_error(r, 400, "bad_query", NULL), 0;
    int rc = community > 0 || w.place_id > 0 ? report_list(page_dc(r), community, &w, state, cat, 0, before, 30, &rs, &n)
                                             : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    const char *wq = where_query(r, w.place_id, months);
    struct st_place at;
    const char *span = months[0] && *months[0] ? months[0]
                       : months[1] && *months[1] ? arena_printf(r->a, "%s – %s", months[1], months[2]) : NULL;
    json_t *c = page_ctx(r, "reports_title"), *items = json_array(), *tabs = json_array();
    for (int i = 0; i < n; i++) {
        json_t *x = report_json(page_dc(r), &rs[i]);
        label(r, x);
        json_array_append_new(items, x);
    }
    for (int i = 0; filters[i]; i++)
        json_array_append_new(tabs, json_pack("{s:s, s:s, s:b}", "url", *filters[i] || *wq ? arena_printf(r->a, "/reports?state=%s%s", filters[i], wq) : "/reports",
                                              "label", page_tr(r, "reports_filter_", *filters[i] ? filters[i] : "all"),
                                              "current", strcmp(state ? state : "", filters[i]) == 0));
    json_object_set_new(c, "reports", items);
    static const char *const keep[] = {"state", "state", "category", "category", "month", "month", "from", "from", "to", "to", NULL};
    export_links(r, c, w.place_id ? arena_printf(r->a, "/api/v1/reports?place=%lld", (long long)w.place_id)
                                  : arena_printf(r->a, "/api/v1/reports?community=%lld", (long long)community), keep);
    json_object_set_new(c, "tabs", tabs);
    if (*wq) /* what the list is narrowed to (a dashboard's link) */
        json_object_set_new(c, "where", json_pack("{s:s*, s:s*}", "place",
                                                  w.place_id && place_get(page_dc(r), w.place_id, &at) == 0 ? at.name : NULL,
                                                  "months", span));
    if (n == 30)
        json_object_set_new(c, "older", json_string(arena_printf(r->a, "/reports?state=%s&before=%lld%s", state ? state : "",
                                                                 (long long)rs[n - 1].id, wq)));
    return page_render(r, 200, "reports", c);
}

/* The places a resident may pick: her community's grids and buildings (her own building first). */
static json_t *places(http_req *r, int64_t selected)
{
    json_t *arr = json_array();
    struct st_place com, *grids = NULL, *bs = NULL;
    int ng = 0, nb = 0, total = 0;
    if (place_get(page_dc(r), actor_community(page_dc(r)->actor), &com) ||
        place_children(page_dc(r), &com, 50, 0, &grids, &ng, &total))
        return arr;
    for (int g = 0; g < ng; g++)
        if (place_children(page_dc(r), &grids[g], 100, 0, &bs, &nb, &total) == 0)
            for (int b = 0; b < nb; b++)
                json_array_append_new(arr, json_pack("{s:I, s:s, s:b}", "id", (json_int_t)bs[b].id, "name", bs[b].name,
                                                     "selected", bs[b].id == selected));
    for (int g = 0; g < ng; g++)
        json_array_append_new(arr, json_pack("{s:I, s:s, s:b}", "id", (json_int_t)grids[g].id, "name", grids[g].name,
                                             "selected", grids[g].id == selected));
    json_array_append_new(arr, json_pack("{s:I, s:s, s:b}", "id", (json_int_t)com.id, "name", com.name, "selected",
                                         com.id == selected));
    return arr;
}

/* Her building: the place of her first home in the community. */
static int64_t home_building(http_req *r)
{
    const struct actor *a = page_dc(r)->actor;
    struct st_place hh;
    int64_t h = a ? actor_household(a, actor_community(a)) : 0;
    return h && place_get(page_dc(r), h, &hh) == 0 ? hh.parent_id : 0;
}

static int new_page(http_req *r)
{
    int bad = 0;
    struct report_new in = {.category = edge_query(r, "category")};
    in.place_id = page_int_id(edge_query(r, "place_id"), &bad);
    in.facility_id = page_int_id(edge_query(r, "facility"), &bad);
    if (bad)
        return edge_error(r, 400, "bad_query", NULL), 0;
    json_t *c = page_ctx(r, "report_new_title");
    if (in.facility_id > 0) {
        struct st_facility f;
        int rc = facility_get(page_dc(r), in.facility_id, &f);
        if (rc)
            return edge_fail(r, rc);
        json_object_set_new(c, "facility", json_pack("{s:I, s:s}", "id", (json_int_t)f.id, "name", f.name));
        if (in.category == NULL)
            in.category = "facility";
    }
    int step2 = in.facility_id > 0 || (in.category && report_category_find(in.category) && in.place_id > 0);
    json_object_set_new(c, "categories", categories(r, in.category));
    json_object_set_new(c, "places", places(r, in.place_id ? in.place_id : home_building(r)));
    if (step2) {
        struct st_report *rs = NULL;
        int n = 0, rc = report_similar(page_dc(r), &in, &rs, &n);
        if (rc)
            return edge_fail(r, rc);
        json_t *items = json_array();
        for (int i = 0; i < n; i++) {
            json_t *x = report_json(page_dc(r), &rs[i]);
            label(r, x);
            json_array_append_new(items, x);
        }
        json_object_set_new(c, "has_similar", json_boolean(n > 0));
        json_object_set_new(c, "similar", items);
        json_object_set_new(c, "step2", json_pack("{s:s, s:I, s:s}", "category", in.category, "place_id",
                                                  (json_int_t)in.place_id, "category_label",
                                                  page_tr(r, "report_cat_", in.category)));
        json_object_set_new(c, "photos_max", json_integer(REPORT_PHOTOS_MAX));
    }
    return page_render(r, 200, "report_new", c);
}

static int create(http_req *r)
{
    struct photo_upload photos[REPORT_PHOTOS_MAX + 1];
    struct report_new in = {.category = page_field(r, "category"), .description = page_field(r, "description"),
                            .anonymous = page_field(r, "anonymous") != NULL, .photos = photos};
    int bad = 0;
    in.place_id = edge_int(page_field(r, "place_id"), 0, 0, INT64_MAX / 2, &bad);
    in.facility_id = edge_int(page_field(r, "facility_id"), 0, 0, INT64_MAX / 2, &bad);
    if (bad)
        return edge_error(r, 422, "report_place_invalid", NULL), 0;
    if ((in.nphotos = photo_collect(&edge_req(r)->form, photos, REPORT_PHOTOS_MAX)) < 0)
        return edge_error(r, 422, "too_many_photos", NULL), 0;
    int64_t id = 0;
    int rc = report_create(page_dc(r), &in, &id);
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/reports/%lld", (long long)id), "flash_report_sent");
}

/* The states a handler may move it to, with the current one marked. */
static json_t *states(http_req *r, const char *current)
{
    json_t *arr = json_array();
    for (const struct report_state *s = report_states; s->code; s++)
        if (strcmp(s->code, "new") && strcmp(s->code, current))
            json_array_append_new(arr, json_pack("{s:s, s:s}", "value", s->code, "label", page_tr(r, "report_state_", s->code)));
    return arr;
}


struct panel_call {
    http_req *r;
    const struct st_report *rep;
    json_t *out;
};

static int panel_one(const void *impl, void *ud)
{
    const struct report_ext *x = impl;
    struct panel_call *pc = ud;
    int rc = 0;
    json_t *fields = x->panel(page_dc(pc->r), pc->rep, &rc), *html = NULL;
    if (fields) {
        html = page_panel(pc->r, x->template, fields);
        json_decref(fields);
    }
    if (html)
        json_array_append_new(pc->out, html);
    return 0;
}

/* What later modules add for those who handle the report (struct report_ext). */
static json_t *panels(http_req *r, int64_t id)
{
    struct st_report rep;
    json_t *out = json_array();
    if (report_get(page_dc(r), id, &rep) == 0)
        module_each_ext("report", panel_one, &(struct panel_call){r, &rep, out});
    return out;
}

static int report_page(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = WG_ENOTFOUND;
    struct subject s;
    json_t *d = id ? report_detail(page_dc(r), id, &rc) : NULL, *thread = NULL, *e;
    if (d == NULL)
        return edge_fail(r, rc);
    if ((rc = subject_resolve(page_dc(r), "report", id, &s)) == 0)
        thread = comment_web_thread(r, &s, &rc);
    if (rc) {
        json_decref(d);
        return edge_fail(r, rc);
    }
    label(r, d);
    size_t i;
    json_array_foreach(json_object_get(d, "events"), i, e) {
        json_object_set_new(e, "kind_label", json_string(page_tr(r, "report_event_", json_string_value(json_object_get(e, "kind")))));
        const char *to = json_string_value(json_object_get(e, "to")), *lv = json_string_value(json_object_get(e, "level"));
        if (to)
            json_object_set_new(e, "to_label", json_string(page_tr(r, "report_state_", to)));
        const char *kind = json_string_value(json_object_get(e, "kind"));
        if (lv && (strcmp(kind, "created") == 0 || strcmp(kind, "escalated") == 0 || strcmp(kind, "overdue") == 0))
            json_object_set_new(e, "event_level", json_string(page_tr(r, "report_level_", lv)));
        /* an escalation's note is the level it left: said in words */
        const char *note = json_string_value(json_object_get(e, "note"));
        if ((strcmp(kind, "escalated") == 0 || strcmp(kind, "overdue") == 0) && note && *note)
            json_object_set_new(e, "note", json_string(arena_printf(r->a, "%s%s", edge_t(r, "report_escalated_from"),
                                                                    page_tr(r, "report_level_", note))));
    }
    if (json_is_true(json_object_get(d, "may_handle"))) {
        json_object_set_new(d, "states", states(r, json_string_value(json_object_get(d, "state"))));
        json_object_set_new(d, "panels", panels(r, id));
    }
    json_t *c = page_ctx_title(r, json_string_value(json_object_get(d, "title")));
    json_object_set_new(c, "report", d);
    json_object_update(c, thread);
    json_decref(thread);
    return page_render(r, 200, "report", c);
}

static int rates_page(http_req *r)
{
    static const char *const bys[] = {"category", "month", "person", "place", NULL};
    int bad = 0, rc = WG_ENOTFOUND;
    int64_t place = page_int_id(edge_query(r, "place"), &bad);
    const char *by = edge_query(r, "by");
    if (bad)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (place == 0)
        place = actor_community(page_dc(r)->actor);
    by = by && *by ? by : "category";
    json_t *d = place > 0 ? report_rates(page_dc(r), place, edge_query(r, "from"), edge_query(r, "to"), by, &rc) : NULL, *g;
    if (d == NULL)
        return edge_fail(r, rc);
    size_t i;
    json_array_foreach(json_object_get(d, "groups"), i, g) {
        const char *key = json_string_value(json_object_get(g, "key")), *name = json_string_value(json_object_get(g, "name"));
        json_object_set_new(g, "label", json_string(strcmp(by, "category") == 0 ? page_tr(r, "report_cat_", key)
                                                    : *name ? name : page_tr(r, "rates_", "nobody")));
    }
    json_t *opts = json_array();
    for (int k = 0; bys[k]; k++)
        json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "value", bys[k], "label", page_tr(r, "rates_by_", bys[k]),
                                              "selected", strcmp(bys[k], by) == 0));
    json_object_set_new(d, "by_options", opts);
    json_object_set_new(d, "by_label", json_string(page_tr(r, "rates_by_", by)));
    json_object_set_new(d, "has_groups", json_boolean(json_array_size(json_object_get(d, "groups")) > 0));
    json_t *c = page_ctx(r, "rates_title");
    static const char *const keep[] = {"from", "from", "to", "to", NULL};
    export_links(r, c, arena_printf(r->a, "/api/v1/reports/rates?place=%lld&by=%s", (long long)place, by), keep);
    json_object_set_new(c, "rates", d);
    return page_render(r, 200, "report_rates", c);
}

static const char *back(http_req *r, int64_t id, const char *anchor)
{
    return arena_printf(r->a, "/reports/%lld%s", (long long)id, anchor);
}

static int addition(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct photo_upload photos[REPORT_PHOTOS_MAX + 1];
    int n = photo_collect(&edge_req(r)->form, photos, REPORT_PHOTOS_MAX);
    if (n < 0)
        return edge_error(r, 422, "too_many_photos", NULL), 0;
    int rc = id ? report_add(page_dc(r), id, page_field(r, "note"), photos, n) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : page_done(r, back(r, id, ""), "flash_report_added");
}

static int follow_as(http_req *r, int on)
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? report_follow(page_dc(r), id, on) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : page_done(r, back(r, id, ""), on ? "flash_following" : "flash_unfollowed");
}

static int follow(http_req *r) { return follow_as(r, 1); }
static int unfollow(http_req *r) { return follow_as(r, 0); }

static int transition(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int bad = 0;
    int64_t dup = edge_int(page_field(r, "duplicate_of"), 0, 0, INT64_MAX / 2, &bad);
    if (bad)
        return edge_error(r, 422, "report_duplicate_invalid", NULL), 0;
    struct photo_upload photos[REPORT_PHOTOS_MAX + 1];
    int n = photo_collect(&edge_req(r)->form, photos, REPORT_PHOTOS_MAX);
    if (n < 0)
        return edge_error(r, 422, "too_many_photos", NULL), 0;
    int rc = id ? report_transition_photos(page_dc(r), id, page_field(r, "state"), page_field(r, "note"), dup, photos, n)
                : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : page_done(r, back(r, id, ""), "flash_report_state");
}

static int update(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? report_update(page_dc(r), id, page_field(r, "note")) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : page_done(r, back(r, id, "#timeline"), "flash_report_updated");
}

static int hand_on(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? report_hand_on(page_dc(r), id, page_field(r, "to"), page_field(r, "reason")) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : page_done(r, back(r, id, ""), "flash_report_handed_on");
}

static int reopen(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? report_reopen(page_dc(r), id, page_field(r, "reason")) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : page_done(r, back(r, id, ""), "flash_report_reopened");
}

static int check(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *answer = page_field(r, "answer");
    int rc = id ? report_check(page_dc(r), id, answer) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc)
              : page_done(r, back(r, id, ""), answer && strcmp(answer, "not") == 0 ? "flash_report_reopened" : "flash_thanks");
}

static int rating(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int bad = 0;
    long score = edge_int(page_field(r, "score"), 0, 0, 10, &bad);
    int rc = id ? report_rate(page_dc(r), id, bad ? 0 : (int)score) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : page_done(r, back(r, id, ""), "flash_thanks");
}

static int useful(http_req *r)
{
    int64_t id = http_param_id(r, "id"), granted = 0;
    int rc = id ? report_useful(page_dc(r), id, &granted) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : page_done(r, back(r, id, ""), "flash_report_useful");
}

static int comment_create(http_req *r) { return comment_web_post(r, "report"); }

#define P HTTP_AUTH | HTTP_CSRF
const struct http_route report_web_routes[] = {
    {"GET", "/reports", list_page, HTTP_AUTH, 0, NULL},
    {"GET", "/reports/new", new_page, HTTP_AUTH, 0, NULL},
    {"POST", "/reports", create, P | HTTP_WORKER, PHOTO_BODY_MAX, NULL},
    {"GET", "/reports/rates", rates_page, HTTP_AUTH, 0, NULL},
    {"GET", "/reports/{id}", report_page, HTTP_AUTH, 0, NULL},
    {"POST", "/reports/{id}/additions", addition, P | HTTP_WORKER, PHOTO_BODY_MAX, NULL},
    {"POST", "/reports/{id}/follow", follow, P, 1024, NULL},
    {"POST", "/reports/{id}/unfollow", unfollow, P, 1024, NULL},
    {"POST", "/reports/{id}/transition", transition, P | HTTP_WORKER, PHOTO_BODY_MAX, NULL},
    {"POST", "/reports/{id}/update", update, P, 4096, NULL},
    {"POST", "/reports/{id}/hand-on", hand_on, P, 4096, NULL},
    {"POST", "/reports/{id}/reopen", reopen, P, 4096, NULL},
    {"POST", "/reports/{id}/check", check, P, 1024, NULL},
    {"POST", "/reports/{id}/rating", rating, P, 1024, NULL},
    {"POST", "/reports/{id}/useful", useful, P, 1024, NULL},
    {"POST", "/reports/{id}/comments", comment_create, P, 16384, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
#undef P
