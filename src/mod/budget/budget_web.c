/* The budget page (/budgets/{id}): the projects and their costs, where to
 * vote, and once the vote is closed both rules side by side with why they
 * differ. */
#include <string.h>

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
    json_t *c = page_ctx_title(r, json_string_value(json_object_get(d, "title")));
    json_object_set_new(c, "closed", json_boolean(strcmp(json_string_value(json_object_get(d, "state")), "closed") == 0));
    json_object_set_new(c, "budget", d);
    return page_render(r, 200, "budget", c);
}

const struct http_route budget_web_routes[] = {
    {"GET", "/budgets/{id}", page, HTTP_AUTH, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
