/*
 * The points statement page (/points): my balance and every transaction.
 * Staff who may read a person's points find her by phone
 * (/points?phone=...) or id (/points?person=ID); those who may award see
 * the award form and, beside each earning, the form that corrects it by a
 * reversing transaction.
 */
#include <string.h>

#include "core/time.h"
#include "core/token.h"
#include "edge/export.h"
#include "edge/page.h"
#include "mod/people/people.h"
#include "mod/place/place.h"
#include "mod/points/points.h"

/* The person a staff member asks for: ?person=ID or ?phone=...; 0 for
 * oneself; *name hers when found by phone. */
static int asked_person(http_req *r, int64_t *person, const char **name)
{
    int bad = 0;
    const char *phone = edge_query(r, "phone");
    *person = page_int_id(edge_query(r, "person"), &bad);
    if (bad)
        return edge_error(r, 400, "bad_query", NULL), -1;
    if (phone && *phone) {
        int rc = people_find(page_dc(r), phone, &points_act_view, person, name);
        if (rc)
            return edge_fail(r, rc), -1;
    }
    return 0;
}

/* Per row: when, sign, the rule's words, and for staff whether it can be corrected. */
static void rows(http_req *r, json_t *items, int may_manage)
{
    json_t *it;
    size_t i;
    json_array_foreach(items, i, it) {
        char when[40];
        json_int_t amount = json_integer_value(json_object_get(it, "amount"));
        time_format_local((int64_t)json_integer_value(json_object_get(it, "at")), when, sizeof when);
        json_object_set_new(it, "when", json_string(when));
        json_object_set_new(it, "gain", json_boolean(amount > 0));
        json_object_set_new(it, "shown", json_string(arena_printf(r->a, "%+lld", (long long)amount)));
        json_object_set_new(it, "rule_label", json_string(page_tr(r, "points_rule_", json_string_value(json_object_get(it, "rule")))));
        json_object_set_new(it, "may_reverse", json_boolean(may_manage && amount > 0 &&
                                                            strcmp(json_string_value(json_object_get(it, "kind")), "earn") == 0 &&
                                                            json_is_null(json_object_get(it, "reversed_by"))));
    }
}

static int page(http_req *r)
{
    int bad = 0, rc;
    int64_t person = 0, before = page_int_id(edge_query(r, "before"), &bad);
    if (bad)
        return edge_error(r, 400, "bad_query", NULL), 0;
    const char *name = NULL;
    if (asked_person(r, &person, &name))
        return 0;
    int other = person != 0 && page_dc(r)->actor && person != page_dc(r)->actor->id;
    json_t *st = points_statement(page_dc(r), person, 0, before, LIST_LIMIT_DEFAULT, &rc);
    if (st == NULL)
        return edge_fail(r, rc);
    struct st_place com;
    int found = place_get(page_dc(r), json_integer_value(json_object_get(st, "community_id")), &com) == 0;
    int may_manage = other && found && perm_allows(page_dc(r)->actor, &points_act_manage, com.path);
    rows(r, json_object_get(st, "items"), may_manage);
    json_t *c = page_ctx(r, "points_title");
    if (other)
        json_object_set_new(c, "holder", json_pack("{s:I, s:s}", "id", (json_int_t)person, "name",
                                                   name ? name : json_string_value(json_object_get(st, "name"))));
    if (may_manage) {
        char key[TOKEN_HEX + 1];
        token_random(key); /* one key per form: a second press of the button awards once */
        json_object_set_new(c, "may_award", json_pack("{s:I, s:s}", "person_id", (json_int_t)person, "key", key));
    }
    if (found && perm_allows(page_dc(r)->actor, &points_act_view, com.path))
        json_object_set_new(c, "may_look_up", json_true());
    json_object_set(c, "statement", st);
    if (other)
        export_links(r, c, arena_printf(r->a, "/api/v1/people/%lld/points", (long long)person), NULL);
    json_t *next = json_object_get(st, "next_before");
    if (json_is_integer(next))
        json_object_set_new(c, "older", json_string(arena_printf(r->a, "/points?%sbefore=%lld",
                                                                 other ? arena_printf(r->a, "person=%lld&", (long long)person) : "",
                                                                 (long long)json_integer_value(next))));
    json_decref(st);
    return page_render(r, 200, "points", c);
}

static int award(http_req *r)
{
    int bad = 0;
    int64_t person = page_int_id(page_field(r, "person_id"), &bad), amount = page_int_id(page_field(r, "amount"), &bad);
    int64_t granted = 0, txn = 0;
    if (bad || person == 0)
        return edge_error(r, 422, "points_amount_invalid", NULL), 0;
    int rc = points_award(page_dc(r), person, amount, page_field(r, "reason"), page_field(r, "key"), &granted, &txn);
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/points?person=%lld", (long long)person),
                     granted < amount ? "flash_points_capped" : "flash_points_awarded");
}

static int reverse(http_req *r)
{
    int bad = 0;
    int64_t id = http_param_id(r, "id"), person = page_int_id(page_field(r, "person_id"), &bad), rev = 0;
    int rc = id ? points_reverse(page_dc(r), id, page_field(r, "reason"), &rev) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, bad || person == 0 ? "/points" : arena_printf(r->a, "/points?person=%lld", (long long)person),
                     "flash_points_reversed");
}

const struct http_route points_web_routes[] = {
    {"GET", "/points", page, HTTP_AUTH, 0, NULL},
    {"POST", "/points/award", award, HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"POST", "/points/{id}/reverse", reverse, HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
