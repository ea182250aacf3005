/*
 * The home module: the home page (for a visitor, the way in; for a
 * signed-in person, first what waits for her: open votes she may cast,
 * calls for opinions open at her places, her next meetings, replies to
 * what she wrote, and for staff their queues with counts: claims to
 * decide, matters to accept, objections to answer; then her claims, where
 * she lives with who is responsible there, open matters and the ones she
 * follows) and the staff desk (/staff): each place a staff member works at
 * with the links her permissions allow, among them every link of the
 * place's page (struct place_link, declared by the modules). It writes
 * nothing: no store, no SQL.
 */
#include <string.h>

#include "core/time.h"
#include "edge/edge.h"
#include "edge/page.h"
#include "mod/council/council.h"
#include "mod/dashboard/dashboard.h"
#include "mod/evaluation/evaluation.h"
#include "mod/matter/matter_web.h"
#include "mod/open311/open311.h"
#include "mod/opinion/opinion.h"
#include "mod/people/people.h"
#include "mod/place/place_web.h"
#include "mod/vote/vote.h"

#define WAITS_MAX 5 /* of each kind on the home page */

static json_t *staff_desks(http_req *r, int full);

/* ---- what waits for me ---- */

static json_t *waiting_votes(http_req *r)
{
    struct st_vote *vs;
    int n = 0;
    json_t *arr = json_array();
    if (vote_waiting(page_dc(r), WAITS_MAX, &vs, &n) != 0)
        return arr;
    for (int i = 0; i < n; i++) {
        json_t *o = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)vs[i].id, "title", vs[i].title, "place",
                              vs[i].place_name ? vs[i].place_name : "");
        if (vs[i].closes_at)
            time_json_pair(o, "closes_at", vs[i].closes_at);
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *open_calls(http_req *r)
{
    struct st_call *cl;
    int n = 0, total = 0, have = 0;
    json_t *arr = json_array();
    if (opinion_calls(page_dc(r), 50, 0, &cl, &n, &total) != 0)
        return arr;
    for (int i = 0; i < n && have < WAITS_MAX; i++) {
        if (!opinion_call_is_open(page_dc(r), &cl[i]) || !opinion_call_in_audience(page_dc(r), &cl[i]))
            continue;
        json_t *o = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)cl[i].id, "title", cl[i].title, "place",
                              cl[i].place_name ? cl[i].place_name : "");
        time_json_pair(o, "deadline_at", cl[i].deadline);
        json_array_append_new(arr, o);
        have++;
    }
    return arr;
}

static json_t *next_meetings(http_req *r)
{
    struct st_meeting *ms;
    int n = 0;
    json_t *arr = json_array();
    if (meeting_upcoming(page_dc(r), 3, &ms, &n) != 0)
        return arr;
    for (int i = 0; i < n; i++) {
        json_t *o = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)ms[i].id, "council", ms[i].council_name,
                              "place", ms[i].place_name ? ms[i].place_name : "", "location",
                              ms[i].location ? ms[i].location : "");
        time_json_pair(o, "start_at", ms[i].start_at);
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *replies(http_req *r)
{
    struct st_notification *ns;
    int n = 0;
    json_t *arr = json_array();
    if (notify_recent(page_dc(r), "comment_reply", 3, &ns, &n) != 0)
        return arr;
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:b}", "text",
                                             notify_text(r->a, edge_req(r)->lang, &ns[i]), "title",
                                             ns[i].title ? ns[i].title : "", "url",
                                             arena_printf(r->a, "/notifications/%lld", (long long)ns[i].id), "unread",
                                             ns[i].read_at == 0));
    return arr;
}

/* What waits for the reader, first on her home page; "waits_none" when nothing does. */
static void waits(http_req *r, json_t *c)
{
    json_t *parts[4] = {waiting_votes(r), open_calls(r), next_meetings(r), replies(r)};
    static const char *const keys[4] = {"wait_votes", "wait_calls", "wait_meetings", "wait_replies"};
    size_t total = 0;
    for (int i = 0; i < 4; i++) {
        total += json_array_size(parts[i]);
        json_object_set_new(c, arena_printf(r->a, "has_%s", keys[i]), json_boolean(json_array_size(parts[i]) > 0));
        json_object_set_new(c, keys[i], parts[i]);
    }
    json_object_set_new(c, "waits_none", json_boolean(total == 0));
}

