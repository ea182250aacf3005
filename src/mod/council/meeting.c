/*
 * Meetings of councils: adding, moving and cancelling one (its notice job
 * follows), the agenda, sign-in, attendance and proxies, minutes, and
 * holding a meeting with its items carried forward. See council.h.
 */
#include <sodium.h>
#include <string.h>

#include "core/time.h"
#include "mod/council/council.h"
#include "mod/points/points.h"
#include "mod/council/council_int.h"
#include "mod/council/council_store.h"
#include "mod/search/search.h"



static const char *const outcomes[] = {"decided", "not_decided", "deferred", NULL};

static int in_list(const char *const *list, const char *s)
{
    for (; s && *list; list++)
        if (strcmp(*list, s) == 0)
            return 1;
    return 0;
}

/* ---- meetings ---- */

int meeting_may_run(dctx *c, const struct st_meeting *m)
{
    return c->actor && (council_may_manage_path(c, m->place_path) || c->actor->id == m->facilitator_id);
}

int meeting_lookup(dctx *c, int64_t id, struct st_meeting *out)
{
    return council_store_meeting_get(c->st, c->a, id, out);
}

int meeting_agenda_lookup(dctx *c, int64_t item_id, struct st_agenda *out)
{
    return council_store_agenda_get(c->st, c->a, item_id, out);
}

int meeting_lock(dctx *c, int64_t meeting_id)
{
    return council_store_lock_meeting(c->st, meeting_id);
}

int meeting_get(dctx *c, int64_t id, struct st_meeting *out)
{
    int rc = council_store_meeting_get(c->st, c->a, id, out);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc)
        return rc;
    return perm_check(c, &perm_read, out->place_path, out->community_id);
}

/* The meeting, visible, run by the actor (else 403, audited). */
static int meeting_run(dctx *c, int64_t id, struct st_meeting *m, const char *what)
{
    int rc = meeting_get(c, id, m);
    if (rc)
        return rc;
    if (!meeting_may_run(c, m))
        return council_deny(c, arena_printf(c->a, "meeting:%lld", (long long)id), what, m->community_id);
    return 0;
}

static int scheduled(dctx *c, const struct st_meeting *m)
{
    if (strcmp(m->status, "cancelled") == 0)
        return dctx_fail(c, WG_ECONFLICT, "meeting_cancelled", NULL);
    if (strcmp(m->status, "held") == 0)
        return dctx_fail(c, WG_ECONFLICT, "meeting_closed", NULL);
    return 0;
}

static int start_ok(dctx *c, int64_t start)
{
    if (start < c->now)
        return dctx_fail(c, WG_EINVAL, "start_past", "start");
    if (start > c->now + (int64_t)MEETING_HORIZON_DAYS * DAY)
        return dctx_fail(c, WG_EINVAL, "start_invalid", "start");
    return 0;
}

int meeting_add(dctx *c, int64_t council_id, const char *start, int duration_min, const char *location,
                int64_t *id)
{
    struct st_council co;
    int rc = council_read(c, council_id, &co);
    if (rc)
        return rc;
    if (!council_may_manage_path(c, co.place_path) && co.facilitator_id != c->actor->id)
        return council_deny(c, arena_printf(c->a, "council:%lld", (long long)council_id), "meeting_add", co.community_id);
    int64_t t;
    if (time_parse_local(start, &t))
        return dctx_fail(c, WG_EINVAL, "start_invalid", "start");
    if ((rc = start_ok(c, t)))
        return rc;
    if (duration_min == 0)
        duration_min = co.duration_min;
    if (duration_min < COUNCIL_DURATION_MIN || duration_min > COUNCIL_DURATION_MAX)
        return dctx_fail(c, WG_EINVAL, "duration_invalid", "duration_min");
    if (location && (rc = dctx_text(c, location, COUNCIL_LOCATION_MAX, 1, "location", "location_required",
                                     "location_invalid")))
        return rc;
    struct st_meeting m = {.occurrence = -1, .start_at = t, .end_at = t + (int64_t)duration_min * 60,
                           .location = location ? location : co.location};
    if ((rc = store_begin(c->st)))
        return rc;
    if ((rc = store_end(c->st, council_meeting_insert(c, &co, &m))))
        return rc;
    *id = m.id;
    return 0;
}

