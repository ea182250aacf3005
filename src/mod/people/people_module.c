/* The people module's descriptor. */
#include "http/http.h"
#include "mod/people/people.h"

extern const struct http_route people_web_routes[], people_api_routes[];
int people_demo(dctx *c);

static const struct http_route *const routes[] = {people_web_routes, people_api_routes, NULL};
static const struct perm_action *const actions[] = {&people_act_view, &people_act_phone, &people_act_claims, NULL};

/* a link to the people of a place, on its page */
static const char *people_url(dctx *c, const struct st_place *p)
{
    return perm_allows(c->actor, &people_act_view, p->path)
               ? arena_printf(c->a, "/staff/people?place=%lld", (long long)p->id)
               : NULL;
}
static const struct place_link people_link = {50, "people", NULL, people_url};
static const struct module_ext exts[] = {{"place", &people_link}, {NULL, NULL}};

const struct module people_module = {
    .name = "people",
    .dir = "mod/people",
    .routes = routes,
    .actions = actions,
    .demo = people_demo,
    .ext = exts,
};
