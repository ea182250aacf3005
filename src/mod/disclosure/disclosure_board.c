/*
 * The board's state and the jobs that keep its schedule: per kind, the
 * latest item, overdue periods (marked by the jobs, still uncovered), the
 * next due; the street's overview; the reminders and overdue marks.
 */
#include <assert.h>
#include <string.h>

#include "core/time.h"
#include "mod/disclosure/disclosure_int.h"
#include "mod/disclosure/disclosure_store.h"

/* The next period of a periodic kind still to come due, from the board's start. */
static void next_due(dctx *c, int64_t started_at, const struct disclosure_schedule *s, struct disclosure_period *out)
{
    struct disclosure_period first;
    disclosure_period_at(c->a, started_at, s->months, 0, s, &first);
    for (int shift = -1; shift <= 1; shift++) {
        disclosure_period_at(c->a, c->now, s->months, shift, s, out);
        if (out->start >= first.start && out->due_at > c->now)
            return;
    }
}

/* A kind's status: overdue periods (oldest first) or on time. */
static json_t *kind_status(dctx *c, const struct st_place *com, const char *kind, int64_t started_at, int *rc)
{
    struct disclosure_mark *ms = NULL;
    int n = 0;
    if ((*rc = disclosure_store_overdue(c->st, c->a, com->id, kind, c->now, &ms, &n)))
        return NULL;
    json_t *periods = json_array();
    for (int i = 0; i < n; i++) {
        json_t *p = json_pack("{s:s, s:I}", "label", ms[i].label, "days",
                              (json_int_t)disclosure_days_after(c->now, ms[i].due_at));
        json_array_append_new(periods, disclosure_due_json(p, ms[i].due_at));
    }
    const char *status = started_at == 0 ? "not_open" : n ? "overdue" : "on_time";
    return json_pack("{s:s, s:I, s:o}", "status", status, "overdue_days",
                     (json_int_t)(n ? disclosure_days_after(c->now, ms[0].due_at) : 0), "overdue", periods);
}

static json_t *board_kind(dctx *c, const struct st_place *com, const char *kind, int64_t started_at, int *rc)
{
    struct disclosure_schedule s;
    struct st_disclosure latest;
    disclosure_schedule_of(c, com, kind, &s);
    json_t *o = kind_status(c, com, kind, started_at, rc);
    if (o == NULL)
        return NULL;
    json_object_set_new(o, "kind", json_string(kind));
    json_object_set_new(o, "schedule", json_pack("{s:i, s:i, s:i, s:i}", "months", s.months, "days", s.days,
                                                 "grace_days", s.grace_days, "remind_days", s.remind_days));
    *rc = disclosure_store_latest(c->st, c->a, com->id, kind, c->now, &latest);
    if (*rc && *rc != WG_ENOTFOUND)
        return json_decref(o), NULL;
    json_object_set_new(o, "latest", *rc ? json_null() : disclosure_json(c, &latest));
    *rc = 0;
    if (s.months && started_at) {
        struct disclosure_period p;
        next_due(c, started_at, &s, &p);
        json_object_set_new(o, "next", disclosure_due_json(json_pack("{s:s}", "label", p.label), p.due_at));
    } else {
        json_object_set_new(o, "next", json_null());
    }
    return o;
}

/* The drafts waiting, for the board's staff: o.drafts [{id, kind, title, url, due_at, due_on, overdue}]. */
static int board_drafts(dctx *c, int64_t community_id, json_t *o)
{
    struct st_disclosure *ds = NULL;
    int n = 0;
    int rc = disclosure_store_drafts(c->st, c->a, community_id, DISCLOSURE_DRAFTS_MAX, &ds, &n);
    if (rc)
        return rc;
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        json_t *x = json_pack("{s:I, s:s, s:s, s:s, s:b}", "id", (json_int_t)ds[i].id, "kind", ds[i].kind, "title",
                              ds[i].title, "url", arena_printf(c->a, "/disclosure/items/%lld", (long long)ds[i].id),
                              "overdue", disclosure_days_after(c->now, ds[i].due_at) > 0);
        json_array_append_new(arr, disclosure_due_json(x, ds[i].due_at));
    }
    json_object_set_new(o, "drafts", arr);
    return 0;
}

