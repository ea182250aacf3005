/*
 * The matter spine: creating and listing matters, the transition table and
 * its guards, following, support and the public notice (see matter.h).
 */
#include "mod/matter/matter.h"

#include <string.h>

#include "core/utf8.h"
#include "mod/matter/matter_store.h"
#include "mod/search/search.h"

#define N PERM_NONE
#define S PERM_SUBTREE
#define L PERM_LINE
#define C PERM_COMMUNITY
/*                                                                                resident leader grid staff street */
const struct perm_action matter_act_propose = {"propose", "propose a matter at a place", {L, L, L, S, S}};
const struct perm_action matter_act_take_part = {
    "follow", "follow, support, comment on and object to the matters of a community", {C, C, C, C, S}};
const struct perm_action matter_act_accept = {
    "manage_matter", "accept a proposed matter into deliberation", {N, S, S, S, S}};
const struct perm_action matter_act_steer = {
    "steer_matter", "reject or merge a matter, move it into managing and evaluating", {N, N, S, S, S}};
const struct perm_action matter_act_decide = {
    "decide_matter", "decide a deliberated matter, run its public notice, answer objections", {N, N, N, S, S}};
#undef N
#undef S
#undef L
#undef C

static const char *const categories[] = {"environment", "parking", "facilities", "safety", "elderly",
                                         "children", "culture", "neighbourhood", "other", NULL};
static const char *const stages[] = {"collecting", "deliberating", "notice", "building", "managing",
                                     "evaluating", "sharing", "withdrawn", "rejected", "merged", NULL};

static const struct matter_transition transitions[] = {
    {"collecting", "deliberating", &matter_act_accept, 0, 0},
    {"collecting", "rejected", &matter_act_steer, 0, 1},
    {"collecting", "withdrawn", NULL, 1, 1},
    {"collecting", "merged", &matter_act_steer, 0, 1},
    {"deliberating", "notice", &matter_act_decide, 0, 0},
    {"deliberating", "rejected", &matter_act_decide, 0, 1},
    {"deliberating", "withdrawn", &matter_act_decide, 1, 1},
    {"deliberating", "merged", &matter_act_steer, 0, 1},
    {"notice", "building", &matter_act_decide, 0, 0},
    {"notice", "deliberating", &matter_act_decide, 0, 1},
    {"building", "managing", &matter_act_steer, 0, 0},
    {"managing", "evaluating", &matter_act_steer, 0, 0},
    {"evaluating", "sharing", &matter_act_decide, 0, 0},
};
#define NTRANS (sizeof transitions / sizeof transitions[0])

const char *const *matter_categories(void)
{
    return categories;
}

const char *const *matter_stages(void)
{
    return stages;
}

static int in_list(const char *const *list, const char *s)
{
    for (; s && *list; list++)
        if (strcmp(*list, s) == 0)
            return 1;
    return 0;
}

const char *matter_phase(const char *stage)
{
    static const struct {
        const char *stage, *phase;
    } map[] = {
        {"collecting", "plan"}, {"deliberating", "plan"}, {"notice", "plan"},        {"building", "build"},
        {"managing", "manage"}, {"evaluating", "evaluate"}, {"sharing", "share"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].stage, stage) == 0)
            return map[i].phase;
    return "closed";
}

static int timeline_add(dctx *c, int64_t matter_id, int64_t community, const char *from, const char *to,
                        const char *reason)
{
    struct st_event e = {.matter_id = matter_id, .community_id = community, .actor_id = c->actor->id,
                         .at = c->now, .from_stage = from, .to_stage = to, .reason = reason};
    return matter_store_event_insert(c->st, &e);
}

/* Inside the open transaction: the matter moved from `from` to `to`, on the
 * record, and its followers (but the actor) hear of it. */
