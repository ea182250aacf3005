/* GET /search?q=&kind=&page=: the search page (a form, then the places and
 * people found, and the ranked records with their matches marked). */
#include <string.h>

#include "edge/page.h"
#include "mod/search/search.h"

/* Each item gets the name of its kind in the reader's language. */
static void label_kinds(http_req *r, json_t *items)
{
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
    {
        const char *kind = json_string_value(json_object_get(it, "kind"));
        json_object_set_new(it, "kind_label", json_string(edge_t(r, arena_printf(r->a, "search_kind_%s", kind))));
    }
}

static json_t *kind_options(http_req *r, const char *selected)
{
    static const char *const kinds[] = {"matter", "call", "opinion", "meeting", "place", NULL};
    json_t *arr = json_array();
    for (int i = 0; kinds[i]; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "value", kinds[i], "label",
                                             edge_t(r, arena_printf(r->a, "search_kind_%s", kinds[i])), "selected",
                                             selected && strcmp(selected, kinds[i]) == 0));
    return arr;
}

static int search_page(http_req *r)
{
    static const char *const keys[] = {"q", "kind", NULL};
    int bad = 0;
    const char *q = edge_query(r, "q"), *kind = edge_query(r, "kind");
    int page = (int)edge_int(edge_query(r, "page"), 1, 1, 100000, &bad);
    if (bad)
        return edge_error(r, 400, "bad_query", NULL), 0;
    json_t *c = page_ctx(r, "search_title");
    json_object_set_new(c, "kinds", kind_options(r, kind));
    if (q == NULL || *q == '\0') /* the empty form */
        return page_render(r, 200, "search", c);
    struct search_query sq = {.q = q, .kind = kind && *kind ? kind : NULL, .limit = SEARCH_LIMIT_DEFAULT,
                              .offset = (page - 1) * SEARCH_LIMIT_DEFAULT};
    struct search_result res;
    int rc = search_run(page_dc(r), &sq, &res);
    if (rc == WG_EINVAL) { /* a query too long, or an unknown kind: the form again, with the message */
        json_object_set_new(c, "q", json_string(q));
        json_object_set_new(c, "error", json_string(edge_t(r, page_dc(r)->code)));
        return page_render(r, 422, "search", c);
    }
    if (rc)
        return edge_fail(r, rc);
    json_t *o = search_json(page_dc(r), &sq, &res);
    label_kinds(r, json_object_get(o, "items"));
    json_object_update(c, o);
    json_decref(o);
    json_object_set_new(c, "searched", json_true());
    json_object_set_new(c, "none", json_boolean(res.n == 0 && res.nplaces == 0 && res.npeople == 0));
    json_object_set_new(c, "has_places", json_boolean(res.nplaces > 0));
    json_object_set_new(c, "has_people", json_boolean(res.npeople > 0));
    page_pager(r, c, "/search", keys, page, SEARCH_LIMIT_DEFAULT, res.total);
    return page_render(r, 200, "search", c);
}

const struct http_route search_web_routes[] = {
    {"GET", "/search", search_page, HTTP_AUTH, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
