/*
 * /api/v1 handlers of evaluations (docs/api.md, "Evaluations"):
 *   GET  /api/v1/evaluation-templates?community=ID   the community's templates
 *   POST /api/v1/evaluation-templates                {community_id, name, criteria: [{name, weight, scale}]}
 *   POST /api/v1/evaluations                         {matter_id, phase, template_id, resident_weight,
 *                                                     threshold, closes_at, followup_days, followup_phone}
 *   GET  /api/v1/evaluations/{id}                    criteria, the arithmetic, assessors, tasks
 *   POST /api/v1/evaluations/{id}/assessors          {phone}
 *   PUT  /api/v1/evaluations/{id}/response           {scores: [..], note}
 *   POST /api/v1/evaluations/{id}/close
 *   GET  /api/v1/evaluation-tasks?community=ID       the community's follow-up tasks
 *   POST /api/v1/evaluation-tasks/{id}/done          {note}
 */
#include <string.h>

#include "edge/api.h"
#include "edge/export.h"
#include "mod/evaluation/evaluation.h"
#include "mod/people/people.h"

static int send_evaluation(http_req *r, int status, int64_t id)
{
    struct st_evaluation e;
    int rc = evaluation_get(api_dc(r), id, &e);
    json_t *o = rc ? NULL : evaluation_json(api_dc(r), &e, &rc);
    return o ? api_send_json(r, status, o) : edge_fail(r, rc);
}

/* ?community=ID, or the actor's own community. */
static int64_t community_param(http_req *r)
{
    int64_t id = api_query_id(r, "community");
    if (id < 0)
        return edge_error(r, 400, "bad_query", NULL), -1;
    if (id == 0 && (id = actor_community(api_dc(r)->actor)) <= 0)
        return edge_fail(r, dctx_fail(api_dc(r), WG_ENOTFOUND, "not_found", NULL)), -1;
    return id;
}

static json_t *template_json(const struct eval_template *t)
{
    json_t *cr = json_array();
    for (int k = 0; k < t->ncriteria; k++)
        json_array_append_new(cr, json_pack("{s:i, s:s, s:i, s:i}", "pos", t->criteria[k].pos, "name",
                                            t->criteria[k].name, "weight", t->criteria[k].weight, "scale",
                                            t->criteria[k].scale));
    return json_pack("{s:I, s:s, s:o}", "id", (json_int_t)t->id, "name", t->name, "criteria", cr);
}

/* The templates as a sheet (?format=xlsx|csv): a row per criterion. */
static const struct sheet_col template_cols[] = {
    {"export_col_id", SHEET_INT, 8},           {"evaluation_template", SHEET_TEXT, 20},
    {"evaluation_criterion", SHEET_TEXT, 20},  {"evaluation_col_weight", SHEET_INT, 8},
    {"evaluation_col_scale", SHEET_INT, 8},
};

static int templates_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct eval_template *ts = NULL;
    int n = 0, rc = evaluation_templates(c, *(int64_t *)ud, &ts, &n);
    (void)r;
    for (int i = 0; rc == 0 && i < n; i++)
        for (int k = 0; k < ts[i].ncriteria; k++) {
            sheet_int(sh, ts[i].id);
            sheet_text(sh, ts[i].name);
            sheet_text(sh, ts[i].criteria[k].name);
            sheet_int(sh, ts[i].criteria[k].weight);
            sheet_int(sh, ts[i].criteria[k].scale);
            sheet_row_end(sh);
        }
    *more = 0;
    return rc;
}

static const struct export_list templates_export =
    EXPORT_LIST("evaluation-templates", "evaluation_templates_title", template_cols, templates_page);

static int templates(http_req *r)
{
    struct eval_template *ts = NULL;
    int n = 0, rc, format = export_format(r);
    int64_t community = format < 0 ? -1 : community_param(r);
    if (community < 0)
        return 0;
    if (format)
        return export_send(r, format, &templates_export, &community);
    if ((rc = evaluation_templates(api_dc(r), community, &ts, &n)))
        return edge_fail(r, rc);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, template_json(&ts[i]));
    return api_send_json(r, 200, json_pack("{s:o}", "items", items));
}