json_t *disclosure_board(dctx *c, int64_t community_id, int *rc)
{
    struct st_place com;
    int64_t started_at = 0;
    if ((*rc = disclosure_community(c, community_id, &com)))
        return NULL;
    *rc = disclosure_store_board(c->st, com.id, &started_at);
    if (*rc && *rc != WG_ENOTFOUND)
        return NULL;
    json_t *kinds = json_array();
    for (int i = 0; disclosure_kinds[i]; i++) {
        json_t *k = board_kind(c, &com, disclosure_kinds[i], started_at, rc);
        if (k == NULL)
            return json_decref(kinds), NULL;
        json_array_append_new(kinds, k);
    }
    int may = disclosure_may_publish(c, com.path);
    json_t *o = json_pack("{s:{s:I, s:s}, s:b, s:b, s:o}", "community", "id", (json_int_t)com.id, "name", com.name,
                          "open", started_at != 0, "may_publish", may, "kinds", kinds);
    if (may && (*rc = board_drafts(c, com.id, o)))
        return json_decref(o), NULL;
    if (started_at) {
        char day[20];
        time_format_local(started_at, day, sizeof day);
        day[10] = '\0';
        json_object_set_new(o, "started_on", json_string(day));
    }
    return time_json_pair(o, "started_at", started_at);
}

json_t *disclosure_overview(dctx *c, int64_t place_id, int *rc)
{
    struct st_place p;
    struct disclosure_com *cs = NULL;
    int n = 0;
    *rc = place_id > 0 ? place_get(c, place_id, &p) : dctx_fail(c, WG_ENOTFOUND, "not_found", NULL);
    if (*rc || (*rc = perm_check(c, &disclosure_act_oversee, p.path, p.community_id)) ||
        (*rc = disclosure_store_communities(c->st, c->a, p.path, DISCLOSURE_OVERVIEW_MAX, &cs, &n)))
        return NULL;
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        struct st_place com = {.id = cs[i].id, .kind = "community", .name = cs[i].name, .path = cs[i].path};
        json_t *kinds = json_array();
        int overdue = 0;
        for (int k = 0; disclosure_kinds[k]; k++) {
            json_t *x = kind_status(c, &com, disclosure_kinds[k], cs[i].started_at, rc);
            if (x == NULL)
                return json_decref(kinds), json_decref(items), NULL;
            json_object_set_new(x, "kind", json_string(disclosure_kinds[k]));
            overdue += json_array_size(json_object_get(x, "overdue")) > 0;
            json_array_append_new(kinds, x);
        }
        json_t *o = json_pack("{s:{s:I, s:s}, s:b, s:i, s:o}", "community", "id", (json_int_t)com.id, "name", com.name,
                              "open", cs[i].started_at != 0, "kinds_overdue", overdue, "kinds", kinds);
        json_array_append_new(items, time_json_pair(o, "started_at", cs[i].started_at));
    }
    return json_pack("{s:{s:I, s:s, s:s}, s:o}", "place", "id", (json_int_t)p.id, "name", p.name, "kind", p.kind,
                     "items", items);
}

/* ---- the jobs ---- */

static int tell(dctx *c, const struct st_place *com, const char *what, const char *kind, const char *label)
{
    struct notify_msg msg = {.kind = strcmp(what, "overdue") == 0 ? "disclosure_overdue" : "disclosure_reminder",
                             .title = arena_printf(c->a, "%s · %s", com->name, label), .detail = kind,
                             .url = arena_printf(c->a, "/disclosure?community=%lld", (long long)com->id), .at = c->now};
    return disclosure_store_tell_staff(c->st, com->id, &msg, NULL);
}

/* Marks a period or an item (once) and tells the staff the first time. */
static int mark(dctx *c, const struct st_place *com, const char *kind, const char *subject, const char *what,
                const struct disclosure_period *p, int64_t item_id)
{
    int added = 0;
    struct disclosure_mark m = {.community_id = com->id, .subject = subject, .what = what, .kind = kind,
                                .period_start = p->start, .period_end = p->end, .label = p->label,
                                .item_id = item_id, .due_at = p->due_at, .at = c->now};
    int rc = disclosure_store_mark(c->st, &m, &added);
    return rc || !added ? rc : tell(c, com, what, kind, p->label);
}

