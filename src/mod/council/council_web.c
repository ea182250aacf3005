/*
 * Pages of councils and meetings, and the iCalendar feed of a place.
 * Forms post with a CSRF token and answer with 303 redirects.
 */
#include <string.h>

#include "core/ical.h"
#include "core/qr.h"
#include "edge/export.h"
#include "edge/page.h"
#include "mod/council/council_web.h"

static int64_t form_int(http_req *r, const char *name, int64_t def, int64_t max, int *bad)
{
    const char *v = page_field(r, name);
    if (v == NULL || *v == '\0')
        return def;
    return edge_int(v, def, 0, max, bad);
}

static const char *opt(http_req *r, const char *name)
{
    const char *v = page_field(r, name);
    return v && *v ? v : NULL;
}

/* ---- councils of a place ---- */

static const char *const kinds[] = {"monthly", "quarterly", "yearly", "custom", NULL};

static int councils_page(http_req *r, int64_t id, const char *feed_key)
{
    struct st_place p;
    struct st_council *cs;
    int n = 0, rc = council_list(page_dc(r), id, &p, &cs, &n);
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx_title(r, arena_printf(r->a, "%s · %s", p.name, edge_t(r, "councils")));
    json_object_set_new(c, "place", tree_json(page_dc(r), &p));
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = council_view(page_dc(r), &cs[i]);
        json_object_set_new(o, "kind_label", json_string(page_tr(r, "council_kind_", cs[i].kind)));
        json_array_append_new(arr, o);
    }
    json_object_set_new(c, "councils", arr);
    json_object_set_new(c, "has_councils", json_boolean(n > 0));
    int level = !strcmp(p.kind, "building") || !strcmp(p.kind, "grid") || !strcmp(p.kind, "community");
    json_object_set_new(c, "may_create", json_boolean(level && council_may_manage_path(page_dc(r), p.path)));
    json_t *ko = json_array();
    for (const char *const *k = kinds; *k; k++)
        json_array_append_new(ko, json_pack("{s:s, s:s}", "value", *k, "label", page_tr(r, "council_kind_", *k)));
    json_object_set_new(c, "kinds", ko);
    if (feed_key)
        json_object_set_new(c, "feed_url", json_string(arena_printf(r->a, "%s/places/%lld/meetings.ics?key=%s",
                                                                    edge_options()->base_url, (long long)p.id,
                                                                    feed_key)));
    return page_render(r, 200, "councils", c);
}

static int place_councils(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    return id ? councils_page(r, id, NULL) : edge_fail(r, WG_ENOTFOUND);
}

static int feed_key(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    char key[FEED_KEY_HEX + 1];
    struct st_place p;
    int rc = id ? place_get(page_dc(r), id, &p) : WG_ENOTFOUND;
    if (rc == 0)
        rc = council_feed_key(page_dc(r), key);
    /* the key is shown once, on this answer: only its hash is stored */
    return rc ? edge_fail(r, rc) : councils_page(r, id, key);
}

static int council_create_form(http_req *r)
{
    int bad = 0;
    struct council_new in = {.place_id = http_param_id(r, "id"), .name = page_field(r, "name"), .kind = page_field(r, "kind"),
                             .starts_on = page_field(r, "starts_on"), .time = page_field(r, "time"),
                             .location = page_field(r, "location")};
    if (in.kind && strcmp(in.kind, "custom") == 0) {
        in.unit = opt(r, "unit");
        in.every_n = (int)form_int(r, "every", 0, 100000, &bad);
    }
    in.day_of_month = (int)form_int(r, "day_of_month", 0, 100000, &bad);
    in.duration_min = (int)form_int(r, "duration_min", 0, 100000, &bad);
    in.notice_days = (int)form_int(r, "notice_days", -1, 100000, &bad);
    if (bad)
        return edge_error(r, 422, "bad_number", NULL), 0;
    int64_t id = 0;
    int rc = in.place_id ? council_create(page_dc(r), &in, &id) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/councils/%lld", (long long)id), "flash_council_created");
}

/* ---- one council ---- */

static json_t *meeting_item(http_req *r, const struct st_meeting *m)
{
    json_t *o = council_view_meeting(page_dc(r), m, 0);
    json_object_set_new(o, "status_label", json_string(page_tr(r, "meeting_status_", m->status)));
    json_object_set_new(o, "is_cancelled", json_boolean(strcmp(m->status, "cancelled") == 0));
    return o;
}

