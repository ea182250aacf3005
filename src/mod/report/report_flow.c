/* Problem reports: states, handing on, reopening, the questions after a
 * fix, ratings, points for a useful report, and escalation (see report.h). */
#include <string.h>

#include "mod/people/people.h"
#include "mod/points/points.h"
#include "mod/report/report.h"
#include "mod/report/report_int.h"
#include "mod/report/report_store.h"

static const char *job_key(dctx *c, int64_t id)
{
    return arena_printf(c->a, "report.escalate:%lld", (long long)id);
}

int report_schedule(dctx *c, const struct st_report *r)
{
    if (strcmp(r->state_type, "open") != 0)
        return job_cancel(c->st, job_key(c, r->id), NULL);
    return job_schedule(c->st, "report.escalate", job_key(c, r->id), r->id, r->next_due, c->now);
}

/* The limits of the report's category at its place. */
static void limits(dctx *c, const struct st_report *r, int64_t *response_s, int64_t *resolution_s, int *working)
{
    const struct report_category *cat = report_category_find(r->category);
    assert(cat != NULL);
    report_limits(c, r->place_path, cat, response_s, resolution_s, working);
}

/* The first answer of one who handles it: from now on the resolution limit runs. */
static void answered(dctx *c, struct st_report *r)
{
    if (r->responded_at)
        return;
    int64_t response_s, resolution_s;
    int working;
    r->responded_at = c->now;
    limits(c, r, &response_s, &resolution_s, &working);
    r->next_due = r->resolution_due > c->now ? r->resolution_due : report_due(c, r->community_id, c->now, resolution_s, working);
}

/* Tells everyone following it (but the actor) in the open transaction. */
static int tell_followers(dctx *c, const struct st_report *r, const char *kind, const char *detail)
{
    struct notify_msg msg = {.kind = kind, .title = report_title(c, r), .detail = detail,
                             .url = arena_printf(c->a, "/reports/%lld", (long long)r->id), .at = c->now};
    return report_store_tell_followers(c->st, &msg, r->id, c->actor ? c->actor->id : 0);
}

/* Opens a write transaction holding the report; reads it again under the lock. */
static int begin_locked(dctx *c, int64_t id, struct st_report *r)
{
    int rc = store_begin(c->st);
    if (rc)
        return rc;
    if ((rc = report_store_lock(c->st, id)) || (rc = report_store_get(c->st, c->a, id, r)))
        return store_end(c->st, rc), rc ? rc : WG_EDB;
    return 0;
}

/* Writes r, its event, what the caller adds (also), its job; tells its
 * followers. Ends the transaction. */
static int commit_also(dctx *c, struct st_report *r, const char *kind, const char *from, const char *note, int64_t person,
                       const char *notify_kind, const struct report_also *also)
{
    int64_t event_id = 0;
    r->updated_at = c->now;
    int rc = report_store_update(c->st, r);
    if (rc == 0)
        rc = report_store_event_id(c->st, r, kind, from, r->state, person, c->actor ? c->actor->id : 0, note, c->now,
                                   &event_id);
    if (rc == 0 && also)
        rc = also->fn(c, r->id, event_id, also->ud);
    if (rc == 0)
        rc = report_schedule(c, r);
    if (rc == 0 && notify_kind)
        rc = tell_followers(c, r, notify_kind, r->state);
    return store_end(c->st, rc);
}

static int commit(dctx *c, struct st_report *r, const char *kind, const char *from, const char *note, int64_t person,
                  const char *notify_kind)
{
    return commit_also(c, r, kind, from, note, person, notify_kind, NULL);
}

static int need_handler(dctx *c, const struct st_report *r)
{
    if (report_may_handle(c, r))
        return 0;
    return perm_check(c, &report_act_handle, r->place_path, r->community_id); /* audited: 403 */
}

struct state_photos {
    const struct st_report *r;
    const struct photo_image *img;
    int n;
};

/* In the state change's transaction: its photos after those the report holds. */
static int state_photos(dctx *c, int64_t report_id, int64_t event_id, void *ud)
{
    struct state_photos *x = ud;
    int have = 0;
    (void)event_id;
    int rc = report_store_photo_count(c->st, report_id, &have);
    if (rc == 0 && have + x->n > REPORT_PHOTOS_ALL)
        rc = dctx_fail(c, WG_EINVAL, "too_many_photos", "photos");
    return rc ? rc : report_photos_insert(c, x->r, x->img, x->n, have);
}

