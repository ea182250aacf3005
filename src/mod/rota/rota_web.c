/*
 * Rota pages: the community's rotas (/rotas) with the form that makes one
 * for staff; a rota (/rotas/{id}): its duties in time order, missed ones
 * flagged and counted per person; "done" for one's own duty; asking to
 * swap and answering; for staff the form that adds a duty.
 */
#include <string.h>

#include "edge/export.h"
#include "edge/page.h"
#include "mod/rota/rota.h"

static int list_page(http_req *r)
{
    struct st_rota *rs = NULL;
    struct st_place com;
    int n = 0;
    int64_t community = actor_community(page_dc(r)->actor);
    int rc = community > 0 ? place_get(page_dc(r), community, &com) : WG_ENOTFOUND;
    if (rc || (rc = rota_list(page_dc(r), community, &rs, &n)))
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "rotas_title"), *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, rota_json(page_dc(r), &rs[i]));
    json_object_set_new(c, "rotas", items);
    export_links(r, c, arena_printf(r->a, "/api/v1/rotas?community=%lld", (long long)community), NULL);
    if (perm_allows(page_dc(r)->actor, &rota_act_manage, com.path)) {
        struct st_facility *fs = NULL;
        int nf = 0;
        json_t *opts = json_array();
        if (facility_list(page_dc(r), community, &fs, &nf) == 0)
            for (int i = 0; i < nf; i++)
                json_array_append_new(opts, json_pack("{s:I, s:s}", "id", (json_int_t)fs[i].id, "name", fs[i].name));
        json_object_set_new(c, "may_add", json_pack("{s:I, s:o}", "place_id", (json_int_t)community, "facilities", opts));
    }
    return page_render(r, 200, "rotas", c);
}

static int create(http_req *r)
{
    int bad = 0;
    int64_t place = edge_int(page_field(r, "place_id"), 0, 0, INT64_MAX / 2, &bad);
    int64_t facility = edge_int(page_field(r, "facility_id"), 0, 0, INT64_MAX / 2, &bad), id = 0;
    if (bad)
        return edge_error(r, 422, "rota_place_invalid", NULL), 0;
    int rc = rota_create(page_dc(r), facility ? 0 : place, facility, page_field(r, "title"), page_field(r, "task"), &id);
    return rc ? edge_fail(r, rc) : page_done(r, arena_printf(r->a, "/rotas/%lld", (long long)id), "flash_rota_added");
}

/* The end of a duty as shown after its start: the time alone when it ends
 * the day it starts ("2026-12-03 08:00 – 09:00"), else the date and time. */
static const char *same_day_end(const char *start, const char *end)
{
    const char *sp = end ? strchr(end, ' ') : NULL;
    if (start == NULL || sp == NULL || strncmp(start, end, (size_t)(sp - end) + 1) != 0)
        return end ? end : "";
    return sp + 1;
}

static int rota_page(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = WG_ENOTFOUND;
    json_t *d = id ? rota_detail(page_dc(r), id, &rc) : NULL, *x, *missed;
    if (d == NULL)
        return edge_fail(r, rc);
    size_t i;
    json_t *others = json_array(); /* future duties of others, to swap with */
    json_array_foreach(json_object_get(d, "duties"), i, x) {
        const char *st = json_string_value(json_object_get(x, "status"));
        json_object_set_new(x, "status_label", json_string(page_tr(r, "duty_status_", st)));
        json_object_set_new(x, "is_missed", json_boolean(strcmp(st, "missed") == 0));
        json_object_set_new(x, "ends_shown", json_string(same_day_end(json_string_value(json_object_get(x, "starts_at_local")),
                                                                      json_string_value(json_object_get(x, "ends_at_local")))));
        if (!json_is_true(json_object_get(x, "mine")) && strcmp(st, "scheduled") == 0)
            json_array_append_new(others, json_pack("{s:O, s:s}", "id", json_object_get(x, "id"), "label",
                                                    arena_printf(r->a, "%s %s", json_string_value(json_object_get(x, "starts_at_local")),
                                                                 json_string_value(json_object_get(json_object_get(x, "person"), "name")))));
    }
    json_array_foreach(json_object_get(d, "duties"), i, x)
        if (json_is_true(json_object_get(x, "mine")) && strcmp(json_string_value(json_object_get(x, "status")), "scheduled") == 0 &&
            json_array_size(others) > 0)
            json_object_set_new(x, "swap", json_pack("{s:O}", "options", others));
    json_decref(others);
    json_t *counts = json_array();
    const char *name;
    missed = json_object_get(d, "missed");
    json_object_foreach(missed, name, x)
        json_array_append_new(counts, json_pack("{s:s, s:O}", "name", name, "n", x));
    json_object_set_new(d, "missed_counts", counts);
    json_t *c = page_ctx_title(r, json_string_value(json_object_get(d, "title")));
    json_object_set_new(c, "rota", d);
    if (json_is_true(json_object_get(d, "may_manage")))
        export_links(r, c, arena_printf(r->a, "/api/v1/rotas/%lld", (long long)id), NULL);
    return page_render(r, 200, "rota", c);
}

static const char *back(http_req *r)
{
    const char *rota = page_field(r, "rota_id");
    return arena_printf(r->a, "/rotas/%s", rota && *rota ? rota : "");
}

static int duty_add(http_req *r)
{
    int64_t id = http_param_id(r, "id"), did = 0;
    int rc = id ? rota_duty_add(page_dc(r), id, page_field(r, "phone"), page_field(r, "starts"), page_field(r, "ends"), &did)
                : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : page_done(r, arena_printf(r->a, "/rotas/%lld", (long long)id), "flash_duty_added");
}

static int done(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? rota_duty_done(page_dc(r), id, page_field(r, "note")) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : page_done(r, back(r), "flash_duty_done");
}

static int swap(http_req *r)
{
    int64_t id = http_param_id(r, "id"), sid = 0;
    int bad = 0;
    int64_t other = page_int_id(page_field(r, "other_duty_id"), &bad);
    int rc = bad ? dctx_fail(page_dc(r), WG_EINVAL, "rota_swap_invalid", "other_duty_id")
                 : id ? rota_swap_ask(page_dc(r), id, other, &sid) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : page_done(r, back(r), "flash_swap_asked");
}

static int answer(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *a = page_field(r, "accept");
    int accept = a && strcmp(a, "1") == 0;
    int rc = id ? rota_swap_answer(page_dc(r), id, accept) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : page_done(r, back(r), accept ? "flash_swap_accepted" : "flash_swap_declined");
}

const struct http_route rota_web_routes[] = {
    {"GET", "/rotas", list_page, HTTP_AUTH, 0, NULL},
    {"POST", "/rotas", create, HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"GET", "/rotas/{id}", rota_page, HTTP_AUTH, 0, NULL},
    {"POST", "/rotas/{id}/duties", duty_add, HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"POST", "/duties/{id}/done", done, HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"POST", "/duties/{id}/swaps", swap, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/swaps/{id}/answer", answer, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
