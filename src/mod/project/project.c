/* Projects: rules and progress (see project.h). */
#include "mod/project/project.h"

#include <stdio.h>
#include <string.h>

#include "core/time.h"
#include "core/utf8.h"
#include "mod/project/project_store.h"

#define N PERM_NONE
#define S PERM_SUBTREE
const struct perm_action project_act_manage = {"manage_project",
                                               "create co-building projects and name their organisers",
                                               {N, N, S, S, S}};
#undef N
#undef S

/* ---- progress ---- */

static int task_index(const struct st_task *t, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (t[i].id == id)
            return i;
    return -1;
}

/* The progress of task i, from its children (depth-limited: a loop in bad
 * data ends as "not done"). */
static int task_progress(struct st_task *t, int n, int i, int depth)
{
    int64_t wsum = 0, psum = 0;
    int kids = 0;
    for (int k = 0; k < n; k++) {
        if (t[k].parent_id != t[i].id || k == i)
            continue;
        kids++;
        int64_t w = t[k].weight > 0 ? t[k].weight : 1;
        wsum += w;
        psum += w * (depth < 16 ? task_progress(t, n, k, depth + 1) : 0);
    }
    t[i].progress = kids == 0 ? (strcmp(t[i].state, "done") == 0 ? 1000 : 0) : (int)(psum / wsum);
    return t[i].progress;
}

int project_progress(struct st_task *tasks, int n)
{
    int64_t wsum = 0, psum = 0;
    for (int i = 0; i < n; i++) {
        if (tasks[i].parent_id != 0 && task_index(tasks, n, tasks[i].parent_id) >= 0)
            continue; /* computed under its parent */
        int64_t w = tasks[i].weight > 0 ? tasks[i].weight : 1;
        wsum += w;
        psum += w * task_progress(tasks, n, i, 0);
    }
    return wsum ? (int)(psum / wsum) : 0;
}

int project_progress_of(dctx *c, int64_t project_id, int *permille, int *done, int *total)
{
    struct st_task *t = NULL;
    int n = 0, rc = project_store_tasks(c->st, c->a, project_id, &t, &n);
    if (rc)
        return rc;
    *permille = project_progress(t, n);
    *done = 0;
    for (int i = 0; i < n; i++)
        *done += strcmp(t[i].state, "done") == 0;
    *total = n;
    return 0;
}

/* ---- who may do what ---- */

int project_get(dctx *c, int64_t id, struct st_project *out)
{
    int rc = project_store_get(c->st, c->a, id, out);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc)
        return rc;
    rc = perm_check(c, &perm_read, out->place_path, out->community_id);
    return rc == WG_EPERM ? dctx_fail(c, WG_ENOTFOUND, "not_found", NULL) : rc;
}

int project_of_matter(dctx *c, int64_t matter_id, struct st_project *out)
{
    return project_store_by_matter(c->st, c->a, matter_id, out);
}

int project_may_edit(dctx *c, const struct st_project *p)
{
    int yes = 0;
    if (c->actor == NULL)
        return 0;
    if (perm_allows(c->actor, &project_act_manage, p->place_path))
        return 1;
    return project_store_is_organiser(c->st, p->id, c->actor->id, &yes) == 0 && yes > 0;
}

/* Reads the project and checks that the actor may edit it. */
static int editable(dctx *c, int64_t id, struct st_project *p)
{
    int rc = project_get(c, id, p);
    if (rc == 0 && !project_may_edit(c, p)) {
        audit_log(c, "denied", arena_printf(c->a, "project:%lld", (long long)id), "project_edit", p->community_id);
        return dctx_fail(c, WG_EPERM, "forbidden", NULL);
    }
    return rc;
}

static int text(dctx *c, const char *s, size_t max, const char *field, const char *required, const char *invalid)
{
    return dctx_text(c, s, max, 1, field, required, invalid);
}

/* "YYYY-MM-DD" into *day (its local midnight); NULL or "" is 0. */
static int day_of(dctx *c, const char *s, const char *field, int64_t *day)
{
    *day = 0;
    if (s == NULL || s[0] == '\0')
        return 0;
    if (time_parse_date(s, day))
        return dctx_fail(c, WG_EINVAL, "date_invalid", field);
    return 0;
}

static int event(dctx *c, const struct st_project *p, const char *kind, const char *detail)
{
    int rc = project_store_event(c->st, p->id, p->community_id, kind, detail, c->actor ? c->actor->id : 0, c->now);
    return rc ? rc : project_store_touch(c->st, p->id, c->now);
}

