/*
 * The HTML pages. Each handler reads its input, calls the domain (which
 * checks permission), builds a JSON context from the domain's views and
 * renders a compiled-in template, escaped by default. State changes are
 * POST-only with a CSRF token (enforced by the route table) and answer with
 * 303 redirects, so a reload never repeats them.
 */
#include <string.h>

#include "edge/edge.h"
#include "core/embed.h"
#include "core/log.h"
#include "core/qr.h"
#include "core/tmpl.h"
#include "domain/opinion.h"
#include "web/web.h"

static void label_matter(http_req *r, json_t *m)
{
    json_object_set_new(m, "stage_label", json_string(page_tr(r, "stage_", json_string_value(json_object_get(m, "stage")))));
    json_object_set_new(m, "category_label",
                        json_string(page_tr(r, "category_", json_string_value(json_object_get(m, "category")))));
}

static json_t *matter_items(http_req *r, const struct st_matter *ms, int n)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        json_t *m = view_matter(page_dc(r), &ms[i], 0);
        label_matter(r, m);
        json_array_append_new(arr, m);
    }
    return arr;
}

/* ---- home, sign-in, preferences ---- */

static json_t *staff_desks(http_req *r);

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
        json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "role_label", page_tr(r, "role_", hs[i].role), "person",
                                             hs[i].person_name, "primary", hs[i].is_primary));
    }
    return arr;
}

static json_t *line_json(http_req *r, const struct st_place *p, int with_holders)
{
    struct st_place *line;
    int n = 0;
    json_t *arr = json_array();
    if (place_line(page_dc(r), p, &line, &n) != 0)
        return arr;
    for (int i = n - 1; i >= 0; i--) {
        if (strcmp(line[i].kind, "district") == 0)
            continue;
        json_t *o = view_place(page_dc(r), &line[i]);
        json_object_set_new(o, "kind_label", json_string(page_tr(r, "kind_", line[i].kind)));
        if (with_holders)
            json_object_set_new(o, "holders", holders_json(r, &line[i]));
        json_array_append_new(arr, o);
    }
    return arr;
}

int web_home(http_req *r)
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
            json_object_set_new(c, "homes", json_pack("{s:o}", "line", line_json(r, &p, 1)));
    }
    struct st_matter *ms;
    int nm = 0, total = 0;
    struct matter_query q = {.limit = 5, .open_only = 1};
    if (ar->actor->is_staff)
        json_object_set_new(c, "desks", staff_desks(r));
    if (ar->actor->nroles > 0 && matter_list(page_dc(r), &q, &ms, &nm, &total) == 0)
        json_object_set_new(c, "matters", matter_items(r, ms, nm));
    struct matter_query fq = {.followed = 1, .limit = 10};
    if (ar->actor->nroles > 0 && matter_list(page_dc(r), &fq, &ms, &nm, &total) == 0) {
        json_object_set_new(c, "followed", matter_items(r, ms, nm));
        json_object_set_new(c, "has_followed", json_boolean(nm > 0));
    }
    return page_render(r, 200, "home", c);
}

/* ---- matters ---- */

int web_matters(http_req *r)
{
    static const char *const keys[] = {"place", "stage", "category", "q", "followed", NULL};
    int bad = 0;
    const char *stage = edge_query(r, "stage"), *cat = edge_query(r, "category"), *qs = edge_query(r, "q");
    int page = (int)edge_int(edge_query(r, "page"), 1, 1, 100000, &bad);
    struct matter_query q = {
        .place_id = edge_int(edge_query(r, "place"), 0, 1, INT64_MAX / 2, &bad),
        .stage = stage && *stage ? stage : NULL,
        .category = cat && *cat ? cat : NULL,
        .q = qs && *qs ? qs : NULL,
        .followed = edge_query(r, "followed") != NULL,
        .limit = LIST_LIMIT_DEFAULT,
        .offset = (page - 1) * LIST_LIMIT_DEFAULT,
    };
    if (bad)
        return edge_error(r, 400, "bad_query", NULL), 0;
    struct st_matter *ms;
    int n = 0, total = 0;
    int rc = matter_list(page_dc(r), &q, &ms, &n, &total);
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "nav_matters");
    json_object_set_new(c, "matters", matter_items(r, ms, n));
    json_object_set_new(c, "stages", page_options(r, matter_stages(), "stage_", q.stage));
    json_object_set_new(c, "categories", page_options(r, matter_categories(), "category_", q.category));
    json_object_set_new(c, "total", json_integer(total));
    json_object_set_new(c, "followed", json_boolean(q.followed));
    if (q.q)
        json_object_set_new(c, "q", json_string(q.q));
    if (q.place_id) {
        struct st_place p;
        json_object_set_new(c, "place_id", json_integer(q.place_id));
        if (place_get(page_dc(r), q.place_id, &p) == 0)
            json_object_set_new(c, "scope", json_string(p.name));
    }
    page_pager(r, c, "/matters", keys, page, LIST_LIMIT_DEFAULT, total);
    return page_render(r, 200, "matters", c);
}

