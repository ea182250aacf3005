/* The council module's descriptor. */
#include <string.h>

#include "http/http.h"
#include "mod/council/council.h"
#include "mod/council/council_int.h"
#include "mod/place/place.h"

extern const struct http_route council_web_routes[], council_api_routes[];

static const struct http_route *const routes[] = {council_web_routes, council_api_routes, NULL};
static const struct perm_action *const actions[] = {&council_act_manage, NULL};

static const struct notify_kind kinds[] = {
    {"meeting_notice", NULL},
    {"meeting_changed", NULL},
    {"meeting_cancelled", NULL},
    {NULL, NULL},
};

static const struct job_kind jobs[] = {
    {"meeting.notice", council_job_notice},
    {"council.topup", council_job_topup},
    {NULL, NULL},
};

/* a link to a place's councils, on its page */
static const char *councils_url(dctx *c, const struct st_place *p)
{
    return strcmp(p->kind, "household") ? arena_printf(c->a, "/places/%lld/councils", (long long)p->id) : NULL;
}
static const struct place_link councils_link = {20, "councils", "councils-link", councils_url};
extern const struct search_source council_meeting_search;
static const struct module_ext exts[] = {{"place", &councils_link}, {"search", &council_meeting_search}, {NULL, NULL}};

const struct module council_module = {
    .name = "council",
    .dir = "mod/council",
    .routes = routes,
    .actions = actions,
    .notify_kinds = kinds,
    .jobs = jobs,
    .ext = exts,
};
