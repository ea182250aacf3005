/*
 * /api/v1 handlers of the contest (docs/api.md, "Contest"):
 *   POST /api/v1/contests                 {street_id, title, criteria: [{name, weight}], assessor_weight,
 *                                          resident_weight, communities: [id], assessors: [person id],
 *                                          winners, priority_days, closes_at}
 *   GET  /api/v1/contests                 the contests the actor reads (her street's, or those her community entered);
 *                                         ?format=xlsx|csv exports them
 *   GET  /api/v1/contests/{id}            rubric, scores, ranking with the arithmetic; ?format=xlsx|csv exports
 *                                         the ranking (an entry a row)
 *   POST /api/v1/contests/{id}/scores     {community_id, scores: [0..100 per criterion]}
 *   POST /api/v1/contests/{id}/publish    {praise: {community_id: text}}
 *   GET  /api/v1/places/{id}/priority     whether a community holds a contest's priority flag
 */
#include <string.h>

#include "edge/api.h"
#include "edge/export.h"
#include "mod/contest/contest.h"

/* ---- exports: one page each, from the JSON of the rule the list uses ---- */

static const struct sheet_col contests_cols[] = {
    {"export_col_id", SHEET_INT, 8},     {"contest_name", SHEET_TEXT, 24},    {"contest_col_street", SHEET_TEXT, 14},
    {"contest_col_state", SHEET_TEXT, 8}, {"contest_closes", SHEET_TIME, 17},
};
static const struct export_field contests_fields[] = {
    {"id", NULL}, {"title", NULL}, {"street", NULL}, {"state", "contest_state_"}, {"closes_at", NULL},
};
EXPORT_FIELDS(contests_cols, contests_fields);

static const struct sheet_col ranking_cols[] = {
    {"contest_col_rank", SHEET_INT, 6},          {"contest_col_community_id", SHEET_INT, 8},
    {"contest_entry", SHEET_TEXT, 16},           {"contest_total", SHEET_DECIMAL, 10},
    {"contest_col_assessor_score", SHEET_DECIMAL, 10}, {"contest_col_assessor_cards", SHEET_INT, 8},
    {"contest_col_resident_score", SHEET_DECIMAL, 10}, {"contest_col_resident_cards", SHEET_INT, 8},
    {"contest_col_winner", SHEET_TEXT, 8},       {"contest_col_praise", SHEET_TEXT, 30},
};
static const struct export_field ranking_fields[] = {
    {"rank", NULL},   {"community_id", NULL}, {"name", NULL}, {"total", NULL},  {"assessors.score", NULL},
    {"assessors.scorecards", NULL}, {"residents.score", NULL}, {"residents.scorecards", NULL}, {"winner", NULL},
    {"praise", NULL},
};
EXPORT_FIELDS(ranking_cols, ranking_fields);

/* ud NULL: the contests (contest_list); else the id of the contest whose
 * ranking (contest_detail's entries) is exported. */
static int export_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    int rc = 0;
    json_t *o = ud ? contest_detail(c, *(int64_t *)ud, &rc) : contest_list(c, &rc), *e;
    size_t i;
    *more = 0;
    if (o == NULL)
        return rc;
    json_array_foreach(json_object_get(o, ud ? "entries" : "items"), i, e) {
        if (ud)
            EXPORT_JSON_ROW(r, sh, ranking_cols, ranking_fields, e);
        else
            EXPORT_JSON_ROW(r, sh, contests_cols, contests_fields, e);
    }
    json_decref(o);
    return 0;
}

static const struct export_list contests_export = EXPORT_LIST("contests", "contests_title", contests_cols, export_page);
static const struct export_list ranking_export =
    EXPORT_LIST("contest-ranking", "contest_export_ranking", ranking_cols, export_page);

/* An array of integers of at most max into out; -1 if not one. */
static int ints(json_t *arr, int64_t *out, int max)
{
    json_t *e;
    size_t i;
    if (!json_is_array(arr) || json_array_size(arr) > (size_t)max)
        return -1;
    json_array_foreach(arr, i, e) {
        if (!json_is_integer(e))
            return -1;
        out[i] = (int64_t)json_integer_value(e);
    }
    return (int)json_array_size(arr);
}

static int send_detail(http_req *r, int status, int64_t id)
{
    int rc;
    json_t *o = contest_detail(api_dc(r), id, &rc);
    return o ? api_send_json(r, status, o) : edge_fail(r, rc);
}

