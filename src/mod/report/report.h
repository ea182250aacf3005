/*
 * Problem reports (随手拍, STAGES.md co-manage). A resident reports a
 * problem with a category, a place (a building, grid or community; or a
 * facility, whose place it takes; optionally a point in latitude and
 * longitude), a description and photos from the phone (the photo pipeline:
 * metadata stripped). She may stay anonymous to the public, never to staff.
 * Before she sends it, open reports on the same facility, or of the same
 * category at the same place or within REPORT_NEAR_M of her point, are
 * suggested, and she may add her photo and words to one of them instead.
 *
 * States, each typed open, fixed or closed (report_states):
 *   open:   new, confirmed, investigating, in_progress, action_scheduled
 *   fixed:  fixed
 *   closed: closed_duplicate, closed_not_ours, closed_unable, closed_not_fixed
 * "Closed, not fixed" never counts as resolved. Every change is an event
 * with who, when and why. Anyone of the report's community may reopen a
 * fixed or closed report with a reason.
 *
 * Routing (首接负责制): the category gives the level that receives it first
 * (building, grid or community) and the place line gives the person: the
 * building leader of its building, the grid worker of its grid, the
 * community's staff, the street's admin (a level with nobody is skipped).
 * That person is responsible until they hand it on, with a reason.
 *
 * Limits: each category belongs to a class (urgent; water, power, gas and
 * heating; general; complex) whose response and resolution limits are
 * per-community settings in hours (defaults 2, 24, 168 and 360, both), and
 * whose limits count working time or not (general and complex do): then the
 * street's working-day calendar (holidays and make-up workdays, report
 * calendar) and src/algo/workcal.c give the due times. A report is
 * answered when one who handles it first acts (a state change, handing it
 * on, an update); it is resolved when fixed. The job report.escalate runs
 * at the due time whether anyone reads the report or not: past its limit,
 * an open report moves one level up (building -> grid -> community ->
 * street), is marked overdue in public, gets a new limit at its new level,
 * and everyone following it is told.
 *
 * After a fix the reporter and the followers are asked: fixed, partly, or
 * not; "not" reopens it. Then a satisfaction rating, one per household,
 * kept by mod/satisfaction under its one rule for households' answers
 * (satisfaction_subject_*: the first member rates for the household, the
 * others see that it has, the public sees counts only; the three rates
 * count those answers).
 *
 * Permission: the community reads its reports (perm_read); its people
 * report, follow, add to and reopen; rate_report (the people of its
 * community) rates; handle_report (building leaders in
 * their building, grid workers in their grid, community staff, the street)
 * answers, routes, changes states and closes.
 *
 * Ownership: what the rules return lives in c->a; json_t values are the
 * caller's to release.
 */
#ifndef WG_MOD_REPORT_H
#define WG_MOD_REPORT_H

#include <jansson.h>

#include "algo/workcal.h"
#include "kernel/kernel.h"
#include "mod/facility/facility.h"
#include "mod/photo/photo.h"
#include "mod/place/place.h"

#define REPORT_TEXT_MAX 2000
#define REPORT_NOTE_MAX 500
#define REPORT_PHOTOS_MAX 4      /* photos one post carries */
#define REPORT_PHOTOS_ALL 20     /* photos one report holds */
#define REPORT_NEAR_M 100        /* "nearby" for duplicate suggestions */
#define REPORT_SIMILAR_MAX 5
#define REPORT_LIST_MAX 100      /* a page of the list */
#define REPORT_EVENTS_SHOWN 200
#define REPORT_SAMPLE_MIN 10     /* a rate over fewer is marked small */
#define REPORT_RATES_MONTHS 36   /* the longest span of the three rates */
#define REPORT_WINDOW_MAX 1000   /* reports or events one window returns */

extern const struct perm_action report_act_handle, report_act_rate;

struct report_state {
    const char *code, *type; /* type: open, fixed, closed */
};
extern const struct report_state report_states[]; /* ended by a NULL code */

struct report_category {
    const char *code;  /* "power" */
    const char *class; /* urgent, utilities, general, complex */
    const char *level; /* who receives it first: building, grid, community */
};
extern const struct report_category report_categories[]; /* ended by a NULL code */
const struct report_category *report_category_find(const char *code);
const char *report_state_type(const char *state); /* NULL: no such state */

