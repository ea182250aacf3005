/*
 * The matter spine: a matter belongs to a place, moves through the five co's
 * (共謀 collecting -> deliberating -> notice, 共建 building, 共管 managing,
 * 共評 evaluating, 共享 sharing) or ends withdrawn, rejected or merged. Every
 * move is a row in the append-only timeline, allowed only to the roles the
 * transition names.
 */
#include <string.h>

#include "core/md.h"
#include "core/utf8.h"
#include "domain/domain.h"

#define R(x) (1u << (x))
#define STAFF (R(ROLE_GRID_WORKER) | R(ROLE_COMMUNITY_STAFF) | R(ROLE_STREET_ADMIN))
#define OFFICE (R(ROLE_COMMUNITY_STAFF) | R(ROLE_STREET_ADMIN))

static const char *const categories[] = {"environment", "parking", "facilities", "safety", "elderly",
                                         "children", "culture", "neighbourhood", "other", NULL};
static const char *const stages[] = {"collecting", "deliberating", "notice", "building", "managing",
                                     "evaluating", "sharing", "withdrawn", "rejected", "merged", NULL};

static const struct transition transitions[] = {
    {"collecting", "deliberating", R(ROLE_BUILDING_LEADER) | STAFF, 0, 0},
    {"collecting", "rejected", STAFF, 0, 1},
    {"collecting", "withdrawn", 0, 1, 1},
    {"collecting", "merged", STAFF, 0, 1},
    {"deliberating", "notice", OFFICE, 0, 0},
    {"deliberating", "rejected", OFFICE, 0, 1},
    {"deliberating", "withdrawn", OFFICE, 1, 1},
    {"deliberating", "merged", STAFF, 0, 1},
    {"notice", "building", OFFICE, 0, 0},
    {"notice", "deliberating", OFFICE, 0, 1},
    {"building", "managing", STAFF, 0, 0},
    {"managing", "evaluating", STAFF, 0, 0},
    {"evaluating", "sharing", OFFICE, 0, 0},
};
#define NTRANS (sizeof transitions / sizeof transitions[0])

const char *const *matter_categories(void) { return categories; }
const char *const *matter_stages(void) { return stages; }

static int in_list(const char *const *list, const char *s)
{
    for (; s && *list; list++)
        if (strcmp(*list, s) == 0)
            return 1;
    return 0;
}

int matter_stage_valid(const char *stage)
{
    return in_list(stages, stage);
}

const char *matter_phase(const char *stage)
{
    static const struct { const char *stage, *phase; } map[] = {
        {"collecting", "plan"}, {"deliberating", "plan"}, {"notice", "plan"},
        {"building", "build"}, {"managing", "manage"}, {"evaluating", "evaluate"},
        {"sharing", "share"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].stage, stage) == 0)
            return map[i].phase;
    return "closed";
}

static int text_within(const char *s, size_t min_cp, size_t max_cp)
{
    if (s == NULL)
        return min_cp == 0;
    size_t n = strlen(s);
    if (!utf8_valid(s, n))
        return 0;
    size_t cp = utf8_count(s, n);
    return cp >= min_cp && cp <= max_cp;
}


static int timeline_add(dctx *c, int64_t matter_id, int64_t community, const char *from, const char *to,
                        const char *reason)
{
    struct st_event e = {.matter_id = matter_id, .community_id = community, .actor_id = c->actor->id,
                         .at = c->now, .from_stage = from, .to_stage = to, .reason = reason};
    return store_event_insert(c->st, &e);
}

