/* The satisfaction module's descriptor. */
#include <string.h>

#include "http/http.h"
#include "mod/matter/matter_web.h"
#include "mod/satisfaction/satisfaction.h"
#include "mod/satisfaction/satisfaction_store.h"

extern const struct http_route satisfaction_web_routes[], satisfaction_api_routes[];

static const struct http_route *const routes[] = {satisfaction_web_routes, satisfaction_api_routes, NULL};
static const struct perm_action *const actions[] = {&satisfaction_act_manage, &satisfaction_act_answer, NULL};

/* The matter's surveys on its page, and for those who may, the form that asks its households. */
static json_t *panel(dctx *c, const struct st_matter *m)
{
    struct st_survey *vs = NULL;
    int n = 0, rc = 0;
    int may_ask = c->actor && perm_allows(c->actor, &satisfaction_act_manage, m->place_path) &&
                  (strcmp(m->place_kind, "building") == 0 || strcmp(m->place_kind, "grid") == 0 ||
                   strcmp(m->place_kind, "community") == 0);
    if (satisfaction_store_of_matter(c->st, c->a, m->id, 5, &vs, &n) || (n == 0 && !may_ask))
        return NULL;
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = satisfaction_json(c, &vs[i], &rc);
        if (o)
            json_array_append_new(items, o);
    }
    return json_pack("{s:o, s:b, s:I, s:I}", "surveys", items, "may_ask", may_ask, "matter_id", (json_int_t)m->id,
                     "place_id", (json_int_t)m->place_id);
}

static const struct matter_page_ext panel_page = {"satisfaction_panel", MATTER_SLOT_MAIN, NULL};
static const struct matter_ext matter = {.key = "surveys", .panel = panel, .api = 1, .page = &panel_page};

int satisfaction_demo(dctx *c);

const struct module satisfaction_module = {
    .name = "satisfaction",
    .dir = "mod/satisfaction",
    .routes = routes,
    .actions = actions,
    .matter = &matter,
    .demo = satisfaction_demo,
};