/* ---- creating ---- */

int project_create(dctx *c, const struct project_new *in, int64_t *id)
{
    struct st_project p = {0};
    struct st_place place;
    struct st_matter m;
    int rc;
    if (in->matter_id > 0) {
        if ((rc = matter_get(c, in->matter_id, &m)))
            return rc;
        p.place_id = m.place_id;
    } else {
        p.place_id = in->place_id;
    }
    if (p.place_id <= 0)
        return dctx_fail(c, WG_EINVAL, "place_required", "place_id");
    if ((rc = place_get(c, p.place_id, &place)))
        return rc;
    if ((rc = perm_check(c, &project_act_manage, place.path, place.community_id)))
        return rc;
    if ((rc = text(c, in->title, PROJECT_TITLE_MAX, "title", "title_required", "project_title_invalid")) ||
        (rc = dctx_text(c, in->summary, PROJECT_SUMMARY_MAX, 0, "summary", "summary_required",
                        "project_summary_invalid")))
        return rc;
    if (in->budget_fen < 0 || in->budget_fen > PROJECT_MONEY_MAX)
        return dctx_fail(c, WG_EINVAL, "project_budget_invalid", "budget");
    p = (struct st_project){.community_id = place.community_id, .place_id = place.id, .matter_id = in->matter_id,
                            .title = in->title, .summary = in->summary ? in->summary : "",
                            .budget_fen = in->budget_fen, .created_by = c->actor->id, .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    if (in->matter_id > 0) { /* read again in the transaction; UNIQUE (matter_id) settles a race */
        struct st_project had;
        rc = matter_get(c, in->matter_id, &m);
        if (rc == 0 && strcmp(m.stage, "building") != 0)
            rc = dctx_fail(c, WG_ECONFLICT, "project_matter_stage", "matter_id");
        if (rc == 0 && project_store_by_matter(c->st, c->a, in->matter_id, &had) == 0)
            rc = dctx_fail(c, WG_ECONFLICT, "project_exists", "matter_id");
    }
    if (rc == 0)
        rc = project_store_insert(c->st, &p);
    if (rc == 0)
        rc = project_store_event(c->st, p.id, p.community_id, "created", p.title, c->actor->id, c->now);
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = p.id;
    return 0;
}

int project_list(dctx *c, int64_t community_id, struct st_project **out, int *n)
{
    struct st_place com;
    int rc = place_get(c, community_id, &com);
    if (rc)
        return rc;
    return project_store_list(c->st, c->a, com.community_id ? com.community_id : com.id, out, n);
}

int project_organiser_add(dctx *c, int64_t project_id, int64_t person_id)
{
    struct st_project p;
    struct actor *who = NULL;
    int rc = project_get(c, project_id, &p);
    if (rc || (rc = perm_check(c, &project_act_manage, p.place_path, p.community_id)))
        return rc;
    rc = actor_load(c, person_id, &who);
    if (rc == WG_ENOTFOUND || (rc == 0 && actor_community(who) != p.community_id))
        return dctx_fail(c, WG_EINVAL, "project_person_invalid", "person_id");
    if (rc || (rc = store_begin(c->st)))
        return rc;
    rc = project_store_organiser_add(c->st, p.id, person_id, p.community_id);
    if (rc == 0)
        rc = event(c, &p, "organiser", who->name);
    return store_end(c->st, rc);
}

/* ---- tasks ---- */

static const char *const task_states[] = {"todo", "doing", "done", NULL};

static int state_valid(const char *s)
{
    for (int i = 0; task_states[i]; i++)
        if (strcmp(task_states[i], s) == 0)
            return 1;
    return 0;
}

/* The owner: a person of the project's community (or none). */
static int owner_valid(dctx *c, const struct st_project *p, int64_t owner)
{
    struct actor *who = NULL;
    if (owner <= 0)
        return 0;
    int rc = actor_load(c, owner, &who);
    if (rc == WG_ENOTFOUND || (rc == 0 && actor_community(who) != p->community_id))
        return dctx_fail(c, WG_EINVAL, "project_person_invalid", "owner_id");
    return rc;
}

/* The fields of in over t, checked. */
static int task_apply(dctx *c, const struct st_project *p, const struct project_task_in *in, struct st_task *t)
{
    int rc;
    if (in->title != NULL) {
        if ((rc = text(c, in->title, PROJECT_TEXT_MAX, "title", "title_required", "project_text_invalid")))
            return rc;
        t->title = in->title;
    }
    if (in->state != NULL) {
        if (!state_valid(in->state))
            return dctx_fail(c, WG_EINVAL, "task_state_invalid", "state");
        t->state = in->state;
    }
    if (in->due_on != NULL && (rc = day_of(c, in->due_on, "due_on", &t->due_on)))
        return rc;
    if (in->owner_id > 0) {
        if ((rc = owner_valid(c, p, in->owner_id)))
            return rc;
        t->owner_id = in->owner_id;
    } else if (in->owner_id < 0) {
        t->owner_id = 0;
    }
    if (in->weight != 0) {
        if (in->weight < 1 || in->weight > PROJECT_WEIGHT_MAX)
            return dctx_fail(c, WG_EINVAL, "task_weight_invalid", "weight");
        t->weight = in->weight;
    }
    return 0;
}

int project_task_add(dctx *c, int64_t project_id, const struct project_task_in *in, int64_t *id)
{
    struct st_project p;
    struct st_task t = {.project_id = project_id, .state = "todo", .weight = 1, .created_at = c->now};
    struct st_task *all = NULL;
    int n = 0, rc = editable(c, project_id, &p);
    if (rc)
        return rc;
    if (in->title == NULL)
        return dctx_fail(c, WG_EINVAL, "title_required", "title");
    if ((rc = task_apply(c, &p, in, &t)))
        return rc;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = project_store_lock(c->st, p.id);
    if (rc == 0)
        rc = project_store_tasks(c->st, c->a, p.id, &all, &n);
    if (rc == 0 && n >= PROJECT_TASKS_MAX)
        rc = dctx_fail(c, WG_ETOOBIG, "project_tasks_full", NULL);
    if (rc == 0 && in->parent_id > 0) { /* a task of this project, not too deep */
        int i = task_index(all, n, in->parent_id), depth = 1;
        for (int k = i; k >= 0 && all[k].parent_id != 0; k = task_index(all, n, all[k].parent_id))
            depth++;
        if (i < 0)
            rc = dctx_fail(c, WG_EINVAL, "task_parent_invalid", "parent_id");
        else if (depth >= PROJECT_DEPTH_MAX)
            rc = dctx_fail(c, WG_EINVAL, "task_too_deep", "parent_id");
        t.parent_id = in->parent_id;
    }
    if (rc == 0)
        rc = project_store_task_insert(c->st, &t, p.community_id, id);
    if (rc == 0)
        rc = event(c, &p, "task_added", t.title);
    return store_end(c->st, rc);
}

int project_task_update(dctx *c, int64_t task_id, const struct project_task_in *in, int64_t *project_id)
{
    struct st_task t;
    struct st_project p;
    int rc = project_store_task_get(c->st, c->a, task_id, &t);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc || (rc = editable(c, t.project_id, &p)))
        return rc;
    const char *was = t.state;
    if ((rc = task_apply(c, &p, in, &t)))
        return rc;
    t.updated_at = c->now;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = project_store_lock(c->st, p.id);
    if (rc == 0)
        rc = project_store_task_update(c->st, &t);
    if (rc == 0 && strcmp(was, t.state) != 0)
        rc = event(c, &p, arena_printf(c->a, "task_%s", t.state), t.title); /* task_todo, task_doing, task_done */
    *project_id = p.id;
    return store_end(c->st, rc);
}

