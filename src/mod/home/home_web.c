/*
 * The home module: the home page (for a visitor, the way in; for a
 * signed-in person, her claims, where she lives with who is responsible
 * there, open matters and the ones she follows, and for staff their desks)
 * and the staff desk (/staff): each place a staff member works at with the
 * links her permissions allow. It writes nothing: no store, no SQL.
 */
#include <string.h>

#include "edge/edge.h"
#include "edge/page.h"
#include "mod/matter/matter_web.h"
#include "mod/people/people.h"
#include "mod/place/place_web.h"

static json_t *staff_desks(http_req *r);

static int home(http_req *r)
{
    struct edge_req *ar = edge_req(r);
    if (ar->actor == NULL)
        return page_render(r, 200, "home_anon", page_ctx(r, "home"));
    json_t *c = page_ctx(r, "home");
    struct st_claim *claims;
    int n = 0, pending = 0;
    if (people_my_claims(page_dc(r), &claims, &n) == 0) {
        json_t *arr = json_array();
        for (int i = 0; i < n; i++) {
            if (strcmp(claims[i].status, "approved") == 0)
                continue;
            json_t *o = people_claim_json(page_dc(r), &claims[i]);
            json_object_set_new(o, "status_label", json_string(page_tr(r, "claim_", claims[i].status)));
            json_array_append_new(arr, o);
            pending++;
        }
        json_object_set_new(c, "claims", arr);
    }
    json_object_set_new(c, "claims_pending", json_boolean(pending > 0));
    /* where I live or work: the first resident role, else the first role */
    const struct actor_role *home = NULL;
    for (int i = 0; i < ar->actor->nroles && home == NULL; i++)
        if (ar->actor->roles[i].role == ROLE_RESIDENT)
            home = &ar->actor->roles[i];
    if (home == NULL && ar->actor->nroles > 0)
        home = &ar->actor->roles[0];
    if (home != NULL) {
        struct st_place p;
        if (place_get(page_dc(r), home->place_id, &p) == 0)
            json_object_set_new(c, "homes", json_pack("{s:o}", "line", place_web_line(r, &p, 1)));
    }
    struct st_matter *ms;
    int nm = 0, total = 0;
    struct matter_query q = {.limit = 5, .open_only = 1};
    if (ar->actor->is_staff)
        json_object_set_new(c, "desks", staff_desks(r));
    if (ar->actor->nroles > 0 && matter_list(page_dc(r), &q, &ms, &nm, &total) == 0)
        json_object_set_new(c, "matters", matter_web_items(r, ms, nm));
    struct matter_query fq = {.followed = 1, .limit = 10};
    if (ar->actor->nroles > 0 && matter_list(page_dc(r), &fq, &ms, &nm, &total) == 0) {
        json_object_set_new(c, "followed", matter_web_items(r, ms, nm));
        json_object_set_new(c, "has_followed", json_boolean(nm > 0));
    }
    return page_render(r, 200, "home", c);
}

/* ---- staff desk ---- */

/* One desk entry: a place a staff actor works at, with the links its
 * permissions allow (so no link leads to a 403). */
static json_t *desk(http_req *r, const struct st_place *p)
{
    const struct actor *ac = edge_req(r)->actor;
    int community = strcmp(p->kind, "community") == 0;
    json_t *o = tree_json(page_dc(r), p);
    json_object_set_new(o, "kind_label", json_string(page_tr(r, "kind_", p->kind)));
    json_object_set_new(o, "claims", json_boolean(community && perm_allows(ac, &people_act_claims, p->path)));
    json_object_set_new(o, "coverage", json_boolean(community && perm_allows(ac, &place_act_coverage, p->path)));
    json_object_set_new(o, "people", json_boolean(perm_allows(ac, &people_act_view, p->path)));
    return o;
}

/* The places a staff actor works at: a grid worker's grids, community staff's
 * community, a street admin's communities. */
static json_t *staff_desks(http_req *r)
{
    const struct actor *ac = edge_req(r)->actor;
    json_t *arr = json_array();
    for (int i = 0; ac && i < ac->nroles; i++) {
        const struct actor_role *ro = &ac->roles[i];
        struct st_place p, *kids;
        int n = 0, total = 0;
        if (ro->role < ROLE_GRID_WORKER || place_get(page_dc(r), ro->place_id, &p))
            continue;
        if (strcmp(p.kind, "community") == 0 || strcmp(p.kind, "grid") == 0) {
            json_array_append_new(arr, desk(r, &p));
        } else if (place_children(page_dc(r), &p, 100, 0, &kids, &n, &total) == 0) {
            for (int k = 0; k < n; k++)
                if (strcmp(kids[k].kind, "community") == 0)
                    json_array_append_new(arr, desk(r, &kids[k]));
        }
    }
    return arr;
}

static int staff(http_req *r)
{
    json_t *c = page_ctx(r, "staff_desk");
    json_object_set_new(c, "desks", staff_desks(r));
    return page_render(r, 200, "staff", c);
}

static const struct http_route routes[] = {
    {"GET", "/", home, 0, 0, NULL},
    {"GET", "/staff", staff, HTTP_AUTH | HTTP_STAFF, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
static const struct http_route *const tables[] = {routes, NULL};

const struct module home_module = {.name = "home", .dir = "mod/home", .routes = tables};
