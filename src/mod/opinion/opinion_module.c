/* The opinion module's descriptor. */
#include "mod/matter/matter_web.h"
#include "mod/opinion/opinion.h"

extern const struct http_route opinion_web_routes[], opinion_api_routes[];

static const struct http_route *const routes[] = {opinion_web_routes, opinion_api_routes, NULL};
static const struct perm_action *const actions[] = {&opinion_act_manage, NULL};

static const struct notify_kind kinds[] = {
    {"call_opened", NULL},
    {"opinion_merged", NULL},
    {"opinion_adopted", NULL},
    {NULL, NULL},
};

/* an opinion as a subject: its discussion (the comment module) */
static int resolve(dctx *c, int64_t id, struct subject *out)
{
    struct st_opinion o;
    struct st_call cl;
    int rc = opinion_get(c, id, &o, &cl);
    if (rc)
        return rc;
    *out = (struct subject){.kind = "opinion", .id = o.id, .community_id = o.community_id,
                            .place_path = cl.place_path, .title = cl.title,
                            .url = arena_printf(c->a, "/opinions/%lld", (long long)o.id), .author_id = o.author_id};
    return 0;
}

static const struct subject_kind subjects[] = {{"opinion", resolve}, {NULL, NULL}};

/* the call and opinion a matter came from, on the matter's page */
static json_t *from_call(dctx *c, const struct st_matter *m)
{
    struct st_opinion o;
    struct st_call cl;
    if (opinion_of_matter(c, m->id, &o, &cl) != 0)
        return NULL;
    return json_pack("{s:I, s:s, s:I}", "id", (json_int_t)cl.id, "title", cl.title, "opinion_id", (json_int_t)o.id);
}

static const struct matter_page_ext from_call_page = {"opinion_from_call", MATTER_SLOT_HEAD, NULL};
static const struct matter_ext matter = {.key = "from_call", .panel = from_call, .api = 1, .page = &from_call_page};

extern const struct search_source opinion_call_search, opinion_search;
static const struct module_ext exts[] = {{"search", &opinion_call_search}, {"search", &opinion_search}, {NULL, NULL}};

const struct module opinion_module = {
    .name = "opinion",
    .dir = "mod/opinion",
    .routes = routes,
    .actions = actions,
    .notify_kinds = kinds,
    .subjects = subjects,
    .demo = opinion_demo,
    .matter = &matter,
    .ext = exts,
};