static int home(http_req *r)
{
    struct edge_req *ar = edge_req(r);
    if (ar->actor == NULL)
        return page_render(r, 200, "home_anon", page_ctx(r, "home"));
    json_t *c = page_ctx(r, "home");
    json_object_set_new(c, "has_roles", json_boolean(ar->actor->nroles > 0));
    if (ar->actor->nroles > 0)
        waits(r, c);
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
        json_object_set_new(c, "desks", staff_desks(r, 0));
    if (home != NULL && perm_allows(ar->actor, &open311_act_manage, home->place_path))
        json_object_set_new(c, "may_open311", json_true());
    if (home != NULL && perm_allows(ar->actor, &evaluation_act_manage, home->place_path))
        json_object_set_new(c, "may_evaluate", json_true());
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
    json_object_set_new(o, "dashboard", json_boolean(perm_allows(ac, &dashboard_act_view, p->path)));
    return o;
}

/* A desk with its queues: claims to decide, matters to accept, objections
 * to answer; full (the desk page): with every link of the place's page
 * the reader may follow, which modules declare (struct place_link). */
static json_t *desk_queues(http_req *r, const struct st_place *p, int full)
{
    json_t *o = desk(r, p);
    if (full)
        json_object_set_new(o, "links", place_web_links(r, p));
    struct st_claim *cl;
    struct st_matter *ms;
    int n = 0, claims = 0, accept = 0, objections = 0;
    if (json_is_true(json_object_get(o, "claims")))
        people_claims(page_dc(r), p->id, "pending", 1, 0, &cl, &n, &claims);
    struct matter_query q = {.place_id = p->id, .stage = "collecting", .limit = 1};
    if (matter_list(page_dc(r), &q, &ms, &n, &accept) != 0)
        accept = 0;
    if (matter_objections_waiting(page_dc(r), p->id, &objections) != 0)
        objections = 0;
    json_object_set_new(o, "queue_claims", json_integer(claims));
    json_object_set_new(o, "queue_accept", json_integer(accept));
    json_object_set_new(o, "queue_objections", json_integer(objections));
    json_object_set_new(o, "queue_empty", json_boolean(claims + accept + objections == 0));
    return o;
}

/* The places a staff actor works at: a grid worker's grids, community staff's
 * community, a street admin's communities. */
static json_t *staff_desks(http_req *r, int full)
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
            json_array_append_new(arr, desk_queues(r, &p, full));
        } else if (place_children(page_dc(r), &p, 100, 0, &kids, &n, &total) == 0) {
            for (int k = 0; k < n; k++)
                if (strcmp(kids[k].kind, "community") == 0)
                    json_array_append_new(arr, desk_queues(r, &kids[k], full));
        }
    }
    return arr;
}

static int staff(http_req *r)
{
    json_t *c = page_ctx(r, "staff_desk");
    const struct actor *ac = edge_req(r)->actor;
    json_object_set_new(c, "desks", staff_desks(r, 1));
    for (int i = 0; ac && i < ac->nroles; i++) /* a street's staff: the street's dashboard, comparing its communities */
        if (strcmp(ac->roles[i].place_kind, "street") == 0 && perm_allows(ac, &dashboard_act_view, ac->roles[i].place_path))
            json_object_set_new(c, "street_dashboard", json_pack("{s:I, s:s}", "id", (json_int_t)ac->roles[i].place_id,
                                                                 "name", ac->roles[i].place_name));
    return page_render(r, 200, "staff", c);
}

static const struct http_route routes[] = {
    {"GET", "/", home, 0, 0, NULL},
    {"GET", "/staff", staff, HTTP_AUTH | HTTP_STAFF, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
static const struct http_route *const tables[] = {routes, NULL};

const struct module home_module = {.name = "home", .dir = "mod/home", .routes = tables};
