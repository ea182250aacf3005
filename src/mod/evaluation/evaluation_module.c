/* The evaluation module's descriptor: routes, actions, jobs, notices, the
 * spine's guard before 共享 and the assessments' panel on the matter's page. */
#include <string.h>

#include "edge/page.h"
#include "http/http.h"
#include "mod/evaluation/evaluation.h"
#include "mod/matter/matter_web.h"

extern const struct http_route evaluation_web_routes[], evaluation_api_routes[];
int evaluation_job_close(dctx *c, const struct job *j);
int evaluation_job_task_remind(dctx *c, const struct job *j);
int evaluation_job_task_overdue(dctx *c, const struct job *j);
int evaluation_demo(dctx *c);

static const struct http_route *const routes[] = {evaluation_web_routes, evaluation_api_routes, NULL};
static const struct perm_action *const actions[] = {&evaluation_act_manage, &evaluation_act_answer, NULL};
static const struct job_kind jobs[] = {{"evaluation.close", evaluation_job_close},
                                       {"evaluation.task_remind", evaluation_job_task_remind},
                                       {"evaluation.task_overdue", evaluation_job_task_overdue},
                                       {NULL, NULL}};
static const struct notify_kind kinds[] = {{"evaluation_task", NULL}, {"evaluation_task_due", NULL},
                                           {"evaluation_task_overdue", NULL}, {NULL, NULL}};

/* A matter reaches 共享 only after its after-assessment has closed. */
static int guard(dctx *c, const struct st_matter *m, const char *to)
{
    struct st_evaluation *es = NULL;
    int n = 0, rc;
    if (strcmp(to, "sharing") != 0)
        return 0;
    if ((rc = evaluation_of_matter(c, m->id, &es, &n)))
        return rc;
    for (int i = 0; i < n; i++)
        if (strcmp(es[i].phase, "after") == 0 && strcmp(es[i].state, "closed") == 0)
            return 0;
    return dctx_fail(c, WG_ECONFLICT, "evaluation_after_required", NULL);
}

/* The matter's assessments, and for those who may, the form that opens one. */
static json_t *panel(dctx *c, const struct st_matter *m)
{
    struct st_evaluation *es = NULL;
    int n = 0, rc = 0;
    int may_open = c->actor && perm_allows(c->actor, &evaluation_act_manage, m->place_path) &&
                   strcmp(m->stage, "sharing") != 0 && strcmp(m->stage, "withdrawn") != 0 &&
                   strcmp(m->stage, "rejected") != 0 && strcmp(m->stage, "merged") != 0;
    if (evaluation_of_matter(c, m->id, &es, &n) || (n == 0 && !may_open))
        return NULL;
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = evaluation_json(c, &es[i], &rc);
        if (o)
            json_array_append_new(items, o);
    }
    json_t *p = json_pack("{s:o, s:b, s:I, s:I}", "evaluations", items, "may_open", may_open, "matter_id",
                          (json_int_t)m->id, "community_id", (json_int_t)m->community_id);
    if (may_open) {
        struct eval_template *ts = NULL;
        int nt = 0;
        json_t *ta = json_array();
        if (evaluation_templates(c, m->community_id, &ts, &nt) == 0)
            for (int i = 0; i < nt; i++)
                json_array_append_new(ta, json_pack("{s:I, s:s}", "id", (json_int_t)ts[i].id, "name", ts[i].name));
        json_object_set_new(p, "has_templates", json_boolean(nt > 0));
        json_object_set_new(p, "templates", ta);
    }
    return p;
}

/* Each assessment's phase in the reader's language. */
static void decorate(http_req *r, json_t *data)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(data, "evaluations"), i, e)
        json_object_set_new(e, "phase_name",
                            json_string(page_tr(r, "evaluation_phase_", json_string_value(json_object_get(e, "phase")))));
}

static const struct matter_page_ext panel_page = {"evaluation_panel", MATTER_SLOT_MAIN, decorate};
static const struct matter_ext matter = {.guard = guard, .key = "evaluations", .panel = panel, .api = 1,
                                         .page = &panel_page};

const struct module evaluation_module = {
    .name = "evaluation",
    .dir = "mod/evaluation",
    .routes = routes,
    .actions = actions,
    .jobs = jobs,
    .notify_kinds = kinds,
    .demo = evaluation_demo,
    .matter = &matter,
};
