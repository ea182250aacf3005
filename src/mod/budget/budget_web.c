/* The budgets of the community (/budgets), with the form that opens one
 * for staff who may open votes there; a budget's page (/budgets/{id}): the
 * projects and their costs, where to vote, and once the vote is closed
 * both rules side by side with why they differ. */
#include <stdlib.h>
#include <string.h>

#include "core/time.h"

#include "edge/export.h"
#include "edge/page.h"
#include "mod/budget/budget.h"

/* Per project: bought by which rule, and the figures that explain a difference. */
static void explain(http_req *r, json_t *d)
{
    json_t *res = json_object_get(d, "result"), *p;
    size_t i;
    json_t *x;
    const char *ties = "";
    json_array_foreach(json_object_get(d, "tie_order"), i, x) {
        json_t *pr = json_array_get(json_object_get(d, "projects"), (size_t)json_integer_value(x));
        if (pr)
            ties = arena_printf(r->a, "%s%s%s", ties, i ? "、" : "", json_string_value(json_object_get(pr, "name")));
    }
    json_object_set_new(d, "tie_names", json_string(ties));
    if (!json_is_object(res))
        return;
    int differ = 0;
    json_array_foreach(json_object_get(res, "projects"), i, p) {
        const char *how = json_string_value(json_object_get(p, "equal_shares"));
        int mes = how && strcmp(how, "not_bought") != 0, greedy = json_is_true(json_object_get(p, "greedy"));
        json_object_set_new(p, "mes_label", json_string(page_tr(r, "budget_how_", how ? how : "not_bought")));
        json_object_set_new(p, "greedy_only", json_boolean(greedy && !mes));
        json_object_set_new(p, "mes_only", json_boolean(mes && !greedy && strcmp(how, "equal_shares") == 0));
        json_object_set_new(p, "bought_mes", json_boolean(mes));
        differ |= mes != greedy;
    }
    json_object_set_new(res, "same", json_boolean(!differ));
}

static int page(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = WG_ENOTFOUND;
    json_t *d = id ? budget_detail(page_dc(r), id, &rc) : NULL;
    if (d == NULL)
        return edge_fail(r, rc);
    explain(r, d);
    json_object_set_new(d, "state_label", json_string(page_tr(r, "vote_state_", json_string_value(json_object_get(d, "state")))));
    json_t *c = page_ctx_title(r, json_string_value(json_object_get(d, "title")));
    json_object_set_new(c, "closed", json_boolean(strcmp(json_string_value(json_object_get(d, "state")), "closed") == 0));
    json_object_set_new(c, "budget", d);
    export_links(r, c, arena_printf(r->a, "/api/v1/budgets/%lld", (long long)id), NULL);
    return page_render(r, 200, "budget", c);
}

/* Rows of projects the form offers; blank rows are left out. */
#define BUDGET_FORM_ROWS 10

static int list_page(http_req *r)
{
    int rc;
    int64_t community = actor_community(page_dc(r)->actor);
    json_t *l = community > 0 ? budget_list(page_dc(r), community, &rc) : NULL;
    if (l == NULL)
        return edge_fail(r, community > 0 ? rc : WG_ENOTFOUND);
    json_t *it;
    size_t i;
    json_array_foreach(json_object_get(l, "items"), i, it)
        json_object_set_new(it, "state_label", json_string(page_tr(r, "vote_state_", json_string_value(json_object_get(it, "state")))));
    json_t *c = page_ctx(r, "budgets_title");
    export_links(r, c, arena_printf(r->a, "/api/v1/budgets?community=%lld", (long long)community), NULL);
    json_object_set_new(c, "budgets", json_incref(json_object_get(l, "items")));
    json_decref(l);
    struct st_place com;
    if (place_get(page_dc(r), community, &com) == 0 && perm_allows(page_dc(r)->actor, &vote_act_manage, com.path)) {
        json_t *rows = json_array();
        for (int k = 0; k < BUDGET_FORM_ROWS; k++)
            json_array_append_new(rows, json_pack("{s:i, s:i}", "row", k, "n", k + 1));
        json_object_set_new(c, "may_open", json_pack("{s:I, s:o}", "place_id", (json_int_t)community, "rows", rows));
    }
    return page_render(r, 200, "budgets", c);
}

/* A whole number of yuan from a form field; -1 if it is not one. */
static int64_t yuan(const char *v)
{
    char *end;
    if (v == NULL || *v < '0' || *v > '9')
        return -1;
    long long x = strtoll(v, &end, 10);
    return *end == '\0' && x <= BUDGET_TOTAL_MAX ? (int64_t)x : -1;
}

static int create(http_req *r)
{
    struct budget_project_in ps[BUDGET_FORM_ROWS];
    struct budget_new in = {.title = page_field(r, "title"), .voters = page_field(r, "voters"), .projects = ps};
    int bad = 0;
    in.place_id = page_int_id(page_field(r, "place_id"), &bad);
    if (bad)
        return edge_error(r, 422, "place_required", NULL), 0;
    if ((in.total = yuan(page_field(r, "total"))) < 0)
        return edge_error(r, 422, "budget_total_invalid", NULL), 0;
    const char *opens = page_field(r, "opens"), *closes = page_field(r, "closes");
    if ((opens && *opens && time_parse_local(opens, &in.opens_at)) || time_parse_local(closes ? closes : "", &in.closes_at))
        return edge_error(r, 422, "window_invalid", NULL), 0;
    for (int k = 0; k < BUDGET_FORM_ROWS; k++) {
        const char *name = page_field(r, arena_printf(r->a, "name%d", k)), *cost = page_field(r, arena_printf(r->a, "cost%d", k));
        if ((name == NULL || *name == '\0') && (cost == NULL || *cost == '\0'))
            continue;
        if ((ps[in.nprojects].cost = yuan(cost)) < 0)
            return edge_error(r, 422, "budget_cost_invalid", NULL), 0;
        ps[in.nprojects++].name = name ? name : "";
    }
    int64_t id = 0, vote = 0;
    int rc = budget_create(page_dc(r), &in, &id, &vote);
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/budgets/%lld", (long long)id), "flash_budget_opened");
}

const struct http_route budget_web_routes[] = {
    {"GET", "/budgets", list_page, HTTP_AUTH, 0, NULL},
    {"POST", "/budgets", create, HTTP_AUTH | HTTP_CSRF, 16384, NULL},
    {"GET", "/budgets/{id}", page, HTTP_AUTH, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
