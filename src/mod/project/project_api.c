/*
 * /api/v1 handlers of projects (docs/api.md, "Projects"):
 *   GET  /api/v1/projects?community=ID           the community's projects (also ?format=xlsx|csv)
 *   POST /api/v1/projects                        {matter_id | place_id, title, summary, budget_fen}
 *   GET  /api/v1/projects/{id}                   the project: tasks, progress, milestones, money, timeline
 *   GET  /api/v1/projects/{id}/tasks             its tasks in tree order (also ?format=xlsx|csv)
 *   GET  /api/v1/projects/{id}/money             its money in and out with the totals (also ?format=)
 *   GET  /api/v1/projects/{id}/contributions     its contributions ledger with the totals (also ?format=)
 *   POST /api/v1/projects/{id}/tasks             {title, owner_id, due_on, parent_id, weight}
 *   PUT  /api/v1/tasks/{id}                      {title, state, owner_id (null clears), due_on ("" clears), weight}
 *   POST /api/v1/projects/{id}/milestones        {title, due_on}
 *   POST /api/v1/milestones/{id}/reached         {reached}
 *   POST /api/v1/projects/{id}/money             {direction: in|out, amount_fen, what, on_day}
 *   POST /api/v1/projects/{id}/organisers        {person_id}
 *   POST /api/v1/projects/{id}/contributions     {kind, giver_kind, giver, giver_person_id, amount_fen,
 *                                                 person_days10, what, received_on}
 */
#include <string.h>

#include "edge/api.h"
#include "edge/export.h"
#include "mod/project/project.h"

/* ---- exports (?format=xlsx|csv): one page each, through the rules the JSON uses ---- */

static const struct sheet_col projects_cols[] = {
    {"export_col_id", SHEET_INT, 8},           {"project_name", SHEET_TEXT, 24},
    {"project_col_place", SHEET_TEXT, 16},     {"project_budget_yuan", SHEET_DECIMAL, 12},
    {"project_progress", SHEET_PERCENT, 8},    {"project_tasks_done", SHEET_INT, 8},
    {"project_col_tasks", SHEET_INT, 8},       {"project_col_updated", SHEET_TIME, 17},
};

static int projects_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    (void)r;
    struct st_project *ps = NULL;
    int n = 0, rc = project_list(c, *(int64_t *)ud, &ps, &n);
    for (int i = 0; rc == 0 && i < n; i++) {
        int permille = 0, done = 0, total = 0;
        if ((rc = project_progress_of(c, ps[i].id, &permille, &done, &total)))
            break;
        sheet_int(sh, ps[i].id);
        sheet_text(sh, ps[i].title);
        sheet_text(sh, ps[i].place_name);
        sheet_num(sh, (double)ps[i].budget_fen / 100);
        sheet_num(sh, (double)(permille / 10) / 100); /* the whole percent the list shows */
        sheet_int(sh, done);
        sheet_int(sh, total);
        sheet_time(sh, ps[i].updated_at);
        sheet_row_end(sh);
    }
    *more = 0;
    return rc;
}

static const struct export_list projects_export = EXPORT_LIST("projects", "projects_title", projects_cols, projects_page);

static const struct sheet_col tasks_cols[] = {
    {"export_col_id", SHEET_INT, 8},          {"project_task_name", SHEET_TEXT, 28},
    {"project_col_parent", SHEET_INT, 8},     {"project_col_state", SHEET_TEXT, 8},
    {"project_col_owner", SHEET_TEXT, 12},    {"project_due", SHEET_TEXT, 11},
    {"project_overdue", SHEET_TEXT, 8},       {"project_col_weight", SHEET_INT, 8},
    {"project_progress", SHEET_PERCENT, 8},
};
static const struct export_field tasks_fields[] = {
    {"id", NULL},         {"title", NULL},   {"parent_id", NULL}, {"state", "task_state_"},      {"owner.name", NULL},
    {"due_on", NULL},     {"overdue", NULL}, {"weight", NULL},    {"progress_percent", NULL},
};
EXPORT_FIELDS(tasks_cols, tasks_fields);

static const struct sheet_col money_cols[] = {
    {"export_col_id", SHEET_INT, 8},          {"project_money_direction", SHEET_TEXT, 10},
    {"project_money_amount", SHEET_DECIMAL, 12}, {"project_money_what", SHEET_TEXT, 28},
    {"project_money_day", SHEET_TEXT, 11},    {"project_col_recorded_by", SHEET_TEXT, 12},
};
static const struct export_field money_fields[] = {
    {"id", NULL}, {"direction", "project_money_"}, {"amount", NULL}, {"what", NULL}, {"on_day", NULL}, {"recorded_by", NULL},
};
EXPORT_FIELDS(money_cols, money_fields);

