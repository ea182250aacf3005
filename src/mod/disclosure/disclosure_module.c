/* The disclosure module's descriptor: routes, actions, notification kinds,
 * the schedule's jobs, its settings, a link on a community's page, the
 * matter spine's hook (a decision drafts its major item), demo. */
#include <string.h>

#include "http/http.h"
#include "mod/disclosure/disclosure_int.h"
#include "mod/disclosure/disclosure_store.h"
#include "mod/matter/matter_web.h"

extern const struct http_route disclosure_web_routes[], disclosure_api_routes[];

static const struct http_route *const routes[] = {disclosure_web_routes, disclosure_api_routes, NULL};
static const struct perm_action *const actions[] = {&disclosure_act_publish, &disclosure_act_oversee, NULL};

/* "财务公开：请在到期前公开" : the kind (the detail), then the words */
static const char *text_of(arena *a, enum lang lang, const char *detail, const char *key)
{
    const char *kind = detail ? i18n_get(lang, arena_printf(a, "disclosure_kind_%s", detail)) : NULL;
    const char *words = i18n_get(lang, key);
    return arena_printf(a, "%s%s%s", kind ? kind : "", kind ? " · " : "", words ? words : "");
}

static const char *reminder_text(arena *a, enum lang lang, const char *detail)
{
    return text_of(a, lang, detail, "ntext_disclosure_reminder");
}

static const char *overdue_text(arena *a, enum lang lang, const char *detail)
{
    return text_of(a, lang, detail, "ntext_disclosure_overdue");
}

static const char *draft_text(arena *a, enum lang lang, const char *detail)
{
    return text_of(a, lang, detail, "ntext_disclosure_draft");
}

static const struct notify_kind kinds[] = {{"disclosure_reminder", reminder_text},
                                           {"disclosure_draft", draft_text},
                                           {"disclosure_overdue", overdue_text},
                                           {NULL, NULL}};
static const struct job_kind jobs[] = {{"disclosure.tick", disclosure_job_tick},
                                       {"disclosure.item", disclosure_job_item},
                                       {NULL, NULL}};

/* a link to the board on a community's page */
static const char *board_url(dctx *c, const struct st_place *p)
{
    return strcmp(p->kind, "community") == 0 ? arena_printf(c->a, "/disclosure?community=%lld", (long long)p->id)
                                             : NULL;
}
static const struct place_link board_link = {35, "disclosure_title", "disclosure-link", board_url};
static const struct module_ext exts[] = {{"place", &board_link}, {NULL, NULL}};

/* The item of a matter's decision on its page: published, or a draft or
 * scheduled one for those who may publish it (disclosure_get decides). */
static json_t *panel(dctx *c, const struct st_matter *m)
{
    int64_t id = 0;
    struct st_disclosure d;
    const char *code = c->code, *field = c->field;
    if (disclosure_store_by_matter(c->st, m->id, &id) || disclosure_get(c, id, &d)) {
        c->code = code; /* none, or not for this reader: no panel, no error */
        c->field = field;
        return NULL;
    }
    json_t *o = disclosure_json(c, &d);
    const char *state = json_string_value(json_object_get(o, "state"));
    json_object_set_new(o, "is_published", json_boolean(strcmp(state, "published") == 0));
    json_object_set_new(o, "is_withdrawn", json_boolean(strcmp(state, "withdrawn") == 0));
    return o;
}

/* a matter's decision drafts its major item (disclosure.c), shown on the matter's page */
static const struct matter_page_ext panel_page = {"disclosure_panel", MATTER_SLOT_MAIN, NULL};
static const struct matter_ext on_matter = {.moved = disclosure_on_matter_moved, .key = "disclosure", .panel = panel,
                                            .api = 1, .page = &panel_page};

const struct module disclosure_module = {
    .name = "disclosure",
    .dir = "mod/disclosure",
    .routes = routes,
    .actions = actions,
    .notify_kinds = kinds,
    .jobs = jobs,
    .settings = disclosure_settings,
    .demo = disclosure_demo,
    .ext = exts,
    .matter = &on_matter,
};
