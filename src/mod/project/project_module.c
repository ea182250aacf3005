/* The project module's descriptor: routes, action, its subject (for the
 * discussion), and its guard and panel on the matter spine. */
#include <string.h>

#include "mod/matter/matter_web.h"
#include "mod/project/project.h"

extern const struct http_route project_web_routes[], project_api_routes[];

static const struct http_route *const routes[] = {project_web_routes, project_api_routes, NULL};
static const struct perm_action *const actions[] = {&project_act_manage, NULL};

static int resolve(dctx *c, int64_t id, struct subject *out)
{
    struct st_project p;
    int rc = project_get(c, id, &p);
    if (rc)
        return rc;
    *out = (struct subject){.kind = "project", .id = p.id, .community_id = p.community_id,
                            .place_path = p.place_path, .title = p.title,
                            .url = arena_printf(c->a, "/projects/%lld", (long long)p.id), .author_id = 0};
    return 0;
}

static const struct subject_kind subjects[] = {{"project", resolve}, {NULL, NULL}};

/* A matter whose project is not finished does not move on to managing. */
static int guard(dctx *c, const struct st_matter *m, const char *to)
{
    struct st_project p;
    int rc;
    if (strcmp(m->stage, "building") != 0 || strcmp(to, "managing") != 0 || project_of_matter(c, m->id, &p) != 0)
        return 0;
    int permille = 0, done = 0, total = 0;
    if ((rc = project_progress_of(c, p.id, &permille, &done, &total)))
        return rc;
    return permille >= 1000 ? 0 : dctx_fail(c, WG_ECONFLICT, "project_not_done", NULL);
}

/* The project on its matter's page: progress and recent timeline, or for
 * staff of a matter in building without one, the way to start it. */
static json_t *panel(dctx *c, const struct st_matter *m)
{
    struct st_project p;
    int rc;
    if (project_of_matter(c, m->id, &p) == 0) {
        json_t *d = project_detail(c, p.id, &rc);
        json_t *ev = json_object_get(d, "events");
        while (d && json_array_size(ev) > 5)
            json_array_remove(ev, json_array_size(ev) - 1);
        return d;
    }
    if (strcmp(m->stage, "building") == 0 && c->actor && perm_allows(c->actor, &project_act_manage, m->place_path))
        return json_pack("{s:b, s:I}", "may_start", 1, "matter_id", (json_int_t)m->id);
    return NULL;
}

static const struct matter_page_ext panel_page = {"project_panel", MATTER_SLOT_MAIN, NULL};
static const struct matter_ext matter = {.guard = guard, .key = "project", .panel = panel, .api = 1,
                                         .page = &panel_page};

int project_demo(dctx *c);

const struct module project_module = {
    .name = "project",
    .dir = "mod/project",
    .routes = routes,
    .actions = actions,
    .subjects = subjects,
    .matter = &matter,
    .demo = project_demo,
};
