/* The result page's descriptor: its routes and the link to it on a matter's
 * page (from 共建 on); it stores nothing. */
#include <string.h>

#include "http/http.h"
#include "mod/matter/matter_web.h"
#include "mod/result/result.h"

extern const struct http_route result_routes[];
static const struct http_route *const routes[] = {result_routes, NULL};

static json_t *panel(dctx *c, const struct st_matter *m)
{
    static const char *const stages[] = {"building", "managing", "evaluating", "sharing"};
    for (size_t i = 0; i < sizeof stages / sizeof *stages; i++)
        if (strcmp(m->stage, stages[i]) == 0)
            return json_pack("{s:s, s:b}", "url", arena_printf(c->a, "/matters/%lld/result", (long long)m->id), "shared",
                             strcmp(m->stage, "sharing") == 0);
    return NULL;
}

static const struct matter_page_ext link_page = {"result_link", MATTER_SLOT_HEAD, NULL};
static const struct matter_ext matter = {.key = "result", .panel = panel, .api = 0, .page = &link_page};

const struct module result_module = {
    .name = "result",
    .dir = "mod/result",
    .routes = routes,
    .matter = &matter,
};
