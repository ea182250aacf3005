/*
 * The survey's page (/surveys/{id}): the question with five large choices
 * for a household that has not answered, "your household has answered"
 * for its other members, and the counts for everyone who reads it.
 */
#include "core/time.h"
#include "edge/page.h"
#include "mod/satisfaction/satisfaction.h"

static int survey_page(http_req *r)
{
    struct st_survey v;
    int64_t id = http_param_id(r, "id");
    int rc = satisfaction_get(page_dc(r), id, &v);
    json_t *d = rc ? NULL : satisfaction_json(page_dc(r), &v, &rc);
    if (d == NULL)
        return edge_fail(r, rc);
    size_t i;
    json_t *s;
    int answered = (int)json_integer_value(json_object_get(d, "answered"));
    json_array_foreach(json_object_get(d, "scores"), i, s) {
        char key[8];
        int n = (int)json_integer_value(json_object_get(s, "households"));
        snprintf(key, sizeof key, "%d", (int)json_integer_value(json_object_get(s, "score")));
        json_object_set_new(s, "label", json_string(page_tr(r, "satisfaction_score_", key)));
        json_object_set_new(s, "width", json_integer(answered ? n * 100 / answered : 0));
    }
    json_t *c = page_ctx_title(r, v.question);
    json_object_set_new(c, "survey", d);
    return page_render(r, 200, "satisfaction", c);
}

/* The community's surveys (/surveys?place=ID: the community of that place;
 * none: the actor's), newest first, with their counts: what the
 * dashboard's satisfaction links to. */
static int list_page(http_req *r)
{
    int bad = 0, rc = 0, n = 0;
    int64_t place = page_int_id(edge_query(r, "place"), &bad);
    struct st_survey *vs = NULL;
    if (bad)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (place == 0 && (place = actor_community(page_dc(r)->actor)) <= 0)
        return edge_fail(r, WG_ENOTFOUND);
    if ((rc = satisfaction_list(page_dc(r), place, &vs, &n)))
        return edge_fail(r, rc);
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = satisfaction_json(page_dc(r), &vs[i], &rc);
        if (o == NULL)
            return json_decref(items), edge_fail(r, rc);
        json_array_append_new(items, o);
    }
    json_t *c = page_ctx(r, "satisfaction_list_title");
    json_object_set_new(c, "surveys", items);
    return page_render(r, 200, "satisfaction_list", c);
}

static int respond(http_req *r)
{
    int bad = 0;
    int64_t id = http_param_id(r, "id");
    long score = edge_int(page_field(r, "score"), 0, 1, 5, &bad);
    if (bad || score == 0)
        return edge_error(r, 422, "satisfaction_score_invalid", NULL), 0;
    int rc = satisfaction_respond(page_dc(r), id, (int)score);
    return rc ? edge_fail(r, rc) : page_done(r, arena_printf(r->a, "/surveys/%lld", (long long)id), "flash_satisfaction_thanks");
}

/* The form on a matter's page: its place, a question, the last day, a threshold. */
static int create(http_req *r)
{
    int bad = 0;
    int64_t day = 0, id = 0;
    struct survey_new in = {.question = page_field(r, "question")};
    in.place_id = page_int_id(page_field(r, "place_id"), &bad);
    in.matter_id = page_int_id(page_field(r, "matter_id"), &bad);
    in.threshold = (int)edge_int(page_field(r, "threshold"), 60, 1, 100, &bad);
    if (bad)
        return edge_error(r, 422, "satisfaction_threshold_invalid", NULL), 0;
    if (time_parse_date(page_field(r, "closes_on"), &day))
        return edge_error(r, 422, "satisfaction_closes_invalid", NULL), 0;
    in.closes_at = day + TIME_DAY; /* at the end of that day */
    int rc = satisfaction_create(page_dc(r), &in, &id);
    return rc ? edge_fail(r, rc) : page_done(r, arena_printf(r->a, "/surveys/%lld", (long long)id), "flash_satisfaction_asked");
}

const struct http_route satisfaction_web_routes[] = {
    {"POST", "/surveys", create, HTTP_AUTH | HTTP_CSRF, 2048, NULL},
    {"GET", "/surveys", list_page, HTTP_AUTH, 0, NULL},
    {"GET", "/surveys/{id}", survey_page, HTTP_AUTH, 0, NULL},
    {"POST", "/surveys/{id}/response", respond, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
