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
 * generated when the council is created and topped up lazily when the
 * council, its meetings or the place's feed are read and when a meeting is
 * held (a read may thus write the new occurrences). A meeting can also be
 * added ad hoc, moved (time, duration, location) or cancelled; each of
 * those bumps its sequence (the iCalendar SEQUENCE), as does holding it.
 *
 * Who: community staff create councils for places of their community, grid
 * workers for their grid and its buildings, street admins in their street
 * (ACT_MANAGE_MATTER with those roles; building leaders cannot). They and
 * the council's facilitator run its meetings: agenda, attendance, proxies,
 * minutes, outcomes, closing. Everyone who reads the place reads its
 * councils and meetings; the sign-in code is shown only to those who run
 * the meeting. A council or meeting of another community is not found.
 *
 * Participants of a place: its electors (approved household members of
 * households under it) and holders of roles other than resident at the
 * place, below it, or above it within the community. Every participant
 * gets a "meeting_notice" notification due notice_days before the start
 * (or at once when that is past); moving a meeting moves the pending
 * notice and tells everyone at once ("meeting_changed"); cancelling drops
 * the pending notice and tells everyone at once ("meeting_cancelled").
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
#ifndef WG_COUNCIL_H
#define WG_COUNCIL_H

#include <jansson.h>

#include "domain/domain.h"
#include "store/store_council.h"

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
/* Reads a council (ACT_READ on its place), topping up its meetings. */
int council_get(dctx *c, int64_t id, struct st_council *out);
/* Councils at exactly this place (ACT_READ). */
int council_list(dctx *c, int64_t place_id, struct st_place *place, struct st_council **out, int *n);
/* A council's meetings from `from` on (0: all), topped up first. */
int council_meetings(dctx *c, int64_t council_id, int64_t from, struct st_meeting **out, int *n);
/* 1 when the actor may create councils at / manage councils of the place. */
int council_may_manage_path(dctx *c, const char *place_path);

int meeting_get(dctx *c, int64_t id, struct st_meeting *out);
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
int agenda_add(dctx *c, int64_t meeting_id, int64_t matter_id, const char *title, int64_t *id);
/* ids: every item of the meeting once, in the new order. */
int agenda_reorder(dctx *c, int64_t meeting_id, const int64_t *ids, int n);
int agenda_remove(dctx *c, int64_t item_id);
/* outcome: decided not_decided deferred; text optional. */
int agenda_outcome(dctx *c, int64_t item_id, const char *outcome, const char *text);

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
 * taken at it (see struct st_presence in store/store_council.h): present
 * heads including represented principals, their households, owners and
 * the owners' floor area. Needs ACT_READ on the meeting's place. */
int meeting_presence(dctx *c, int64_t meeting_id, struct st_presence *out);
int meeting_minutes_set(dctx *c, int64_t meeting_id, const char *minutes_md);
/* Holds the meeting: minutes and outcomes are fixed; items not decided go
 * to the next scheduled meeting (*next_id, 0 if none; *carried how many). */
int meeting_close(dctx *c, int64_t meeting_id, int64_t *next_id, int *carried);

/* The meetings of every council at exactly this place for the iCalendar
 * feed, from FEED_DAYS_BACK days ago on. Access: the signed-in actor reads
 * the place, or key is a feed key whose person reads it; else WG_ENOTFOUND. */
int meeting_feed(dctx *c, int64_t place_id, const char *key, struct st_place *place, struct st_meeting **out,
                 int *n);
/* A new feed key for the actor (replacing the old one), hex in out. */
int feed_key_new(dctx *c, char out[FEED_KEY_HEX + 1]);

/* Local time helpers (Asia/Shanghai, UTC+8): 0 or WG_EINVAL. */
int council_parse_local(const char *s, int64_t *out); /* "YYYY-MM-DD HH:MM" */

/* ---- views ---- */
json_t *view_council(dctx *c, const struct st_council *co);
/* with_code: include the sign-in code (for those who run the meeting). */
json_t *view_meeting(dctx *c, const struct st_meeting *m, int with_code);
json_t *view_agenda_item(dctx *c, const struct st_agenda *g);
json_t *view_presence(dctx *c, const struct st_presence *p);


#endif