static int council_page(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_council co;
    struct st_meeting *ms;
    int n = 0, rc = id ? council_get(page_dc(r), id, &co) : WG_ENOTFOUND;
    if (rc == 0)
        rc = council_meetings(page_dc(r), id, 0, &ms, &n);
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx_title(r, co.name);
    json_t *cj = council_view(page_dc(r), &co);
    json_object_set_new(cj, "kind_label", json_string(page_tr(r, "council_kind_", co.kind)));
    json_object_set_new(c, "council", cj);
    json_t *up = json_array(), *past = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(ms[i].start_at >= page_dc(r)->now || strcmp(ms[i].status, "scheduled") == 0 ? up : past,
                              meeting_item(r, &ms[i]));
    json_object_set_new(c, "has_past", json_boolean(json_array_size(past) > 0));
    json_object_set_new(c, "upcoming", up);
    json_object_set_new(c, "past", past);
    json_object_set_new(c, "may_manage", json_boolean(council_may_manage_path(page_dc(r), co.place_path) ||
                                                      (edge_req(r)->actor && co.facilitator_id ==
                                                                                edge_req(r)->actor->id)));
    return page_render(r, 200, "council", c);
}

static int meeting_add_form(http_req *r)
{
    int bad = 0;
    int64_t id = http_param_id(r, "id"), mid = 0;
    int dur = (int)form_int(r, "duration_min", 0, 100000, &bad);
    if (bad)
        return edge_error(r, 422, "bad_number", NULL), 0;
    int rc = id ? meeting_add(page_dc(r), id, page_field(r, "start"), dur, opt(r, "location"), &mid) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/meetings/%lld", (long long)mid), "flash_meeting_added");
}

/* ---- one meeting ---- */

/* What later modules show on the meeting page (struct council_ext). */
struct exts {
    const struct council_ext *x[16];
    int n;
};

static int collect(const void *impl, void *ud)
{
    struct exts *e = ud;
    if (e->n < 16)
        e->x[e->n++] = impl;
    return 0;
}

static json_t *item_links(http_req *r, const struct st_meeting *m, const struct st_agenda *g)
{
    struct exts e = {.n = 0};
    module_each_ext("council", collect, &e);
    json_t *arr = json_array();
    for (int i = 0; i < e.n; i++) {
        const struct council_page_ext *pe = e.x[i]->page;
        const char *url = pe && pe->item_url ? pe->item_url(r, m, g) : NULL;
        if (url)
            json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "url", url, "label", edge_t(r, pe->item_label_key),
                                                 "class", pe->item_class ? pe->item_class : ""));
    }
    return arr;
}

static json_t *panels_json(http_req *r, const struct st_meeting *m, int run, json_t *mj, int *rc)
{
    struct exts e = {.n = 0};
    module_each_ext("council", collect, &e);
    json_t *arr = json_array();
    for (int i = 0; i < e.n; i++) {
        const struct council_ext *x = e.x[i];
        if (x->panel == NULL || x->page == NULL || x->page->template == NULL)
            continue;
        *rc = 0;
        json_t *data = x->panel(page_dc(r), m, run, rc);
        if (data == NULL && *rc) {
            json_decref(arr);
            return NULL;
        }
        if (data == NULL)
            continue;
        json_object_set_new(data, "csrf", json_string(edge_req(r)->csrf));
        json_object_set(data, "meeting", mj);
        json_t *panel = page_panel(r, x->page->template, data);
        json_object_del(data, "meeting"); /* no cycle, no second owner */
        json_decref(data);
        if (panel)
            json_array_append_new(arr, panel);
    }
    return arr;
}