struct st_report {
    int64_t id, community_id, place_id, facility_id, reporter_id, responsible_id, responsible_place_id;
    int64_t lat_e6, lon_e6; /* 0, 0: no point */
    int64_t response_due, resolution_due, next_due, responded_at, fixed_at, closed_at, duplicate_of, useful_txn_id;
    int64_t created_at, updated_at;
    int anonymous, overdue, escalations, fixes, has_point;
    const char *category, *description, *state, *state_type, *level;
    const char *place_name, *place_path, *reporter_name, *responsible_name, *facility_name;
};

struct st_report_event {
    int64_t id, report_id, person_id, actor_id, at;
    const char *kind, *from_state, *to_state, *level, *note, *person_name, *actor_name;
};

/* What another module writes in the same transaction as a report's
 * change (its own link to the report): called after the report's event is
 * written, before the commit; non-zero rolls everything back. */
struct report_also {
    int (*fn)(dctx *c, int64_t report_id, int64_t event_id, void *ud);
    void *ud;
    /* the actor is another system's account (an Open311 key): it reads
     * what it needs through its own API, so it does not follow the report
     * and is not notified */
    int no_follow;
};

struct report_new {
    const char *category, *description;
    int64_t place_id, facility_id;
    int has_point;
    int64_t lat_e6, lon_e6; /* degrees x 10^6, WGS-84 as the phone gives them */
    int anonymous;
    const struct photo_upload *photos;
    int nphotos;
    const struct report_also *also; /* NULL: nothing more */
};

/* What a later module adds to a report's page for those who handle it (its
 * own facts about the report): a module_ext {"report", &its struct
 * report_ext}. panel: its fields (NULL: nothing to add, or with *rc set a
 * failure); template: how the page shows them. */
struct report_ext {
    json_t *(*panel)(dctx *c, const struct st_report *r, int *rc);
    const char *template;
};

/* ---- rules (report.c) ---- */
int report_create(dctx *c, const struct report_new *in, int64_t *id);
/* The report, for readers of its community; WG_ENOTFOUND otherwise. */
int report_get(dctx *c, int64_t id, struct st_report *out);
/* Open reports like the one about to be sent: on the same facility, or of
 * the same category at the same place or within REPORT_NEAR_M. */
int report_similar(dctx *c, const struct report_new *in, struct st_report **out, int *n);
/* A resident adds her words and photos to a report (and follows it). */
int report_add(dctx *c, int64_t id, const char *note, const struct photo_upload *photos, int nphotos);
int report_add_also(dctx *c, int64_t id, const char *note, const struct photo_upload *photos, int nphotos,
                    const struct report_also *also);
int report_follow(dctx *c, int64_t id, int on);
int report_is_following(dctx *c, int64_t id);
/* Where a list looks (the records behind a dashboard's rates): the reports
 * at a place or below it (0: the whole community; a street: all its
 * communities), received in [t0, t1) (0, 0: any time). */
struct report_where {
    int64_t place_id, t0, t1;
};
/* The list's months: "month" (YYYY-MM), or "from" and "to" (YYYY-MM, at
 * most REPORT_RATES_MONTHS), China time, into w->t0 and w->t1; none: any
 * time. -1 when malformed (the handlers answer 400 bad_query). */
int report_where_months(const char *month, const char *from, const char *to, struct report_where *w);
/* The community's reports, newest first: state_type (NULL: all; "overdue":
 * open and overdue), category (NULL: all), mine (the actor's own), at most
 * limit before the id `before` (0: from the newest); where (NULL: the whole
 * community, any time) narrows it to a place the actor reads (else
 * WG_ENOTFOUND / WG_EPERM) and to months; with a place, community_id is
 * not used. */
int report_list(dctx *c, int64_t community_id, const struct report_where *where, const char *filter,
                const char *category, int mine, int64_t before, int limit, struct st_report **out, int *n);