int matter_create_check(dctx *c, const struct matter_new *in, struct st_matter *m)
{
    struct st_place p;
    int rc;
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    rc = tree_get(c->st, c->a, in->place_id, &p);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, WG_ENOTFOUND, "place_not_found", "place_id");
    if (rc)
        return rc;
    if ((rc = perm_check(c, ACT_PROPOSE, p.path, p.community_id)))
        return rc;
    if (strcmp(p.kind, "building") && strcmp(p.kind, "grid") && strcmp(p.kind, "community"))
        return dctx_fail(c, WG_EINVAL, "place_level_invalid", "place_id");
    if (!in_list(categories, in->category))
        return dctx_fail(c, WG_EINVAL, "category_invalid", "category");
    if (utf8_blank(in->title))
        return dctx_fail(c, WG_EINVAL, "title_required", "title");
    if (!text_within(in->title, 1, MATTER_TITLE_MAX))
        return dctx_fail(c, WG_EINVAL, "title_invalid", "title");
    if (!text_within(in->body, 0, MATTER_BODY_MAX))
        return dctx_fail(c, WG_EINVAL, "body_invalid", "body");
    *m = (struct st_matter){.place_id = p.id, .community_id = p.community_id, .category = in->category,
                            .title = in->title, .body_md = in->body ? in->body : "", .author_id = c->actor->id,
                            .stage = "collecting", .created_at = c->now};
    return 0;
}

int matter_create_write(dctx *c, struct st_matter *m)
{
    int changed, rc;
    if ((rc = store_matter_insert(c->st, m)) == 0 &&
        (rc = timeline_add(c, m->id, m->community_id, NULL, "collecting", NULL)) == 0)
        rc = store_follow(c->st, m->id, c->actor->id, m->community_id, c->now, &changed);
    return rc;
}

int matter_create(dctx *c, const struct matter_new *in, int64_t *id)
{
    struct st_matter m;
    int rc = matter_create_check(c, in, &m);
    if (rc || (rc = store_begin(c->st)))
        return rc;
    if ((rc = store_end(c->st, matter_create_write(c, &m))))
        return rc;
    *id = m.id;
    return 0;
}

int matter_get(dctx *c, int64_t id, struct st_matter *out)
{
    int rc = store_matter_get(c->st, c->a, id, out);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc)
        return rc;
    return perm_check(c, ACT_READ, out->place_path, out->community_id);
}

/* The place whose subtree an actor's default matter list covers. */
static int default_scope(dctx *c, struct st_place *out)
{
    const struct actor *ac = c->actor;
    int64_t cm = actor_community(ac);
    int rc;
    if (ac->nroles == 0) /* registered, not yet approved: reads nothing */
        return dctx_fail(c, WG_ENOTFOUND, "no_community", NULL);
    rc = tree_get(c->st, c->a, cm ? cm : ac->roles[0].place_id, out);
    if (rc)
        return rc;
    return perm_check(c, ACT_READ, out->path, out->community_id);
}

int matter_list(dctx *c, const struct matter_query *q, struct st_matter **out, int *n, int *total)
{
    struct st_place scope;
    int rc;
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    if (q->stage && !in_list(stages, q->stage))
        return dctx_fail(c, WG_EINVAL, "stage_invalid", "stage");
    if (q->category && !in_list(categories, q->category))
        return dctx_fail(c, WG_EINVAL, "category_invalid", "category");
    if (q->q && !text_within(q->q, 1, 50))
        return dctx_fail(c, WG_EINVAL, "query_invalid", "q");
    if (q->place_id) {
        if ((rc = place_get(c, q->place_id, &scope)))
            return rc;
    } else if ((rc = default_scope(c, &scope))) {
        return rc;
    }
    struct st_matter_filter f = {
        .path_prefix = scope.path,
        .stage = q->stage,
        .category = q->category,
        .followed_by = q->followed ? c->actor->id : 0,
        .q = q->q,
        .open_only = q->open_only,
        /* within one community, say so: a distributed store then reads one shard */
        .community_id = scope.community_id,
        .limit = q->limit <= 0 ? LIST_LIMIT_DEFAULT : q->limit > LIST_LIMIT_MAX ? LIST_LIMIT_MAX : q->limit,
        .offset = q->offset < 0 ? 0 : q->offset,
    };
    return store_matter_list(c->st, c->a, &f, out, n, total);
}