static int meeting_page(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_meeting m;
    struct st_agenda *g;
    struct st_attendee *att, *people = NULL;
    struct st_proxy *px;
    struct st_presence pr;
    int ng = 0, na = 0, np = 0, npeople = 0;
    int rc = id ? meeting_get(page_dc(r), id, &m) : WG_ENOTFOUND;
    if (rc == 0)
        rc = meeting_agenda(page_dc(r), id, &g, &ng);
    if (rc == 0)
        rc = meeting_attendance(page_dc(r), id, &att, &na, &px, &np);
    if (rc == 0)
        rc = meeting_presence(page_dc(r), id, &pr);
    int run = rc == 0 && meeting_may_run(page_dc(r), &m);
    if (rc == 0 && run)
        rc = meeting_participants(page_dc(r), &m, &people, &npeople);
    if (rc)
        return edge_fail(r, rc);
    int open = strcmp(m.status, "scheduled") == 0;
    json_t *c = page_ctx_title(r, m.council_name);
    json_t *mj = meeting_item(r, &m);
    json_object_set_new(c, "meeting", mj);
    json_object_set_new(c, "may_run", json_boolean(run));
    json_object_set_new(c, "run_open", json_boolean(run && open));
    json_object_set_new(c, "is_held", json_boolean(strcmp(m.status, "held") == 0));
    json_t *gj = json_array();
    for (int i = 0; i < ng; i++) {
        json_t *o = council_view_agenda(page_dc(r), &g[i]);
        if (g[i].outcome)
            json_object_set_new(o, "outcome_label", json_string(page_tr(r, "outcome_", g[i].outcome)));
        json_object_set_new(o, "run_open", json_boolean(run && open));
        json_object_set_new(o, "not_first", json_boolean(i > 0));
        json_object_set_new(o, "not_last", json_boolean(i + 1 < ng));
        json_object_set_new(o, "links", item_links(r, &m, &g[i]));
        json_array_append_new(gj, o);
    }
    json_object_set_new(c, "agenda", gj);
    json_object_set_new(c, "has_agenda", json_boolean(ng > 0));
    json_t *aj = json_array();
    for (int i = 0; i < na; i++)
        json_array_append_new(aj, json_pack("{s:I, s:s, s:s}", "person_id", (json_int_t)att[i].person_id, "name",
                                            att[i].name, "how_label", page_tr(r, "attend_how_", att[i].how)));
    json_object_set_new(c, "attendees", aj);
    json_t *pj = json_array();
    for (int i = 0; i < np; i++)
        json_array_append_new(pj, json_pack("{s:s, s:s}", "principal", px[i].principal_name, "holder",
                                            px[i].holder_name));
    json_object_set_new(c, "proxies", pj);
    json_object_set_new(c, "has_proxies", json_boolean(np > 0));
    json_object_set_new(c, "presence", council_view_presence(page_dc(r), &pr));
    json_object_set_new(c, "proxies_max", json_integer(PROXIES_PER_HOLDER));
    if (run)
        export_links(r, c, arena_printf(r->a, "/api/v1/meetings/%lld/attendance", (long long)id), NULL);
    if (run && open) {
        const char *url = arena_printf(r->a, "%s/meetings/%lld/signin?code=%s", edge_options()->base_url,
                                       (long long)id, m.signin_code);
        const char *svg = NULL;
        if (qr_svg(r->a, url, 6, &svg) == 0)
            json_object_set_new(c, "qr_svg", json_string(svg));
        json_object_set_new(c, "signin_url", json_string(url));
        json_t *pe = json_array(), *el = json_array();
        for (int i = 0; i < npeople; i++) {
            json_array_append_new(pe, json_pack("{s:I, s:s}", "id", (json_int_t)people[i].person_id, "name",
                                                people[i].name));
            if (strcmp(people[i].how, "elector") == 0)
                json_array_append_new(el, json_pack("{s:I, s:s}", "id", (json_int_t)people[i].person_id, "name",
                                                    people[i].name));
        }
        json_object_set_new(c, "people", pe);
        json_object_set_new(c, "electors", el);
        json_t *presentj = json_array();
        for (int i = 0; i < na; i++)
            json_array_append_new(presentj, json_pack("{s:I, s:s}", "id", (json_int_t)att[i].person_id, "name",
                                                      att[i].name));
        json_object_set_new(c, "present", presentj);
        json_object_set_new(c, "start_value", json_string(arena_printf(r->a, "%.10sT%s",
            json_string_value(json_object_get(mj, "start_at_local")),
            json_string_value(json_object_get(mj, "start_at_local")) + 11)));
    }
    /* the place's open matters, to put one on the agenda by its title */
    if (run && open) {
        struct matter_query q = {.place_id = m.place_id, .open_only = 1, .limit = 100};
        struct st_matter *ms = NULL;
        int nm = 0, total = 0;
        json_t *mj2 = json_array();
        if (matter_list(page_dc(r), &q, &ms, &nm, &total) == 0)
            for (int i = 0; i < nm; i++) {
                int listed = 0; /* a matter already on this agenda is not offered again */
                for (int k = 0; k < ng && !listed; k++)
                    listed = g[k].matter_id == ms[i].id;
                if (!listed)
                    json_array_append_new(mj2, json_pack("{s:I, s:s}", "id", (json_int_t)ms[i].id, "title", ms[i].title));
            }
        json_object_set_new(c, "open_matters", mj2);
    }
    json_t *panels = panels_json(r, &m, run, mj, &rc);
    if (panels == NULL) {
        json_decref(c);
        return edge_fail(r, rc);
    }
    json_object_set_new(c, "panels", panels);
    return page_render(r, 200, "meeting", c);
}

