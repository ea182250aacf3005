/* Problem reports as the API and pages show them (see report.h). */
#include <string.h>

#include "core/time.h"
#include "mod/report/report.h"
#include "mod/report/report_int.h"
#include "mod/report/report_store.h"

/* Whether the actor sees who reported it: staff, the reporter, or anyone when it is not anonymous. */
static int sees_reporter(dctx *c, const struct st_report *r)
{
    return !r->anonymous || (c->actor && (c->actor->id == r->reporter_id || report_may_handle(c, r)));
}

static json_t *person_ref(int64_t id, const char *name)
{
    return id ? json_pack("{s:I, s:s}", "id", (json_int_t)id, "name", name ? name : "") : json_null();
}

json_t *report_json(dctx *c, const struct st_report *r)
{
    const struct report_category *cat = report_category_find(r->category);
    json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:i, s:b, s:{s:I, s:s}}", "id",
                          (json_int_t)r->id, "community_id", (json_int_t)r->community_id, "category", r->category,
                          "class", cat ? cat->class : "", "title", report_title(c, r), "description", r->description,
                          "state", r->state, "state_type", r->state_type, "level", r->level, "overdue", r->overdue != 0,
                          "escalations", r->escalations, "anonymous", r->anonymous != 0, "place", "id",
                          (json_int_t)r->place_id, "name", r->place_name);
    json_object_set_new(o, "facility", r->facility_id ? person_ref(r->facility_id, r->facility_name) : json_null());
    json_object_set_new(o, "point", r->has_point ? json_pack("{s:f, s:f}", "lat", (double)r->lat_e6 / 1e6, "lon",
                                                             (double)r->lon_e6 / 1e6)
                                                 : json_null());
    json_object_set_new(o, "reporter", sees_reporter(c, r) ? person_ref(r->reporter_id, r->reporter_name) : json_null());
    json_object_set_new(o, "responsible", person_ref(r->responsible_id, r->responsible_name));
    json_object_set_new(o, "longer", json_boolean(strcmp(report_title(c, r), r->description) != 0));
    json_object_set_new(o, "is_open", json_boolean(strcmp(r->state_type, "open") == 0));
    json_object_set_new(o, "is_fixed", json_boolean(strcmp(r->state_type, "fixed") == 0));
    json_object_set_new(o, "is_closed", json_boolean(strcmp(r->state_type, "closed") == 0));
    json_object_set_new(o, "duplicate_of", r->duplicate_of ? json_integer(r->duplicate_of) : json_null());
    json_object_set_new(o, "url", json_string(arena_printf(c->a, "/reports/%lld", (long long)r->id)));
    time_json_pair(o, "created_at", r->created_at);
    time_json_pair(o, "response_due", r->response_due);
    time_json_pair(o, "resolution_due", r->resolution_due);
    time_json_pair(o, "next_due", r->next_due);
    time_json_pair(o, "responded_at", r->responded_at);
    time_json_pair(o, "fixed_at", r->fixed_at);
    time_json_pair(o, "closed_at", r->closed_at);
    return o;
}

static json_t *events_json(dctx *c, const struct st_report *r)
{
    struct st_report_event *ev = NULL;
    int n = 0;
    json_t *arr = json_array();
    if (report_events(c, r, &ev, &n))
        return arr;
    int hide = !sees_reporter(c, r);
    for (int i = 0; i < n; i++) {
        int anon = hide && ev[i].actor_id == r->reporter_id;
        json_t *e = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)ev[i].id, "kind", ev[i].kind, "note", ev[i].note);
        json_object_set_new(e, "from", ev[i].from_state ? json_string(ev[i].from_state) : json_null());
        json_object_set_new(e, "to", ev[i].to_state ? json_string(ev[i].to_state) : json_null());
        json_object_set_new(e, "level", ev[i].level ? json_string(ev[i].level) : json_null());
        json_object_set_new(e, "person", person_ref(ev[i].person_id, ev[i].person_name));
        json_object_set_new(e, "actor", anon ? json_null() : person_ref(ev[i].actor_id, ev[i].actor_name));
        json_array_append_new(arr, time_json_pair(e, "at", ev[i].at));
    }
    return arr;
}

json_t *report_detail(dctx *c, int64_t id, int *rc)
{
    struct st_report r;
    int64_t *ph = NULL;
    int np = 0, checked = 0;
    struct satisfaction_mine rated;
    if ((*rc = report_get(c, id, &r)) || (*rc = report_photos(c, r.id, &ph, &np)) ||
        (*rc = report_rating_of(c, &r, &rated)) || (*rc = report_checked(c, &r, &checked)))
        return NULL;
    json_t *o = report_json(c, &r), *photos = json_array();
    for (int i = 0; i < np; i++)
        json_array_append_new(photos, photo_json(c->a, ph[i]));
    int handle = report_may_handle(c, &r), following = report_is_following(c, r.id);
    int member = c->actor && actor_community(c->actor) == r.community_id;
    int open = strcmp(r.state_type, "open") == 0;
    json_object_set_new(o, "photos", photos);
    json_object_set_new(o, "events", events_json(c, &r));
    json_object_set_new(o, "following", json_boolean(following));
    json_object_set_new(o, "may_handle", json_boolean(handle));
    json_object_set_new(o, "may_add", json_boolean(open && member));
    json_object_set_new(o, "may_reopen", json_boolean(!open && (member || handle)));
    json_object_set_new(o, "may_check", json_boolean(strcmp(r.state, "fixed") == 0 && !checked && c->actor &&
                                                     (c->actor->id == r.reporter_id || following)));
    json_object_set_new(o, "may_rate", json_boolean(!open && !rated.answered && c->actor &&
                                                    perm_allows(c->actor, &report_act_rate, r.place_path)));
    /* the household's state, as a survey's; the score only to her who gave it */
    json_object_set_new(o, "rating", satisfaction_mine_json(&rated));
    json_object_set_new(o, "my_rating", rated.by_me ? json_integer(rated.score) : json_null());
    json_object_set_new(o, "useful", json_boolean(r.useful_txn_id != 0));
    return o;
}

/* A facility's reports (the facility's page and API): the newest 20, and where to report a new one. */
static json_t *facility_panel(dctx *c, const struct st_facility *f, int *rc)
{
    struct st_report *rs = NULL;
    int n = 0, open = 0;
    if ((*rc = report_store_of_facility(c->st, c->a, f->id, 20, &rs, &n)))
        return NULL;
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        open += strcmp(rs[i].state_type, "open") == 0;
        json_array_append_new(items, report_json(c, &rs[i]));
    }
    return json_pack("{s:o, s:i, s:s}", "reports", items, "reports_open", open, "report_new_url",
                     arena_printf(c->a, "/reports/new?facility=%lld", (long long)f->id));
}

const struct facility_ext report_facility_panel = {.panel = facility_panel, .template = "report_facility"};