int matter_timeline(dctx *c, int64_t id, struct st_event **out, int *n)
{
    struct st_matter m;
    int rc = matter_get(c, id, &m);
    if (rc)
        return rc;
    return store_events_of(c->st, c->a, id, out, n);
}

static int may_take(const struct actor *ac, const struct st_matter *m, const struct transition *t)
{
    if (ac == NULL)
        return 0;
    if (t->author_may && ac->id == m->author_id)
        return 1;
    return t->roles && perm_allows_roles(ac, ACT_MANAGE_MATTER, m->place_path, t->roles);
}

int matter_transitions_for(dctx *c, const struct st_matter *m, const struct transition **out, int max, int *n)
{
    *n = 0;
    /* co-building waits for the end of the notice period: not offered before */
    int notice_running = strcmp(m->stage, "notice") == 0 && m->notice_until && c->now < m->notice_until;
    for (size_t i = 0; i < NTRANS && *n < max; i++) {
        const struct transition *t = &transitions[i];
        if (notice_running && strcmp(t->to, "building") == 0)
            continue;
        if (strcmp(t->from, m->stage) == 0 && may_take(c->actor, m, t))
            out[(*n)++] = t;
    }
    return 0;
}

/* The notice period for a place: the nearest "notice_days" setting. */
static int notice_days_for(dctx *c, const char *path, int *days)
{
    long v = 0;
    int rc = place_line_setting(c, path, &matter_settings[0], &v);
    *days = (int)v;
    return rc;
}

/* notice -> building: the period is over and every objection answered. */
static int notice_may_end(dctx *c, const struct st_matter *m)
{
    int open = 0, mine = 0;
    if (m->notice_until && c->now < m->notice_until)
        return dctx_fail(c, WG_ECONFLICT, "notice_running", NULL);
    int rc = store_objection_counts(c->st, m->id, 0, &open, &mine);
    if (rc)
        return rc;
    if (open > 0)
        return dctx_fail(c, WG_ECONFLICT, "objections_unanswered", NULL);
    return 0;
}

int matter_transition(dctx *c, int64_t id, const char *to, const char *reason, int64_t merge_into)
{
    struct st_matter m;
    int rc = matter_get(c, id, &m);
    if (rc)
        return rc;
    if (to == NULL || !in_list(stages, to))
        return dctx_fail(c, WG_EINVAL, "stage_invalid", "to");
    const struct transition *t = NULL;
    for (size_t i = 0; i < NTRANS; i++)
        if (strcmp(transitions[i].from, m.stage) == 0 && strcmp(transitions[i].to, to) == 0)
            t = &transitions[i];
    if (t == NULL)
        return dctx_fail(c, WG_ECONFLICT, "transition_invalid", "to");
    if (!may_take(c->actor, &m, t)) {
        audit_log(c, "denied", arena_printf(c->a, "matter:%lld", (long long)id),
                  arena_printf(c->a, "transition %s->%s", m.stage, to), m.community_id);
        return dctx_fail(c, WG_EPERM, "forbidden", NULL);
    }
    if (utf8_blank(reason))
        reason = NULL;
    if (t->reason_required && reason == NULL)
        return dctx_fail(c, WG_EINVAL, "reason_required", "reason");
    if (reason && !text_within(reason, 1, REASON_MAX))
        return dctx_fail(c, WG_EINVAL, "reason_invalid", "reason");
    if (strcmp(to, "merged") == 0) {
        struct st_matter target;
        if (merge_into == id)
            return dctx_fail(c, WG_EINVAL, "merge_self", "merge_into");
        rc = merge_into ? store_matter_get(c->st, c->a, merge_into, &target) : WG_ENOTFOUND;
        if (rc == WG_ENOTFOUND || (rc == 0 && target.community_id != m.community_id))
            return dctx_fail(c, WG_EINVAL, "merge_target_invalid", "merge_into");
        if (rc)
            return rc;
        if (strcmp(matter_phase(target.stage), "closed") == 0)
            return dctx_fail(c, WG_EINVAL, "merge_target_closed", "merge_into");
    } else {
        merge_into = 0;
    }
    int notice_days = 0;
    if (strcmp(to, "notice") == 0 && (rc = notice_days_for(c, m.place_path, &notice_days)))
        return rc;
    if (strcmp(m.stage, "notice") == 0 && strcmp(to, "building") == 0 && (rc = notice_may_end(c, &m)))
        return rc;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = store_matter_set_stage(c->st, id, m.stage, to, merge_into, c->now);
    if (rc == 0)
        rc = timeline_add(c, id, m.community_id, m.stage, to, reason);
    if (rc == 0 && notice_days)
        rc = store_matter_set_notice(c->st, id, c->now + (int64_t)notice_days * 86400, notice_days);
    if (rc == 0) /* the followers hear of it, in the same transaction */
        rc = store_notify_followers(c->st, id, c->actor->id, "matter_stage", to, c->now, NULL);
    rc = store_end(c->st, rc);
    return rc == WG_ECONFLICT ? dctx_fail(c, rc, "stage_changed", NULL) : rc;
}