/* ---- milestones and money ---- */

int project_milestone_add(dctx *c, int64_t project_id, const char *title, const char *due_on, int64_t *id)
{
    struct st_project p;
    struct st_milestone m = {.project_id = project_id, .title = title};
    int rc = editable(c, project_id, &p);
    if (rc || (rc = text(c, title, PROJECT_TEXT_MAX, "title", "title_required", "project_text_invalid")) ||
        (rc = day_of(c, due_on, "due_on", &m.due_on)))
        return rc;
    if (m.due_on == 0)
        return dctx_fail(c, WG_EINVAL, "date_required", "due_on");
    if ((rc = store_begin(c->st)))
        return rc;
    rc = project_store_milestone_insert(c->st, &m, p.community_id, c->now, id);
    if (rc == 0)
        rc = event(c, &p, "milestone_added", title);
    return store_end(c->st, rc);
}

int project_milestone_reach(dctx *c, int64_t milestone_id, int reached, int64_t *project_id)
{
    struct st_milestone m;
    struct st_project p;
    int rc = project_store_milestone_get(c->st, c->a, milestone_id, &m);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc || (rc = editable(c, m.project_id, &p)) || (rc = store_begin(c->st)))
        return rc;
    rc = project_store_milestone_reach(c->st, m.id, reached ? c->now : 0);
    if (rc == 0 && reached && m.reached_at == 0)
        rc = event(c, &p, "milestone_reached", m.title);
    *project_id = p.id;
    return store_end(c->st, rc);
}