int meeting_move(dctx *c, int64_t id, const char *start, int duration_min, const char *location)
{
    struct st_meeting m;
    struct st_council co;
    int rc = meeting_run(c, id, &m, "meeting_move");
    if (rc || (rc = scheduled(c, &m)))
        return rc;
    int64_t t = m.start_at;
    if (start && time_parse_local(start, &t))
        return dctx_fail(c, WG_EINVAL, "start_invalid", "start");
    if (start && (rc = start_ok(c, t)))
        return rc;
    int dur = duration_min ? duration_min : (int)((m.end_at - m.start_at) / 60);
    if (dur < COUNCIL_DURATION_MIN || dur > COUNCIL_DURATION_MAX)
        return dctx_fail(c, WG_EINVAL, "duration_invalid", "duration_min");
    if (location && (rc = dctx_text(c, location, COUNCIL_LOCATION_MAX, 1, "location", "location_required",
                                     "location_invalid")))
        return rc;
    const char *loc = location ? location : m.location;
    int64_t end = t + (int64_t)dur * 60;
    if (t == m.start_at && end == m.end_at && strcmp(loc, m.location) == 0)
        return dctx_fail(c, WG_EINVAL, "no_change", NULL);
    if ((rc = council_store_get(c->st, c->a, m.council_id, &co)))
        return rc;
    int64_t at = t - (int64_t)co.notice_days * DAY;
    int dropped = 0;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = council_store_meeting_update(c->st, id, t, end, loc, "scheduled", c->now);
    if (rc == 0)
        rc = search_touch(c, "meeting", id);
    m.start_at = t;
    /* a notice not yet sent follows the meeting: now, when its day has come */
    if (rc == 0 && at > c->now)
        rc = job_move(c->st, council_notice_key(c, id), at);
    if (rc == 0 && at <= c->now && (rc = job_cancel(c->st, council_notice_key(c, id), &dropped)) == 0 && dropped)
        rc = council_notify_place(c, &m, co.name, "meeting_notice", loc);
    if (rc == 0)
        rc = council_notify_place(c, &m, co.name, "meeting_changed", loc);
    rc = store_end(c->st, rc);
    return rc == WG_ECONFLICT ? dctx_fail(c, rc, "meeting_changed", NULL) : rc;
}

int meeting_cancel(dctx *c, int64_t id, const char *reason)
{
    struct st_meeting m;
    int rc = meeting_run(c, id, &m, "meeting_cancel");
    if (rc || (rc = scheduled(c, &m)))
        return rc;
    if ((rc = dctx_text(c, reason, REASON_MAX, 0, "reason", NULL, "reason_invalid")))
        return rc;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = council_store_meeting_update(c->st, id, m.start_at, m.end_at, m.location, "cancelled", c->now);
    if (rc == 0)
        rc = job_cancel(c->st, council_notice_key(c, id), NULL);
    if (rc == 0)
        rc = council_notify_place(c, &m, m.council_name, "meeting_cancelled", reason && *reason ? reason : NULL);
    rc = store_end(c->st, rc);
    return rc == WG_ECONFLICT ? dctx_fail(c, rc, "meeting_changed", NULL) : rc;
}

/* ---- agenda ---- */

struct guard_call {
    dctx *c;
    const struct st_agenda *item;
    const struct st_meeting *m;
};

static int item_guard(const void *impl, void *ud)
{
    const struct council_ext *x = impl;
    struct guard_call *g = ud;
    return x->item_remove_guard ? x->item_remove_guard(g->c, g->item) : 0;
}

static int close_guard(const void *impl, void *ud)
{
    const struct council_ext *x = impl;
    struct guard_call *g = ud;
    return x->meeting_close_guard ? x->meeting_close_guard(g->c, g->m) : 0;
}