int matter_follow(dctx *c, int64_t id, int follow)
{
    struct st_matter m;
    int rc = matter_get(c, id, &m);
    if (rc)
        return rc;
    if ((rc = perm_check(c, ACT_FOLLOW, m.place_path, m.community_id)))
        return rc;
    int changed = 0;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = follow ? store_follow(c->st, id, c->actor->id, m.community_id, c->now, &changed)
                : store_unfollow(c->st, id, c->actor->id, &changed);
    return store_end(c->st, rc);
}

int matter_is_following(dctx *c, int64_t id, int *yes)
{
    *yes = 0;
    if (c->actor == NULL)
        return 0;
    return store_is_following(c->st, id, c->actor->id, yes);
}

/* ---- public notice: objections ---- */

int matter_objections(dctx *c, int64_t matter_id, struct st_objection **out, int *n)
{
    struct st_matter m;
    int rc = matter_get(c, matter_id, &m);
    if (rc)
        return rc;
    return store_objections_of(c->st, c->a, matter_id, out, n);
}

int objection_file(dctx *c, int64_t matter_id, const char *body, int64_t *id)
{
    struct st_matter m;
    int open = 0, mine = 0, rc = matter_get(c, matter_id, &m);
    if (rc)
        return rc;
    if ((rc = perm_check(c, ACT_FOLLOW, m.place_path, m.community_id)))
        return rc;
    if (strcmp(m.stage, "notice") != 0)
        return dctx_fail(c, WG_ECONFLICT, "not_in_notice", NULL);
    if (m.notice_until && c->now >= m.notice_until)
        return dctx_fail(c, WG_ECONFLICT, "notice_over", NULL);
    if (utf8_blank(body))
        return dctx_fail(c, WG_EINVAL, "objection_required", "body");
    if (!text_within(body, 1, OBJECTION_MAX))
        return dctx_fail(c, WG_EINVAL, "objection_invalid", "body");
    if ((rc = store_objection_counts(c->st, matter_id, c->actor->id, &open, &mine)))
        return rc;
    if (mine >= OBJECTIONS_PER_PERSON)
        return dctx_fail(c, WG_ECONFLICT, "objection_limit", NULL);
    struct st_objection o = {.matter_id = matter_id, .community_id = m.community_id, .author_id = c->actor->id,
                             .body = body, .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    if ((rc = store_end(c->st, store_objection_insert(c->st, &o))))
        return rc;
    *id = o.id;
    return 0;
}

int objection_may_answer(dctx *c, const struct st_matter *m)
{
    return perm_allows_roles(c->actor, ACT_MANAGE_MATTER, m->place_path, OFFICE);
}

int objection_answer(dctx *c, int64_t objection_id, const char *answer, int upheld)
{
    struct st_objection o;
    struct st_matter m;
    int rc = store_objection_get(c->st, c->a, objection_id, &o);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc || (rc = matter_get(c, o.matter_id, &m)))
        return rc;
    if (!objection_may_answer(c, &m)) {
        audit_log(c, "denied", arena_printf(c->a, "objection:%lld", (long long)objection_id), "answer",
                  m.community_id);
        return dctx_fail(c, WG_EPERM, "forbidden", NULL);
    }
    if (utf8_blank(answer))
        return dctx_fail(c, WG_EINVAL, "answer_required", "answer");
    if (!text_within(answer, 1, OBJECTION_MAX))
        return dctx_fail(c, WG_EINVAL, "answer_invalid", "answer");
    if (o.upheld >= 0)
        return dctx_fail(c, WG_ECONFLICT, "objection_answered", NULL);
    if ((rc = store_begin(c->st)))
        return rc;
    rc = store_objection_answer(c->st, objection_id, answer, upheld, c->actor->id, c->now);
    if (rc == 0 && upheld && strcmp(m.stage, "notice") == 0) {
        /* an upheld objection reopens the deliberation, on the record (if
         * another one has not reopened it already) */
        rc = store_matter_set_stage(c->st, m.id, "notice", "deliberating", 0, c->now);
        if (rc == 0)
            rc = timeline_add(c, m.id, m.community_id, "notice", "deliberating", answer);
        if (rc == 0)
            rc = store_notify_followers(c->st, m.id, c->actor->id, "matter_stage", "deliberating", c->now, NULL);
    }
    if (rc == 0 && o.author_id != c->actor->id)
        rc = store_notify(c->st, o.author_id, m.id, "objection_answered", upheld ? "upheld" : "not_upheld", c->now);
    rc = store_end(c->st, rc);
    return rc == WG_ECONFLICT ? dctx_fail(c, rc, "objection_answered", NULL) : rc;
}

