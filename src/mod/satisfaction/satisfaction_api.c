/*
 * /api/v1 handlers of satisfaction surveys (docs/api.md, "Satisfaction"):
 *   GET  /api/v1/surveys?community=ID             the community's surveys
 *   POST /api/v1/surveys                          {place_id, matter_id, question, closes_at, threshold}
 *   GET  /api/v1/surveys/{id}                     counts only, and the actor's household's state
 *   PUT  /api/v1/surveys/{id}/response            {score: 1..5}, once per household
 */
#include "edge/api.h"
#include "edge/export.h"
#include "mod/satisfaction/satisfaction.h"

static int send_survey(http_req *r, int status, int64_t id)
{
    struct st_survey v;
    int rc = satisfaction_get(api_dc(r), id, &v);
    json_t *o = rc ? NULL : satisfaction_json(api_dc(r), &v, &rc);
    return o ? api_send_json(r, status, o) : edge_fail(r, rc);
}

/* The surveys as a sheet (?format=xlsx|csv), with their counts: one page. */
static const struct sheet_col export_cols[] = {
    {"export_col_id", SHEET_INT, 8},                 {"satisfaction_col_question", SHEET_TEXT, 36},
    {"satisfaction_col_place", SHEET_TEXT, 14},      {"satisfaction_col_households", SHEET_INT, 8},
    {"satisfaction_col_answered", SHEET_INT, 8},     {"satisfaction_col_satisfied", SHEET_INT, 8},
    {"satisfaction_col_share", SHEET_PERCENT, 10},   {"satisfaction_col_threshold", SHEET_PERCENT, 8},
    {"satisfaction_col_low", SHEET_TEXT, 6},         {"satisfaction_col_created", SHEET_TIME, 17},
    {"satisfaction_col_closes", SHEET_TIME, 17},
};

static int export_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct st_survey *vs = NULL;
    int n = 0, rc = satisfaction_list(c, *(int64_t *)ud, &vs, &n);
    for (int i = 0; rc == 0 && i < n; i++) {
        json_t *o = satisfaction_json(c, &vs[i], &rc);
        if (o == NULL)
            break;
        json_int_t answered = json_integer_value(json_object_get(o, "answered"));
        json_int_t satisfied = json_integer_value(json_object_get(o, "satisfied"));
        sheet_int(sh, vs[i].id);
        sheet_text(sh, vs[i].question);
        sheet_text(sh, vs[i].place_name);
        sheet_int(sh, json_integer_value(json_object_get(o, "households")));
        sheet_int(sh, answered);
        sheet_int(sh, satisfied);
        if (answered > 0)
            sheet_num(sh, (double)satisfied / (double)answered);
        else
            sheet_blank(sh);
        sheet_num(sh, vs[i].threshold / 100.0);
        sheet_text(sh, json_is_true(json_object_get(o, "low")) ? edge_t(r, "export_yes") : "");
        sheet_time(sh, vs[i].created_at);
        sheet_time(sh, vs[i].closes_at);
        sheet_row_end(sh);
    }
    *more = 0;
    return rc;
}

static const struct export_list survey_export_list =
    EXPORT_LIST("surveys", "satisfaction_export_title", export_cols, export_page);

static int list(http_req *r)
{
    int64_t community = api_query_id(r, "community");
    struct st_survey *vs = NULL;
    int n = 0, rc, format = export_format(r);
    if (format < 0)
        return 0;
    if (community < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (community == 0 && (community = actor_community(api_dc(r)->actor)) <= 0)
        return edge_fail(r, WG_ENOTFOUND);
    if (format)
        return export_send(r, format, &survey_export_list, &community);
    if ((rc = satisfaction_list(api_dc(r), community, &vs, &n)))
        return edge_fail(r, rc);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = satisfaction_json(api_dc(r), &vs[i], &rc);
        if (o == NULL)
            return json_decref(items), edge_fail(r, rc);
        json_array_append_new(items, o);
    }
    return api_send_json(r, 200, json_pack("{s:o}", "items", items));
}

static int create(http_req *r)
{
    struct survey_new in = {0};
    int64_t threshold = 60, id = 0;
    if (api_need_body(r) || api_jint(r, "place_id", &in.place_id) || api_jint(r, "matter_id", &in.matter_id) ||
        api_jstr(r, "question", &in.question) || api_jint(r, "closes_at", &in.closes_at) ||
        api_jint_in(r, "threshold", 60, 1000, &threshold))
        return 0;
    in.threshold = (int)threshold;
    int rc = satisfaction_create(api_dc(r), &in, &id);
    return rc ? edge_fail(r, rc) : send_survey(r, 201, id);
}

static int get(http_req *r)
{
    return send_survey(r, 200, http_param_id(r, "id"));
}

static int respond(http_req *r)
{
    int64_t score = 0, id = http_param_id(r, "id");
    if (api_need_body(r) || api_jint_in(r, "score", 0, 1000, &score))
        return 0;
    int rc = satisfaction_respond(api_dc(r), id, (int)score);
    return rc ? edge_fail(r, rc) : send_survey(r, 200, id);
}

#define W HTTP_API | HTTP_AUTH | HTTP_CSRF
const struct http_route satisfaction_api_routes[] = {
    {"GET", "/api/v1/surveys", list, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/surveys", create, W, 4096, NULL},
    {"GET", "/api/v1/surveys/{id}", get, HTTP_API | HTTP_AUTH, 0, NULL},
    {"PUT", "/api/v1/surveys/{id}/response", respond, W, 1024, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
#undef W
