/*
 * Volunteer shifts and records of service (STAGES.md, co-build; the
 * Ministry of Civil Affairs order no. 67 on volunteer service records).
 *
 * A shift is at a place (and may belong to a project), in a time window,
 * with a capacity and a skill wanted. Signing up:
 * - never exceeds the capacity and never overlaps another shift of the
 *   same person, however many sign up at once: in one transaction that
 *   holds the person's row and the shift's row (PostgreSQL; SQLite's
 *   writers are serialised), the confirmed sign-ups are counted and the
 *   person's other shifts compared;
 * - a full shift puts the person on its waiting list; when someone
 *   cancels, the first in line gets the place and a notification;
 * - staff with manage_volunteers may sign someone up past the capacity or
 *   an overlap, with a reason that is recorded.
 * The day before, a job reminds those signed up. Check-in and check-out
 * are by the shift's QR code (its secret token), only within the window
 * (setting volunteer_window_min, default 30 minutes either side, kept with
 * the shift); the organiser may record them too. The organiser confirms
 * the minutes served, which earns points (rule volunteer_hour) in the same
 * transaction. A record holds the person, the service, the place, the
 * time, the minutes, the recording organisation (the community) and its
 * corrections (each kept, with a reason; the points follow). A certificate
 * has a number that the public page /certificates/verify checks.
 *
 * Permission: residents read and sign up for shifts of their community;
 * manage_volunteers (grid workers, community staff, street) creates shifts,
 * overrides, records attendance, confirms and corrects, issues
 * certificates; the shift's organiser may record and confirm too.
 *
 * Ownership: results live in c->a; json_t values are the caller's.
 */
#ifndef WG_MOD_VOLUNTEER_H
#define WG_MOD_VOLUNTEER_H

#include <jansson.h>

#include "kernel/kernel.h"
#include "mod/project/project.h"

#define VOLUNTEER_CAPACITY_MAX 1000
#define VOLUNTEER_SHIFT_HOURS_MAX 24
#define VOLUNTEER_TEXT_MAX 100 /* a title, skill or location, in code points */

extern const struct perm_action volunteer_act_manage;

struct st_shift {
    int64_t id, community_id, place_id, project_id, starts_at, ends_at, capacity, window_min, organiser_id,
        created_at;
    const char *title, *skill, *location, *token, *status, *place_name, *place_path, *organiser_name;
    int confirmed, waiting; /* counts */
};

struct st_signup {
    int64_t id, shift_id, community_id, person_id, overridden_by, checkin_at, checkout_at, minutes, confirmed_by,
        confirmed_at, points_txn_id, created_at;
    const char *status, *override_reason, *person_name;
};

/* A confirmed service: the sign-up and its shift (sh.organiser_name holds
 * the community that keeps the record). */
struct volunteer_rec {
    struct st_signup su;
    struct st_shift sh;
};
/* The confirmed services (hours) of a community, for those who manage its
 * volunteers: newest sign-up first, at most limit (VOLUNTEER_HOURS_MAX)
 * with ids below before (0: from the newest); in c->a. */
#define VOLUNTEER_HOURS_MAX 100
int volunteer_hours(dctx *c, int64_t community_id, int64_t before, int limit, struct volunteer_rec **out, int *n);

struct shift_new {
    int64_t place_id, project_id, capacity;
    const char *title, *skill, *location, *starts, *ends; /* "YYYY-MM-DD HH:MM" local */
};
int volunteer_shift_create(dctx *c, const struct shift_new *in, int64_t *id);
int volunteer_shift_get(dctx *c, int64_t id, struct st_shift *out);
int volunteer_shifts(dctx *c, int64_t community_id, int upcoming_only, struct st_shift **out, int *n);
int volunteer_may_run(dctx *c, const struct st_shift *s);

/* Signs person_id up (0: the actor). With a reason and manage_volunteers,
 * past the capacity and overlaps. *status: "confirmed" or "waiting".
 * WG_ECONFLICT volunteer_overlap, volunteer_signed_up, shift_closed. */
int volunteer_signup(dctx *c, int64_t shift_id, int64_t person_id, const char *override_reason, int64_t *signup_id,
                     const char **status);
/* Cancels the actor's sign-up (or, for staff, anyone's); the first waiting
 * gets the place. */
int volunteer_cancel(dctx *c, int64_t signup_id);
/* Check-in or check-out by the QR token, within the window: the actor's
 * own sign-up. *what: "checkin" or "checkout". */
int volunteer_scan(dctx *c, int64_t shift_id, const char *token, const char **what, int64_t *signup_id);
/* The organiser records attendance: times "YYYY-MM-DD HH:MM" (NULL: unchanged). */
int volunteer_attendance(dctx *c, int64_t signup_id, const char *checkin, const char *checkout);
/* Confirms the minutes served (0: from check-in to check-out), earning points. */
int volunteer_confirm(dctx *c, int64_t signup_id, int64_t minutes);
/* Corrects confirmed minutes, with a reason: recorded; the points follow. */
int volunteer_correct(dctx *c, int64_t signup_id, int64_t minutes, const char *reason);
int volunteer_signup_get(dctx *c, int64_t id, struct st_signup *out, struct st_shift *shift);

/* The shift with its sign-ups (the roster for those who run it). */
json_t *volunteer_shift_json(dctx *c, const struct st_shift *s, int with_roster);
/* A person's records of service (0: the actor's), with corrections and totals. */
json_t *volunteer_records(dctx *c, int64_t person_id, int *rc);
/* Issues a certificate of the person's confirmed service (0: the actor's). */
int volunteer_certify(dctx *c, int64_t person_id, const char **number);
/* A certificate by its number (public): NULL with *rc WG_ENOTFOUND. */
json_t *volunteer_certificate(dctx *c, const char *number, int *rc);

/* Households whose volunteers came to the project's shifts, with their buildings, for the result page: no reader check
 * (the caller has read the matter). */
int volunteer_households(dctx *c, int64_t project_id, struct household_ref **out, int *n);

extern const struct module volunteer_module;

#endif
