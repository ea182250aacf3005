/* Volunteer shifts: sign-up, waiting list, check-in, hours (see volunteer.h). */
#include "mod/volunteer/volunteer.h"

#include <string.h>

#include "core/time.h"
#include "core/token.h"
#include "mod/points/points.h"
#include "mod/volunteer/volunteer_int.h"
#include "mod/volunteer/volunteer_store.h"

#define N PERM_NONE
#define S PERM_SUBTREE
const struct perm_action volunteer_act_manage = {
    "manage_volunteers", "post volunteer shifts, sign people up past the limits, record and confirm hours",
    {N, N, S, S, S}};
#undef N
#undef S

const struct setting_def volunteer_settings[] = {
    {"volunteer_window_min", 0, 240, 30}, /* check-in and check-out: minutes either side of a shift */
    {NULL, 0, 0, 0},
};

int volunteer_shift_get(dctx *c, int64_t id, struct st_shift *out)
{
    int rc = volunteer_store_shift_get(c->st, c->a, id, out);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc)
        return rc;
    rc = perm_check(c, &perm_read, out->place_path, out->community_id);
    return rc == WG_EPERM ? dctx_fail(c, WG_ENOTFOUND, "not_found", NULL) : rc;
}

int volunteer_may_run(dctx *c, const struct st_shift *s)
{
    return c->actor && (c->actor->id == s->organiser_id || perm_allows(c->actor, &volunteer_act_manage, s->place_path));
}

static int may_run_or_fail(dctx *c, const struct st_shift *s)
{
    if (volunteer_may_run(c, s))
        return 0;
    audit_log(c, "denied", arena_printf(c->a, "shift:%lld", (long long)s->id), "volunteer_run", s->community_id);
    return dctx_fail(c, WG_EPERM, "forbidden", NULL);
}

static int when(dctx *c, const char *s, const char *field, int64_t *t)
{
    if (s == NULL || s[0] == '\0')
        return dctx_fail(c, WG_EINVAL, "time_required", field);
    if (time_parse_local(s, t))
        return dctx_fail(c, WG_EINVAL, "datetime_invalid", field);
    return 0;
}

