/* A project as its page and API show it (see project.h). */
#include <string.h>

#include "core/time.h"
#include "mod/project/project.h"
#include "mod/project/project_store.h"

static json_t *yuan(arena *a, int64_t fen)
{
    return json_string(arena_printf(a, "%s%lld.%02lld", fen < 0 ? "-" : "", (long long)((fen < 0 ? -fen : fen) / 100),
                                    (long long)((fen < 0 ? -fen : fen) % 100)));
}

static json_t *day_json(arena *a, int64_t t)
{
    char buf[24];
    if (t == 0 || time_format_local(t, buf, sizeof buf))
        return json_null();
    return json_string(arena_strndup(a, buf, 10));
}

json_t *project_json(dctx *c, const struct st_project *p)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:s, s:I, s:o}", "id", (json_int_t)p->id, "title", p->title, "summary",
                          p->summary, "place_id", (json_int_t)p->place_id, "place_name", p->place_name,
                          "budget_fen", (json_int_t)p->budget_fen, "budget", yuan(c->a, p->budget_fen));
    json_object_set_new(o, "matter_id", p->matter_id ? json_integer(p->matter_id) : json_null());
    time_json_pair(o, "updated_at", p->updated_at);
    return o;
}

/* The tasks in tree order (each after its parent), with depth and progress. */
static void tasks_into(dctx *c, json_t *arr, const struct st_task *t, int n, int64_t parent, int depth)
{
    for (int i = 0; i < n; i++) {
        if (t[i].parent_id != parent)
            continue;
        json_t *o = json_pack("{s:I, s:s, s:s, s:i, s:i, s:I}", "id", (json_int_t)t[i].id, "title", t[i].title, "state",
                              t[i].state, "depth", depth, "progress_percent", t[i].progress / 10, "weight",
                              (json_int_t)t[i].weight);
        json_object_set_new(o, "parent_id", t[i].parent_id ? json_integer(t[i].parent_id) : json_null());
        json_object_set_new(o, "owner", t[i].owner_id ? json_pack("{s:I, s:s}", "id", (json_int_t)t[i].owner_id,
                                                                  "name", t[i].owner_name ? t[i].owner_name : "")
                                                      : json_null());
        json_object_set_new(o, "due_on", day_json(c->a, t[i].due_on));
        json_object_set_new(o, "overdue", json_boolean(t[i].due_on && strcmp(t[i].state, "done") != 0 &&
                                                       t[i].due_on + 86400 <= c->now));
        json_array_append_new(arr, o);
        if (depth < PROJECT_DEPTH_MAX)
            tasks_into(c, arr, t, n, t[i].id, depth + 1);
    }
}

static json_t *money_json(dctx *c, const struct st_project *p, const struct st_money *m, int n)
{
    int64_t in = 0, out = 0;
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        int is_in = strcmp(m[i].direction, "in") == 0;
        *(is_in ? &in : &out) += m[i].amount_fen;
        json_t *o = json_pack("{s:I, s:s, s:I, s:o, s:s, s:o, s:s}", "id", (json_int_t)m[i].id, "direction",
                              m[i].direction, "amount_fen", (json_int_t)m[i].amount_fen, "amount",
                              yuan(c->a, m[i].amount_fen), "what", m[i].what, "on_day", day_json(c->a, m[i].on_day),
                              "recorded_by", m[i].recorded_by_name ? m[i].recorded_by_name : "");
        json_object_set_new(o, "in", json_boolean(is_in));
        json_array_append_new(items, o);
    }
    return json_pack("{s:o, s:I, s:o, s:I, s:o, s:I, s:o, s:o}", "items", items, "in_fen", (json_int_t)in, "in",
                     yuan(c->a, in), "out_fen", (json_int_t)out, "out", yuan(c->a, out), "balance_fen",
                     (json_int_t)(in - out), "balance", yuan(c->a, in - out), "budget", yuan(c->a, p->budget_fen));
}