/* One period of a periodic kind at c->now: overdue once due with nothing
 * published; reminded once in the days before with nothing published or
 * scheduled by the due time. */
static int tick_period(dctx *c, const struct st_place *com, const char *kind, const struct disclosure_schedule *s,
                       const struct disclosure_period *p)
{
    int covered = 0, rc;
    const char *subject = arena_printf(c->a, "%s:%lld", kind, (long long)p->start);
    if (c->now >= p->due_at) {
        if ((rc = disclosure_store_covered(c->st, com->id, kind, p->start, p->end, c->now, &covered)))
            return rc;
        return covered ? 0 : mark(c, com, kind, subject, "overdue", p, 0);
    }
    if (s->remind_days == 0 || c->now < p->remind_at)
        return 0;
    if ((rc = disclosure_store_covered(c->st, com->id, kind, p->start, p->end, p->due_at, &covered)))
        return rc;
    return covered ? 0 : mark(c, com, kind, subject, "reminded", p, 0);
}

static void earliest(int64_t *next, int64_t t, int64_t now)
{
    if (t > now && (*next == 0 || t < *next))
        *next = t;
}

int disclosure_job_tick(dctx *c, const struct job *j)
{
    const char *kind = strrchr(j->key, ':');
    struct st_place com;
    struct disclosure_schedule s;
    struct disclosure_period first, p;
    int64_t started_at = 0, next = 0;
    if (kind == NULL || !disclosure_kind_periodic(++kind))
        return 0;
    int rc = tree_get(c->st, c->a, j->ref_id, &com);
    if (rc == 0)
        rc = disclosure_store_board(c->st, com.id, &started_at);
    if (rc)
        return rc == WG_ENOTFOUND ? 0 : rc; /* no such board: nothing to do */
    disclosure_schedule_of(c, &com, kind, &s);
    disclosure_period_at(c->a, started_at, s.months, 0, &s, &first);
    /* the grace is shorter than a period: only the last two can be pending */
    for (int shift = -2; rc == 0 && shift <= 0; shift++) {
        disclosure_period_at(c->a, c->now, s.months, shift, &s, &p);
        if (p.start >= first.start)
            rc = tick_period(c, &com, kind, &s, &p);
    }
    for (int shift = -1; rc == 0 && shift <= 1; shift++) {
        disclosure_period_at(c->a, c->now, s.months, shift, &s, &p);
        if (p.start < first.start)
            continue;
        if (s.remind_days)
            earliest(&next, p.remind_at, c->now);
        earliest(&next, p.due_at, c->now);
    }
    assert(rc || next > c->now); /* the next period's due time is always ahead */
    return rc ? rc : job_schedule(c->st, "disclosure.tick", j->key, j->ref_id, next, c->now);
}

int disclosure_job_item(dctx *c, const struct job *j)
{
    struct st_disclosure d;
    struct st_place com;
    struct disclosure_schedule s;
    int rc = disclosure_store_get(c->st, c->a, j->ref_id, &d);
    if (rc == 0)
        rc = tree_get(c->st, c->a, d.community_id, &com);
    if (rc)
        return rc == WG_ENOTFOUND ? 0 : rc;
    if (d.withdrawn_at || (d.publish_at && d.publish_at <= c->now))
        return 0; /* published or withdrawn: nothing is owed */
    disclosure_schedule_of(c, &com, d.kind, &s);
    struct disclosure_period p = {.start = d.period_start, .end = d.period_end, .due_at = d.due_at,
                                  .remind_at = d.due_at - (int64_t)s.remind_days * TIME_DAY, .label = d.period_label};
    const char *subject = arena_printf(c->a, "item:%lld", (long long)d.id);
    if (c->now >= d.due_at)
        return mark(c, &com, d.kind, subject, "overdue", &p, d.id);
    if (s.remind_days && c->now >= p.remind_at && (d.publish_at == 0 || d.publish_at > d.due_at) &&
        (rc = mark(c, &com, d.kind, subject, "reminded", &p, d.id)))
        return rc;
    int64_t at = s.remind_days && p.remind_at > c->now ? p.remind_at : d.due_at;
    return job_schedule(c->st, "disclosure.item", j->key, j->ref_id, at, c->now);
}