static int moved(dctx *c, const struct st_matter *m, const char *from, const char *to, const char *reason)
{
    int rc = timeline_add(c, m->id, m->community_id, from, to, reason);
    struct notify_msg msg = {.kind = "matter_stage", .matter_id = m->id, .title = m->title, .detail = to,
                             .at = c->now};
    if (rc == 0)
        rc = matter_store_notify_followers(c->st, &msg, c->actor->id);
    /* later modules act on the move in the same transaction (m: the stage it left) */
    for (const struct module *const *mod = module_list(); rc == 0 && mod && *mod; mod++)
        if ((*mod)->matter && (*mod)->matter->moved)
            rc = (*mod)->matter->moved(c, m, to);
    return rc;
}

int matter_notify_person(dctx *c, const struct st_matter *m, int64_t person_id, const char *kind,
                         const char *detail)
{
    struct notify_msg msg = {.kind = kind, .matter_id = m->id, .title = m->title, .detail = detail, .at = c->now};
    return notify_person(c->st, person_id, &msg);
}

int matter_add_follower(dctx *c, const struct st_matter *m, int64_t person_id)
{
    int changed;
    return matter_store_follow(c->st, m->id, person_id, m->community_id, c->now, &changed);
}

/* ---- creating, reading, listing ---- */

int matter_create_check(dctx *c, const struct matter_new *in, struct st_matter *m)
{
    struct st_place p;
    int rc;
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    rc = tree_get(c->st, c->a, in->place_id, &p);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, WG_ENOTFOUND, "place_not_found", "place_id");
    if (rc || (rc = perm_check(c, &matter_act_propose, p.path, p.community_id)))
        return rc;
    if (strcmp(p.kind, "building") && strcmp(p.kind, "grid") && strcmp(p.kind, "community"))
        return dctx_fail(c, WG_EINVAL, "place_level_invalid", "place_id");
    if (!in_list(categories, in->category))
        return dctx_fail(c, WG_EINVAL, "category_invalid", "category");
    if ((rc = dctx_text(c, in->title, MATTER_TITLE_MAX, 1, "title", "title_required", "title_invalid")) ||
        (rc = dctx_text(c, in->body, MATTER_BODY_MAX, 0, "body", NULL, "body_invalid")))
        return rc;
    *m = (struct st_matter){.place_id = p.id, .community_id = p.community_id, .category = in->category,
                            .title = in->title, .body_md = in->body ? in->body : "", .author_id = c->actor->id,
                            .stage = "collecting", .created_at = c->now};
    return 0;
}

int matter_create_write(dctx *c, struct st_matter *m)
{
    int changed, rc;
    if ((rc = matter_store_insert(c->st, m)) == 0 &&
        (rc = timeline_add(c, m->id, m->community_id, NULL, "collecting", NULL)) == 0)
        rc = matter_store_follow(c->st, m->id, c->actor->id, m->community_id, c->now, &changed);
    return rc ? rc : search_touch(c, "matter", m->id);
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
    int rc = matter_store_get(c->st, c->a, id, out);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    return rc ? rc : perm_check(c, &perm_read, out->place_path, out->community_id);
}

int matter_lookup(dctx *c, int64_t id, struct st_matter *out)
{
    return matter_store_get(c->st, c->a, id, out);
}

/* The place whose subtree an actor's default matter list covers. */
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
    if (q->q && (rc = dctx_text(c, q->q, MATTER_QUERY_MAX, 1, "q", "query_invalid", "query_invalid")))
        return rc;
    if ((rc = q->place_id ? place_get(c, q->place_id, &scope) : place_default_scope(c, &scope)))
        return rc;
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
    return matter_store_list(c->st, c->a, &f, out, n, total);
}

/* ---- moving through the stages ---- */

static int may_take(const struct actor *ac, const struct st_matter *m, const struct matter_transition *t)
{
    if (ac == NULL)
        return 0;
    if (t->author_may && ac->id == m->author_id)
        return 1;
    return t->act && perm_allows(ac, t->act, m->place_path);
}

struct guard_call {
    dctx *c;
    const struct st_matter *m;
    const char *to;
};

static int ext_guard(const struct module *mod, void *ud)
{
    struct guard_call *g = ud;
    return mod->matter && mod->matter->guard ? mod->matter->guard(g->c, g->m, g->to) : 0;
}

/* The spine's own guard (notice -> building: the period is over and every
 * objection answered), then every later module's. */