/* The places an actor may propose at: building, grid and community on each
 * of their roles' lines. */
static json_t *proposal_places(http_req *r, int64_t selected)
{
    struct edge_req *ar = edge_req(r);
    json_t *arr = json_array();
    int64_t seen[64];
    int nseen = 0;
    for (int i = 0; i < ar->actor->nroles; i++) {
        struct st_place p, *line;
        int n = 0;
        if (place_get(page_dc(r), ar->actor->roles[i].place_id, &p) || place_line(page_dc(r), &p, &line, &n))
            continue;
        for (int k = n - 1; k >= 0; k--) {
            const char *kind = line[k].kind;
            if (strcmp(kind, "building") && strcmp(kind, "grid") && strcmp(kind, "community"))
                continue;
            int dup = 0;
            for (int j = 0; j < nseen; j++)
                dup |= seen[j] == line[k].id;
            if (dup || nseen == 64)
                continue;
            seen[nseen++] = line[k].id;
            json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)line[k].id, "name",
                                                 line[k].name, "kind_label", page_tr(r, "kind_", kind), "selected",
                                                 selected == line[k].id));
        }
    }
    return arr;
}

static int matter_form(http_req *r, int status, const char *error)
{
    int bad = 0;
    json_t *c = page_ctx(r, "propose_matter");
    const char *pl = page_field(r, "place_id");
    int64_t sel = edge_int(pl ? pl : edge_query(r, "place"), 0, 1, INT64_MAX / 2, &bad);
    json_object_set_new(c, "places", proposal_places(r, sel));
    json_object_set_new(c, "categories", page_options(r, matter_categories(), "category_", page_field(r, "category")));
    const char *v;
    if ((v = page_field(r, "title")))
        json_object_set_new(c, "title_value", json_string(v));
    if ((v = page_field(r, "body")))
        json_object_set_new(c, "body", json_string(v));
    if (error)
        json_object_set_new(c, "error", json_string(error));
    return page_render(r, status, "matter_new", c);
}

int web_matter_new(http_req *r)
{
    return matter_form(r, 200, NULL);
}

int web_matter_create(http_req *r)
{
    int bad = 0;
    struct matter_new in = {
        .place_id = edge_int(page_field(r, "place_id"), 0, 1, INT64_MAX / 2, &bad),
        .category = page_field(r, "category"),
        .title = page_field(r, "title"),
        .body = page_field(r, "body"),
    };
    int64_t id;
    int rc = matter_create(page_dc(r), &in, &id);
    if (rc == WG_EINVAL)
        return matter_form(r, 422, edge_t(r, page_dc(r)->code));
    if (rc)
        return edge_fail(r, rc);
    return http_redirect(r, arena_printf(r->a, "/matters/%lld", (long long)id));
}

static json_t *phases_json(http_req *r, const char *stage)
{
    static const char *const phases[] = {"plan", "build", "manage", "evaluate", "share"};
    const char *cur = matter_phase(stage);
    int ci = -1;
    for (int i = 0; i < 5; i++)
        if (strcmp(phases[i], cur) == 0)
            ci = i;
    json_t *arr = json_array();
    for (int i = 0; i < 5; i++)
        json_array_append_new(arr, json_pack("{s:s, s:b, s:b}", "label", page_tr(r, "phase_", phases[i]), "done",
                                             ci >= 0 && i < ci, "current", i == ci));
    return arr;
}