static json_t *contributions_json(dctx *c, const struct st_contribution *k, int n)
{
    int64_t money = 0, days10 = 0, materials = 0;
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)k[i].id, "kind", k[i].kind,
                              "giver_kind", k[i].giver_kind, "giver", k[i].giver, "what", k[i].what, "received_by",
                              k[i].received_by_name ? k[i].received_by_name : "", "received_on",
                              day_json(c->a, k[i].received_on));
        if (strcmp(k[i].kind, "money") == 0) {
            money += k[i].amount_fen;
            json_object_set_new(o, "amount", yuan(c->a, k[i].amount_fen));
        } else if (strcmp(k[i].kind, "labour") == 0) {
            days10 += k[i].person_days10;
            json_object_set_new(o, "person_days", json_string(arena_printf(c->a, "%lld.%lld",
                                                                           (long long)(k[i].person_days10 / 10),
                                                                           (long long)(k[i].person_days10 % 10))));
        } else {
            materials++;
        }
        json_object_set_new(o, "is_money", json_boolean(strcmp(k[i].kind, "money") == 0));
        json_object_set_new(o, "is_labour", json_boolean(strcmp(k[i].kind, "labour") == 0));
        json_array_append_new(items, o);
    }
    return json_pack("{s:o, s:I, s:o, s:s, s:I}", "items", items, "money_fen", (json_int_t)money, "money",
                     yuan(c->a, money), "person_days",
                     arena_printf(c->a, "%lld.%lld", (long long)(days10 / 10), (long long)(days10 % 10)), "materials",
                     (json_int_t)materials);
}

json_t *project_detail(dctx *c, int64_t id, int *rc)
{
    struct st_project p;
    struct st_task *tasks = NULL;
    struct st_milestone *ms = NULL;
    struct st_money *money = NULL;
    struct st_pevent *ev = NULL;
    struct st_contribution *ks = NULL;
    int nk = 0;
    int64_t *org_ids = NULL;
    const char **org_names = NULL;
    int nt = 0, nm = 0, nmo = 0, ne = 0, no = 0;
    if ((*rc = project_get(c, id, &p)) || (*rc = project_store_tasks(c->st, c->a, id, &tasks, &nt)) ||
        (*rc = project_store_milestones(c->st, c->a, id, &ms, &nm)) ||
        (*rc = project_store_money(c->st, c->a, id, &money, &nmo)) ||
        (*rc = project_store_events(c->st, c->a, id, &ev, &ne)) ||
        (*rc = project_store_contributions(c->st, c->a, id, &ks, &nk)) ||
        (*rc = project_store_organisers(c->st, c->a, id, &org_ids, &org_names, &no)))
        return NULL;
    int progress = project_progress(tasks, nt), done = 0;
    json_t *o = project_json(c, &p), *arr = json_array();
    for (int i = 0; i < nt; i++)
        done += strcmp(tasks[i].state, "done") == 0; /* tasks are read once here for the tree as well */
    tasks_into(c, arr, tasks, nt, 0, 0);
    for (int i = 0; i < nt; i++) /* a task whose parent is gone: at the top */
        if (tasks[i].parent_id != 0) {
            int found = 0;
            for (int k = 0; k < nt && !found; k++)
                found = tasks[k].id == tasks[i].parent_id;
            if (!found)
                tasks_into(c, arr, tasks + i, 1, tasks[i].parent_id, 0);
        }
    json_object_set_new(o, "progress_percent", json_integer(progress / 10));
    json_object_set_new(o, "progress_permille", json_integer(progress));
    json_object_set_new(o, "tasks", arr);
    json_object_set_new(o, "tasks_done", json_integer(done));
    json_object_set_new(o, "tasks_total", json_integer(nt));
    arr = json_array();
    for (int i = 0; i < nm; i++) {
        json_t *m = json_pack("{s:I, s:s, s:o, s:b}", "id", (json_int_t)ms[i].id, "title", ms[i].title, "due_on",
                              day_json(c->a, ms[i].due_on), "reached", ms[i].reached_at != 0);
        json_object_set_new(m, "reached_on", day_json(c->a, ms[i].reached_at));
        json_array_append_new(arr, m);
    }
    json_object_set_new(o, "milestones", arr);
    json_object_set_new(o, "money", money_json(c, &p, money, nmo));
    json_object_set_new(o, "contributions", contributions_json(c, ks, nk));
    arr = json_array();
    for (int i = 0; i < ne; i++) {
        json_t *e = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)ev[i].id, "kind", ev[i].kind, "detail",
                              ev[i].detail, "actor", ev[i].actor_name ? ev[i].actor_name : "");
        time_json_pair(e, "at", ev[i].at);
        json_array_append_new(arr, e);
    }
    json_object_set_new(o, "events", arr);
    arr = json_array();
    for (int i = 0; i < no; i++)
        json_array_append_new(arr, json_pack("{s:I, s:s}", "id", (json_int_t)org_ids[i], "name", org_names[i]));
    json_object_set_new(o, "organisers", arr);
    json_object_set_new(o, "has_organisers", json_boolean(no > 0));
    json_object_set_new(o, "may_edit", json_boolean(project_may_edit(c, &p)));
    json_object_set_new(o, "may_manage",
                        json_boolean(c->actor && perm_allows(c->actor, &project_act_manage, p.place_path)));
    return o;
}