static int guard(dctx *c, const struct st_matter *m, const char *to)
{
    if (strcmp(m->stage, "notice") == 0 && strcmp(to, "building") == 0) {
        int open = 0, mine = 0;
        if (m->notice_until && c->now < m->notice_until)
            return dctx_fail(c, WG_ECONFLICT, "notice_running", NULL);
        int rc = matter_store_objection_counts(c->st, m->id, 0, &open, &mine);
        if (rc)
            return rc;
        if (open > 0)
            return dctx_fail(c, WG_ECONFLICT, "objections_unanswered", NULL);
    }
    struct guard_call g = {c, m, to};
    for (const struct module *const *mod = module_list(); mod && *mod; mod++) {
        int rc = ext_guard(*mod, &g);
        if (rc)
            return rc;
    }
    return 0;
}

int matter_transitions_for(dctx *c, const struct st_matter *m, const struct matter_transition **out, int max,
                           int *n)
{
    *n = 0;
    for (size_t i = 0; i < NTRANS && *n < max; i++) {
        const struct matter_transition *t = &transitions[i];
        if (strcmp(t->from, m->stage) != 0 || !may_take(c->actor, m, t))
            continue;
        /* a move a guard would refuse is not offered (co-building waits for
         * the end of the notice) */
        const char *code = c->code, *field = c->field;
        int refused = guard(c, m, t->to);
        c->code = code;
        c->field = field;
        if (refused == WG_ECONFLICT)
            continue;
        if (refused)
            return refused;
        out[(*n)++] = t;
    }
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
    const struct matter_transition *t = NULL;
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
    if ((rc = dctx_text(c, reason, REASON_MAX, t->reason_required, "reason", "reason_required", "reason_invalid")))
        return rc;
    if (utf8_blank(reason))
        reason = NULL;
    if (strcmp(to, "merged") == 0) {
        struct st_matter target;
        if (merge_into == id)
            return dctx_fail(c, WG_EINVAL, "merge_self", "merge_into");
        rc = merge_into ? matter_store_get(c->st, c->a, merge_into, &target) : WG_ENOTFOUND;
        if (rc == WG_ENOTFOUND || (rc == 0 && target.community_id != m.community_id))
            return dctx_fail(c, WG_EINVAL, "merge_target_invalid", "merge_into");
        if (rc)
            return rc;
        if (strcmp(matter_phase(target.stage), "closed") == 0)
            return dctx_fail(c, WG_EINVAL, "merge_target_closed", "merge_into");
    } else {
        merge_into = 0;
    }
    long notice_days = 0;
    if (strcmp(to, "notice") == 0 &&
        (rc = place_line_setting(c, m.place_path, &matter_settings[MATTER_SETTING_NOTICE_DAYS], &notice_days)))
        return rc;
    if ((rc = guard(c, &m, to)) || (rc = store_begin(c->st)))
        return rc;
    rc = matter_store_set_stage(c->st, id, m.stage, to, merge_into, c->now);
    if (rc == 0)
        rc = moved(c, &m, m.stage, to, reason);
    if (rc == 0 && notice_days) {
        int64_t until = c->now + (int64_t)notice_days * 86400;
        rc = matter_store_set_notice(c->st, id, until, (int)notice_days);
        if (rc == 0) /* its end is announced when it comes */
            rc = job_schedule(c->st, "matter.notice_end",
                              arena_printf(c->a, "matter.notice_end:%lld", (long long)id), id, until, c->now);
    }
    rc = store_end(c->st, rc);
    return rc == WG_ECONFLICT ? dctx_fail(c, rc, "stage_changed", NULL) : rc;
}

int matter_follow(dctx *c, int64_t id, int follow)
{
    struct st_matter m;
    int rc = matter_get(c, id, &m), changed = 0;
    if (rc || (rc = perm_check(c, &matter_act_take_part, m.place_path, m.community_id)) ||
        (rc = store_begin(c->st)))
        return rc;
    rc = follow ? matter_store_follow(c->st, id, c->actor->id, m.community_id, c->now, &changed)
                : matter_store_unfollow(c->st, id, c->actor->id, &changed);
    return store_end(c->st, rc);
}

/* ---- support ---- */