static int back(http_req *r, int64_t meeting_id)
{
    return page_done(r, arena_printf(r->a, "/meetings/%lld", (long long)meeting_id), "flash_saved");
}

static int meeting_move_form(http_req *r)
{
    int bad = 0;
    int64_t id = http_param_id(r, "id");
    int dur = (int)form_int(r, "duration_min", 0, 100000, &bad);
    if (bad)
        return edge_error(r, 422, "bad_number", NULL), 0;
    int rc = id ? meeting_move(page_dc(r), id, opt(r, "start"), dur, opt(r, "location")) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : back(r, id);
}

static int meeting_cancel_form(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? meeting_cancel(page_dc(r), id, opt(r, "reason")) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : back(r, id);
}

static int agenda_add(http_req *r)
{
    int bad = 0;
    int64_t id = http_param_id(r, "id"), item = 0;
    int64_t matter = form_int(r, "matter_id", 0, INT64_MAX / 2, &bad);
    if (bad)
        return edge_error(r, 422, "matter_invalid", NULL), 0;
    int rc = id ? meeting_agenda_add(page_dc(r), id, matter, matter ? NULL : opt(r, "title"), &item) : WG_ENOTFOUND;
    if (rc == WG_EINVAL && !matter && !opt(r, "title"))
        page_dc(r)->code = "title_required";
    return rc ? edge_fail(r, rc) : back(r, id);
}

/* Moves an item one place up or down (a reorder of the whole list). */
static int agenda_move(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *dir = page_field(r, "dir");
    if (dir == NULL || (strcmp(dir, "up") && strcmp(dir, "down")))
        return edge_error(r, 422, "order_invalid", NULL), 0;
    struct st_agenda g, *items;
    int n = 0, rc = id ? meeting_agenda_lookup(page_dc(r), id, &g) : WG_ENOTFOUND;
    if (rc == WG_ENOTFOUND)
        page_dc(r)->code = "not_found";
    if (rc == 0)
        rc = meeting_agenda(page_dc(r), g.meeting_id, &items, &n);
    if (rc)
        return edge_fail(r, rc);
    int64_t *ids = arena_alloc(r->a, sizeof *ids * (size_t)(n ? n : 1));
    int at = -1;
    for (int i = 0; i < n; i++) {
        ids[i] = items[i].id;
        if (items[i].id == id)
            at = i;
    }
    int to = dir[0] == 'u' ? at - 1 : at + 1;
    if (at >= 0 && to >= 0 && to < n) {
        int64_t t = ids[at];
        ids[at] = ids[to];
        ids[to] = t;
    }
    rc = meeting_agenda_reorder(page_dc(r), g.meeting_id, ids, n);
    return rc ? edge_fail(r, rc) : back(r, g.meeting_id);
}

static int agenda_remove(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_agenda g;
    int rc = id ? meeting_agenda_lookup(page_dc(r), id, &g) : WG_ENOTFOUND;
    if (rc == WG_ENOTFOUND)
        page_dc(r)->code = "not_found";
    if (rc == 0)
        rc = meeting_agenda_remove(page_dc(r), id);
    return rc ? edge_fail(r, rc) : back(r, g.meeting_id);
}

static int agenda_outcome(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_agenda g;
    int rc = id ? meeting_agenda_lookup(page_dc(r), id, &g) : WG_ENOTFOUND;
    if (rc == WG_ENOTFOUND)
        page_dc(r)->code = "not_found";
    if (rc == 0)
        rc = meeting_agenda_outcome(page_dc(r), id, page_field(r, "outcome"), opt(r, "text"));
    return rc ? edge_fail(r, rc) : back(r, g.meeting_id);
}

static int signin_form(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_meeting m;
    int rc = id ? meeting_get(page_dc(r), id, &m) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    const char *code = edge_query(r, "code");
    json_t *c = page_ctx_title(r, edge_t(r, "meeting_signin"));
    json_object_set_new(c, "meeting", meeting_item(r, &m));
    json_object_set_new(c, "code", json_string(code ? code : ""));
    return page_render(r, 200, "meeting_signin", c);
}

static int signin(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int changed = 0, rc = id ? meeting_sign_in(page_dc(r), id, page_field(r, "code"), &changed) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : back(r, id);
}