int report_transition(dctx *c, int64_t id, const char *state, const char *note, int64_t duplicate_of)
{
    return report_transition_photos(c, id, state, note, duplicate_of, NULL, 0);
}

int report_transition_photos(dctx *c, int64_t id, const char *state, const char *note, int64_t duplicate_of,
                             const struct photo_upload *photos, int nphotos)
{
    struct st_report r, dup;
    struct photo_image img[REPORT_PHOTOS_MAX];
    int rc = report_get(c, id, &r);
    if (rc || (rc = need_handler(c, &r)))
        return rc;
    if (nphotos < 0 || nphotos > REPORT_PHOTOS_MAX)
        return dctx_fail(c, WG_EINVAL, "too_many_photos", "photos");
    const char *type = report_state_type(state);
    if (type == NULL || strcmp(state, "new") == 0)
        return dctx_fail(c, WG_EINVAL, "report_state_invalid", "state");
    if ((rc = dctx_text(c, note, REPORT_NOTE_MAX, strcmp(type, "closed") == 0, "note", "report_reason_required",
                        "report_note_invalid")))
        return rc;
    if (strcmp(state, "closed_duplicate") == 0) {
        if (duplicate_of <= 0 || duplicate_of == id || report_get(c, duplicate_of, &dup) != 0 ||
            dup.community_id != r.community_id)
            return dctx_fail(c, WG_EINVAL, "report_duplicate_invalid", "duplicate_of");
    } else {
        duplicate_of = 0;
    }
    if ((rc = report_photos_prepare(c, photos, nphotos, img)) || (rc = begin_locked(c, id, &r)))
        return rc;
    if (strcmp(r.state, state) == 0) {
        store_end(c->st, WG_ECONFLICT);
        return dctx_fail(c, WG_ECONFLICT, "report_state_same", "state");
    }
    const char *from = r.state;
    answered(c, &r);
    r.state = state;
    r.state_type = type;
    r.duplicate_of = duplicate_of;
    if (strcmp(type, "fixed") == 0)
        r.fixed_at = c->now, r.fixes++;
    r.closed_at = strcmp(type, "closed") == 0 ? c->now : 0;
    struct state_photos x = {.r = &r, .img = img, .n = nphotos};
    struct report_also also = {.fn = state_photos, .ud = &x};
    return commit_also(c, &r, "state", from, note, 0, strcmp(type, "fixed") == 0 ? "report_fixed_check" : "report_state",
                       nphotos > 0 ? &also : NULL);
}

int report_update(dctx *c, int64_t id, const char *note)
{
    struct st_report r;
    int rc = report_get(c, id, &r);
    if (rc || (rc = need_handler(c, &r)) ||
        (rc = dctx_text(c, note, REPORT_NOTE_MAX, 1, "note", "report_note_required", "report_note_invalid")))
        return rc;
    if ((rc = begin_locked(c, id, &r)))
        return rc;
    answered(c, &r);
    return commit(c, &r, "update", r.state, note, 0, "report_state");
}

int report_hand_on(dctx *c, int64_t id, const char *to_phone, const char *reason)
{
    struct st_report r;
    int64_t to = 0;
    const char *name = NULL;
    int rc = report_get(c, id, &r);
    if (rc || (rc = need_handler(c, &r)))
        return rc;
    if ((rc = dctx_text(c, reason, REPORT_NOTE_MAX, 1, "reason", "report_reason_required", "report_note_invalid")))
        return rc;
    /* anyone registered, who must be able to handle it: an unknown phone reads the same */
    if (people_find(c, to_phone, NULL, &to, &name) != 0)
        return dctx_fail(c, WG_EINVAL, "report_handler_unknown", "to");
    struct actor *who = NULL;
    if ((rc = actor_load(c, to, &who)))
        return rc;
    if (!perm_allows(who, &report_act_handle, r.place_path)) /* the new one must be able to handle it */
        return dctx_fail(c, WG_EINVAL, "report_handler_unknown", "to");
    if (to == r.responsible_id)
        return dctx_fail(c, WG_ECONFLICT, "report_handler_same", "to");
    if ((rc = begin_locked(c, id, &r)))
        return rc;
    if (strcmp(r.state_type, "open") != 0) {
        store_end(c->st, WG_ECONFLICT);
        return dctx_fail(c, WG_ECONFLICT, "report_not_open", NULL);
    }
    answered(c, &r);
    r.responsible_id = to;
    struct notify_msg msg = {.kind = "report_assigned", .title = report_title(c, &r),
                             .url = arena_printf(c->a, "/reports/%lld", (long long)r.id), .at = c->now};
    if ((rc = notify_person(c->st, to, &msg))) {
        store_end(c->st, rc);
        return rc;
    }
    return commit(c, &r, "handed_on", r.state, reason, to, NULL);
}