static int support_state(dctx *c, const struct st_matter *m, struct matter_support *out)
{
    long needed = 0;
    memset(out, 0, sizeof *out);
    int rc = place_line_setting(c, m->place_path, &matter_settings[MATTER_SETTING_SUPPORT], &needed);
    out->needed = (int)needed;
    return rc ? rc
              : matter_store_support_counts(c->st, m->id, c->actor ? c->actor->id : 0, &out->households, &out->mine);
}

int matter_support(dctx *c, int64_t id, struct matter_support *out)
{
    struct st_matter m;
    int rc = matter_get(c, id, &m), changed = 0;
    if (rc || (rc = perm_check(c, &matter_act_take_part, m.place_path, m.community_id)))
        return rc;
    if (strcmp(m.stage, "collecting") != 0)
        return dctx_fail(c, WG_ECONFLICT, "not_collecting", NULL);
    /* support is counted by household: the actor's own household, in this community */
    int64_t household = actor_household(c->actor, m.community_id);
    if (!household)
        return dctx_fail(c, WG_EINVAL, "household_required", NULL);
    if ((rc = store_begin(c->st)))
        return rc;
    rc = matter_store_support_add(c->st, id, c->actor->id, household, m.community_id, c->now, &changed);
    if (rc == 0)
        rc = support_state(c, &m, out);
    if (rc == 0 && changed && out->households >= out->needed) {
        /* the threshold is reached: into deliberation, on the record */
        const char *why = arena_printf(c->a, "%d户居民支持（门槛%d户）", out->households, out->needed);
        rc = matter_store_set_stage(c->st, id, "collecting", "deliberating", 0, c->now);
        if (rc == 0)
            rc = moved(c, &m, "collecting", "deliberating", why);
    }
    rc = store_end(c->st, rc);
    return rc == WG_ECONFLICT ? dctx_fail(c, rc, "stage_changed", NULL) : rc;
}

/* ---- public notice: objections ---- */

int matter_object(dctx *c, int64_t matter_id, const char *body, struct st_objection *out)
{
    struct st_matter m;
    int open = 0, mine = 0, rc = matter_get(c, matter_id, &m);
    if (rc || (rc = perm_check(c, &matter_act_take_part, m.place_path, m.community_id)))
        return rc;
    if (strcmp(m.stage, "notice") != 0)
        return dctx_fail(c, WG_ECONFLICT, "not_in_notice", NULL);
    if (m.notice_until && c->now >= m.notice_until)
        return dctx_fail(c, WG_ECONFLICT, "notice_over", NULL);
    if ((rc = dctx_text(c, body, OBJECTION_MAX, 1, "body", "objection_required", "objection_invalid")) ||
        (rc = matter_store_objection_counts(c->st, matter_id, c->actor->id, &open, &mine)))
        return rc;
    if (mine >= OBJECTIONS_PER_PERSON)
        return dctx_fail(c, WG_ECONFLICT, "objection_limit", NULL);
    struct st_objection o = {.matter_id = matter_id, .community_id = m.community_id, .author_id = c->actor->id,
                             .body = body, .created_at = c->now};
    if ((rc = store_begin(c->st)) || (rc = store_end(c->st, matter_store_objection_insert(c->st, &o))))
        return rc;
    return matter_store_objection_get(c->st, c->a, o.id, out);
}

int matter_objections_waiting(dctx *c, int64_t place_id, int *n)
{
    struct st_place p;
    *n = 0;
    int rc = place_get(c, place_id, &p);
    if (rc || !perm_allows(c->actor, &matter_act_decide, p.path))
        return rc;
    return matter_store_objections_waiting(c->st, p.community_id, p.path, n);
}

