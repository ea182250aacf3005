/*
 * The pages of matters: the list with its filters, proposing one, the
 * matter's page (its five co's, support, public notice and objections, the
 * next steps, the panels of later modules and the timeline), and the forms
 * that follow, move, support, object and answer.
 */
#include "mod/matter/matter_web.h"

#include <string.h>

#include "edge/export.h"
#include "edge/page.h"

static void label(http_req *r, json_t *m)
{
    json_object_set_new(m, "stage_label",
                        json_string(page_tr(r, "stage_", json_string_value(json_object_get(m, "stage")))));
    json_object_set_new(m, "category_label",
                        json_string(page_tr(r, "category_", json_string_value(json_object_get(m, "category")))));
}

json_t *matter_web_items(http_req *r, const struct st_matter *ms, int n)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        json_t *m = matter_view(page_dc(r), &ms[i], 0);
        label(r, m);
        json_array_append_new(arr, m);
    }
    return arr;
}

static int list_page(http_req *r)
{
    static const char *const keys[] = {"place", "stage", "category", "q", "followed", NULL};
    int bad = 0;
    const char *stage = edge_query(r, "stage"), *cat = edge_query(r, "category"), *qs = edge_query(r, "q");
    int page = (int)edge_int(edge_query(r, "page"), 1, 1, 100000, &bad);
    struct matter_query q = {
        .place_id = page_int_id(edge_query(r, "place"), &bad),
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
    json_object_set_new(c, "matters", matter_web_items(r, ms, n));
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
    static const char *const keep[] = {"place_id", "place", "stage", "stage", "category", "category", "q", "q", NULL};
    export_links(r, c, q.followed ? "/api/v1/matters?followed=true" : "/api/v1/matters", keep);
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
    int64_t sel = page_int_id(pl ? pl : edge_query(r, "place"), &bad);
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

static int new_page(http_req *r)
{
    return matter_form(r, 200, NULL);
}

static int create(http_req *r)
{
    int bad = 0;
    struct matter_new in = {
        .place_id = page_int_id(page_field(r, "place_id"), &bad),
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
    return page_done(r, arena_printf(r->a, "/matters/%lld", (long long)id), "flash_matter_proposed");
}

/* ---- the matter's page ---- */

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

static json_t *timeline_json(http_req *r, const struct matter_detail *d)
{
    json_t *tl = json_array();
    for (int i = 0; i < d->nevents; i++) {
        const struct st_event *ev = &d->events[i];
        json_t *e = matter_view_event(page_dc(r), ev);
        const char *text = ev->from_stage ? arena_printf(r->a, "%s → %s", page_tr(r, "stage_", ev->from_stage),
                                                         page_tr(r, "stage_", ev->to_stage))
                                          : edge_t(r, "event_created");
        json_object_set_new(e, "text", json_string(text));
        json_array_append_new(tl, e);
    }
    return tl;
}

static json_t *moves_json(http_req *r, const struct matter_detail *d)
{
    json_t *tj = json_array();
    for (int i = 0; i < d->nmoves; i++) {
        const struct matter_transition *t = d->moves[i];
        json_array_append_new(tj, json_pack("{s:s, s:s, s:b, s:b, s:b}", "to", t->to, "label", page_tr(r, "to_", t->to),
                                            "reason_required", t->reason_required, "is_merge",
                                            strcmp(t->to, "merged") == 0, "danger",
                                            strcmp(matter_phase(t->to), "closed") == 0));
    }
    return tj;
}

static json_t *objections_json(http_req *r, const struct matter_detail *d)
{
    json_t *oj = json_array();
    for (int i = 0; i < d->nobjections; i++) {
        const struct st_objection *ob = &d->objections[i];
        json_t *o = matter_view_objection(page_dc(r), ob);
        json_object_set_new(o, "open", json_boolean(ob->upheld < 0));
        json_object_set_new(o, "may_answer", json_boolean(d->may_answer && ob->upheld < 0));
        json_object_set_new(o, "is_upheld", json_boolean(ob->upheld == 1));
        json_array_append_new(oj, o);
    }
    return oj;
}

/* Each later module's panel, rendered into its slot. */
static void panels_json(http_req *r, const struct matter_detail *d, json_t *c, json_t *mj)
{
    static const char *const slots[] = {"panels_head", "panels_main", "panels_foot"};
    json_t *by_slot[3] = {json_array(), json_array(), json_array()};
    for (int i = 0; i < d->npanels; i++) {
        const struct matter_page_ext *pe = d->panels[i].ext->page;
        if (pe == NULL)
            continue;
        json_t *data = d->panels[i].data;
        if (pe->decorate)
            pe->decorate(r, data);
        json_object_set_new(data, "csrf", json_string(edge_req(r)->csrf));
        json_object_set(data, "matter", mj);
        json_t *panel = page_panel(r, pe->template, data);
        json_object_del(data, "matter"); /* no cycle, no second owner */
        if (panel)
            json_array_append_new(by_slot[pe->slot], panel);
    }
    for (int s = 0; s < 3; s++)
        json_object_set_new(c, slots[s], by_slot[s]);
}

static int matter_page(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct matter_detail d = {.npanels = 0};
    int rc = id ? matter_detail(page_dc(r), id, 0, &d) : WG_ENOTFOUND;
    if (rc) {
        matter_detail_free(&d);
        return edge_fail(r, rc);
    }
    const struct st_matter *m = &d.m;
    json_t *c = page_ctx_title(r, m->title);
    json_t *mj = matter_view(page_dc(r), m, 1);
    label(r, mj);
    json_object_set_new(c, "matter", mj);
    json_object_set_new(c, "matter_id", json_integer(id));
    if (m->merged_into)
        json_object_set_new(c, "merged_into", json_integer(m->merged_into));
    json_object_set_new(c, "following", json_boolean(d.following));
    json_object_set_new(c, "phases", phases_json(r, m->stage));
    json_object_set_new(c, "timeline", timeline_json(r, &d));
    /* the author alone may only withdraw: a quiet option, not a step she must take */
    int author_only = d.nmoves == 1 && strcmp(d.moves[0]->to, "withdrawn") == 0;
    int has_merge = 0;
    for (int i = 0; i < d.nmoves; i++)
        has_merge |= strcmp(d.moves[i]->to, "merged") == 0;
    json_object_set_new(c, "transitions", moves_json(r, &d));
    json_object_set_new(c, "author_withdraw", json_boolean(author_only));
    json_object_set_new(c, "stage_change", json_boolean(d.nmoves > 0 && !author_only));
    json_object_set_new(c, "has_merge", json_boolean(has_merge));
    json_object_set_new(c, "collecting", json_boolean(strcmp(m->stage, "collecting") == 0));
    json_object_set_new(c, "support", json_pack("{s:i, s:i, s:b}", "households", d.support.households, "needed",
                                                d.support.needed, "mine", d.support.mine));
    json_object_set_new(c, "objections", objections_json(r, &d));
    json_object_set_new(c, "has_objections", json_boolean(d.nobjections > 0));
    json_object_set_new(c, "in_notice", json_boolean(strcmp(m->stage, "notice") == 0));
    json_object_set_new(c, "may_object", json_boolean(d.may_object));
    panels_json(r, &d, c, mj);
    matter_detail_free(&d);
    return page_render(r, 200, "matter", c);
}

/* ---- the forms of a matter's page ---- */

static int back(http_req *r, int64_t id, const char *flash)
{
    return page_done(r, arena_printf(r->a, "/matters/%lld", (long long)id), flash);
}

static int follow(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *f = page_field(r, "follow");
    if (f == NULL || (strcmp(f, "1") && strcmp(f, "0")))
        return edge_error(r, 422, "follow_invalid", NULL), 0;
    int rc = id ? matter_follow(page_dc(r), id, f[0] == '1') : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : back(r, id, f[0] == '1' ? "flash_followed" : "flash_unfollowed");
}

static int transition(http_req *r)
{
    int bad = 0;
    int64_t id = http_param_id(r, "id");
    int64_t into = page_int_id(page_field(r, "merge_into"), &bad);
    if (bad)
        return edge_error(r, 422, "merge_target_invalid", NULL), 0;
    int rc = id ? matter_transition(page_dc(r), id, page_field(r, "to"), page_field(r, "reason"), into) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : back(r, id, "flash_stage_changed");
}

static int object(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_objection o;
    int rc = id ? matter_object(page_dc(r), id, page_field(r, "body"), &o) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : back(r, id, "flash_objection_filed");
}

static int answer(http_req *r)
{
    int64_t id = http_param_id(r, "id"), matter_id = 0;
    const char *u = page_field(r, "upheld");
    if (u == NULL || (strcmp(u, "1") && strcmp(u, "0")))
        return edge_error(r, 422, "upheld_invalid", NULL), 0;
    int rc = id ? matter_answer(page_dc(r), id, page_field(r, "answer"), u[0] == '1', &matter_id) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : back(r, matter_id, "flash_answer_published");
}

static int support(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct matter_support sup;
    int rc = id ? matter_support(page_dc(r), id, &sup) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : back(r, id, "flash_supported");
}

const struct http_route matter_web_routes[] = {
    {"GET", "/matters", list_page, HTTP_AUTH, 0, NULL},
    {"GET", "/matters/new", new_page, HTTP_AUTH, 0, NULL},
    {"POST", "/matters", create, HTTP_AUTH | HTTP_CSRF, 128 * 1024, NULL},
    {"GET", "/matters/{id}", matter_page, HTTP_AUTH, 0, NULL},
    {"POST", "/matters/{id}/follow", follow, HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"POST", "/matters/{id}/transitions", transition, HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"POST", "/matters/{id}/objections", object, HTTP_AUTH | HTTP_CSRF, 16384, NULL},
    {"POST", "/objections/{id}/answer", answer, HTTP_AUTH | HTTP_CSRF, 16384, NULL},
    {"POST", "/matters/{id}/support", support, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