int project_money_add(dctx *c, int64_t project_id, const char *direction, int64_t amount_fen, const char *what,
                      const char *on_day, int64_t *id)
{
    struct st_project p;
    struct st_money m = {.direction = direction, .amount_fen = amount_fen, .what = what,
                         .recorded_by = c->actor ? c->actor->id : 0, .created_at = c->now};
    int rc = editable(c, project_id, &p);
    if (rc)
        return rc;
    if (direction == NULL || (strcmp(direction, "in") != 0 && strcmp(direction, "out") != 0))
        return dctx_fail(c, WG_EINVAL, "money_direction_invalid", "direction");
    if (amount_fen < 1 || amount_fen > PROJECT_MONEY_MAX)
        return dctx_fail(c, WG_EINVAL, "money_amount_invalid", "amount_fen");
    if ((rc = text(c, what, PROJECT_TEXT_MAX, "what", "money_what_required", "project_text_invalid")) ||
        (rc = day_of(c, on_day, "on_day", &m.on_day)))
        return rc;
    if (m.on_day == 0)
        m.on_day = time_local_day(c->now) * TIME_DAY - TIME_ZONE_OFFSET;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = project_store_money_insert(c->st, p.id, p.community_id, &m, id);
    if (rc == 0)
        rc = event(c, &p, strcmp(direction, "in") == 0 ? "money_in" : "money_out",
                   arena_printf(c->a, "%s %lld.%02lld", what, (long long)(amount_fen / 100),
                                (long long)(amount_fen % 100)));
    return store_end(c->st, rc);
}

/* ---- contributions ---- */

static int one_of(const char *s, const char *const *list)
{
    for (int i = 0; s && list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

int project_contribution_add(dctx *c, int64_t project_id, const struct contribution_in *in, int64_t *id)
{
    static const char *const kinds[] = {"money", "material", "labour", NULL};
    static const char *const givers[] = {"resident", "company", "unit", "owners_committee", "other", NULL};
    struct st_project p;
    struct st_contribution k = {.kind = in->kind, .giver_kind = in->giver_kind, .giver = in->giver,
                                .what = in->what ? in->what : "", .received_by = c->actor ? c->actor->id : 0};
    int rc = editable(c, project_id, &p);
    if (rc)
        return rc;
    if (!one_of(in->kind, kinds))
        return dctx_fail(c, WG_EINVAL, "contribution_kind_invalid", "kind");
    if (!one_of(in->giver_kind, givers))
        return dctx_fail(c, WG_EINVAL, "contribution_giver_kind_invalid", "giver_kind");
    if ((rc = text(c, in->giver, PROJECT_TEXT_MAX, "giver", "contribution_giver_required", "project_text_invalid")) ||
        (rc = dctx_text(c, in->what, PROJECT_TEXT_MAX, strcmp(in->kind, "material") == 0, "what",
                        "contribution_what_required", "project_text_invalid")) ||
        (rc = day_of(c, in->received_on, "received_on", &k.received_on)))
        return rc;
    if (strcmp(in->kind, "money") == 0) {
        if (in->amount_fen < 1 || in->amount_fen > PROJECT_MONEY_MAX)
            return dctx_fail(c, WG_EINVAL, "money_amount_invalid", "amount_fen");
        k.amount_fen = in->amount_fen;
    } else if (strcmp(in->kind, "labour") == 0) {
        if (in->person_days10 < 1 || in->person_days10 > 100000)
            return dctx_fail(c, WG_EINVAL, "contribution_days_invalid", "person_days10");
        k.person_days10 = in->person_days10;
    }
    if (in->giver_person_id > 0) {
        if ((rc = owner_valid(c, &p, in->giver_person_id)))
            return c->field = "giver_person_id", rc;
        k.giver_person_id = in->giver_person_id;
    }
    if (k.received_on == 0)
        k.received_on = time_local_day(c->now) * TIME_DAY - TIME_ZONE_OFFSET;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = project_store_contribution_insert(c->st, p.id, p.community_id, &k, c->now, id);
    if (rc == 0)
        rc = event(c, &p, "contribution", arena_printf(c->a, "%s: %s", k.giver, k.what[0] ? k.what : k.kind));
    return store_end(c->st, rc);
}