int matter_answer(dctx *c, int64_t objection_id, const char *answer, int upheld, int64_t *matter_id)
{
    struct st_objection o;
    struct st_matter m;
    int rc = matter_store_objection_get(c->st, c->a, objection_id, &o);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc || (rc = matter_get(c, o.matter_id, &m)))
        return rc;
    if (!perm_allows(c->actor, &matter_act_decide, m.place_path)) {
        audit_log(c, "denied", arena_printf(c->a, "objection:%lld", (long long)objection_id), "answer",
                  m.community_id);
        return dctx_fail(c, WG_EPERM, "forbidden", NULL);
    }
    if ((rc = dctx_text(c, answer, OBJECTION_MAX, 1, "answer", "answer_required", "answer_invalid")))
        return rc;
    if (o.upheld >= 0)
        return dctx_fail(c, WG_ECONFLICT, "objection_answered", NULL);
    if ((rc = store_begin(c->st)))
        return rc;
    rc = matter_store_objection_answer(c->st, objection_id, answer, upheld, c->actor->id, c->now);
    if (rc == 0 && upheld && strcmp(m.stage, "notice") == 0) {
        /* an upheld objection reopens the deliberation, on the record (if
         * another one has not reopened it already) */
        rc = matter_store_set_stage(c->st, m.id, "notice", "deliberating", 0, c->now);
        if (rc == 0)
            rc = moved(c, &m, "notice", "deliberating", answer);
    }
    if (rc == 0 && o.author_id != c->actor->id)
        rc = matter_notify_person(c, &m, o.author_id, "objection_answered", upheld ? "upheld" : "not_upheld");
    rc = store_end(c->st, rc);
    if (rc == 0)
        *matter_id = m.id;
    return rc == WG_ECONFLICT ? dctx_fail(c, rc, "objection_answered", NULL) : rc;
}

/* ---- the detail: everything about a matter, read once ---- */

int matter_detail(dctx *c, int64_t id, int for_api, struct matter_detail *out)
{
    memset(out, 0, sizeof *out);
    struct st_matter *m = &out->m;
    int rc = matter_get(c, id, m);
    if (rc || (rc = matter_store_events(c->st, c->a, id, &out->events, &out->nevents)) ||
        (rc = matter_transitions_for(c, m, out->moves, MATTER_MOVES_MAX, &out->nmoves)) ||
        (rc = matter_store_objections(c->st, c->a, id, &out->objections, &out->nobjections)) ||
        (rc = support_state(c, m, &out->support)))
        return rc;
    if (c->actor && (rc = matter_store_is_following(c->st, id, c->actor->id, &out->following)))
        return rc;
    out->may_answer = perm_allows(c->actor, &matter_act_decide, m->place_path);
    out->may_object = strcmp(m->stage, "notice") == 0 && (!m->notice_until || c->now < m->notice_until);
    for (const struct module *const *mod = module_list(); mod && *mod; mod++) {
        const struct matter_ext *x = (*mod)->matter;
        if (x == NULL || x->panel == NULL || (for_api && !x->api) || out->npanels == MATTER_PANELS_MAX)
            continue;
        json_t *data = x->panel(c, m);
        if (data == NULL)
            continue;
        out->panels[out->npanels].ext = x;
        out->panels[out->npanels++].data = data;
    }
    return 0;
}

void matter_detail_free(struct matter_detail *d)
{
    for (int i = 0; i < d->npanels; i++)
        json_decref(d->panels[i].data);
    d->npanels = 0;
}

/* ---- the job at the end of a notice ---- */

int matter_job_notice_end(dctx *c, const struct job *j);
int matter_job_notice_end(dctx *c, const struct job *j)
{
    struct st_matter m;
    int rc = matter_store_get(c->st, c->a, j->ref_id, &m);
    if (rc == WG_ENOTFOUND)
        return 0;
    /* moved on already, or a later notice of the same matter is running */
    if (rc || strcmp(m.stage, "notice") != 0 || m.notice_until > c->now)
        return rc;
    int open = 0, mine = 0;
    if ((rc = matter_store_objection_counts(c->st, m.id, 0, &open, &mine)))
        return rc;
    struct notify_msg msg = {.kind = "notice_ended", .matter_id = m.id, .title = m.title,
                             .detail = open ? "objections_open" : "clear", .at = j->due_at};
    return matter_store_notify_notice_end(c->st, &msg);
}

int matter_households(dctx *c, int64_t matter_id, struct household_ref **out, int *n)
{
    return matter_store_households(c->st, c->a, matter_id, out, n);
}