int meeting_agenda(dctx *c, int64_t meeting_id, struct st_agenda **out, int *n)
{
    struct st_meeting m;
    int rc = meeting_get(c, meeting_id, &m);
    return rc ? rc : council_store_agenda(c->st, c->a, meeting_id, out, n);
}

int meeting_agenda_add(dctx *c, int64_t meeting_id, int64_t matter_id, const char *title, int64_t *id)
{
    struct st_meeting m;
    int rc = meeting_run(c, meeting_id, &m, "meeting_agenda_add");
    if (rc || (rc = scheduled(c, &m)))
        return rc;
    if ((matter_id != 0) == (title != NULL))
        return dctx_fail(c, WG_EINVAL, "agenda_item_invalid", matter_id ? "title" : "matter_id");
    if (matter_id) {
        struct st_matter mt;
        rc = matter_get(c, matter_id, &mt);
        if (rc == WG_ENOTFOUND || rc == WG_EPERM || (rc == 0 && mt.community_id != m.community_id))
            return dctx_fail(c, WG_EINVAL, "matter_invalid", "matter_id");
        if (rc)
            return rc;
        title = mt.title;
    } else {
        if ((rc = dctx_text(c, title, AGENDA_TITLE_MAX, 1, "title", "title_required", "title_invalid")))
            return rc;
    }
    int n = 0;
    struct st_agenda g = {.meeting_id = meeting_id, .community_id = m.community_id, .matter_id = matter_id,
                          .title = title, .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    /* counted under the meeting's lock: racing adds cannot pass the limit */
    if ((rc = council_store_lock_meeting(c->st, meeting_id)) == 0 &&
        (rc = council_store_agenda_count(c->st, meeting_id, &n)) == 0 && n >= AGENDA_ITEMS_MAX)
        rc = dctx_fail(c, WG_ECONFLICT, "agenda_full", NULL);
    if (rc == 0 && (rc = council_store_agenda_insert(c->st, &g)) == 0)
        rc = search_touch(c, "meeting", meeting_id);
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = g.id;
    return 0;
}

int meeting_agenda_reorder(dctx *c, int64_t meeting_id, const int64_t *ids, int n)
{
    struct st_meeting m;
    struct st_agenda *items;
    int have = 0, rc = meeting_run(c, meeting_id, &m, "meeting_agenda_reorder");
    if (rc || (rc = scheduled(c, &m)) || (rc = council_store_agenda(c->st, c->a, meeting_id, &items, &have)))
        return rc;
    if (n != have)
        return dctx_fail(c, WG_EINVAL, "order_invalid", "order");
    for (int i = 0; i < n; i++) {
        int found = 0;
        for (int j = 0; j < have; j++)
            found += items[j].id == ids[i];
        for (int j = 0; j < i; j++)
            found += ids[j] == ids[i] ? 10 : 0;
        if (found != 1)
            return dctx_fail(c, WG_EINVAL, "order_invalid", "order");
    }
    if ((rc = store_begin(c->st)))
        return rc;
    for (int i = 0; rc == 0 && i < n; i++)
        rc = council_store_agenda_set_position(c->st, ids[i], i + 1);
    return store_end(c->st, rc);
}

/* The item, its meeting run by the actor and still open. */
static int item_run(dctx *c, int64_t item_id, struct st_agenda *g, struct st_meeting *m, const char *what)
{
    int rc = council_store_agenda_get(c->st, c->a, item_id, g);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc || (rc = meeting_run(c, g->meeting_id, m, what)))
        return rc;
    return scheduled(c, m);
}

int meeting_agenda_remove(dctx *c, int64_t item_id)
{
    struct st_agenda g;
    struct st_meeting m;
    int rc = item_run(c, item_id, &g, &m, "meeting_agenda_remove");
    if (rc || (rc = store_begin(c->st)))
        return rc;
    /* what a later module keeps on the item (a vote) keeps it */
    rc = module_each_ext("council", item_guard, &(struct guard_call){c, &g, NULL});
    if (rc == 0)
        rc = council_store_agenda_delete(c->st, item_id);
    return store_end(c->st, rc);
}

