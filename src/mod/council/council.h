/*
 * Councils (议事会) of the three levels — building, grid, community — and
 * their meetings (三级议事协商平台). A council is a recurring series:
 *   monthly    每月一商议  every month on day D of the month
 *   quarterly  每季一审议  every 3 months on day D
 *   yearly     每年一评议  every 12 months on day D
 *   custom     every N (1..12) weeks on the weekday of starts_on (unit
 *              "week"), or every N months on day D (unit "month")
 * D is 1..28 (so that every month has it; default: the day of starts_on,
 * or 28 when that is later). The first meeting is the first occurrence on
 * or after starts_on, at time (local, Asia/Shanghai) for duration minutes.
 *
 * Meetings are materialised from the series: the next MEETINGS_AHEAD
 * generated occurrences that start at or after now always exist. They are
 * generated when the council is created and topped up when a meeting is
 * held and, by a job, when a generated meeting's start passes. A meeting can also be
 * added ad hoc, moved (time, duration, location) or cancelled; each of
 * those bumps its sequence (the iCalendar SEQUENCE), as does holding it.
 *
 * Who: community staff create councils for places of their community, grid
 * workers for their grid and its buildings, street admins in their street
 * (council_act_manage; building leaders cannot). They and
 * the council's facilitator run its meetings: agenda, attendance, proxies,
 * minutes, outcomes, closing. Everyone who reads the place reads its
 * councils and meetings; the sign-in code is shown only to those who run
 * the meeting. A council or meeting of another community is not found.
 *
 * Participants of a place: its electors (approved household members of
 * households under it) and holders of roles other than resident at the
 * place, below it, or above it within the community. Every participant
 * gets a "meeting_notice" notification notice_days before the start (or at
 * once when that is past), sent by a job at that time; moving a meeting
 * moves the job and tells everyone at once ("meeting_changed"); cancelling
 * drops the job and tells everyone at once ("meeting_cancelled").
 *
 * Sign-in: a participant opens the meeting's sign-in URL (its QR code
 * carries a random per-meeting code) and presses the button, from
 * SIGNIN_OPEN_BEFORE seconds before the start until the meeting is held.
 * Twice is once. The facilitator records named participants the same way.
 * Proxies (委托): principal and holder both electors of the place, the
 * holder present, the principal not present (and then unable to sign in),
 * one proxy per principal, at most PROXIES_PER_HOLDER per holder.
 *
 * Closing ("held") fixes minutes and outcomes; every agenda item whose
 * outcome is not "decided" is carried forward to the next scheduled
 * meeting of the series as a new item linked to the old one (carried items
 * are added even past AGENDA_ITEMS_MAX).
 *
 * Results live in c->a; json_t values belong to the caller.
 */
#ifndef WG_MOD_COUNCIL_H
#define WG_MOD_COUNCIL_H

#include <jansson.h>

#include "kernel/kernel.h"
#include "mod/matter/matter.h"

#define COUNCIL_NAME_MAX 60          /* code points */
#define COUNCIL_LOCATION_MAX 100     /* code points */
#define COUNCILS_PER_PLACE 20
#define COUNCIL_EVERY_MAX 12         /* custom: every 1..12 weeks or months */
#define COUNCIL_DAY_MAX 28           /* day of the month 1..28 */
#define COUNCIL_DURATION_MIN 15      /* minutes */
#define COUNCIL_DURATION_MAX 480
#define COUNCIL_DURATION_DEFAULT 90
#define MEETING_NOTICE_DAYS_DEFAULT 7
#define MEETING_NOTICE_DAYS_MAX 60
#define MEETINGS_AHEAD 3             /* generated occurrences kept ahead */
#define MEETINGS_LIST_MAX 100        /* meetings of a council in one answer */
#define MEETING_HORIZON_DAYS 3660    /* an ad hoc or moved meeting starts within 10 years */
#define AGENDA_ITEMS_MAX 30          /* per meeting */
#define AGENDA_TITLE_MAX 120         /* code points */
#define OUTCOME_TEXT_MAX 500         /* code points */
#define MINUTES_MAX 20000            /* code points of Markdown */
#define PROXIES_PER_HOLDER 3         /* proxies one person may hold at a meeting */
#define SIGNIN_OPEN_BEFORE 3600      /* seconds before the start */
#define SIGNIN_CLOSE_AFTER 3600      /* self sign-in ends this long after the end */
#define FEED_DAYS_BACK 180           /* the feed holds meetings from this many days ago on */
#define FEED_MEETINGS_MAX 500
#define FEED_KEY_HEX 64

extern const struct perm_action council_act_manage;

