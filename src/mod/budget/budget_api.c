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

static int budgets_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    int rc = 0;
    json_t *l = budget_list(c, *(int64_t *)ud, &rc), *it;
    size_t i;
    *more = 0;
    if (l == NULL)
        return rc;
    json_array_foreach(json_object_get(l, "items"), i, it) {
        sheet_int(sh, json_integer_value(json_object_get(it, "id")));
        sheet_text(sh, json_string_value(json_object_get(it, "title")));
        sheet_int(sh, json_integer_value(json_object_get(it, "total")));
        sheet_text(sh, export_tr(r, "vote_state_", json_string_value(json_object_get(it, "state"))));
        export_iso_time(sh, json_string_value(json_object_get(it, "opens_at")));
        export_iso_time(sh, json_string_value(json_object_get(it, "closes_at")));
        sheet_row_end(sh);
    }
    json_decref(l);
    return 0;
}

static const struct export_list budgets_export = EXPORT_LIST("budgets", "budgets_title", budgets_cols, budgets_page);

/* A project a row; the columns of the result blank while the vote is not closed. */
static const struct sheet_col projects_cols[] = {
    {"budget_col_project", SHEET_INT, 6},        {"budget_project", SHEET_TEXT, 24},
    {"budget_cost_yuan", SHEET_INT, 10},         {"budget_approvals", SHEET_INT, 8},
    {"budget_mes", SHEET_TEXT, 10},              {"budget_col_payment", SHEET_TEXT, 14},
    {"budget_col_effective_votes", SHEET_TEXT, 12}, {"budget_greedy", SHEET_TEXT, 10},
};

static void project_row(http_req *r, sheet *sh, json_t *p, json_t *res)
{
    sheet_int(sh, json_integer_value(json_object_get(p, "project")) + 1);
    sheet_text(sh, json_string_value(json_object_get(p, "name")));
    sheet_int(sh, json_integer_value(json_object_get(p, "cost")));
    if (res == NULL) {
        sheet_row_end(sh);
        return;
    }
    sheet_int(sh, json_integer_value(json_object_get(res, "approvals")));
    sheet_text(sh, export_tr(r, "budget_how_", json_string_value(json_object_get(res, "equal_shares"))));
    sheet_text(sh, json_string_value(json_object_get(res, "payment")));
    sheet_text(sh, json_string_value(json_object_get(res, "effective_votes")));
    sheet_text(sh, edge_t(r, json_is_true(json_object_get(res, "greedy")) ? "budget_how_equal_shares"
                                                                          : "budget_how_not_bought"));
    sheet_row_end(sh);
}

static int projects_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    int rc = 0;
    json_t *d = budget_detail(c, *(int64_t *)ud, &rc), *p;
    size_t i;
    *more = 0;
    if (d == NULL)
        return rc;
    json_t *results = json_object_get(json_object_get(d, "result"), "projects");
    json_array_foreach(json_object_get(d, "projects"), i, p) project_row(r, sh, p, json_array_get(results, i));
    json_decref(d);
    return 0;
}

static const struct export_list projects_export =
    EXPORT_LIST("budget-projects", "budget_export_projects", projects_cols, projects_page);

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
        return export_send(r, format, &budgets_export, &community);
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
        return export_send(r, format, &projects_export, &id);
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