static int attend(http_req *r)
{
    int bad = 0;
    int64_t id = http_param_id(r, "id");
    int64_t person = form_int(r, "person_id", 0, INT64_MAX / 2, &bad);
    int changed = 0, rc = bad ? dctx_fail(page_dc(r), WG_EINVAL, "person_invalid", "person_id")
                          : id ? meeting_attend(page_dc(r), id, person, &changed) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : back(r, id);
}

static int proxy(http_req *r)
{
    int bad = 0;
    int64_t id = http_param_id(r, "id");
    int64_t a = form_int(r, "principal_id", 0, INT64_MAX / 2, &bad);
    int64_t b = form_int(r, "holder_id", 0, INT64_MAX / 2, &bad);
    int rc = bad ? dctx_fail(page_dc(r), WG_EINVAL, "principal_invalid", "principal_id")
             : id ? meeting_proxy_add(page_dc(r), id, a, b) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : back(r, id);
}

static int minutes(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *md = page_field(r, "minutes");
    int rc = id ? meeting_minutes_set(page_dc(r), id, md ? md : "") : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : back(r, id);
}

static int meeting_close_form(http_req *r)
{
    int64_t id = http_param_id(r, "id"), next = 0;
    int carried = 0, rc = id ? meeting_close(page_dc(r), id, &next, &carried) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : back(r, id);
}

/* ---- the iCalendar feed ---- */

static int meetings_ics(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_place p;
    struct council_feed_item *ms;
    int n = 0, rc = id ? council_feed(page_dc(r), id, edge_query(r, "key"), &p, &ms, &n) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    struct ical_event *ev = arena_calloc(r->a, sizeof *ev * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        const struct st_meeting *mt = &ms[i].m;
        buf d;
        buf_init(&d, 64 * 1024);
        for (int k = 0; k < ms[i].nagenda; k++)
            buf_addf(&d, "%s%d. %s", k ? "\n" : "", k + 1, ms[i].agenda[k].title);
        ev[i] = (struct ical_event){
            .uid = arena_printf(r->a, "meeting-%lld@wugong.invalid", (long long)mt->id),
            .start = mt->start_at, .end = mt->end_at, .last_modified = mt->updated_at,
            .summary = mt->council_name, .location = mt->location,
            .description = d.len && !buf_failed(&d) ? arena_strdup(r->a, d.data) : NULL,
            .url = arena_printf(r->a, "%s/meetings/%lld", edge_options()->base_url, (long long)mt->id),
            .sequence = mt->sequence, .cancelled = strcmp(mt->status, "cancelled") == 0};
        buf_free(&d);
    }
    buf_reset(r->out);
    if (ical_calendar(r->out, "-//wugong//meetings//ZH", p.name, page_dc(r)->now, ev, n) != 0)
        return edge_error(r, 500, "internal", NULL), 0;
    http_add_header(r, "cache-control", "no-store");
    return http_send(r, 200, "text/calendar; charset=utf-8");
}

const struct http_route council_web_routes[] = {
    {"GET", "/places/{id}/councils", place_councils, HTTP_AUTH, 0, NULL},
    {"POST", "/places/{id}/councils", council_create_form, HTTP_AUTH | HTTP_CSRF, 16384, NULL},
    {"POST", "/places/{id}/feed-key", feed_key, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"GET", "/places/{id}/meetings.ics", meetings_ics, 0, 0, NULL},
    {"GET", "/councils/{id}", council_page, HTTP_AUTH, 0, NULL},
    {"POST", "/councils/{id}/meetings", meeting_add_form, HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"GET", "/meetings/{id}", meeting_page, HTTP_AUTH, 0, NULL},
    {"POST", "/meetings/{id}/move", meeting_move_form, HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"POST", "/meetings/{id}/cancel", meeting_cancel_form, HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"POST", "/meetings/{id}/agenda", agenda_add, HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"POST", "/agenda/{id}/move", agenda_move, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/agenda/{id}/remove", agenda_remove, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/agenda/{id}/outcome", agenda_outcome, HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"GET", "/meetings/{id}/signin", signin_form, HTTP_AUTH, 0, NULL},
    {"POST", "/meetings/{id}/signin", signin, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/meetings/{id}/attendance", attend, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/meetings/{id}/proxies", proxy, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/meetings/{id}/minutes", minutes, HTTP_AUTH | HTTP_CSRF, 128 * 1024, NULL},
    {"POST", "/meetings/{id}/close", meeting_close_form, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