int meeting_agenda_outcome(dctx *c, int64_t item_id, const char *outcome, const char *text)
{
    struct st_agenda g;
    struct st_meeting m;
    int rc = item_run(c, item_id, &g, &m, "meeting_agenda_outcome");
    if (rc)
        return rc;
    if (!in_list(outcomes, outcome))
        return dctx_fail(c, WG_EINVAL, "outcome_invalid", "outcome");
    if ((rc = dctx_text(c, text, OUTCOME_TEXT_MAX, 0, "text", NULL, "outcome_text_invalid")))
        return rc;
    if ((rc = store_begin(c->st)))
        return rc;
    return store_end(c->st, council_store_agenda_set_outcome(c->st, item_id, outcome, text && *text ? text : NULL));
}

/* ---- sign-in, attendance, proxies ---- */

static int signin_open(dctx *c, const struct st_meeting *m)
{
    int rc = scheduled(c, m);
    if (rc)
        return rc;
    if (c->now < m->start_at - SIGNIN_OPEN_BEFORE)
        return dctx_fail(c, WG_ECONFLICT, "signin_not_open", NULL);
    return 0;
}

static int record_present(dctx *c, const struct st_meeting *m, int64_t person, const char *how, int *changed)
{
    int held = 0, given = 0, rc = council_store_proxy_counts(c->st, m->id, person, &held, &given);
    if (rc)
        return rc;
    if (given)
        return dctx_fail(c, WG_ECONFLICT, "proxy_given", NULL);
    if ((rc = store_begin(c->st)))
        return rc;
    rc = council_store_attendance_add(c->st, m->id, person, m->community_id, how, c->actor->id, c->now, changed);
    if (rc == 0 && *changed) { /* attending earns points by the community's rule, once per meeting */
        int64_t granted = 0, txn = 0;
        rc = points_earn(c, m->community_id, person, "council_attend", 1, "meeting", m->id,
                         arena_printf(c->a, "council:%lld:%lld", (long long)m->id, (long long)person), &granted, &txn);
    }
    return store_end(c->st, rc);
}

int meeting_sign_in(dctx *c, int64_t meeting_id, const char *code, int *changed)
{
    struct st_meeting m;
    int rc = meeting_get(c, meeting_id, &m), yes = 0;
    if (rc)
        return rc;
    if (code == NULL || strlen(code) != strlen(m.signin_code) ||
        sodium_memcmp(code, m.signin_code, strlen(m.signin_code)) != 0)
        return dctx_fail(c, WG_EPERM, "signin_code_invalid", "code");
    if ((rc = signin_open(c, &m)))
        return rc;
    /* the code of a photographed QR stops working after the meeting: only
     * the facilitator records attendance then */
    if (c->now > m.end_at + SIGNIN_CLOSE_AFTER)
        return dctx_fail(c, WG_ECONFLICT, "signin_closed", NULL);
    if ((rc = council_store_participant(c->st, m.place_path, m.community_id, c->actor->id, &yes, NULL)))
        return rc;
    if (!yes)
        return dctx_fail(c, WG_EPERM, "not_participant", NULL);
    return record_present(c, &m, c->actor->id, "self", changed);
}

int meeting_attend(dctx *c, int64_t meeting_id, int64_t person_id, int *changed)
{
    struct st_meeting m;
    int rc = meeting_run(c, meeting_id, &m, "meeting_attend"), yes = 0;
    if (rc || (rc = signin_open(c, &m)))
        return rc;
    if (person_id <= 0)
        return dctx_fail(c, WG_EINVAL, "person_invalid", "person_id");
    if ((rc = council_store_participant(c->st, m.place_path, m.community_id, person_id, &yes, NULL)))
        return rc;
    if (!yes)
        return dctx_fail(c, WG_EINVAL, "person_invalid", "person_id");
    return record_present(c, &m, person_id, "facilitator", changed);
}

