/*
 * /api/v1 handlers of participatory budgets (docs/api.md, "Participatory budgets"):
 *   GET  /api/v1/budgets?community=ID         the community's budgets
 *   POST /api/v1/budgets                      {place_id, title, total, voters, projects: [{name, cost}], opens_at, closes_at}
 *   GET  /api/v1/budgets/{id}                 projects, the vote, and (closed) the result of both rules
 *   GET  /api/v1/budgets/{id}/document        the published document `wugong tally` recomputes
 * Ballots are cast on the budget's vote: POST /api/v1/votes/{vote_id}/ballot.
 */
#include <string.h>

#include "core/utf8.h"
#include "edge/api.h"
#include "mod/budget/budget.h"

static int list(http_req *r)
{
    int64_t community = api_query_id(r, "community");
    int rc;
    if (community < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (community == 0)
        community = actor_community(api_dc(r)->actor);
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
    int rc = WG_ENOTFOUND;
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