int web_matter(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_matter m;
    int rc = id ? matter_get(page_dc(r), id, &m) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    struct st_event *ev;
    int nev = 0, following = 0;
    if ((rc = matter_timeline(page_dc(r), id, &ev, &nev)) || (rc = matter_is_following(page_dc(r), id, &following)))
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "matter");
    json_object_set_new(c, "title", json_string(m.title));
    json_t *mj = view_matter(page_dc(r), &m, 1);
    label_matter(r, mj);
    json_object_set_new(c, "matter", mj);
    json_object_set_new(c, "matter_id", json_integer(id));
    json_object_set_new(c, "comments_base", json_string(arena_printf(r->a, "/matters/%lld", (long long)id)));
    if (m.merged_into)
        json_object_set_new(c, "merged_into", json_integer(m.merged_into));
    json_object_set_new(c, "following", json_boolean(following));
    /* calls for opinions: the call this matter came from, if any */
    struct st_opinion from_op;
    struct st_call from_call;
    if (opinion_of_matter(page_dc(r), id, &from_op, &from_call) == 0)
        json_object_set_new(c, "from_call", json_pack("{s:I, s:s, s:I}", "id", (json_int_t)from_call.id, "title",
                                                      from_call.title, "opinion_id", (json_int_t)from_op.id));
    json_object_set_new(c, "phases", phases_json(r, m.stage));
    json_t *tl = json_array();
    for (int i = 0; i < nev; i++) {
        json_t *e = view_event(page_dc(r), &ev[i]);
        const char *text = ev[i].from_stage
                               ? arena_printf(r->a, "%s → %s", page_tr(r, "stage_", ev[i].from_stage),
                                              page_tr(r, "stage_", ev[i].to_stage))
                               : edge_t(r, "event_created");
        json_object_set_new(e, "text", json_string(text));
        json_array_append_new(tl, e);
    }
    json_object_set_new(c, "timeline", tl);
    const struct transition *ts[16];
    int nt = 0;
    matter_transitions_for(page_dc(r), &m, ts, 16, &nt);
    json_t *tj = json_array();
    for (int i = 0; i < nt; i++)
        json_array_append_new(tj, json_pack("{s:s, s:s, s:b, s:b, s:b}", "to", ts[i]->to, "label",
                                            page_tr(r, "to_", ts[i]->to), "reason_required", ts[i]->reason_required,
                                            "is_merge", strcmp(ts[i]->to, "merged") == 0, "danger",
                                            strcmp(matter_phase(ts[i]->to), "closed") == 0));
    json_object_set_new(c, "transitions", tj);
    json_object_set_new(c, "has_transitions", json_boolean(nt > 0));
    struct st_objection *obs;
    int nob = 0;
    if ((rc = matter_objections(page_dc(r), id, &obs, &nob))) {
        json_decref(c);
        return edge_fail(r, rc);
    }
    int may_answer = objection_may_answer(page_dc(r), &m);
    json_t *oj = json_array();
    for (int i = 0; i < nob; i++) {
        json_t *o = view_objection(page_dc(r), &obs[i]);
        json_object_set_new(o, "open", json_boolean(obs[i].upheld < 0));
        json_object_set_new(o, "may_answer", json_boolean(may_answer && obs[i].upheld < 0));
        json_object_set_new(o, "is_upheld", json_boolean(obs[i].upheld == 1));
        json_array_append_new(oj, o);
    }
    struct st_comment *cs;
    int ncs = 0;
    if ((rc = comment_list(page_dc(r), id, &cs, &ncs))) {
        json_decref(c);
        json_decref(oj);
        return edge_fail(r, rc);
    }
    int mod = comment_may_moderate(page_dc(r), &m);
    json_t *cj = json_array();
    for (int i = 0; i < ncs; i++) {
        json_t *o = view_comment(page_dc(r), &cs[i], mod);
        json_object_set_new(o, "is_hidden", json_boolean(strcmp(cs[i].status, "hidden") == 0));
        json_object_set_new(o, "is_pending", json_boolean(strcmp(cs[i].status, "pending") == 0));
        json_object_set_new(o, "may_reply", json_boolean(strcmp(cs[i].status, "visible") == 0 && cs[i].depth < COMMENT_DEPTH_MAX));
        json_object_set_new(o, "moderator", json_boolean(mod));
        json_array_append_new(cj, o);
    }
    json_object_set_new(c, "comments", cj);
    struct support_state sup;
    if ((rc = matter_support_state(page_dc(r), &m, &sup))) {
        json_decref(c);
        json_decref(oj);
        return edge_fail(r, rc);
    }
    json_object_set_new(c, "votes", web_matter_votes(r, id)); /* votes */
    json_object_set_new(c, "collecting", json_boolean(strcmp(m.stage, "collecting") == 0));
    json_object_set_new(c, "support", json_pack("{s:i, s:i, s:b}", "households", sup.households, "needed", sup.needed,
                                                "mine", sup.mine));
    int in_notice = strcmp(m.stage, "notice") == 0;
    json_object_set_new(c, "objections", oj);
    json_object_set_new(c, "has_objections", json_boolean(nob > 0));
    json_object_set_new(c, "in_notice", json_boolean(in_notice));
    json_object_set_new(c, "may_object", json_boolean(in_notice && (!m.notice_until || page_dc(r)->now < m.notice_until)));
    return page_render(r, 200, "matter", c);
}

