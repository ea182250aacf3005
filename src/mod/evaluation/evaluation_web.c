/*
 * Evaluation pages:
 *   /evaluations/{id}           the criteria with large choices for a household or an
 *                               assessor that has not answered, the result with its
 *                               arithmetic, assessors, follow-up tasks; staff appoint and close
 *   POST /evaluations           the form on a matter's page opens one
 *   /evaluation-templates       the community's criteria templates, and the form for a new one
 *   /evaluation-tasks           the community's follow-up tasks: owner, due date, overdue; done
 */
#include <stdio.h>
#include <string.h>

#include "core/time.h"
#include "edge/export.h"
#include "edge/page.h"
#include "mod/evaluation/evaluation.h"
#include "mod/people/people.h"

/* The community of the page: ?community= or the form's community_id, else the actor's. */
static int64_t community_of(http_req *r)
{
    int bad = 0;
    const char *s = page_field(r, "community_id");
    int64_t id = page_int_id(s ? s : edge_query(r, "community"), &bad);
    return id > 0 && !bad ? id : actor_community(page_dc(r)->actor);
}

static const char *eval_url(http_req *r, int64_t id)
{
    return arena_printf(r->a, "/evaluations/%lld", (long long)id);
}

/* Each criterion's choices 1..scale, for the answer form. */
static void add_choices(json_t *criteria)
{
    size_t i;
    json_t *k;
    json_array_foreach(criteria, i, k) {
        json_t *ch = json_array();
        int scale = (int)json_integer_value(json_object_get(k, "scale"));
        for (int v = scale; v >= 1; v--)
            json_array_append_new(ch, json_pack("{s:i, s:b}", "value", v, "top", v == scale));
        json_object_set_new(k, "choices", ch);
    }
}

/* The arithmetic as the page writes it: each criterion's denominator (the
 * group weights that applied) and the overall line, weights times percents. */
static void add_sums(http_req *r, json_t *d)
{
    size_t i;
    json_t *k;
    const char *line = "";
    int wsum = 0;
    json_array_foreach(json_object_get(d, "criteria"), i, k) {
        int den = (int)json_integer_value(json_object_get(json_object_get(k, "residents"), "weight")) +
                  (int)json_integer_value(json_object_get(json_object_get(k, "assessors"), "weight"));
        json_object_set_new(k, "den", json_integer(den));
        const char *pc = json_string_value(json_object_get(k, "percent"));
        if (pc == NULL)
            continue;
        int w = (int)json_integer_value(json_object_get(k, "weight"));
        line = arena_printf(r->a, "%s%s%d × %s%%", line, wsum ? " + " : "", w, pc);
        wsum += w;
    }
    const char *total = json_string_value(json_object_get(d, "percent"));
    if (wsum && total)
        json_object_set_new(d, "overall_formula", json_string(arena_printf(r->a, "(%s) ÷ %d = %s%%", line, wsum, total)));
}

static int evaluation_page(http_req *r)
{
    struct st_evaluation e;
    int rc = evaluation_get(page_dc(r), http_param_id(r, "id"), &e);
    json_t *d = rc ? NULL : evaluation_json(page_dc(r), &e, &rc);
    if (d == NULL)
        return edge_fail(r, rc);
    add_choices(json_object_get(d, "criteria"));
    add_sums(r, d);
    json_object_set_new(d, "phase_name", json_string(page_tr(r, "evaluation_phase_", e.phase)));
    json_object_set_new(d, "has_tasks", json_boolean(json_array_size(json_object_get(d, "tasks")) > 0));
    json_object_set_new(d, "has_notes", json_boolean(json_array_size(json_object_get(d, "notes")) > 0));
    json_t *c = page_ctx_title(r, arena_printf(r->a, "%s · %s", page_tr(r, "evaluation_phase_", e.phase), e.matter_title));
    json_object_set_new(c, "evaluation", d);
    json_object_set_new(c, "back", json_string(eval_url(r, e.id)));
    return page_render(r, 200, "evaluation", c);
}

static int respond(http_req *r)
{
    struct st_evaluation e;
    int64_t id = http_param_id(r, "id");
    int scores[EVAL_CRITERIA_MAX], n = 0, bad = 0;
    int rc = evaluation_get(page_dc(r), id, &e);
    if (rc)
        return edge_fail(r, rc);
    for (n = 0; n < EVAL_CRITERIA_MAX; n++) {
        char name[24];
        snprintf(name, sizeof name, "score_%d", n + 1);
        const char *v = page_field(r, name);
        if (v == NULL)
            break;
        scores[n] = (int)edge_int(v, 0, 1, 10, &bad);
    }
    if (bad)
        return edge_error(r, 422, "evaluation_scores_invalid", NULL), 0;
    rc = evaluation_respond(page_dc(r), id, scores, n, page_field(r, "note"));
    return rc ? edge_fail(r, rc) : page_done(r, eval_url(r, id), "flash_evaluation_thanks");
}

static int create(http_req *r)
{
    int bad = 0;
    int64_t day = 0, id = 0;
    struct eval_new in = {.phase = page_field(r, "phase")};
    in.matter_id = page_int_id(page_field(r, "matter_id"), &bad);
    in.template_id = page_int_id(page_field(r, "template_id"), &bad);
    in.resident_weight = (int)edge_int(page_field(r, "resident_weight"), 50, 0, 100, &bad);
    in.threshold = (int)edge_int(page_field(r, "threshold"), 60, 1, 100, &bad);
    in.followup_days = (int)edge_int(page_field(r, "followup_days"), 14, 1, EVAL_FOLLOWUP_DAYS_MAX, &bad);
    if (bad)
        return edge_error(r, 422, "evaluation_form_invalid", NULL), 0;
    if (time_parse_date(page_field(r, "closes_on"), &day))
        return edge_error(r, 422, "evaluation_closes_invalid", NULL), 0;
    in.closes_at = day + TIME_DAY; /* at the end of that day */
    const char *phone = page_field(r, "followup_phone");
    int rc = 0;
    if (phone && phone[0] && (rc = people_find(page_dc(r), phone, NULL, &in.followup_owner, NULL)))
        return edge_fail(r, rc);
    rc = evaluation_create(page_dc(r), &in, &id);
    return rc ? edge_fail(r, rc) : page_done(r, eval_url(r, id), "flash_evaluation_opened");
}

