/* The pages of a place, its registration poster and a community's coverage. */
#include "mod/place/place_web.h"

#include <stdlib.h>
#include <string.h>

#include "core/qr.h"
#include "edge/export.h"
#include "edge/page.h"

#define CHILDREN_PER_PAGE 60

static json_t *holders_json(http_req *r, const struct st_place *p)
{
    struct st_role *hs;
    int n = 0;
    json_t *arr = json_array();
    if (place_holders(page_dc(r), p, &hs, &n) != 0)
        return arr;
    for (int i = 0; i < n; i++) {
        if (strcmp(hs[i].role, "resident") == 0)
            continue;
        if (strcmp(hs[i].role, "community_staff") == 0 && !hs[i].is_primary)
            continue;
        json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "role_label", page_tr(r, "role_", hs[i].role),
                                             "person", hs[i].person_name, "primary", hs[i].is_primary));
    }
    return arr;
}

json_t *place_web_line(http_req *r, const struct st_place *p, int with_holders)
{
    struct st_place *line;
    int n = 0;
    json_t *arr = json_array();
    if (place_line(page_dc(r), p, &line, &n) != 0)
        return arr;
    for (int i = 0; i < n; i++) { /* from the street down to the place */
        if (strcmp(line[i].kind, "district") == 0)
            continue;
        json_t *o = tree_json(page_dc(r), &line[i]);
        json_object_set_new(o, "kind_label", json_string(page_tr(r, "kind_", line[i].kind)));
        if (with_holders)
            json_object_set_new(o, "holders", holders_json(r, &line[i]));
        json_array_append_new(arr, o);
    }
    return arr;
}

int64_t place_web_community(http_req *r, int *bad)
{
    int64_t id = page_int_id(edge_query(r, "community"), bad);
    return id ? id : actor_community(edge_req(r)->actor);
}

/* ---- the links of a place page: this module's and later modules' ---- */

static const char *poster_url(dctx *c, const struct st_place *p)
{
    return strcmp(p->kind, "building") == 0 && perm_allows(c->actor, &place_act_poster, p->path)
               ? arena_printf(c->a, "/places/%lld/poster", (long long)p->id)
               : NULL;
}

static const char *coverage_url(dctx *c, const struct st_place *p)
{
    return strcmp(p->kind, "community") == 0 && perm_allows(c->actor, &place_act_coverage, p->path)
               ? arena_printf(c->a, "/staff/coverage?community=%lld", (long long)p->id)
               : NULL;
}

static const struct place_link own_links[] = {
    {30, "print_poster", NULL, poster_url},
    {40, "coverage", NULL, coverage_url},
};

struct links {
    const struct place_link *l[32];
    int n;
};

static int collect(const void *impl, void *ud)
{
    struct links *ls = ud;
    if (ls->n < 32)
        ls->l[ls->n++] = impl;
    return 0;
}

static int by_order(const void *x, const void *y)
{
    return (*(const struct place_link *const *)x)->order - (*(const struct place_link *const *)y)->order;
}

json_t *place_web_links(http_req *r, const struct st_place *p)
{
    struct links ls = {.n = 0};
    for (size_t i = 0; i < sizeof own_links / sizeof own_links[0]; i++)
        ls.l[ls.n++] = &own_links[i];
    module_each_ext("place", collect, &ls);
    qsort(ls.l, (size_t)ls.n, sizeof ls.l[0], by_order);
    json_t *arr = json_array();
    for (int i = 0; i < ls.n; i++) {
        const char *url = ls.l[i]->url(page_dc(r), p);
        if (url == NULL)
            continue;
        json_t *o = json_pack("{s:s, s:s}", "url", url, "label", edge_t(r, ls.l[i]->label_key));
        if (ls.l[i]->id)
            json_object_set_new(o, "id", json_string(ls.l[i]->id));
        json_array_append_new(arr, o);
    }
    return arr;
}

/* ---- pages ---- */