int report_events(dctx *c, const struct st_report *r, struct st_report_event **out, int *n);
/* For exchanges with other systems (Open311): the community's reports
 * received in [t0, t1), newest first, at most limit (REPORT_WINDOW_MAX),
 * of the categories listed in cats (comma-separated, "" or NULL: all), open
 * (want & 1) and fixed or closed (want & 2). Readers of the community. */
int report_window(dctx *c, int64_t community_id, int64_t t0, int64_t t1, const char *cats, int want, int limit,
                  struct st_report **out, int *n);
/* The events of the community's reports at [t0, t1), oldest first, at
 * most limit (REPORT_WINDOW_MAX), but "created"; each with to_state the
 * report's state once it happened. Readers of the community. */
int report_events_window(dctx *c, int64_t community_id, int64_t t0, int64_t t1, int limit,
                         struct st_report_event **out, int *n);
int report_photos(dctx *c, int64_t id, int64_t **out, int *n);
/* 1 when the actor handles the report (handle_report at its place). */
int report_may_handle(dctx *c, const struct st_report *r);
/* The limits of a category at a place: seconds, and whether working time. */
void report_limits(dctx *c, const char *place_path, const struct report_category *cat, int64_t *response_s,
                   int64_t *resolution_s, int *working);
/* The instant `seconds` of (working, when working) time after start for a
 * report of community_id, by its street's calendar. */
int64_t report_due(dctx *c, int64_t community_id, int64_t start, int64_t seconds, int working);

/* ---- flow (report_flow.c) ---- */
/* A handler moves the report to state (report_states) with a note (a
 * closed state needs one; closed_duplicate names duplicate_of). */
int report_transition(dctx *c, int64_t id, const char *state, const char *note, int64_t duplicate_of);
/* The same with photos of what was done (a fix), at most REPORT_PHOTOS_MAX, in the same transaction. */
int report_transition_photos(dctx *c, int64_t id, const char *state, const char *note, int64_t duplicate_of,
                             const struct photo_upload *photos, int nphotos);
/* The responsible person (or staff) hands it on to another person who
 * handles reports at its place, with a reason. */
int report_hand_on(dctx *c, int64_t id, const char *to_phone, const char *reason);
/* A handler's update in public (answers the report). */
int report_update(dctx *c, int64_t id, const char *note);
/* Anyone of its community reopens a fixed or closed report, with a reason. */
int report_reopen(dctx *c, int64_t id, const char *reason);
int report_reopen_also(dctx *c, int64_t id, const char *reason, const struct report_also *also);
/* After a fix, the reporter or a follower answers: fixed, partly, not
 * ("not" reopens it). */
int report_check(dctx *c, int64_t id, const char *answer);
/* One rating per household, 1..5, once fixed or closed; 409
 * "satisfaction_answered" when the household has rated it. */
int report_rate(dctx *c, int64_t id, int score);
/* Staff mark a report useful: its reporter earns the report_useful points. */
int report_useful(dctx *c, int64_t id, int64_t *granted);
/* The escalation job's work (also for the benchmark): escalates the report
 * if it is open and past its limit at c->now. */
int report_escalate_due(dctx *c, int64_t id);

/* ---- the three rates (report_rates.c) ---- */
/* The rates of the reports received at a place (readers) from month `from`
 * to month `to` ("YYYY-MM"; NULL: the last twelve months), in total and by
 * "category", "person", "month" or "place" (by NULL: total only). */
json_t *report_rates(dctx *c, int64_t place_id, const char *from, const char *to, const char *by, int *rc);

/* ---- the street's calendar (report_calendar.c) ---- */
/* The working-day calendar of the street of a community, in c->a. */
int report_workcal(dctx *c, int64_t community_id, struct workcal *out);
/* The street's holidays and make-up workdays as {holidays: [day], workdays: [day]}. */
json_t *report_calendar_json(dctx *c, int64_t street_id, int *rc);
/* Replaces a street's calendar (settings at the street): "YYYY-MM-DD" lists. */
int report_calendar_set(dctx *c, int64_t street_id, json_t *holidays, json_t *workdays);

/* ---- views (report_view.c) ---- */
json_t *report_json(dctx *c, const struct st_report *r);
/* The report with its photos, timeline, what the actor may do. */
json_t *report_detail(dctx *c, int64_t id, int *rc);

extern const struct module report_module;

#endif