/* ---- support ---- */

int matter_support_state(dctx *c, const struct st_matter *m, struct support_state *out)
{
    memset(out, 0, sizeof *out);
    long needed = 0;
    int rc = place_line_setting(c, m->place_path, &matter_settings[1], &needed);
    out->needed = (int)needed;
    if (rc)
        return rc;
    return store_support_counts(c->st, m->id, c->actor ? c->actor->id : 0, &out->households, &out->mine);
}

int matter_support(dctx *c, int64_t id, struct support_state *out)
{
    struct st_matter m;
    int rc = matter_get(c, id, &m), changed = 0;
    if (rc || (rc = perm_check(c, ACT_FOLLOW, m.place_path, m.community_id)))
        return rc;
    if (strcmp(m.stage, "collecting") != 0)
        return dctx_fail(c, WG_ECONFLICT, "not_collecting", NULL);
    /* support is counted by household: the actor's own household, in this community */
    int64_t household = 0;
    for (int i = 0; i < c->actor->nroles && !household; i++)
        if (c->actor->roles[i].role == ROLE_RESIDENT && c->actor->roles[i].community_id == m.community_id)
            household = c->actor->roles[i].place_id;
    if (!household)
        return dctx_fail(c, WG_EINVAL, "household_required", NULL);
    if ((rc = store_begin(c->st)))
        return rc;
    rc = store_support_add(c->st, id, c->actor->id, household, m.community_id, c->now, &changed);
    if (rc == 0)
        rc = matter_support_state(c, &m, out);
    if (rc == 0 && changed && out->households >= out->needed) {
        /* the threshold is reached: into deliberation, on the record */
        const char *why = arena_printf(c->a, "%d户居民支持（门槛%d户）", out->households, out->needed);
        rc = store_matter_set_stage(c->st, id, "collecting", "deliberating", 0, c->now);
        if (rc == 0)
            rc = timeline_add(c, id, m.community_id, "collecting", "deliberating", why);
        if (rc == 0)
            rc = store_notify_followers(c->st, id, c->actor->id, "matter_stage", "deliberating", c->now, NULL);
    }
    rc = store_end(c->st, rc);
    return rc == WG_ECONFLICT ? dctx_fail(c, rc, "stage_changed", NULL) : rc;
}
