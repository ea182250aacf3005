/*
 * /api/v1 handlers of participatory budgets (docs/api.md, "Participatory budgets"):
 *   GET  /api/v1/budgets?community=ID         the community's budgets (also ?format=xlsx|csv)
 *   POST /api/v1/budgets                      {place_id, title, total, voters, projects: [{name, cost}], opens_at, closes_at}
 *   GET  /api/v1/budgets/{id}                 projects, the vote, and (closed) the result of both rules;
 *                                             ?format=xlsx|csv exports the projects with their approvals and results
 *   GET  /api/v1/budgets/{id}/document        the published document `wugong tally` recomputes
 * Ballots are cast on the budget's vote: POST /api/v1/votes/{vote_id}/ballot.
 */
#include <string.h>

#include "core/utf8.h"
#include "edge/api.h"
#include "edge/export.h"
#include "mod/budget/budget.h"

/* ---- exports: one page each, from the JSON of the rule the list uses ---- */

static const struct sheet_col budgets_cols[] = {
    {"export_col_id", SHEET_INT, 8},     {"budget_name", SHEET_TEXT, 24},  {"budget_total_yuan", SHEET_INT, 12},
    {"budget_col_state", SHEET_TEXT, 8}, {"budget_col_opens", SHEET_TIME, 17}, {"budget_col_closes", SHEET_TIME, 17},
};
static const struct export_field budgets_fields[] = {
    {"id", NULL}, {"title", NULL}, {"total", NULL}, {"state", "vote_state_"}, {"opens_at", NULL}, {"closes_at", NULL},
};
EXPORT_FIELDS(budgets_cols, budgets_fields);

/* A project a row; the columns of the result blank while the vote is not closed. */
static const struct sheet_col projects_cols[] = {
    {"budget_col_project", SHEET_INT, 6},        {"budget_project", SHEET_TEXT, 24},
    {"budget_cost_yuan", SHEET_INT, 10},         {"budget_approvals", SHEET_INT, 8},
    {"budget_mes", SHEET_TEXT, 10},              {"budget_col_payment", SHEET_TEXT, 14},
    {"budget_col_effective_votes", SHEET_TEXT, 12}, {"budget_greedy", SHEET_TEXT, 10},
};
static const struct export_field projects_fields[] = {
    {"no", NULL},       {"name", NULL}, {"cost", NULL}, {"result.approvals", NULL}, {"result.equal_shares", "budget_how_"},
    {"result.payment", NULL}, {"result.effective_votes", NULL}, {"result.greedy_how", "budget_how_"},
};
EXPORT_FIELDS(projects_cols, projects_fields);

/* What an export walks: a community's budgets (budget_list) or a budget's
 * projects (budget_detail, with the result of both rules beside each
 * project once the vote is closed). */
struct export_of {
    int64_t id;
    int projects;
};

static int export_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    const struct export_of *x = ud;
    int rc = 0;
    json_t *o = x->projects ? budget_detail(c, x->id, &rc) : budget_list(c, x->id, &rc), *p;
    size_t i;
    *more = 0;
    if (o == NULL)
        return rc;
    json_t *results = json_object_get(json_object_get(o, "result"), "projects");
    json_array_foreach(json_object_get(o, x->projects ? "projects" : "items"), i, p) {
        if (!x->projects) {
            EXPORT_JSON_ROW(r, sh, budgets_cols, budgets_fields, p);
            continue;
        }
        json_t *res = json_array_get(results, i);
        json_object_set_new(p, "no", json_integer((json_int_t)i + 1));
        if (res) {
            json_object_set_new(res, "greedy_how",
                                json_string(json_is_true(json_object_get(res, "greedy")) ? "equal_shares" : "not_bought"));
            json_object_set(p, "result", res);
        }
        EXPORT_JSON_ROW(r, sh, projects_cols, projects_fields, p);
    }
    json_decref(o);
    return 0;
}

static const struct export_list budgets_export = EXPORT_LIST("budgets", "budgets_title", budgets_cols, export_page);
static const struct export_list projects_export =
    EXPORT_LIST("budget-projects", "budget_export_projects", projects_cols, export_page);

static int list(http_req *r)
{
    int64_t community = api_query_id(r, "community");
    int rc, format = export_format(r);
    if (format < 0)
        return 0;
    if (community < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (community == 0)
        community = actor_community(api_dc(r)->actor);
    if (format && community > 0)
        return export_send(r, format, &budgets_export, &(struct export_of){community, 0});
    json_t *o = community > 0 ? budget_list(api_dc(r), community, &rc) : NULL;
    return o ? api_send_json(r, 200, o) : edge_fail(r, community > 0 ? rc : WG_ENOTFOUND);
}

static int create(http_req *r)
{
    struct budget_new in = {0};
    struct budget_project_in ps[BUDGET_PROJECTS_MAX];
    int64_t id = 0, vote = 0;
    json_t *arr = json_object_get(edge_req(r)->json, "projects"), *e;
    size_t i;
    if (api_need_body(r) || api_jint(r, "place_id", &in.place_id) || api_jstr(r, "title", &in.title) ||
        api_jint(r, "total", &in.total) || api_jstr(r, "voters", &in.voters) ||
        api_jint(r, "opens_at", &in.opens_at) || api_jint(r, "closes_at", &in.closes_at))
        return 0;
    if (!json_is_array(arr) || json_array_size(arr) > BUDGET_PROJECTS_MAX)
        return api_bad_field(r, "projects", "budget_projects_invalid"), 0;
    json_array_foreach(arr, i, e) {
        json_t *name = json_object_get(e, "name"), *cost = json_object_get(e, "cost");
        if (!json_is_string(name) || !json_is_integer(cost))
            return api_bad_field(r, "projects", "budget_projects_invalid"), 0;
        ps[i] = (struct budget_project_in){json_string_value(name), (int64_t)json_integer_value(cost)};
    }
    in.projects = ps;
    in.nprojects = (int)json_array_size(arr);
    int rc = budget_create(api_dc(r), &in, &id, &vote);
    if (rc)
        return edge_fail(r, rc);
    json_t *o = budget_detail(api_dc(r), id, &rc);
    return o ? api_send_json(r, 201, o) : edge_fail(r, rc);
}

static int get(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = WG_ENOTFOUND, format = export_format(r);
    if (format < 0)
        return 0;
    if (format && id)
        return export_send(r, format, &projects_export, &(struct export_of){id, 1});
    json_t *o = id ? budget_detail(api_dc(r), id, &rc) : NULL;
    return o ? api_send_json(r, 200, o) : edge_fail(r, rc);
}

static int document(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *doc = NULL;
    int rc = id ? budget_document(api_dc(r), id, &doc) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    json_error_t jerr;
    json_t *o = json_loads(doc, 0, &jerr);
    return o ? api_send_json(r, 200, o) : edge_fail(r, WG_EDB);
}

const struct http_route budget_api_routes[] = {
    {"GET", "/api/v1/budgets", list, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/budgets", create, HTTP_API | HTTP_AUTH | HTTP_CSRF, 32768, NULL},
    {"GET", "/api/v1/budgets/{id}", get, HTTP_API | HTTP_AUTH, 0, NULL},
    {"GET", "/api/v1/budgets/{id}/document", document, HTTP_API | HTTP_AUTH, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