struct st_council {
    int64_t id, place_id, community_id;
    const char *place_name, *place_kind, *place_path;
    const char *name, *kind; /* monthly quarterly yearly custom */
    const char *unit;        /* week month */
    int every_n, day_of_month;
    int64_t starts_on;       /* UTC seconds of local midnight of the first possible day */
    int time_min, duration_min, notice_days;
    const char *location;
    int64_t facilitator_id;
    const char *facilitator_name;
    int64_t next_k, created_by, created_at;
};

struct st_meeting {
    int64_t id, council_id, place_id, community_id;
    const char *council_name, *place_name, *place_path;
    int64_t occurrence;   /* k of the series; -1 for an ad hoc meeting */
    int64_t start_at, end_at;
    const char *location, *status; /* scheduled cancelled held */
    int sequence;
    const char *signin_code, *minutes_md;
    int64_t held_at, created_at, updated_at;
    int64_t facilitator_id; /* the council's */
};

struct st_agenda {
    int64_t id, meeting_id, community_id;
    int position;
    int64_t matter_id;  /* 0: a free-text item */
    const char *matter_title, *title;
    const char *outcome; /* NULL, decided, not_decided, deferred */
    const char *outcome_text;
    int64_t carried_from, created_at;
};

struct st_attendee {
    int64_t person_id;
    const char *name, *how; /* self facilitator */
    int64_t created_at;
};

struct st_proxy {
    int64_t principal_id, holder_id;
    const char *principal_name, *holder_name;
    int64_t created_at;
};

/* Attendance totals of a meeting over the electors of the place at path
 * (approved household members of households under it): a person counts
 * when present or represented by a present proxy holder.
 *   heads            distinct electors present or represented
 *   households       distinct households of those electors
 *   owners           of them, distinct owners (relation 'owner')
 *   owner_area_dm2   floor area (place.area_dm2) of the distinct households
 *                    with an owner present or represented, each once
 *   attendees        people recorded present in person (electors or not)
 *   proxies          proxies whose holder is present */
struct st_presence {
    int heads, households, owners, attendees, proxies;
    int64_t owner_area_dm2;
};


struct council_new {
    int64_t place_id;
    const char *name;
    const char *kind;      /* monthly quarterly yearly custom */
    const char *unit;      /* custom only: week month */
    int every_n;           /* custom only: 1..12 */
    int day_of_month;      /* 0: the day of starts_on (at most 28); month unit only */
    const char *starts_on; /* "YYYY-MM-DD", local; today or later */
    const char *time;      /* "HH:MM", local */
    int duration_min;      /* 0: COUNCIL_DURATION_DEFAULT */
    const char *location;
    int notice_days;       /* -1: MEETING_NOTICE_DAYS_DEFAULT */
    int64_t facilitator_id; /* 0: the creator; else a participant of the place */
};

int council_create(dctx *c, const struct council_new *in, int64_t *id);
/* Reads a council (perm_read on its place). */
int council_get(dctx *c, int64_t id, struct st_council *out);
/* Councils at exactly this place (perm_read). */
int council_list(dctx *c, int64_t place_id, struct st_place *place, struct st_council **out, int *n);
/* A council's meetings from `from` on (0: all). */
int council_meetings(dctx *c, int64_t council_id, int64_t from, struct st_meeting **out, int *n);
/* 1 when the actor may create councils at / manage councils of the place. */
int council_may_manage_path(dctx *c, const char *place_path);

int meeting_get(dctx *c, int64_t id, struct st_meeting *out);
/* The actor's next meetings: scheduled ones held at her places or above
 * them (her household's building, grid and community), soonest first, at
 * most max over all her roles. */
int meeting_upcoming(dctx *c, int max, struct st_meeting **out, int *n);
/* A meeting, or an agenda item, without a permission check (WG_ENOTFOUND,
 * no code, when none): for rules that check what they do with it. */
int meeting_lookup(dctx *c, int64_t id, struct st_meeting *out);
int meeting_agenda_lookup(dctx *c, int64_t item_id, struct st_agenda *out);
/* Inside a write transaction: holds the meeting's row until the end
 * (PostgreSQL), so that a later module's limits per meeting (photos)
 * cannot be raced past. */
int meeting_lock(dctx *c, int64_t meeting_id);
/* 1 when the actor runs this meeting (manager of the place or facilitator). */
int meeting_may_run(dctx *c, const struct st_meeting *m);
/* start: "YYYY-MM-DD HH:MM" (or with a T), local. duration 0 and location
 * NULL take the council's. */
int meeting_add(dctx *c, int64_t council_id, const char *start, int duration_min, const char *location,
                int64_t *id);