int meeting_proxy_add(dctx *c, int64_t meeting_id, int64_t principal_id, int64_t holder_id)
{
    struct st_meeting m;
    int rc = meeting_run(c, meeting_id, &m, "meeting_proxy"), yes = 0, elector = 0;
    if (rc || (rc = signin_open(c, &m)))
        return rc;
    if (principal_id <= 0 || (rc = council_store_participant(c->st, m.place_path, m.community_id, principal_id,
                                                              &yes, &elector)) != 0 || !elector)
        return rc ? rc : dctx_fail(c, WG_EINVAL, "principal_invalid", "principal_id");
    if (holder_id <= 0 || (rc = council_store_participant(c->st, m.place_path, m.community_id, holder_id, &yes,
                                                           &elector)) != 0 || !elector)
        return rc ? rc : dctx_fail(c, WG_EINVAL, "holder_invalid", "holder_id");
    if (principal_id == holder_id)
        return dctx_fail(c, WG_EINVAL, "proxy_self", "holder_id");
    int present = 0, held = 0, given = 0;
    if ((rc = council_store_is_present(c->st, meeting_id, principal_id, &present)))
        return rc;
    if (present)
        return dctx_fail(c, WG_ECONFLICT, "principal_present", "principal_id");
    if ((rc = council_store_is_present(c->st, meeting_id, holder_id, &present)))
        return rc;
    if (!present)
        return dctx_fail(c, WG_ECONFLICT, "holder_absent", "holder_id");
    if ((rc = council_store_proxy_counts(c->st, meeting_id, principal_id, &held, &given)))
        return rc;
    if (given)
        return dctx_fail(c, WG_ECONFLICT, "proxy_exists", "principal_id");
    if ((rc = store_begin(c->st)))
        return rc;
    /* counted under the meeting's lock: racing proxies cannot pass the limit */
    if ((rc = council_store_lock_meeting(c->st, meeting_id)) == 0 &&
        (rc = council_store_proxy_counts(c->st, meeting_id, holder_id, &held, &given)) == 0 && held >= PROXIES_PER_HOLDER)
        rc = dctx_fail(c, WG_ECONFLICT, "proxy_limit", "holder_id");
    if (rc == 0)
        rc = council_store_proxy_add(c->st, meeting_id, principal_id, holder_id, m.community_id, c->actor->id, c->now);
    rc = store_end(c->st, rc);
    return rc == WG_ECONFLICT && c->code == NULL ? dctx_fail(c, rc, "proxy_exists", "principal_id") : rc;
}

int meeting_attendance(dctx *c, int64_t meeting_id, struct st_attendee **att, int *natt, struct st_proxy **px,
                       int *npx)
{
    struct st_meeting m;
    int rc = meeting_get(c, meeting_id, &m);
    if (rc || (rc = council_store_attendance(c->st, c->a, meeting_id, att, natt)))
        return rc;
    return council_store_proxies(c->st, c->a, meeting_id, px, npx);
}

int meeting_participants(dctx *c, const struct st_meeting *m, struct st_attendee **out, int *n)
{
    if (!meeting_may_run(c, m))
        return council_deny(c, arena_printf(c->a, "meeting:%lld", (long long)m->id), "meeting_participants",
                    m->community_id);
    return council_store_participants(c->st, c->a, m->place_path, m->community_id, PARTICIPANTS_LIST_MAX, out, n);
}

int meeting_presence(dctx *c, int64_t meeting_id, struct st_presence *out)
{
    struct st_meeting m;
    int rc = meeting_get(c, meeting_id, &m);
    return rc ? rc : council_store_presence(c->st, meeting_id, m.place_path, out);
}

/* ---- minutes, closing ---- */

