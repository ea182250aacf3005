/*
 * The vote module's descriptor: routes, the manage_vote action, the
 * notification kinds and jobs of a vote's times, its hooks into earlier
 * modules (a meeting keeps the votes taken at it; a matter shows its votes)
 * and its demo data.
 */
#include "kernel/job.h"
#include "kernel/notify.h"
#include "kernel/setting.h"
#include "mod/council/council_web.h"
#include "mod/matter/matter_web.h"
#include "mod/vote/vote.h"
#include "mod/vote/vote_int.h"
#include "mod/vote/vote_store.h"

extern const struct http_route vote_web_routes[], vote_api_routes[];
extern const struct council_page_ext vote_web_council_page;
extern const struct matter_page_ext vote_web_matter_page;

static const struct http_route *const routes[] = {vote_web_routes, vote_api_routes, NULL};
static const struct perm_action *const actions[] = {&vote_act_manage, NULL};

static const struct notify_kind kinds[] = {
    {"vote_opened", NULL},
    {"vote_closing", NULL},
    {"vote_result", NULL},
    {NULL, NULL},
};

static const struct job_kind jobs[] = {
    {"vote.open", vote_job_open},
    {"vote.closing", vote_job_closing},
    {"vote.close", vote_job_close},
    {NULL, NULL},
};

/* A unit (or every unit under a building) that is the developer's, unsold
 * or not delivered: together one elector of an owners' vote. */
static const struct setting_def settings[] = {{"developer_held", 0, 1, 0}, {NULL, 0, 0, 0}};

/* ---- a meeting keeps its votes ---- */

/* A vote taken on an agenda item keeps it: cancel the vote first. */
static int item_remove_guard(dctx *c, const struct st_agenda *item)
{
    int votes = 0;
    int rc = vote_store_count_for_item(c->st, item->id, &votes);
    return rc ? rc : votes > 0 ? dctx_fail(c, WG_ECONFLICT, "agenda_item_has_vote", NULL) : 0;
}

/* A vote at the meeting is closed or cancelled first: its presence and
 * ballots are the meeting's. */
static int meeting_close_guard(dctx *c, const struct st_meeting *m)
{
    int open = 0;
    int rc = vote_store_open_at_meeting(c->st, m->id, &open);
    return rc ? rc : open > 0 ? dctx_fail(c, WG_ECONFLICT, "meeting_votes_open", NULL) : 0;
}

static const struct council_ext council_ext = {
    .item_remove_guard = item_remove_guard,
    .meeting_close_guard = meeting_close_guard,
    .page = &vote_web_council_page,
};

/* ---- a matter shows its votes ---- */

static json_t *matter_panel(dctx *c, const struct st_matter *m)
{
    struct st_vote *vs;
    int n = 0, total = 0;
    if (vote_list(c, m->id, LIST_LIMIT_MAX, 0, &vs, &n, &total))
        n = 0;
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)vs[i].id, "title", vs[i].title,
                                             "status", vs[i].status));
    int staff = c->actor && c->actor->is_staff;
    if (n == 0 && !staff) {
        json_decref(arr);
        return NULL;
    }
    return json_pack("{s:o, s:b}", "items", arr, "staff", staff);
}

static const struct matter_ext matter_ext = {.key = "votes", .panel = matter_panel, .api = 1,
                                             .page = &vote_web_matter_page};

static const struct module_ext exts[] = {{"council", &council_ext}, {NULL, NULL}};

/* ---- demo ---- */

/* Flags a few demo residents as representatives: 赵桂兰 and 吴秀英 of 龙湖,
 * 许芳 of 凤凰苑. */
static int demo(dctx *c)
{
    static const char *const phones[] = {"13800001201", "13800001204", "13800002201"};
    for (size_t i = 0; i < sizeof phones / sizeof phones[0]; i++) {
        struct st_person p;
        int rc = person_by_phone(c->st, c->a, phones[i], &p);
        if (rc == 0)
            rc = vote_store_set_representative(c->st, p.id, 1);
        if (rc)
            return rc;
    }
    return 0;
}

const struct module vote_module = {
    .name = "vote",
    .dir = "mod/vote",
    .routes = routes,
    .actions = actions,
    .notify_kinds = kinds,
    .jobs = jobs,
    .settings = settings,
    .demo = demo,
    .matter = &matter_ext,
    .ext = exts,
};
