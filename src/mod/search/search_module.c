/* The search module's descriptor: its routes and the reindex job. Modules
 * whose records are found declare the extension "search" (search.h). */
#include "http/http.h"
#include "mod/search/search.h"

extern const struct http_route search_web_routes[], search_api_routes[];
int search_reindex_job(dctx *c, const struct job *j);
int search_index_job(dctx *c, const struct job *j);

static const struct http_route *const routes[] = {search_web_routes, search_api_routes, NULL};
static const struct job_kind jobs[] = {
    {"search.reindex", search_reindex_job},
    {"search.index", search_index_job},
    {NULL, NULL},
};

/* the demo's records are indexed by the job, once the demo is written */
static int demo(dctx *c)
{
    return job_schedule(c->st, "search.reindex", "search.reindex", 0, c->now, c->now);
}

const struct module search_module = {
    .name = "search",
    .dir = "mod/search",
    .routes = routes,
    .jobs = jobs,
    .demo = demo,
};