static const struct sheet_col contributions_cols[] = {
    {"export_col_id", SHEET_INT, 8},              {"contribution_kind", SHEET_TEXT, 8},
    {"contribution_giver_kind", SHEET_TEXT, 10},  {"contribution_giver", SHEET_TEXT, 16},
    {"project_money_amount", SHEET_DECIMAL, 12},  {"contribution_col_days", SHEET_DECIMAL, 8},
    {"contribution_col_what", SHEET_TEXT, 24},    {"contribution_col_received_on", SHEET_TEXT, 11},
    {"contribution_received_by", SHEET_TEXT, 12},
};
static const struct export_field contributions_fields[] = {
    {"id", NULL},          {"kind", "contribution_kind_"}, {"giver_kind", "giver_"}, {"giver", NULL},
    {"amount", NULL},      {"person_days", NULL},          {"what", NULL},           {"received_on", NULL},
    {"received_by", NULL},
};
EXPORT_FIELDS(contributions_cols, contributions_fields);

/* Which of a project's lists a route answers. */
enum part { PART_TASKS, PART_MONEY, PART_CONTRIBUTIONS };
struct part_state {
    int64_t id;
    enum part part;
};

/* The part of the project's detail (project_detail, the rule of the page). */
static json_t *part_of(json_t *d, enum part p)
{
    return json_object_get(d, p == PART_TASKS ? "tasks" : p == PART_MONEY ? "money" : "contributions");
}

static int part_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    const struct part_state *ps = ud;
    int rc = 0;
    json_t *d = project_detail(c, ps->id, &rc), *x;
    size_t i;
    *more = 0;
    if (d == NULL)
        return rc;
    json_t *part = part_of(d, ps->part);
    json_array_foreach(ps->part == PART_TASKS ? part : json_object_get(part, "items"), i, x) {
        if (ps->part == PART_TASKS)
            EXPORT_JSON_ROW(r, sh, tasks_cols, tasks_fields, x);
        else if (ps->part == PART_MONEY)
            EXPORT_JSON_ROW(r, sh, money_cols, money_fields, x);
        else
            EXPORT_JSON_ROW(r, sh, contributions_cols, contributions_fields, x);
    }
    json_decref(d);
    return 0;
}

static const struct export_list part_exports[] = {
    EXPORT_LIST("project-tasks", "project_tasks", tasks_cols, part_page),
    EXPORT_LIST("project-money", "project_money", money_cols, part_page),
    EXPORT_LIST("project-contributions", "project_contributions", contributions_cols, part_page),
};

static int part(http_req *r, enum part p)
{
    struct part_state ps = {http_param_id(r, "id"), p};
    int rc = 0, format = export_format(r);
    if (format < 0)
        return 0;
    if (ps.id == 0)
        return edge_fail(r, WG_ENOTFOUND);
    if (format)
        return export_send(r, format, &part_exports[p], &ps);
    json_t *d = project_detail(api_dc(r), ps.id, &rc);
    if (d == NULL)
        return edge_fail(r, rc);
    json_t *o = p == PART_TASKS ? json_pack("{s:O}", "items", part_of(d, p)) : json_incref(part_of(d, p));
    json_decref(d);
    return api_send_json(r, 200, o);
}

static int tasks(http_req *r)
{
    return part(r, PART_TASKS);
}

static int money(http_req *r)
{
    return part(r, PART_MONEY);
}

static int contributions(http_req *r)
{
    return part(r, PART_CONTRIBUTIONS);
}

static int send_detail(http_req *r, int status, int64_t id)
{
    int rc;
    json_t *o = project_detail(api_dc(r), id, &rc);
    return o ? api_send_json(r, status, o) : edge_fail(r, rc);
}

static int list(http_req *r)
{
    int64_t community = api_query_id(r, "community");
    struct st_project *ps = NULL;
    int n = 0, format = export_format(r);
    if (format < 0)
        return 0;
    if (community < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (community == 0)
        community = actor_community(api_dc(r)->actor);
    if (format && community > 0)
        return export_send(r, format, &projects_export, &community);
    int rc = community > 0 ? project_list(api_dc(r), community, &ps, &n) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, project_json(api_dc(r), &ps[i]));
    return api_send_json(r, 200, json_pack("{s:o}", "items", items));
}

static int create(http_req *r)
{
    struct project_new in = {0};
    int64_t id = 0;
    if (api_need_body(r) || api_jint(r, "matter_id", &in.matter_id) || api_jint(r, "place_id", &in.place_id) ||
        api_jstr(r, "title", &in.title) || api_jstr(r, "summary", &in.summary) ||
        api_jint(r, "budget_fen", &in.budget_fen))
        return 0;
    int rc = project_create(api_dc(r), &in, &id);
    return rc ? edge_fail(r, rc) : send_detail(r, 201, id);
}

static int get(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    return id ? send_detail(r, 200, id) : edge_fail(r, WG_ENOTFOUND);
}

