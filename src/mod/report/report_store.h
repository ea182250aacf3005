/* The report module's SQL (private to mod/report/). */
#ifndef WG_MOD_REPORT_STORE_H
#define WG_MOD_REPORT_STORE_H

#include "mod/report/report.h"

int report_store_insert(store *s, struct st_report *r);
int report_store_get(store *s, arena *a, int64_t id, struct st_report *out);
/* Holds the report's row until the transaction ends (PostgreSQL). */
int report_store_lock(store *s, int64_t id);
/* Writes the report's moving parts: state, level, responsible, dues, times, flags. */
int report_store_update(store *s, const struct st_report *r);
int report_store_photo(store *s, int64_t report_id, int64_t photo_id, int64_t community_id, int64_t by, int pos);
int report_store_photo_count(store *s, int64_t report_id, int *n);
int report_store_photos(store *s, arena *a, int64_t report_id, int64_t **out, int *n);
int report_store_event(store *s, const struct st_report *r, const char *kind, const char *from, const char *to,
                       int64_t person_id, int64_t actor_id, const char *note, int64_t at);
/* report_store_event, and the new event's id in *id. */
int report_store_event_id(store *s, const struct st_report *r, const char *kind, const char *from, const char *to,
                          int64_t person_id, int64_t actor_id, const char *note, int64_t at, int64_t *id);
int report_store_events(store *s, arena *a, int64_t report_id, struct st_report_event **out, int *n);
int report_store_follow(store *s, int64_t report_id, int64_t person_id, int64_t community_id, int on, int64_t at);
/* msg to everyone following the report but `except`, inside the caller's transaction. */
int report_store_tell_followers(store *s, const struct notify_msg *msg, int64_t report_id, int64_t except);
int report_store_following(store *s, int64_t report_id, int64_t person_id, int *yes);
/* Open reports of a community like a new one (facility, or category at a place or near a point). */
int report_store_similar(store *s, arena *a, int64_t community_id, int64_t facility_id, const char *category,
                         int64_t place_id, int has_point, int64_t lat_e6, int64_t lon_e6, int64_t dlat, int64_t dlon,
                         struct st_report **out, int *n);
/* The reports of a facility, newest first (at most limit). */
int report_store_of_facility(store *s, arena *a, int64_t facility_id, int limit, struct st_report **out, int *n);
/* The list (report_list): path NULL, the community's reports; else those at
 * places under path received in [t0, t1), of community_id (0: any). */
int report_store_list(store *s, arena *a, int64_t community_id, const char *path, int64_t t0, int64_t t1,
                      const char *filter, const char *category, int64_t reporter_id, int64_t before, int limit,
                      struct st_report **out, int *n);
/* report_window and report_events_window (report.h). */
int report_store_window(store *s, arena *a, int64_t community_id, int64_t t0, int64_t t1, const char *cats, int want,
                        int limit, struct st_report **out, int *n);
int report_store_events_window(store *s, arena *a, int64_t community_id, int64_t t0, int64_t t1, int limit,
                               struct st_report_event **out, int *n);
int report_store_check(store *s, const struct st_report *r, int64_t person_id, const char *answer, int64_t at);
int report_store_checked(store *s, int64_t report_id, int64_t person_id, int fix_no, int *yes);
/* A report (or one rating of it) as the three rates count it. */
struct report_rate_row {
    int64_t created_at, responded_at, response_due, resolution_due, responsible_id, score;
    const char *category, *state_type, *path;
};
/* Calls fn for every report received at the place (path; community_id 0: above communities) in [t0, t1),
 * or with ratings for every household's rating of one (mod/satisfaction's answers about it). */
int report_store_rate_rows(store *s, arena *a, int64_t community_id, const char *path, int64_t t0, int64_t t1,
                           int ratings, void (*fn)(void *ud, const struct report_rate_row *row), void *ud);
int report_store_calendar(store *s, arena *a, int64_t street_id, const char *kind, int32_t **days, int *n);
int report_store_calendar_clear(store *s, int64_t street_id);
int report_store_calendar_add(store *s, int64_t street_id, int32_t day, const char *kind);

#endif