int volunteer_shift_create(dctx *c, const struct shift_new *in, int64_t *id)
{
    struct st_place place;
    struct st_shift sh = {0};
    char tok[TOKEN_HEX + 1];
    int rc = in->place_id > 0 ? place_get(c, in->place_id, &place) : dctx_fail(c, WG_EINVAL, "place_required", "place_id");
    if (rc || (rc = perm_check(c, &volunteer_act_manage, place.path, place.community_id)))
        return rc;
    if ((rc = dctx_text(c, in->title, VOLUNTEER_TEXT_MAX, 1, "title", "title_required", "volunteer_text_invalid")) ||
        (rc = dctx_text(c, in->skill, VOLUNTEER_TEXT_MAX, 0, "skill", "skill_required", "volunteer_text_invalid")) ||
        (rc = dctx_text(c, in->location, VOLUNTEER_TEXT_MAX, 0, "location", "location_required",
                        "volunteer_text_invalid")) ||
        (rc = when(c, in->starts, "starts", &sh.starts_at)) || (rc = when(c, in->ends, "ends", &sh.ends_at)))
        return rc;
    if (sh.ends_at <= sh.starts_at || sh.ends_at - sh.starts_at > VOLUNTEER_SHIFT_HOURS_MAX * 3600)
        return dctx_fail(c, WG_EINVAL, "shift_times_invalid", "ends");
    if (sh.starts_at <= c->now)
        return dctx_fail(c, WG_EINVAL, "shift_in_past", "starts");
    if (in->capacity < 1 || in->capacity > VOLUNTEER_CAPACITY_MAX)
        return dctx_fail(c, WG_EINVAL, "shift_capacity_invalid", "capacity");
    if (in->project_id > 0) {
        struct st_project p;
        if ((rc = project_get(c, in->project_id, &p)))
            return rc;
        if (p.community_id != place.community_id)
            return dctx_fail(c, WG_EINVAL, "shift_project_invalid", "project_id");
    }
    long window = volunteer_settings[0].def;
    place_line_setting(c, place.path, &volunteer_settings[0], &window);
    token_random(tok);
    sh = (struct st_shift){.community_id = place.community_id, .place_id = place.id, .project_id = in->project_id,
                           .title = in->title, .skill = in->skill ? in->skill : "",
                           .location = in->location ? in->location : "", .starts_at = sh.starts_at,
                           .ends_at = sh.ends_at, .capacity = in->capacity, .window_min = window,
                           .token = arena_strdup(c->a, tok), .organiser_id = c->actor->id, .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    rc = volunteer_store_shift_insert(c->st, &sh);
    if (rc == 0) /* the day before, a reminder; a shift within a day is reminded at once */
        rc = job_schedule(c->st, "volunteer.remind", arena_printf(c->a, "volunteer.remind:%lld", (long long)sh.id),
                          sh.id, sh.starts_at - 86400 > c->now ? sh.starts_at - 86400 : c->now, c->now);
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = sh.id;
    return 0;
}

int volunteer_shifts(dctx *c, int64_t community_id, int upcoming_only, struct st_shift **out, int *n)
{
    struct st_place com;
    int rc = place_get(c, community_id, &com);
    if (rc)
        return rc;
    return volunteer_store_shifts(c->st, c->a, com.community_id ? com.community_id : com.id,
                                  upcoming_only ? c->now : 0, out, n);
}

/* ---- signing up ---- */

static int signup_write(dctx *c, const struct st_shift *sh, int64_t person, const char *reason, int64_t *id,
                        const char **status)
{
    struct st_signup had;
    int confirmed = 0, overlaps = 0;
    int rc = person_lock(c->st, person);
    if (rc == 0)
        rc = volunteer_store_shift_lock(c->st, sh->id);
    if (rc == 0)
        rc = volunteer_store_signup_of(c->st, c->a, sh->id, person, &had);
    if (rc == 0 && strcmp(had.status, "cancelled") != 0)
        return dctx_fail(c, WG_ECONFLICT, "volunteer_signed_up", NULL);
    int again = rc == 0;
    if (rc == WG_ENOTFOUND)
        rc = 0;
    if (rc == 0)
        rc = volunteer_store_confirmed(c->st, sh->id, &confirmed);
    if (rc == 0)
        rc = volunteer_store_overlaps(c->st, person, sh->id, sh->starts_at, sh->ends_at, &overlaps);
    if (rc)
        return rc;
    if (overlaps > 0 && reason == NULL)
        return dctx_fail(c, WG_ECONFLICT, "volunteer_overlap", NULL);
    *status = confirmed < sh->capacity || reason != NULL ? "confirmed" : "waiting";
    if (again) {
        *id = had.id;
        return volunteer_store_signup_reopen(c->st, had.id, *status, reason, reason ? c->actor->id : 0, c->now);
    }
    struct st_signup su = {.shift_id = sh->id, .community_id = sh->community_id, .person_id = person,
                           .status = *status, .override_reason = reason,
                           .overridden_by = reason ? c->actor->id : 0, .created_at = c->now};
    return volunteer_store_signup_insert(c->st, &su, id);
}

int volunteer_signup(dctx *c, int64_t shift_id, int64_t person_id, const char *override_reason, int64_t *signup_id,
                     const char **status)
{
    struct st_shift sh;
    int rc = volunteer_shift_get(c, shift_id, &sh);
    if (rc)
        return rc;
    if (person_id == 0)
        person_id = c->actor->id;
    if (person_id != c->actor->id || override_reason != NULL) { /* staff sign someone up, or override */
        struct actor *who = NULL;
        if ((rc = perm_check(c, &volunteer_act_manage, sh.place_path, sh.community_id)))
            return rc;
        if (override_reason != NULL &&
            (rc = dctx_text(c, override_reason, REASON_MAX, 1, "reason", "reason_required", "reason_invalid")))
            return rc;
        rc = actor_load(c, person_id, &who);
        if (rc == WG_ENOTFOUND || (rc == 0 && actor_community(who) != sh.community_id))
            return dctx_fail(c, WG_EINVAL, "volunteer_person_invalid", "person_id");
        if (rc)
            return rc;
    } else if (actor_community(c->actor) != sh.community_id) {
        return dctx_fail(c, WG_EPERM, "volunteer_not_resident", NULL);
    }
    if (strcmp(sh.status, "open") != 0 || sh.ends_at <= c->now)
        return dctx_fail(c, WG_ECONFLICT, "shift_closed", NULL);
    if ((rc = store_begin(c->st)))
        return rc;
    rc = signup_write(c, &sh, person_id, override_reason, signup_id, status);
    if (rc == 0 && override_reason != NULL) {
        struct st_audit e = {.at = c->now, .actor_id = c->actor->id, .ip = c->ip, .action = "volunteer_override",
                             .target = arena_printf(c->a, "shift:%lld", (long long)sh.id), .detail = override_reason,
                             .community_id = sh.community_id};
        rc = audit_insert(c->st, &e);
    }
    return store_end(c->st, rc);
}

int volunteer_signup_get(dctx *c, int64_t id, struct st_signup *out, struct st_shift *shift)
{
    int rc = volunteer_store_signup_get(c->st, c->a, id, out);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    return rc ? rc : volunteer_shift_get(c, out->shift_id, shift);
}

int volunteer_cancel(dctx *c, int64_t signup_id)
{
    struct st_signup su, next;
    struct st_shift sh;
    int rc = volunteer_signup_get(c, signup_id, &su, &sh);
    if (rc)
        return rc;
    if (su.person_id != c->actor->id && (rc = perm_check(c, &volunteer_act_manage, sh.place_path, sh.community_id)))
        return rc;
    if (strcmp(su.status, "cancelled") == 0)
        return dctx_fail(c, WG_ECONFLICT, "volunteer_cancelled", NULL);
    if (su.checkin_at != 0)
        return dctx_fail(c, WG_ECONFLICT, "volunteer_served", NULL);
    if ((rc = store_begin(c->st)))
        return rc;
    rc = volunteer_store_shift_lock(c->st, sh.id);
    if (rc == 0)
        rc = volunteer_store_signup_status(c->st, su.id, "cancelled", c->now);
    int confirmed = 0;
    if (rc == 0 && strcmp(su.status, "confirmed") == 0 && (rc = volunteer_store_confirmed(c->st, sh.id, &confirmed)) == 0 &&
        confirmed < sh.capacity && volunteer_store_first_waiting(c->st, c->a, sh.id, &next) == 0) {
        rc = volunteer_store_signup_status(c->st, next.id, "confirmed", c->now);
        if (rc == 0) {
            struct notify_msg msg = {.kind = "volunteer_promoted", .title = sh.title,
                                     .url = arena_printf(c->a, "/shifts/%lld", (long long)sh.id), .at = c->now};
            rc = notify_person(c->st, next.person_id, &msg);
        }
    }
    return store_end(c->st, rc);
}

/* ---- on the day ---- */

int volunteer_scan(dctx *c, int64_t shift_id, const char *token, const char **what, int64_t *signup_id)
{
    struct st_shift sh;
    struct st_signup su;
    int rc = volunteer_shift_get(c, shift_id, &sh);
    if (rc)
        return rc;
    if (token == NULL || strcmp(token, sh.token) != 0)
        return dctx_fail(c, WG_EINVAL, "volunteer_code_invalid", "t");
    int64_t w = sh.window_min * 60;
    if (c->now < sh.starts_at - w || c->now > sh.ends_at + w)
        return dctx_fail(c, WG_ECONFLICT, "volunteer_outside_window", NULL);
    rc = volunteer_store_signup_of(c->st, c->a, sh.id, c->actor->id, &su);
    if (rc == WG_ENOTFOUND || (rc == 0 && strcmp(su.status, "confirmed") != 0))
        return dctx_fail(c, WG_ECONFLICT, "volunteer_not_signed_up", NULL);
    if (rc)
        return rc;
    if (su.checkout_at != 0 || su.confirmed_at != 0)
        return dctx_fail(c, WG_ECONFLICT, "volunteer_checked_out", NULL);
    *what = su.checkin_at == 0 ? "checkin" : "checkout";
    *signup_id = su.id;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = su.checkin_at == 0 ? volunteer_store_signup_times(c->st, su.id, c->now, 0, c->now)
                            : volunteer_store_signup_times(c->st, su.id, su.checkin_at, c->now, c->now);
    return store_end(c->st, rc);
}

int volunteer_attendance(dctx *c, int64_t signup_id, const char *checkin, const char *checkout)
{
    struct st_signup su;
    struct st_shift sh;
    int64_t in = 0, out = 0;
    int rc = volunteer_signup_get(c, signup_id, &su, &sh);
    if (rc || (rc = may_run_or_fail(c, &sh)))
        return rc;
    if (su.confirmed_at != 0)
        return dctx_fail(c, WG_ECONFLICT, "volunteer_confirmed", NULL);
    in = su.checkin_at;
    out = su.checkout_at;
    if ((checkin && *checkin && (rc = when(c, checkin, "checkin", &in))) ||
        (checkout && *checkout && (rc = when(c, checkout, "checkout", &out))))
        return rc;
    int64_t w = sh.window_min * 60;
    if ((in && (in < sh.starts_at - w || in > sh.ends_at + w)) || (out && (out < sh.starts_at - w || out > sh.ends_at + w)))
        return dctx_fail(c, WG_EINVAL, "volunteer_outside_window", checkin ? "checkin" : "checkout");
    if (out && (in == 0 || out <= in))
        return dctx_fail(c, WG_EINVAL, "volunteer_times_invalid", "checkout");
    if (strcmp(su.status, "confirmed") != 0)
        return dctx_fail(c, WG_ECONFLICT, "volunteer_not_signed_up", NULL);
    if ((rc = store_begin(c->st)))
        return rc;
    rc = volunteer_store_signup_times(c->st, su.id, in, out, c->now);
    return store_end(c->st, rc);
}

/* Earns the points of minutes for the sign-up under key; *txn 0 when none. */
static int earn(dctx *c, const struct st_signup *su, int64_t minutes, const char *key, int64_t *txn)
{
    int64_t granted = 0;
    return points_earn(c, su->community_id, su->person_id, "volunteer_hour", minutes, "volunteer_signup", su->id, key,
                       &granted, txn);
}

int volunteer_confirm(dctx *c, int64_t signup_id, int64_t minutes)
{
    struct st_signup su;
    struct st_shift sh;
    int64_t txn = 0;
    int rc = volunteer_signup_get(c, signup_id, &su, &sh);
    if (rc || (rc = may_run_or_fail(c, &sh)))
        return rc;
    if (su.confirmed_at != 0)
        return dctx_fail(c, WG_ECONFLICT, "volunteer_confirmed", NULL);
    if (strcmp(su.status, "confirmed") != 0)
        return dctx_fail(c, WG_ECONFLICT, "volunteer_not_signed_up", NULL);
    if (minutes == 0) {
        if (su.checkin_at == 0 || su.checkout_at == 0)
            return dctx_fail(c, WG_EINVAL, "volunteer_times_missing", "minutes");
        minutes = (su.checkout_at - su.checkin_at) / 60;
    }
    if (minutes < 1 || minutes > (sh.ends_at - sh.starts_at) / 60 + 2 * sh.window_min)
        return dctx_fail(c, WG_EINVAL, "volunteer_minutes_invalid", "minutes");
    if ((rc = store_begin(c->st)))
        return rc;
    rc = volunteer_store_shift_lock(c->st, sh.id);
    if (rc == 0)
        rc = earn(c, &su, minutes, arena_printf(c->a, "volunteer:%lld", (long long)su.id), &txn);
    if (rc == 0)
        rc = volunteer_store_signup_confirm(c->st, su.id, minutes, c->actor->id, txn, c->now);
    return store_end(c->st, rc);
}

int volunteer_correct(dctx *c, int64_t signup_id, int64_t minutes, const char *reason)
{
    struct st_signup su;
    struct st_shift sh;
    int64_t txn = 0, rev = 0;
    int rc = volunteer_signup_get(c, signup_id, &su, &sh);
    if (rc || (rc = may_run_or_fail(c, &sh)))
        return rc;
    if (su.confirmed_at == 0)
        return dctx_fail(c, WG_ECONFLICT, "volunteer_not_confirmed", NULL);
    if (minutes < 1 || minutes > (sh.ends_at - sh.starts_at) / 60 + 2 * sh.window_min)
        return dctx_fail(c, WG_EINVAL, "volunteer_minutes_invalid", "minutes");
    if ((rc = dctx_text(c, reason, REASON_MAX, 1, "reason", "reason_required", "reason_invalid")))
        return rc;
    if (minutes == su.minutes)
        return dctx_fail(c, WG_EINVAL, "volunteer_minutes_same", "minutes");
    struct volunteer_corr k = {.signup_id = su.id, .old_minutes = su.minutes, .new_minutes = minutes,
                               .reason = reason, .actor_id = c->actor->id, .at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    rc = volunteer_store_shift_lock(c->st, sh.id);
    if (rc == 0 && su.points_txn_id) /* the points follow: the old earning reversed, the new one earned */
        rc = points_reverse_in(c, su.points_txn_id, reason, &rev);
    if (rc == 0)
        rc = earn(c, &su, minutes, arena_printf(c->a, "volunteer:%lld:%lld:%lld", (long long)su.id, (long long)c->now, (long long)minutes),
                  &txn);
    if (rc == 0)
        rc = volunteer_store_correction_insert(c->st, &k, su.community_id);
    if (rc == 0)
        rc = volunteer_store_signup_confirm(c->st, su.id, minutes, su.confirmed_by, txn, su.confirmed_at);
    return store_end(c->st, rc);
}

/* ---- the job ---- */

int volunteer_job_remind(dctx *c, const struct job *j)
{
    struct st_shift sh;
    if (volunteer_store_shift_get(c->st, c->a, j->ref_id, &sh) != 0 || strcmp(sh.status, "open") != 0)
        return 0;
    char at[24];
    time_format_local(sh.starts_at, at, sizeof at);
    struct notify_msg msg = {.kind = "volunteer_reminder", .title = sh.title,
                             .url = arena_printf(c->a, "/shifts/%lld", (long long)sh.id),
                             .detail = arena_strdup(c->a, at), .at = j->due_at};
    return volunteer_store_remind(c->st, &msg, sh.id, NULL);
}

int volunteer_households(dctx *c, int64_t project_id, struct household_ref **out, int *n)
{
    return volunteer_store_households(c->st, c->a, project_id, out, n);
}