/* Any of start, duration (0: keep), location (NULL: keep); 422 no_change
 * when nothing changes. */
int meeting_move(dctx *c, int64_t id, const char *start, int duration_min, const char *location);
int meeting_cancel(dctx *c, int64_t id, const char *reason);

int meeting_agenda(dctx *c, int64_t meeting_id, struct st_agenda **out, int *n);
/* Exactly one of matter_id (a matter of the same community the actor can
 * read; its title is the item's) and title. */
int meeting_agenda_add(dctx *c, int64_t meeting_id, int64_t matter_id, const char *title, int64_t *id);
/* ids: every item of the meeting once, in the new order. */
int meeting_agenda_reorder(dctx *c, int64_t meeting_id, const int64_t *ids, int n);
int meeting_agenda_remove(dctx *c, int64_t item_id);
/* outcome: decided not_decided deferred; text optional. */
int meeting_agenda_outcome(dctx *c, int64_t item_id, const char *outcome, const char *text);

/* Self sign-in with the meeting's code; *changed 0 when already present. */
int meeting_sign_in(dctx *c, int64_t meeting_id, const char *code, int *changed);
/* The facilitator records a participant present. */
int meeting_attend(dctx *c, int64_t meeting_id, int64_t person_id, int *changed);
int meeting_proxy_add(dctx *c, int64_t meeting_id, int64_t principal_id, int64_t holder_id);
int meeting_attendance(dctx *c, int64_t meeting_id, struct st_attendee **att, int *natt, struct st_proxy **px,
                       int *npx);
/* The participants of the meeting's place by name, for those who run it
 * (at most PARTICIPANTS_LIST_MAX; how = "elector" or "staff"). */
#define PARTICIPANTS_LIST_MAX 500
int meeting_participants(dctx *c, const struct st_meeting *m, struct st_attendee **out, int *n);
/* The attendance totals of a meeting, "of those present" figures for a vote
 * taken at it (see struct st_presence): present heads including
 * represented principals, their households, owners and the owners' floor
 * area. Needs perm_read on the meeting's place. */
int meeting_presence(dctx *c, int64_t meeting_id, struct st_presence *out);
int meeting_minutes_set(dctx *c, int64_t meeting_id, const char *minutes_md);
/* Holds the meeting: minutes and outcomes are fixed; items not decided go
 * to the next scheduled meeting (*next_id, 0 if none; *carried how many). */
int meeting_close(dctx *c, int64_t meeting_id, int64_t *next_id, int *carried);

/* The meetings of every council at exactly this place for the iCalendar
 * feed, from FEED_DAYS_BACK days ago on. Access: the signed-in actor reads
 * the place, or key is a feed key whose person reads it; else WG_ENOTFOUND. */
struct council_feed_item {
    struct st_meeting m;
    struct st_agenda *agenda;
    int nagenda;
};
int council_feed(dctx *c, int64_t place_id, const char *key, struct st_place *place, struct council_feed_item **out,
                 int *n);
/* A new feed key for the actor (replacing the old one), hex in out. */
int council_feed_key(dctx *c, char out[FEED_KEY_HEX + 1]);

/* ---- later modules: what they hold on to ----
 * A module listed later that keeps records on a meeting or its agenda
 * items (votes) refuses what would orphan them, with a module_ext
 * {"council", &its struct council_ext}: 0 to allow, else an error with
 * c->code. */
struct council_page_ext; /* council_web.h: how the panel shows on the meeting page */
struct council_ext {
    int (*item_remove_guard)(dctx *c, const struct st_agenda *item);
    int (*meeting_close_guard)(dctx *c, const struct st_meeting *m);
    /* A panel of the meeting: its fields, added to the meeting in
     * GET /api/v1/meetings/{id} and rendered on its page; NULL for none (or,
     * with *rc set, a failure). run: the actor runs the meeting. */
    json_t *(*panel)(dctx *c, const struct st_meeting *m, int run, int *rc);
    const struct council_page_ext *page;
};
/* Adds every later module's panel of the meeting to o (its fields). */
int council_panels(dctx *c, const struct st_meeting *m, int run, json_t *o);

/* ---- views (council_view.c) ---- */
json_t *council_view(dctx *c, const struct st_council *co);
/* with_code: include the sign-in code (for those who run the meeting). */
json_t *council_view_meeting(dctx *c, const struct st_meeting *m, int with_code);
json_t *council_view_agenda(dctx *c, const struct st_agenda *g);
json_t *council_view_presence(dctx *c, const struct st_presence *p);

extern const struct module council_module;

#endif