/* A member of the report's community, or one who handles it. */
static int may_reopen(dctx *c, const struct st_report *r)
{
    return actor_community(c->actor) == r->community_id || report_may_handle(c, r);
}

static int reopen_locked(dctx *c, struct st_report *r, const char *reason, const char *kind,
                         const struct report_also *also)
{
    int64_t response_s, resolution_s;
    int working;
    const char *from = r->state;
    limits(c, r, &response_s, &resolution_s, &working);
    r->state = "confirmed";
    r->state_type = "open";
    r->closed_at = 0;
    r->duplicate_of = 0;
    r->next_due = report_due(c, r->community_id, c->now, resolution_s, working);
    return commit_also(c, r, kind, from, reason, 0, "report_reopened", also);
}

int report_reopen(dctx *c, int64_t id, const char *reason)
{
    return report_reopen_also(c, id, reason, NULL);
}

int report_reopen_also(dctx *c, int64_t id, const char *reason, const struct report_also *also)
{
    struct st_report r;
    int rc = report_get(c, id, &r);
    if (rc)
        return rc;
    if (!may_reopen(c, &r))
        return perm_check(c, &report_act_handle, r.place_path, r.community_id);
    if ((rc = dctx_text(c, reason, REPORT_NOTE_MAX, 1, "reason", "report_reason_required", "report_note_invalid")))
        return rc;
    if ((rc = begin_locked(c, id, &r)))
        return rc;
    if (strcmp(r.state_type, "open") == 0) {
        store_end(c->st, WG_ECONFLICT);
        return dctx_fail(c, WG_ECONFLICT, "report_already_open", NULL);
    }
    return reopen_locked(c, &r, reason, "reopened", also);
}

int report_check(dctx *c, int64_t id, const char *answer)
{
    struct st_report r;
    int rc = report_get(c, id, &r);
    if (rc)
        return rc;
    if (answer == NULL || (strcmp(answer, "fixed") && strcmp(answer, "partly") && strcmp(answer, "not")))
        return dctx_fail(c, WG_EINVAL, "report_answer_invalid", "answer");
    if (c->actor->id != r.reporter_id && !report_is_following(c, id))
        return dctx_fail(c, WG_ECONFLICT, "report_not_asked", NULL);
    if ((rc = begin_locked(c, id, &r)))
        return rc;
    if (strcmp(r.state, "fixed") != 0) {
        store_end(c->st, WG_ECONFLICT);
        return dctx_fail(c, WG_ECONFLICT, "report_not_fixed_yet", NULL);
    }
    rc = report_store_check(c->st, &r, c->actor->id, answer, c->now);
    if (rc == WG_ECONFLICT)
        rc = dctx_fail(c, rc, "report_checked", NULL);
    if (rc) {
        store_end(c->st, rc);
        return rc;
    }
    if (strcmp(answer, "not") == 0)
        return reopen_locked(c, &r, "", "not_fixed", NULL);
    if ((rc = report_store_event(c->st, &r, strcmp(answer, "fixed") == 0 ? "confirmed_fixed" : "partly_fixed", NULL,
                                 NULL, 0, c->actor->id, "", c->now)))
        return store_end(c->st, rc), rc;
    return store_end(c->st, 0);
}

/* The report as the subject of its households' ratings (mod/satisfaction). */
static struct satisfaction_subject subject(const struct st_report *r)
{
    return (struct satisfaction_subject){"report", r->id, r->community_id};
}