static int appoint(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = evaluation_appoint(page_dc(r), id, page_field(r, "phone"));
    return rc ? edge_fail(r, rc) : page_done(r, eval_url(r, id), "flash_evaluation_appointed");
}

static int close_it(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = evaluation_close(page_dc(r), id);
    return rc ? edge_fail(r, rc) : page_done(r, eval_url(r, id), "flash_evaluation_closed");
}

static int templates_page(http_req *r)
{
    struct eval_template *ts = NULL;
    int n = 0;
    int64_t community = community_of(r);
    int rc = evaluation_templates(page_dc(r), community, &ts, &n);
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "evaluation_templates_title"), *items = json_array(), *rows = json_array();
    for (int i = 0; i < n; i++) {
        json_t *cr = json_array();
        for (int k = 0; k < ts[i].ncriteria; k++)
            json_array_append_new(cr, json_pack("{s:s, s:i, s:i}", "name", ts[i].criteria[k].name, "weight",
                                                ts[i].criteria[k].weight, "scale", ts[i].criteria[k].scale));
        json_array_append_new(items, json_pack("{s:I, s:s, s:o}", "id", (json_int_t)ts[i].id, "name", ts[i].name,
                                               "criteria", cr));
    }
    for (int k = 1; k <= 6; k++) /* six blank rows: more than most templates need */
        json_array_append_new(rows, json_pack("{s:i, s:b}", "n", k, "first", k == 1));
    json_object_set_new(c, "templates", items);
    json_object_set_new(c, "rows", rows);
    json_object_set_new(c, "community_id", json_integer(community));
    export_links(r, c, arena_printf(r->a, "/api/v1/evaluation-templates?community=%lld", (long long)community), NULL);
    return page_render(r, 200, "evaluation_templates", c);
}

static int template_create(http_req *r)
{
    struct eval_criterion cr[EVAL_CRITERIA_MAX];
    int n = 0, bad = 0;
    int64_t id = 0, community = community_of(r);
    for (int k = 1; k <= EVAL_CRITERIA_MAX; k++) {
        char f[3][32];
        snprintf(f[0], sizeof f[0], "name_%d", k);
        snprintf(f[1], sizeof f[1], "weight_%d", k);
        snprintf(f[2], sizeof f[2], "scale_%d", k);
        const char *name = page_field(r, f[0]);
        if (name == NULL || name[strspn(name, " \t")] == '\0')
            continue; /* a blank row */
        cr[n] = (struct eval_criterion){.pos = n + 1, .name = name,
                                        .weight = (int)edge_int(page_field(r, f[1]), 0, 1, 100, &bad),
                                        .scale = (int)edge_int(page_field(r, f[2]), 5, 2, 10, &bad)};
        n++;
    }
    if (bad)
        return edge_error(r, 422, "evaluation_criteria_invalid", NULL), 0;
    int rc = evaluation_template_create(page_dc(r), community, page_field(r, "name"), cr, n, &id);
    return rc ? edge_fail(r, rc)
              : page_done(r, arena_printf(r->a, "/evaluation-templates?community=%lld", (long long)community),
                          "flash_evaluation_template_saved");
}

static int tasks_page(http_req *r)
{
    struct eval_task *ts = NULL;
    int n = 0;
    int64_t community = community_of(r);
    int rc = evaluation_tasks(page_dc(r), community, &ts, &n);
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "evaluation_tasks_title"), *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, evaluation_task_json(page_dc(r), &ts[i]));
    json_object_set_new(c, "tasks", items);
    json_object_set_new(c, "community_id", json_integer(community));
    json_object_set_new(c, "back", json_string(arena_printf(r->a, "/evaluation-tasks?community=%lld", (long long)community)));
    export_links(r, c, arena_printf(r->a, "/api/v1/evaluation-tasks?community=%lld", (long long)community), NULL);
    return page_render(r, 200, "evaluation_tasks", c);
}

static int task_done(http_req *r)
{
    int rc = evaluation_task_done(page_dc(r), http_param_id(r, "id"), page_field(r, "note"));
    const char *back = page_field(r, "back");
    return rc ? edge_fail(r, rc)
              : page_done(r, back ? page_safe_back(back) : "/evaluation-tasks", "flash_evaluation_task_done");
}

const struct http_route evaluation_web_routes[] = {
    {"GET", "/evaluation-templates", templates_page, HTTP_AUTH, 0, NULL},
    {"POST", "/evaluation-templates", template_create, HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"GET", "/evaluation-tasks", tasks_page, HTTP_AUTH, 0, NULL},
    {"POST", "/evaluation-tasks/{id}/done", task_done, HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"POST", "/evaluations", create, HTTP_AUTH | HTTP_CSRF, 2048, NULL},
    {"GET", "/evaluations/{id}", evaluation_page, HTTP_AUTH, 0, NULL},
    {"POST", "/evaluations/{id}/response", respond, HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"POST", "/evaluations/{id}/assessors", appoint, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/evaluations/{id}/close", close_it, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