static int place_page(http_req *r)
{
    static const char *const keys[] = {NULL};
    int bad = 0;
    int64_t id = http_param_id(r, "id");
    int page = (int)edge_int(edge_query(r, "page"), 1, 1, 100000, &bad);
    struct st_place p, *kids;
    int rc = id ? place_get(page_dc(r), id, &p) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    int nk = 0, total = 0;
    if ((rc = place_children(page_dc(r), &p, CHILDREN_PER_PAGE, (page - 1) * CHILDREN_PER_PAGE, &kids, &nk, &total)))
        return edge_fail(r, rc);
    json_t *c = page_ctx_title(r, p.name);
    json_object_set_new(c, "place", tree_json(page_dc(r), &p));
    json_object_set_new(c, "kind_label", json_string(page_tr(r, "kind_", p.kind)));
    json_t *line = place_web_line(r, &p, 0);
    json_array_remove(line, json_array_size(line) - 1); /* the place itself is the heading */
    json_object_set_new(c, "line", line);
    json_t *holders = holders_json(r, &p);
    json_object_set_new(c, "has_holders", json_boolean(json_array_size(holders) > 0));
    json_object_set_new(c, "holders", holders);
    json_t *kj = json_array();
    for (int i = 0; i < nk; i++)
        json_array_append_new(kj, tree_json(page_dc(r), &kids[i]));
    json_object_set_new(c, "children", kj);
    json_object_set_new(c, "has_children", json_boolean(nk > 0));
    export_links(r, c, arena_printf(r->a, "/api/v1/places/%lld/children", (long long)p.id), NULL);
    struct st_org *orgs;
    int no = 0;
    if (place_orgs(page_dc(r), &p, &orgs, &no) == 0) {
        json_t *oj = json_array();
        for (int i = 0; i < no; i++) {
            json_t *o = place_org_json(page_dc(r), &orgs[i]);
            json_object_set_new(o, "kind_label", json_string(page_tr(r, "org_", orgs[i].kind)));
            json_array_append_new(oj, o);
        }
        json_object_set_new(c, "orgs", oj);
        json_object_set_new(c, "has_orgs", json_boolean(no > 0));
    }
    json_object_set_new(c, "total", json_integer(total));
    json_object_set_new(c, "links", place_web_links(r, &p));
    page_pager(r, c, r->path, keys, page, CHILDREN_PER_PAGE, total);
    return page_render(r, 200, "place", c);
}

static int poster_page(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_place b, cm;
    int rc = id ? place_poster(page_dc(r), id, &b) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    buf u;
    buf_init(&u, 1024);
    buf_addf(&u, "%s/register?building=%lld&key=", edge_options()->base_url, (long long)b.id);
    buf_add_url(&u, b.reg_key ? b.reg_key : "");
    const char *url = arena_strdup(r->a, u.data);
    buf_free(&u);
    const char *svg = NULL;
    if (qr_svg(r->a, url, 8, &svg) != 0)
        return edge_error(r, 500, "internal", NULL), 0;
    json_t *c = page_ctx(r, "print_poster");
    if (place_get(page_dc(r), b.community_id, &cm) == 0)
        json_object_set_new(c, "community", json_string(cm.name));
    json_object_set_new(c, "building", json_string(b.name));
    json_object_set_new(c, "url", json_string(url));
    json_object_set_new(c, "qr_svg", json_string(svg));
    return page_render(r, 200, "poster", c);
}

static int coverage_page(http_req *r)
{
    int bad = 0;
    int64_t cid = place_web_community(r, &bad);
    if (bad)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (cid == 0)
        return http_redirect(r, "/staff");
    struct place_coverage cv;
    int rc = place_coverage(page_dc(r), cid, &cv);
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "coverage");
    struct st_place cm;
    if (place_get(page_dc(r), cid, &cm) == 0)
        json_object_set_new(c, "community", json_string(cm.name));
    json_object_set_new(c, "coverage", place_coverage_json(page_dc(r), &cv));
    json_object_set_new(c, "n_gw", json_integer(cv.n_grids_no_worker));
    json_object_set_new(c, "n_bl", json_integer(cv.n_buildings_no_leader));
    json_object_set_new(c, "n_gp", json_integer(cv.n_grids_no_party));
    export_links(r, c, arena_printf(r->a, "/api/v1/communities/%lld/coverage", (long long)cid), NULL);
    return page_render(r, 200, "coverage", c);
}

const struct http_route place_web_routes[] = {
    {"GET", "/places/{id}", place_page, HTTP_AUTH, 0, NULL},
    {"GET", "/places/{id}/poster", poster_page, HTTP_AUTH, 0, NULL},
    {"GET", "/staff/coverage", coverage_page, HTTP_AUTH | HTTP_STAFF, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
