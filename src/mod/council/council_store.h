/* The council module's SQL (private to mod/council/). */
#ifndef WG_MOD_COUNCIL_STORE_H
#define WG_MOD_COUNCIL_STORE_H

#include "mod/council/council.h"

int council_store_insert(store *s, struct st_council *c); /* sets c->id */
int council_store_get(store *s, arena *a, int64_t id, struct st_council *out);
/* Councils at exactly this place, oldest first (at most cap). */
int council_store_of_place(store *s, arena *a, int64_t place_id, int cap, struct st_council **out, int *n);
int council_store_count(store *s, int64_t place_id, int *n);
int council_store_set_next_k(store *s, int64_t id, int64_t next_k);

int council_store_meeting_insert(store *s, struct st_meeting *m); /* sets m->id; ECONFLICT on a taken occurrence */
/* Meeting ids after `after`, ascending (for reindexing). */
int council_store_meeting_ids(store *s, arena *a, int64_t after, int max, int64_t **out, int *n);
int council_store_meeting_get(store *s, arena *a, int64_t id, struct st_meeting *out);
/* A council's meetings by start time; from: only those starting at or after
 * it (0: all). At most cap. */
int council_store_meetings(store *s, arena *a, int64_t council_id, int64_t from, int cap,
                              struct st_meeting **out, int *n);
/* Meetings of every council at exactly this place starting at or after from. */
/* Scheduled meetings of community_id from `from` on, held at the place of
 * path or one above it, soonest first. */
int council_store_upcoming(store *s, arena *a, int64_t community_id, const char *path, int64_t from, int cap,
                           struct st_meeting **out, int *n);
int council_store_meetings_of_place(store *s, arena *a, int64_t place_id, int64_t from, int cap, struct st_meeting **out,
                            int *n);
/* Generated (not ad hoc) meetings of a council starting at or after from. */
int council_store_count_upcoming(store *s, int64_t council_id, int64_t from, int *n);
/* The first scheduled meeting of the council starting after `after`; WG_ENOTFOUND if none. */
int council_store_meeting_next(store *s, arena *a, int64_t council_id, int64_t after, struct st_meeting *out);
/* Changes time/place/status of a scheduled meeting and bumps its sequence;
 * ECONFLICT when it is no longer scheduled. */
int council_store_meeting_update(store *s, int64_t id, int64_t start_at, int64_t end_at, const char *location,
                         const char *status, int64_t at);
/* Minutes of a scheduled meeting (bumps nothing); ECONFLICT when held or cancelled. */
int council_store_set_minutes(store *s, int64_t id, const char *minutes_md, int64_t at);
/* scheduled -> held, sequence + 1; ECONFLICT when not scheduled. */
int council_store_hold(store *s, int64_t id, int64_t at);

/* Appends at the end (position = last + 1); sets it->id and it->position. */
int council_store_agenda_insert(store *s, struct st_agenda *it);
int council_store_agenda_get(store *s, arena *a, int64_t id, struct st_agenda *out);
int council_store_agenda(store *s, arena *a, int64_t meeting_id, struct st_agenda **out, int *n);
int council_store_agenda_count(store *s, int64_t meeting_id, int *n);
int council_store_agenda_delete(store *s, int64_t id);
int council_store_agenda_set_position(store *s, int64_t id, int position);
int council_store_agenda_set_outcome(store *s, int64_t id, const char *outcome, const char *text);

/* Idempotent: *changed says whether the person is newly recorded. */
int council_store_attendance_add(store *s, int64_t meeting_id, int64_t person_id, int64_t community_id, const char *how,
                         int64_t by, int64_t at, int *changed);
int council_store_attendance(store *s, arena *a, int64_t meeting_id, struct st_attendee **out, int *n);
int council_store_is_present(store *s, int64_t meeting_id, int64_t person_id, int *yes);
/* ECONFLICT when the principal has a proxy already. */
int council_store_proxy_add(store *s, int64_t meeting_id, int64_t principal_id, int64_t holder_id, int64_t community_id,
                    int64_t by, int64_t at);
int council_store_proxies(store *s, arena *a, int64_t meeting_id, struct st_proxy **out, int *n);
/* Proxies this person holds, and whether this person gave one. */
int council_store_proxy_counts(store *s, int64_t meeting_id, int64_t person_id, int *held, int *given);

int council_store_presence(store *s, int64_t meeting_id, const char *place_path, struct st_presence *out);

/* Whether a person may take part in a place's council: an elector of the
 * place (approved household member under path) or holding a role other
 * than resident at the place, below it, or above it within the community.
 * *elector says which. */
int council_store_participant(store *s, const char *place_path, int64_t community_id, int64_t person_id,
                              int *yes, int *elector);
/* The participants by name (how: "elector" or "staff"), at most cap. */
int council_store_participants(store *s, arena *a, const char *place_path, int64_t community_id, int cap,
                               struct st_attendee **out, int *n);
/* One notification of kind (with title, url and detail, due at `at`) to
 * every participant of the place at path in the community, leaving out
 * those who turned the kind off; *n gets how many. */
int council_store_notify_place(store *s, const struct notify_msg *msg, const char *place_path, int64_t community_id);

/* Feed keys: one per person (a new one replaces the old). */
int council_store_feed_key_set(store *s, int64_t person_id, const unsigned char hash[32], int64_t community_id, int64_t at);
int council_store_feed_key_person(store *s, const unsigned char hash[32], int64_t *person_id);

/* Inside a write transaction: locks the row until the end (PostgreSQL),
 * so that limits counted under it (councils of a place, agenda items and
 * proxies of a meeting) cannot be raced past. */
int council_store_lock_place(store *s, int64_t place_id);
int council_store_lock_meeting(store *s, int64_t meeting_id);

#endif