int web_matter_follow(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *f = page_field(r, "follow");
    if (f == NULL || (strcmp(f, "1") && strcmp(f, "0")))
        return edge_error(r, 422, "follow_invalid", NULL), 0;
    int rc = id ? matter_follow(page_dc(r), id, f[0] == '1') : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return http_redirect(r, arena_printf(r->a, "/matters/%lld", (long long)id));
}

int web_matter_transition(http_req *r)
{
    int bad = 0;
    int64_t id = http_param_id(r, "id");
    int64_t into = edge_int(page_field(r, "merge_into"), 0, 1, INT64_MAX / 2, &bad);
    if (bad)
        return edge_error(r, 422, "merge_target_invalid", NULL), 0;
    int rc = id ? matter_transition(page_dc(r), id, page_field(r, "to"), page_field(r, "reason"), into) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return http_redirect(r, arena_printf(r->a, "/matters/%lld", (long long)id));
}

int web_objection_create(http_req *r)
{
    int64_t id = http_param_id(r, "id"), oid = 0;
    int rc = id ? objection_file(page_dc(r), id, page_field(r, "body"), &oid) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return http_redirect(r, arena_printf(r->a, "/matters/%lld?done=1", (long long)id));
}

int web_objection_answer(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *u = page_field(r, "upheld");
    if (u == NULL || (strcmp(u, "1") && strcmp(u, "0")))
        return edge_error(r, 422, "upheld_invalid", NULL), 0;
    struct st_objection o;
    int rc = id ? objection_answer(page_dc(r), id, page_field(r, "answer"), u[0] == '1') : WG_ENOTFOUND;
    if (rc == 0)
        rc = store_objection_get(page_dc(r)->st, r->a, id, &o);
    if (rc)
        return edge_fail(r, rc);
    return http_redirect(r, arena_printf(r->a, "/matters/%lld?done=1", (long long)o.matter_id));
}

int web_matter_support(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct support_state sup;
    int rc = id ? matter_support(page_dc(r), id, &sup) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return http_redirect(r, arena_printf(r->a, "/matters/%lld?done=1", (long long)id));
}

/* ---- comments ---- */

int web_comment_create(http_req *r)
{
    int bad = 0;
    int64_t id = http_param_id(r, "id"), cid = 0;
    int64_t parent = edge_int(page_field(r, "parent_id"), 0, 1, INT64_MAX / 2, &bad);
    const char *status = NULL;
    if (bad)
        return edge_error(r, 422, "parent_invalid", NULL), 0;
    int rc = id ? comment_post(page_dc(r), id, parent, page_field(r, "body"), &cid, &status) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return http_redirect(r, arena_printf(r->a, "/matters/%lld?done=1#comment-%lld", (long long)id, (long long)cid));
}

/* After a report or a moderation: back to the comment's matter. */
static int back_to_comment(http_req *r, int64_t comment_id)
{
    struct st_comment cm;
    int rc = store_comment_get(page_dc(r)->st, r->a, comment_id, &cm);
    if (rc)
        return edge_fail(r, rc);
    if (cm.matter_id == 0) /* calls for opinions: a comment on an opinion */
        return http_redirect(r, arena_printf(r->a, "/opinions/%lld?done=1#comment-%lld", (long long)cm.opinion_id,
                                             (long long)comment_id));
    return http_redirect(r, arena_printf(r->a, "/matters/%lld?done=1#comment-%lld", (long long)cm.matter_id,
                                         (long long)comment_id));
}

int web_comment_report(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? comment_report(page_dc(r), id, page_field(r, "reason")) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : back_to_comment(r, id);
}

int web_comment_moderate(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? comment_moderate(page_dc(r), id, page_field(r, "action"), page_field(r, "reason")) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : back_to_comment(r, id);
}

/* ---- places ---- */


/* ---- staff desk ---- */

/* One desk entry: a place a staff actor works at, with the links its
 * permissions allow (so no link leads to a 403). */
static json_t *desk(http_req *r, const struct st_place *p)
{
    const struct actor *ac = edge_req(r)->actor;
    int community = strcmp(p->kind, "community") == 0;
    json_t *o = view_place(page_dc(r), p);
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

int web_staff(http_req *r)
{
    json_t *c = page_ctx(r, "staff_desk");
    json_object_set_new(c, "desks", staff_desks(r));
    return page_render(r, 200, "staff", c);
}


/* ---- static assets ---- */