static int create(http_req *r)
{
    struct contest_new in = {0};
    struct contest_criterion_in crit[CONTEST_CRITERIA_MAX];
    int64_t coms[CONTEST_ENTRIES_MAX], ass[CONTEST_ASSESSORS_MAX], id = 0;
    json_t *body = edge_req(r)->json, *cr = json_object_get(body, "criteria"), *e;
    size_t i;
    if (api_need_body(r) || api_jint(r, "street_id", &in.street_id) || api_jstr(r, "title", &in.title) ||
        api_jint(r, "assessor_weight", &in.assessor_weight) || api_jint(r, "resident_weight", &in.resident_weight) ||
        api_jint(r, "winners", &in.winners) || api_jint(r, "priority_days", &in.priority_days) ||
        api_jint(r, "closes_at", &in.closes_at))
        return 0;
    if (!json_is_array(cr) || json_array_size(cr) > CONTEST_CRITERIA_MAX)
        return api_bad_field(r, "criteria", "contest_criteria_invalid"), 0;
    json_array_foreach(cr, i, e) {
        json_t *n = json_object_get(e, "name"), *w = json_object_get(e, "weight");
        if (!json_is_string(n) || !json_is_integer(w))
            return api_bad_field(r, "criteria", "contest_criteria_invalid"), 0;
        crit[i] = (struct contest_criterion_in){json_string_value(n), (int64_t)json_integer_value(w)};
    }
    in.criteria = crit;
    in.ncriteria = (int)json_array_size(cr);
    if ((in.ncommunities = ints(json_object_get(body, "communities"), coms, CONTEST_ENTRIES_MAX)) < 0)
        return api_bad_field(r, "communities", "contest_entries_invalid"), 0;
    json_t *a = json_object_get(body, "assessors");
    if (a != NULL && (in.nassessors = ints(a, ass, CONTEST_ASSESSORS_MAX)) < 0)
        return api_bad_field(r, "assessors", "contest_assessors_invalid"), 0;
    in.communities = coms;
    in.assessors = ass;
    int rc = contest_create(api_dc(r), &in, &id);
    return rc ? edge_fail(r, rc) : send_detail(r, 201, id);
}

static int list(http_req *r)
{
    int rc, format = export_format(r);
    if (format)
        return format < 0 ? 0 : export_send(r, format, &contests_export, NULL);
    json_t *o = contest_list(api_dc(r), &rc);
    return o ? api_send_json(r, 200, o) : edge_fail(r, rc);
}

static int get(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int format = export_format(r);
    if (format < 0)
        return 0;
    if (format && id)
        return export_send(r, format, &ranking_export, &id);
    return id ? send_detail(r, 200, id) : edge_fail(r, WG_ENOTFOUND);
}

static int score(http_req *r)
{
    int64_t id = http_param_id(r, "id"), community = 0, s[CONTEST_CRITERIA_MAX];
    const char *as = NULL;
    int n;
    if (api_need_body(r) || api_jint(r, "community_id", &community))
        return 0;
    if ((n = ints(json_object_get(edge_req(r)->json, "scores"), s, CONTEST_CRITERIA_MAX)) < 0)
        return api_bad_field(r, "scores", "contest_scores_invalid"), 0;
    int rc = id ? contest_score(api_dc(r), id, community, s, n, &as) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 201, json_pack("{s:s}", "as", as));
}

static int publish(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    if (api_need_body(r))
        return 0;
    int rc = id ? contest_publish(api_dc(r), id, json_object_get(edge_req(r)->json, "praise")) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : send_detail(r, 200, id);
}

static int priority(http_req *r)
{
    int64_t id = http_param_id(r, "id"), until = 0;
    int holds = 0;
    const char *title = NULL;
    struct st_place p;
    int rc = id ? place_get(api_dc(r), id, &p) : WG_ENOTFOUND;
    if (rc == 0)
        rc = contest_priority(api_dc(r), id, &holds, &until, &title);
    if (rc)
        return edge_fail(r, rc);
    json_t *o = json_pack("{s:I, s:b}", "place_id", (json_int_t)id, "priority", holds);
    json_object_set_new(o, "until", holds ? json_integer(until) : json_null());
    json_object_set_new(o, "contest", holds && title ? json_string(title) : json_null());
    return api_send_json(r, 200, o);
}

const struct http_route contest_api_routes[] = {
    {"GET", "/api/v1/contests", list, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/contests", create, HTTP_API | HTTP_AUTH | HTTP_CSRF, 16384, NULL},
    {"GET", "/api/v1/contests/{id}", get, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/contests/{id}/scores", score, HTTP_API | HTTP_AUTH | HTTP_CSRF, 2048, NULL},
    {"POST", "/api/v1/contests/{id}/publish", publish, HTTP_API | HTTP_AUTH | HTTP_CSRF, 32768, NULL},
    {"GET", "/api/v1/places/{id}/priority", priority, HTTP_API | HTTP_AUTH, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
