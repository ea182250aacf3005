/* The matter module's descriptor. */
#include <string.h>

#include "http/http.h"
#include "mod/matter/matter.h"

extern const struct http_route matter_web_routes[], matter_api_routes[];
int matter_demo(dctx *c);
int matter_job_notice_end(dctx *c, const struct job *j);

static const struct http_route *const routes[] = {matter_web_routes, matter_api_routes, NULL};
static const struct perm_action *const actions[] = {&matter_act_propose, &matter_act_take_part, &matter_act_accept,
                                                    &matter_act_steer, &matter_act_decide, NULL};

/* the per-place settings the spine reads */
const struct setting_def matter_settings[] = {
    [MATTER_SETTING_NOTICE_DAYS] = {"notice_days", 1, 60, 5},       /* the public notice period, days */
    [MATTER_SETTING_SUPPORT] = {"support_households", 1, 1000, 5}, /* households whose support starts deliberation */
    {NULL, 0, 0, 0},
};

static const char *stage_text(arena *a, enum lang l, const char *d)
{
    const char *now = i18n_get(l, "notice_stage_now"), *st = i18n_get(l, arena_printf(a, "stage_%s", d ? d : ""));
    return arena_printf(a, "%s%s", now ? now : "", st ? st : (d ? d : ""));
}

static const char *objection_text(arena *a, enum lang l, const char *d)
{
    (void)a;
    const char *s = i18n_get(l, d && strcmp(d, "upheld") == 0 ? "notice_objection_upheld" : "notice_objection_not_upheld");
    return s ? s : "";
}

static const char *notice_end_text(arena *a, enum lang l, const char *d)
{
    (void)a;
    const char *s = i18n_get(l, d && strcmp(d, "objections_open") == 0 ? "ntext_notice_ended_open" : "ntext_notice_ended");
    return s ? s : "";
}

static const struct notify_kind kinds[] = {
    {"matter_stage", stage_text},
    {"objection_answered", objection_text},
    {"notice_ended", notice_end_text},
    {NULL, NULL},
};

static const struct job_kind jobs[] = {
    {"matter.notice_end", matter_job_notice_end},
    {NULL, NULL},
};

/* a matter as a subject others hang things on (comments) */
static int resolve(dctx *c, int64_t id, struct subject *out)
{
    struct st_matter m;
    int rc = matter_get(c, id, &m);
    if (rc)
        return rc;
    *out = (struct subject){.kind = "matter", .id = m.id, .community_id = m.community_id, .place_path = m.place_path,
                            .title = m.title, .url = arena_printf(c->a, "/matters/%lld", (long long)m.id),
                            .author_id = m.author_id};
    return 0;
}

static const struct subject_kind subjects[] = {{"matter", resolve}, {NULL, NULL}};

/* a link to a place's matters, on its page */
static const char *matters_url(dctx *c, const struct st_place *p)
{
    return strcmp(p->kind, "household") ? arena_printf(c->a, "/matters?place=%lld", (long long)p->id) : NULL;
}
static const struct place_link matters_link = {10, "matters_here", NULL, matters_url};
extern const struct search_source matter_search;
static const struct module_ext exts[] = {{"place", &matters_link}, {"search", &matter_search}, {NULL, NULL}};

const struct module matter_module = {
    .name = "matter",
    .dir = "mod/matter",
    .routes = routes,
    .actions = actions,
    .notify_kinds = kinds,
    .jobs = jobs,
    .subjects = subjects,
    .settings = matter_settings,
    .demo = matter_demo,
    .ext = exts,
};