int report_rating_of(dctx *c, const struct st_report *r, struct satisfaction_mine *out)
{
    struct satisfaction_subject x = subject(r);
    return satisfaction_subject_mine(c, &x, out);
}

int report_rate(dctx *c, int64_t id, int score)
{
    struct st_report r;
    int rc = report_get(c, id, &r);
    if (rc)
        return rc;
    if ((rc = perm_check(c, &report_act_rate, r.place_path, r.community_id)))
        return rc;
    if (score < 1 || score > 5)
        return dctx_fail(c, WG_EINVAL, "report_score_invalid", "score");
    if (strcmp(r.state_type, "open") == 0)
        return dctx_fail(c, WG_ECONFLICT, "report_still_open", NULL);
    if ((rc = store_begin(c->st)))
        return rc;
    struct satisfaction_subject x = subject(&r);
    rc = satisfaction_subject_answer_in_tx(c, &x, score); /* 409 satisfaction_answered: the household has */
    return store_end(c->st, rc);
}

int report_useful(dctx *c, int64_t id, int64_t *granted)
{
    struct st_report r;
    int64_t txn = 0;
    int rc = report_get(c, id, &r);
    if (rc || (rc = perm_check(c, &report_act_handle, r.place_path, r.community_id)))
        return rc;
    if ((rc = begin_locked(c, id, &r)))
        return rc;
    if (r.useful_txn_id) {
        store_end(c->st, WG_ECONFLICT);
        return dctx_fail(c, WG_ECONFLICT, "report_useful_already", NULL);
    }
    rc = points_earn(c, r.community_id, r.reporter_id, "report_useful", 1, "report", r.id,
                     arena_printf(c->a, "report_useful:%lld", (long long)r.id), granted, &txn);
    if (rc) {
        store_end(c->st, rc);
        return rc;
    }
    r.useful_txn_id = txn;
    return commit(c, &r, "useful", r.state, "", r.reporter_id, NULL);
}

int report_escalate_due(dctx *c, int64_t id)
{
    struct st_report r;
    struct report_route rt;
    int64_t response_s, resolution_s;
    int working;
    int rc = report_store_lock(c->st, id);
    if (rc == 0)
        rc = report_store_get(c->st, c->a, id, &r);
    if (rc == WG_ENOTFOUND)
        return 0; /* nothing to do */
    if (rc || strcmp(r.state_type, "open") != 0)
        return rc;
    if (c->now < r.next_due) /* answered or moved since: the job waits for the new time */
        return report_schedule(c, &r);
    int li = report_level_index(r.level);
    const char *from = r.level;
    limits(c, &r, &response_s, &resolution_s, &working);
    r.overdue = 1;
    r.updated_at = c->now;
    if (report_levels[li + 1] != NULL && report_route(c, r.place_path, li + 1, &rt) == 0) {
        r.level = rt.level;
        r.responsible_place_id = rt.place_id;
        r.responsible_id = rt.person_id;
        r.escalations++;
        r.next_due = report_due(c, r.community_id, c->now, r.responded_at ? resolution_s : response_s, working);
    } else {
        r.next_due = 0; /* at the street: overdue, and no one higher */
    }
    if ((rc = report_store_update(c->st, &r)) ||
        (rc = report_store_event(c->st, &r, r.escalations && strcmp(from, r.level) ? "escalated" : "overdue", NULL,
                                 NULL, r.responsible_id, 0, from, c->now)) ||
        (rc = tell_followers(c, &r, "report_escalated", r.level)))
        return rc;
    if (r.responsible_id) {
        struct notify_msg msg = {.kind = "report_escalated", .title = report_title(c, &r), .detail = r.level,
                                 .url = arena_printf(c->a, "/reports/%lld", (long long)r.id), .at = c->now};
        if ((rc = notify_person(c->st, r.responsible_id, &msg)))
            return rc;
    }
    return r.next_due ? report_schedule(c, &r) : 0;
}

int report_job_escalate(dctx *c, const struct job *j)
{
    return report_escalate_due(c, j->ref_id);
}

int report_checked(dctx *c, const struct st_report *r, int *yes)
{
    *yes = 0;
    return c->actor ? report_store_checked(c->st, r->id, c->actor->id, r->fixes, yes) : 0;
}