int meeting_upcoming(dctx *c, int max, struct st_meeting **out, int *n)
{
    *n = 0;
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    struct st_meeting *all = arena_alloc(c->a, sizeof *all * (size_t)(max * (c->actor->nroles + 1)));
    int have = 0;
    for (int i = 0; i < c->actor->nroles; i++) {
        const struct actor_role *ro = &c->actor->roles[i];
        struct st_meeting *ms;
        int k = 0, rc = council_store_upcoming(c->st, c->a, ro->community_id, ro->place_path, c->now, max, &ms, &k);
        if (rc)
            return rc;
        for (int j = 0; j < k; j++) {
            int dup = 0;
            for (int x = 0; x < have && !dup; x++)
                dup = all[x].id == ms[j].id;
            if (!dup)
                all[have++] = ms[j];
        }
    }
    /* soonest first over all roles (a handful: insertion sort) */
    for (int i = 1; i < have; i++)
        for (int j = i; j > 0 && all[j].start_at < all[j - 1].start_at; j--) {
            struct st_meeting t = all[j];
            all[j] = all[j - 1];
            all[j - 1] = t;
        }
    *out = all;
    *n = have < max ? have : max;
    return 0;
}

int meeting_minutes_set(dctx *c, int64_t meeting_id, const char *minutes_md)
{
    struct st_meeting m;
    int rc = meeting_run(c, meeting_id, &m, "meeting_minutes");
    if (rc || (rc = scheduled(c, &m)))
        return rc;
    if (minutes_md == NULL)
        return dctx_fail(c, WG_EINVAL, "minutes_required", "minutes");
    if ((rc = dctx_text(c, minutes_md, MINUTES_MAX, 0, "minutes", NULL, "minutes_invalid")))
        return rc;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = council_store_set_minutes(c->st, meeting_id, minutes_md, c->now);
    rc = store_end(c->st, rc ? rc : search_touch(c, "meeting", meeting_id));
    return rc == WG_ECONFLICT ? dctx_fail(c, rc, "meeting_closed", NULL) : rc;
}

int meeting_close(dctx *c, int64_t meeting_id, int64_t *next_id, int *carried)
{
    struct st_meeting m, next;
    struct st_council co;
    struct st_agenda *items;
    int n = 0, rc = meeting_run(c, meeting_id, &m, "meeting_close");
    *next_id = 0;
    *carried = 0;
    if (rc || (rc = scheduled(c, &m)))
        return rc;
    if (c->now < m.start_at)
        return dctx_fail(c, WG_ECONFLICT, "meeting_not_started", NULL);
    if ((rc = council_store_agenda(c->st, c->a, meeting_id, &items, &n)))
        return rc;
    if ((rc = store_begin(c->st)))
        return rc;
    /* what a later module still runs at the meeting (an open vote, whose
     * presence and hands come from it) is closed first */
    rc = module_each_ext("council", close_guard, &(struct guard_call){c, NULL, &m});
    if (rc == 0)
        rc = council_store_hold(c->st, meeting_id, c->now);
    if (rc == 0)
        rc = council_store_get(c->st, c->a, m.council_id, &co);
    if (rc == 0)
        rc = council_topup_locked(c, &co);
    int have_next = 0;
    if (rc == 0) {
        rc = council_store_meeting_next(c->st, c->a, m.council_id, m.start_at, &next);
        if (rc == 0)
            have_next = 1;
        else if (rc == WG_ENOTFOUND)
            rc = 0;
    }
    for (int i = 0; rc == 0 && have_next && i < n; i++) {
        if (items[i].outcome && strcmp(items[i].outcome, "decided") == 0)
            continue;
        struct st_agenda g = {.meeting_id = next.id, .community_id = m.community_id,
                              .matter_id = items[i].matter_id, .title = items[i].title,
                              .carried_from = items[i].id, .created_at = c->now};
        rc = council_store_agenda_insert(c->st, &g);
        ++*carried;
    }
    rc = store_end(c->st, rc);
    if (rc == WG_ECONFLICT && c->code == NULL)
        return dctx_fail(c, rc, "meeting_closed", NULL);
    if (rc == 0 && have_next)
        *next_id = next.id;
    return rc;
}

