/*
 * /api/v1 handlers of satisfaction surveys (docs/api.md, "Satisfaction"):
 *   GET  /api/v1/surveys?community=ID             the community's surveys
 *   POST /api/v1/surveys                          {place_id, matter_id, question, closes_at, threshold}
 *   GET  /api/v1/surveys/{id}                     counts only, and the actor's household's state
 *   PUT  /api/v1/surveys/{id}/response            {score: 1..5}, once per household
 */
#include "edge/api.h"
#include "mod/satisfaction/satisfaction.h"

static int send_survey(http_req *r, int status, int64_t id)
{
    struct st_survey v;
    int rc = satisfaction_get(api_dc(r), id, &v);
    json_t *o = rc ? NULL : satisfaction_json(api_dc(r), &v, &rc);
    return o ? api_send_json(r, status, o) : edge_fail(r, rc);
}

static int list(http_req *r)
{
    int64_t community = api_query_id(r, "community");
    struct st_survey *vs = NULL;
    int n = 0, rc;
    if (community < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (community == 0 && (community = actor_community(api_dc(r)->actor)) <= 0)
        return edge_fail(r, WG_ENOTFOUND);
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
