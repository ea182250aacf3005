/* The volunteer module's SQL (private to mod/volunteer/). */
#ifndef WG_MOD_VOLUNTEER_STORE_H
#define WG_MOD_VOLUNTEER_STORE_H

#include "mod/volunteer/volunteer.h"

int volunteer_store_shift_insert(store *s, struct st_shift *sh);
int volunteer_store_shift_get(store *s, arena *a, int64_t id, struct st_shift *out);
int volunteer_store_shifts(store *s, arena *a, int64_t community_id, int64_t from, struct st_shift **out, int *n);
int volunteer_store_shift_lock(store *s, int64_t id);

int volunteer_store_signup_get(store *s, arena *a, int64_t id, struct st_signup *out);
int volunteer_store_signup_of(store *s, arena *a, int64_t shift_id, int64_t person_id, struct st_signup *out);
int volunteer_store_signup_insert(store *s, const struct st_signup *su, int64_t *id);
int volunteer_store_signup_status(store *s, int64_t id, const char *status, int64_t at);
int volunteer_store_signup_reopen(store *s, int64_t id, const char *status, const char *reason, int64_t by, int64_t at);
int volunteer_store_signup_times(store *s, int64_t id, int64_t checkin, int64_t checkout, int64_t at);
int volunteer_store_signup_confirm(store *s, int64_t id, int64_t minutes, int64_t by, int64_t txn, int64_t at);
int volunteer_store_confirmed(store *s, int64_t shift_id, int *n);
int volunteer_store_first_waiting(store *s, arena *a, int64_t shift_id, struct st_signup *out);
/* The person's live sign-ups on other shifts overlapping [from, to). */
int volunteer_store_overlaps(store *s, int64_t person_id, int64_t shift_id, int64_t from, int64_t to, int *n);
int volunteer_store_roster(store *s, arena *a, int64_t shift_id, struct st_signup **out, int *n);

/* A community's confirmed services, newest sign-up first, ids below before (0: from the newest). */
int volunteer_store_hours(store *s, arena *a, int64_t community_id, int64_t before, int limit,
                          struct volunteer_rec **out, int *n);
int volunteer_store_records(store *s, arena *a, int64_t person_id, struct volunteer_rec **out, int *n);
struct volunteer_corr {
    int64_t id, signup_id, old_minutes, new_minutes, actor_id, at;
    const char *reason, *actor_name;
};
int volunteer_store_corrections(store *s, arena *a, int64_t person_id, struct volunteer_corr **out, int *n);
int volunteer_store_correction_insert(store *s, const struct volunteer_corr *k, int64_t community_id);

struct volunteer_cert {
    int64_t id, community_id, person_id, minutes, services, issued_by, issued_at;
    const char *number, *person_name, *community_name;
};
int volunteer_store_cert_insert(store *s, struct volunteer_cert *k);
int volunteer_store_cert_get(store *s, arena *a, const char *number, struct volunteer_cert *out);
/* Confirmed minutes and services of a person in a community. */
int volunteer_store_totals(store *s, int64_t person_id, int64_t community_id, int64_t *minutes, int64_t *services);
/* Those to remind: confirmed sign-ups of the shift. */
int volunteer_store_remind(store *s, const struct notify_msg *msg, int64_t shift_id, int *n);

/* Households of the volunteers who came to a project's shifts (checked in or confirmed). */
int volunteer_store_households(store *s, arena *a, int64_t project_id, struct household_ref **out, int *n);

#endif