/* The task fields of the body; owner_id null clears the owner. */
static int task_in(http_req *r, struct project_task_in *in)
{
    json_t *owner = json_object_get(edge_req(r)->json, "owner_id");
    memset(in, 0, sizeof *in);
    if (api_jstr(r, "title", &in->title) || api_jstr(r, "state", &in->state) || api_jstr(r, "due_on", &in->due_on) ||
        api_jint(r, "owner_id", &in->owner_id) || api_jint(r, "parent_id", &in->parent_id) ||
        api_jint(r, "weight", &in->weight))
        return -1;
    if (owner != NULL && json_is_null(owner))
        in->owner_id = -1;
    return 0;
}

static int task_add(http_req *r)
{
    int64_t id = http_param_id(r, "id"), tid = 0;
    struct project_task_in in;
    if (api_need_body(r) || task_in(r, &in))
        return 0;
    int rc = id ? project_task_add(api_dc(r), id, &in, &tid) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : send_detail(r, 201, id);
}

static int task_put(http_req *r)
{
    int64_t id = http_param_id(r, "id"), pid = 0;
    struct project_task_in in;
    if (api_need_body(r) || task_in(r, &in))
        return 0;
    if (in.parent_id != 0)
        return api_bad_field(r, "parent_id", "task_parent_fixed"), 0;
    int rc = id ? project_task_update(api_dc(r), id, &in, &pid) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : send_detail(r, 200, pid);
}

static int milestone_add(http_req *r)
{
    int64_t id = http_param_id(r, "id"), mid = 0;
    const char *title = NULL, *due = NULL;
    if (api_need_body(r) || api_jstr(r, "title", &title) || api_jstr(r, "due_on", &due))
        return 0;
    int rc = id ? project_milestone_add(api_dc(r), id, title, due, &mid) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : send_detail(r, 201, id);
}

static int milestone_reached(http_req *r)
{
    int64_t id = http_param_id(r, "id"), pid = 0;
    int reached = 0;
    if (api_need_body(r) || api_jbool_required(r, "reached", &reached))
        return 0;
    int rc = id ? project_milestone_reach(api_dc(r), id, reached, &pid) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : send_detail(r, 200, pid);
}

static int money_add(http_req *r)
{
    int64_t id = http_param_id(r, "id"), amount = 0, mid = 0;
    const char *dir = NULL, *what = NULL, *on = NULL;
    if (api_need_body(r) || api_jstr(r, "direction", &dir) || api_jint(r, "amount_fen", &amount) ||
        api_jstr(r, "what", &what) || api_jstr(r, "on_day", &on))
        return 0;
    int rc = id ? project_money_add(api_dc(r), id, dir, amount, what, on, &mid) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : send_detail(r, 201, id);
}

static int contribution_add(http_req *r)
{
    int64_t id = http_param_id(r, "id"), kid = 0;
    struct contribution_in in = {0};
    if (api_need_body(r) || api_jstr(r, "kind", &in.kind) || api_jstr(r, "giver_kind", &in.giver_kind) ||
        api_jstr(r, "giver", &in.giver) || api_jint(r, "giver_person_id", &in.giver_person_id) ||
        api_jint(r, "amount_fen", &in.amount_fen) || api_jint(r, "person_days10", &in.person_days10) ||
        api_jstr(r, "what", &in.what) || api_jstr(r, "received_on", &in.received_on))
        return 0;
    int rc = id ? project_contribution_add(api_dc(r), id, &in, &kid) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : send_detail(r, 201, id);
}

static int organiser_add(http_req *r)
{
    int64_t id = http_param_id(r, "id"), person = 0;
    if (api_need_body(r) || api_jint(r, "person_id", &person))
        return 0;
    int rc = id ? project_organiser_add(api_dc(r), id, person) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : send_detail(r, 201, id);
}

const struct http_route project_api_routes[] = {
    {"GET", "/api/v1/projects", list, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/projects", create, HTTP_API | HTTP_AUTH | HTTP_CSRF, 32768, NULL},
    {"GET", "/api/v1/projects/{id}", get, HTTP_API | HTTP_AUTH, 0, NULL},
    {"GET", "/api/v1/projects/{id}/tasks", tasks, HTTP_API | HTTP_AUTH, 0, NULL},
    {"GET", "/api/v1/projects/{id}/money", money, HTTP_API | HTTP_AUTH, 0, NULL},
    {"GET", "/api/v1/projects/{id}/contributions", contributions, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/projects/{id}/tasks", task_add, HTTP_API | HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"PUT", "/api/v1/tasks/{id}", task_put, HTTP_API | HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"POST", "/api/v1/projects/{id}/milestones", milestone_add, HTTP_API | HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"POST", "/api/v1/milestones/{id}/reached", milestone_reached, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/api/v1/projects/{id}/money", money_add, HTTP_API | HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"POST", "/api/v1/projects/{id}/organisers", organiser_add, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/api/v1/projects/{id}/contributions", contribution_add, HTTP_API | HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