/* criteria: [{name, weight, scale}] into an arena array; 0 or a 400 sent. */
static int read_criteria(http_req *r, struct eval_criterion **out, int *n)
{
    json_t *a = api_jfield(r, "criteria"), *v;
    size_t i;
    if (!json_is_array(a) || json_array_size(a) < 1 || json_array_size(a) > EVAL_CRITERIA_MAX)
        return api_bad_field(r, "criteria", "evaluation_criteria_invalid");
    *n = (int)json_array_size(a);
    *out = arena_alloc(r->a, sizeof **out * (size_t)*n);
    json_array_foreach(a, i, v) {
        json_t *name = json_object_get(v, "name"), *w = json_object_get(v, "weight"), *s = json_object_get(v, "scale");
        if (!json_is_string(name) || !json_is_integer(w) || (s && !json_is_integer(s)))
            return api_bad_field(r, "criteria", "evaluation_criteria_invalid");
        json_int_t wv = json_integer_value(w), sv = s ? json_integer_value(s) : 5;
        (*out)[i] = (struct eval_criterion){.pos = (int)i + 1, .name = json_string_value(name),
                                            .weight = wv < 0 || wv > 1000 ? 0 : (int)wv,
                                            .scale = sv < 0 || sv > 1000 ? 0 : (int)sv};
    }
    return 0;
}

static int template_create(http_req *r)
{
    struct eval_criterion *cr = NULL;
    const char *name = NULL;
    int64_t community = 0, id = 0;
    int n = 0;
    if (api_need_body(r) || api_jint(r, "community_id", &community) || api_jstr(r, "name", &name) ||
        read_criteria(r, &cr, &n))
        return 0;
    int rc = evaluation_template_create(api_dc(r), community, name, cr, n, &id);
    if (rc)
        return edge_fail(r, rc);
    struct eval_template *ts = NULL;
    int nt = 0;
    if ((rc = evaluation_templates(api_dc(r), community, &ts, &nt)))
        return edge_fail(r, rc);
    for (int i = 0; i < nt; i++)
        if (ts[i].id == id)
            return api_send_json(r, 201, template_json(&ts[i]));
    return edge_fail(r, WG_ENOTFOUND);
}

static int create(http_req *r)
{
    struct eval_new in = {0};
    int64_t rw = 50, threshold = 60, days = 14, id = 0;
    const char *phone = NULL;
    if (api_need_body(r) || api_jint(r, "matter_id", &in.matter_id) || api_jstr(r, "phase", &in.phase) ||
        api_jint(r, "template_id", &in.template_id) || api_jint_in(r, "resident_weight", 50, 1000, &rw) ||
        api_jint_in(r, "threshold", 60, 1000, &threshold) || api_jint(r, "closes_at", &in.closes_at) ||
        api_jint_in(r, "followup_days", 14, 1000, &days) || api_jstr(r, "followup_phone", &phone))
        return 0;
    in.resident_weight = (int)rw;
    in.threshold = (int)threshold;
    in.followup_days = (int)days;
    int rc = 0;
    if (phone && phone[0] && (rc = people_find(api_dc(r), phone, NULL, &in.followup_owner, NULL)))
        return edge_fail(r, dctx_fail(api_dc(r), rc, api_dc(r)->code, "followup_phone"));
    rc = evaluation_create(api_dc(r), &in, &id);
    return rc ? edge_fail(r, rc) : send_evaluation(r, 201, id);
}

static int get(http_req *r)
{
    return send_evaluation(r, 200, http_param_id(r, "id"));
}

static int appoint(http_req *r)
{
    const char *phone = NULL;
    int64_t id = http_param_id(r, "id");
    if (api_need_body(r) || api_jstr(r, "phone", &phone))
        return 0;
    int rc = evaluation_appoint(api_dc(r), id, phone);
    return rc ? edge_fail(r, rc) : send_evaluation(r, 201, id);
}

static int respond(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *note = NULL;
    json_t *a = NULL, *v;
    size_t i;
    int scores[EVAL_CRITERIA_MAX];
    if (api_need_body(r) || api_jstr(r, "note", &note))
        return 0;
    a = api_jfield(r, "scores");
    if (!json_is_array(a) || json_array_size(a) < 1 || json_array_size(a) > EVAL_CRITERIA_MAX)
        return api_bad_field(r, "scores", "evaluation_scores_invalid");
    json_array_foreach(a, i, v) {
        if (!json_is_integer(v))
            return api_bad_field(r, "scores", "evaluation_scores_invalid");
        json_int_t x = json_integer_value(v);
        scores[i] = x < 0 || x > 1000 ? 0 : (int)x;
    }
    int rc = evaluation_respond(api_dc(r), id, scores, (int)json_array_size(a), note);
    return rc ? edge_fail(r, rc) : send_evaluation(r, 200, id);
}

