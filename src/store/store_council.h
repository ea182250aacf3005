/*
 * Store functions of councils (议事会) and their meetings: the series, the
 * materialised meetings, agenda items, attendance, proxies, the notices of
 * a meeting to the people of its place, attendance totals and the keys of
 * the iCalendar feed. Conventions as in store.h: 0 or a negative WG_E*
 * code, results in the arena passed in, writes inside store_begin/end.
 */
#ifndef WG_STORE_COUNCIL_H
#define WG_STORE_COUNCIL_H

#include <stdint.h>

#include "core/arena.h"
#include "store/store.h"

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
int store_council_insert(store *s, struct st_council *c); /* sets c->id */
int store_council_get(store *s, arena *a, int64_t id, struct st_council *out);
/* Councils at exactly this place, oldest first (at most cap). */
int store_councils_of_place(store *s, arena *a, int64_t place_id, int cap, struct st_council **out, int *n);
int store_council_count(store *s, int64_t place_id, int *n);
int store_council_set_next_k(store *s, int64_t id, int64_t next_k);

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
int store_meeting_insert(store *s, struct st_meeting *m); /* sets m->id; ECONFLICT on a taken occurrence */
int store_meeting_get(store *s, arena *a, int64_t id, struct st_meeting *out);
/* A council's meetings by start time; from: only those starting at or after
 * it (0: all). At most cap. */
int store_meetings_of_council(store *s, arena *a, int64_t council_id, int64_t from, int cap,
                              struct st_meeting **out, int *n);
/* Meetings of every council at exactly this place starting at or after from. */
int store_meetings_of_place(store *s, arena *a, int64_t place_id, int64_t from, int cap, struct st_meeting **out,
                            int *n);
/* Generated (not ad hoc) meetings of a council starting at or after from. */
int store_meeting_count_upcoming(store *s, int64_t council_id, int64_t from, int *n);
/* The first scheduled meeting of the council starting after `after`; WG_ENOTFOUND if none. */
int store_meeting_next(store *s, arena *a, int64_t council_id, int64_t after, struct st_meeting *out);
/* Changes time/place/status of a scheduled meeting and bumps its sequence;
 * ECONFLICT when it is no longer scheduled. */
int store_meeting_update(store *s, int64_t id, int64_t start_at, int64_t end_at, const char *location,
                         const char *status, int64_t at);
/* Minutes of a scheduled meeting (bumps nothing); ECONFLICT when held or cancelled. */
int store_meeting_set_minutes(store *s, int64_t id, const char *minutes_md, int64_t at);
/* scheduled -> held, sequence + 1; ECONFLICT when not scheduled. */
int store_meeting_hold(store *s, int64_t id, int64_t at);

struct st_agenda {
    int64_t id, meeting_id, community_id;
    int position;
    int64_t matter_id;  /* 0: a free-text item */
    const char *matter_title, *title;
    const char *outcome; /* NULL, decided, not_decided, deferred */
    const char *outcome_text;
    int64_t carried_from, created_at;
};
/* Appends at the end (position = last + 1); sets it->id and it->position. */
int store_agenda_insert(store *s, struct st_agenda *it);
int store_agenda_get(store *s, arena *a, int64_t id, struct st_agenda *out);
int store_agenda_of(store *s, arena *a, int64_t meeting_id, struct st_agenda **out, int *n);
int store_agenda_count(store *s, int64_t meeting_id, int *n);
int store_agenda_delete(store *s, int64_t id);
int store_agenda_set_position(store *s, int64_t id, int position);
int store_agenda_set_outcome(store *s, int64_t id, const char *outcome, const char *text);

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
/* Idempotent: *changed says whether the person is newly recorded. */
int store_attendance_add(store *s, int64_t meeting_id, int64_t person_id, int64_t community_id, const char *how,
                         int64_t by, int64_t at, int *changed);
int store_attendance_of(store *s, arena *a, int64_t meeting_id, struct st_attendee **out, int *n);
int store_is_present(store *s, int64_t meeting_id, int64_t person_id, int *yes);
/* ECONFLICT when the principal has a proxy already. */
int store_proxy_add(store *s, int64_t meeting_id, int64_t principal_id, int64_t holder_id, int64_t community_id,
                    int64_t by, int64_t at);
int store_proxies_of(store *s, arena *a, int64_t meeting_id, struct st_proxy **out, int *n);
/* Proxies this person holds, and whether this person gave one. */
int store_proxy_counts(store *s, int64_t meeting_id, int64_t person_id, int *held, int *given);

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
int store_meeting_presence(store *s, int64_t meeting_id, const char *place_path, struct st_presence *out);

/* Whether a person may take part in a place's council: an elector of the
 * place (approved household member under path) or holding a role other
 * than resident at the place, below it, or above it within the community.
 * *elector says which. */
int store_council_participant(store *s, const char *place_path, int64_t community_id, int64_t person_id,
                              int *yes, int *elector);
/* The participants by name (how: "elector" or "staff"), at most cap. */
int store_council_participants(store *s, arena *a, const char *place_path, int64_t community_id, int cap,
                               struct st_attendee **out, int *n);
/* One notification of kind (with title, url and detail, due at `at`) to
 * every participant of the place at path in the community, leaving out
 * those who turned the kind off; *n gets how many. */
int store_notify_council_place(store *s, const char *place_path, int64_t community_id, const char *kind,
                               const char *title, const char *url, const char *detail, int64_t at, int *n);
/* Pending (created_at > now) notifications of kind with this url: moved to
 * `at` (store_notices_move) or deleted (store_notices_drop). */
int store_notices_move(store *s, const char *url, const char *kind, int64_t now, int64_t at);
int store_notices_drop(store *s, const char *url, const char *kind, int64_t now);

/* Feed keys: one per person (a new one replaces the old). */
int store_feed_key_set(store *s, int64_t person_id, const unsigned char hash[32], int64_t community_id, int64_t at);
int store_feed_key_person(store *s, const unsigned char hash[32], int64_t *person_id);

#endif
