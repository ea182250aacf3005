/*
 * The result page of a matter and its API (docs/api.md, "Result page"):
 *   GET /matters/{id}/result            the whole life on one page, A4 in print, a QR code back
 *   GET /api/v1/matters/{id}/result     the same as JSON
 */
#include <string.h>

#include "core/qr.h"
#include "edge/api.h"
#include "edge/page.h"
#include "mod/result/result.h"

static void label_timeline(http_req *r, json_t *d)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(d, "timeline"), i, e) {
        const char *from = json_string_value(json_object_get(e, "from")), *to = json_string_value(json_object_get(e, "to"));
        json_object_set_new(e, "text", json_string(from ? arena_printf(r->a, "%s → %s", page_tr(r, "stage_", from),
                                                                      page_tr(r, "stage_", to))
                                                        : edge_t(r, "event_created")));
    }
}

static void label_project(http_req *r, json_t *p)
{
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(json_object_get(p, "contributions"), "items"), i, t)
        json_object_set_new(t, "giver_label",
                            json_string(page_tr(r, "giver_", json_string_value(json_object_get(t, "giver_kind")))));
}

static void set_label(http_req *r, json_t *o, const char *key, const char *prefix, const char *field)
{
    json_object_set_new(o, key, json_string(page_tr(r, prefix, json_string_value(json_object_get(o, field)))));
}

/* Votes with their method and state, reports about what was built with theirs. */
static void label_records(http_req *r, json_t *d)
{
    size_t i, k;
    json_t *v, *f, *rep;
    json_array_foreach(json_object_get(json_object_get(d, "votes"), "items"), i, v) {
        set_label(r, v, "method_label", "vote_method_", "method");
        set_label(r, v, "state_label", "vote_state_", "status");
    }
    json_array_foreach(json_object_get(d, "facilities"), i, f)
        json_array_foreach(json_object_get(f, "reports"), k, rep)
            set_label(r, rep, "state_label", "report_state_", "state");
}

static void label_evaluations(http_req *r, json_t *d)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(d, "evaluations"), i, e)
        json_object_set_new(e, "phase_name",
                            json_string(page_tr(r, "evaluation_phase_", json_string_value(json_object_get(e, "phase")))));
}

/* The ways households took part, those that any did, for the page: "联名 3 · 参与评估 8". */
static void label_took_part(http_req *r, json_t *benefited)
{
    static const char *const ways[] = {"supported", "opinions", "voted", "volunteered", "assessed", "surveyed"};
    json_t *by = json_object_get(benefited, "took_part_by"), *list = json_array();
    for (size_t i = 0; i < sizeof ways / sizeof ways[0]; i++) {
        json_int_t n = json_integer_value(json_object_get(by, ways[i]));
        if (n > 0)
            json_array_append_new(list, json_pack("{s:s, s:I, s:b}", "label", page_tr(r, "result_by_", ways[i]), "n", n,
                                                  "sep", json_array_size(list) > 0));
    }
    json_object_set_new(benefited, "took_part_list", list);
}

static int result_page(http_req *r)
{
    int rc;
    json_t *d = result_json(page_dc(r), http_param_id(r, "id"), &rc);
    if (d == NULL)
        return edge_fail(r, rc);
    label_timeline(r, d);
    label_evaluations(r, d);
    label_records(r, d);
    label_took_part(r, json_object_get(d, "benefited"));
    if (json_object_get(d, "project"))
        label_project(r, json_object_get(d, "project"));
    const char *url = arena_printf(r->a, "%s%s", edge_options()->base_url, json_string_value(json_object_get(d, "result_url")));
    const char *svg = NULL;
    if (qr_svg(r->a, url, 4, &svg) == 0)
        json_object_set_new(d, "qr_svg", json_string(svg));
    json_object_set_new(d, "page_url", json_string(url));
    json_object_set_new(d, "has_objections", json_boolean(json_array_size(json_object_get(d, "objections")) > 0));
    json_object_set_new(d, "has_shifts", json_boolean(json_array_size(json_object_get(d, "shifts")) > 0));
    json_object_set_new(d, "has_facilities", json_boolean(json_array_size(json_object_get(d, "facilities")) > 0));
    json_object_set_new(d, "has_evaluations", json_boolean(json_array_size(json_object_get(d, "evaluations")) > 0));
    json_t *c = page_ctx_title(r, arena_printf(r->a, "%s · %s", edge_t(r, "result_title"),
                                               json_string_value(json_object_get(d, "title"))));
    json_object_set_new(c, "result", d);
    return page_render(r, 200, "result", c);
}

static int result_api(http_req *r)
{
    int rc;
    json_t *d = result_json(api_dc(r), http_param_id(r, "id"), &rc);
    return d ? api_send_json(r, 200, d) : edge_fail(r, rc);
}

const struct http_route result_routes[] = {
    {"GET", "/matters/{id}/result", result_page, HTTP_AUTH, 0, NULL},
    {"GET", "/api/v1/matters/{id}/result", result_api, HTTP_API | HTTP_AUTH, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
