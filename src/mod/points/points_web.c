/* The points statement page (/points): my balance and every transaction. */
#include <string.h>

#include "core/time.h"
#include "edge/page.h"
#include "mod/points/points.h"

static int page(http_req *r)
{
    int bad = 0, rc;
    int64_t before = page_int_id(edge_query(r, "before"), &bad);
    if (bad)
        return edge_error(r, 400, "bad_query", NULL), 0;
    json_t *st = points_statement(page_dc(r), 0, 0, before, LIST_LIMIT_MAX, &rc);
    if (st == NULL)
        return edge_fail(r, rc);
    json_t *items = json_object_get(st, "items"), *it;
    size_t i;
    json_array_foreach(items, i, it) {
        char when[40];
        json_int_t amount = json_integer_value(json_object_get(it, "amount"));
        time_format_local((int64_t)json_integer_value(json_object_get(it, "at")), when, sizeof when);
        json_object_set_new(it, "when", json_string(when));
        json_object_set_new(it, "gain", json_boolean(amount > 0));
        json_object_set_new(it, "shown", json_string(arena_printf(r->a, "%+lld", (long long)amount)));
        json_object_set_new(it, "rule_label", json_string(page_tr(r, "points_rule_", json_string_value(json_object_get(it, "rule")))));
    }
    json_t *c = page_ctx(r, "points_title");
    json_object_set(c, "statement", st);
    json_t *next = json_object_get(st, "next_before");
    if (json_is_integer(next))
        json_object_set_new(c, "older", json_string(arena_printf(r->a, "/points?before=%lld", (long long)json_integer_value(next))));
    json_decref(st);
    return page_render(r, 200, "points", c);
}

const struct http_route points_web_routes[] = {
    {"GET", "/points", page, HTTP_AUTH, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