static int close_it(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = evaluation_close(api_dc(r), id);
    return rc ? edge_fail(r, rc) : send_evaluation(r, 200, id);
}

/* The follow-up tasks as a sheet: one page (the list holds at most EVAL_TASKS_MAX). */
static const struct sheet_col task_cols[] = {
    {"export_col_id", SHEET_INT, 8},           {"evaluation_col_matter", SHEET_TEXT, 28},
    {"evaluation_phase", SHEET_TEXT, 10},      {"evaluation_col_item", SHEET_TEXT, 14},
    {"evaluation_col_percent", SHEET_PERCENT, 8}, {"evaluation_task_owner", SHEET_TEXT, 10},
    {"evaluation_task_due", SHEET_TIME, 17},   {"evaluation_col_state", SHEET_TEXT, 10},
    {"evaluation_task_note", SHEET_TEXT, 30},
};

static int task_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct eval_task *ts = NULL;
    int n = 0, rc = evaluation_tasks(c, *(int64_t *)ud, &ts, &n);
    for (int i = 0; rc == 0 && i < n; i++) {
        const struct eval_task *t = &ts[i];
        sheet_int(sh, t->id);
        sheet_text(sh, t->matter_title);
        sheet_text(sh, export_tr(r, "evaluation_phase_", t->phase));
        sheet_text(sh, t->pos ? t->title : export_tr(r, "evaluation_satisfaction", ""));
        sheet_num(sh, t->permille / 1000.0);
        sheet_text(sh, t->owner_name);
        sheet_time(sh, t->due_at);
        sheet_text(sh, strcmp(t->state, "done") == 0 ? export_tr(r, "evaluation_task_done", "")
                       : c->now >= t->due_at         ? export_tr(r, "evaluation_task_overdue", "")
                                                     : export_tr(r, "evaluation_task_open", ""));
        sheet_text(sh, t->note);
        sheet_row_end(sh);
    }
    *more = 0;
    return rc;
}

static const struct export_list task_list = EXPORT_LIST("evaluation-tasks", "evaluation_tasks_title", task_cols, task_page);

static int tasks(http_req *r)
{
    struct eval_task *ts = NULL;
    int n = 0, rc;
    int64_t community = community_param(r);
    int format = export_format(r);
    if (community < 0 || format < 0)
        return 0;
    if (format)
        return export_send(r, format, &task_list, &community);
    if ((rc = evaluation_tasks(api_dc(r), community, &ts, &n)))
        return edge_fail(r, rc);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, evaluation_task_json(api_dc(r), &ts[i]));
    return api_send_json(r, 200, json_pack("{s:o}", "items", items));
}

static int task_done(http_req *r)
{
    const char *note = NULL;
    int64_t id = http_param_id(r, "id");
    if (api_need_body(r) || api_jstr(r, "note", &note))
        return 0;
    int rc = evaluation_task_done(api_dc(r), id, note);
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id, "state", "done"));
}

#define W HTTP_API | HTTP_AUTH | HTTP_CSRF
#define R HTTP_API | HTTP_AUTH
const struct http_route evaluation_api_routes[] = {
    {"GET", "/api/v1/evaluation-templates", templates, R, 0, NULL},
    {"POST", "/api/v1/evaluation-templates", template_create, W, 8192, NULL},
    {"GET", "/api/v1/evaluation-tasks", tasks, R, 0, NULL},
    {"POST", "/api/v1/evaluation-tasks/{id}/done", task_done, W, 4096, NULL},
    {"POST", "/api/v1/evaluations", create, W, 4096, NULL},
    {"GET", "/api/v1/evaluations/{id}", get, R, 0, NULL},
    {"POST", "/api/v1/evaluations/{id}/assessors", appoint, W, 1024, NULL},
    {"PUT", "/api/v1/evaluations/{id}/response", respond, W, 4096, NULL},
    {"POST", "/api/v1/evaluations/{id}/close", close_it, W, 1024, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
#undef W
#undef R
