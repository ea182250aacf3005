/*
 * Project pages: the community's projects (/projects), a new project
 * (/projects/new, from a matter with ?matter=ID), and a project's public
 * page (/projects/{id}) with its progress, tasks, milestones, money,
 * timeline and discussion, and the forms of those who run it.
 */
#include <stdlib.h>
#include <string.h>

#include "edge/export.h"
#include "edge/page.h"
#include "mod/comment/comment_web.h"
#include "mod/project/project.h"

static int list_page(http_req *r)
{
    struct st_project *ps = NULL;
    int n = 0;
    int64_t community = actor_community(page_dc(r)->actor);
    int rc = community > 0 ? project_list(page_dc(r), community, &ps, &n) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "projects_title"), *items = json_array();
    for (int i = 0; i < n; i++) { /* the list needs the progress, not the whole project */
        int permille = 0, done = 0, total = 0;
        if ((rc = project_progress_of(page_dc(r), ps[i].id, &permille, &done, &total))) {
            json_decref(items);
            json_decref(c);
            return edge_fail(r, rc);
        }
        json_t *d = project_json(page_dc(r), &ps[i]);
        json_object_set_new(d, "progress_percent", json_integer(permille / 10));
        json_object_set_new(d, "tasks_done", json_integer(done));
        json_object_set_new(d, "tasks_total", json_integer(total));
        json_array_append_new(items, d);
    }
    json_object_set_new(c, "projects", items);
    json_object_set_new(c, "community_id", json_integer(community));
    export_links(r, c, arena_printf(r->a, "/api/v1/projects?community=%lld", (long long)community), NULL);
    return page_render(r, 200, "projects", c);
}

static int new_page(http_req *r)
{
    int bad = 0;
    int64_t matter = page_int_id(edge_query(r, "matter"), &bad);
    struct st_matter m;
    if (bad)
        return edge_error(r, 400, "bad_query", NULL), 0;
    json_t *c = page_ctx(r, "project_new");
    if (matter > 0) {
        int rc = matter_get(page_dc(r), matter, &m);
        if (rc) {
            json_decref(c);
            return edge_fail(r, rc);
        }
        json_object_set_new(c, "matter", json_pack("{s:I, s:s}", "id", (json_int_t)m.id, "title", m.title));
        json_object_set_new(c, "title_value", json_string(m.title));
    }
    json_object_set_new(c, "place_id", json_integer(actor_community(page_dc(r)->actor)));
    return page_render(r, 200, "project_new", c);
}

/* A sum of yuan as typed ("800", "12.5", "12.50") into fen; -1 if not one. */
static int64_t fen_of(const char *s)
{
    int64_t y = 0, f = 0;
    int digits = 0, frac = -1;
    if (s == NULL)
        return -1;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (frac >= 0) {
                if (++frac > 2)
                    return -1;
                f = f * 10 + (*p - '0');
            } else if (++digits > 10) {
                return -1;
            } else {
                y = y * 10 + (*p - '0');
            }
        } else if (*p == '.' && frac < 0 && digits > 0) {
            frac = 0;
        } else {
            return -1;
        }
    }
    if (digits == 0)
        return -1;
    return y * 100 + (frac == 1 ? f * 10 : f);
}

static int create(http_req *r)
{
    int bad = 0;
    struct project_new in = {.title = page_field(r, "title"), .summary = page_field(r, "summary")};
    in.matter_id = page_int_id(page_field(r, "matter_id"), &bad);
    in.place_id = page_int_id(page_field(r, "place_id"), &bad);
    const char *budget = page_field(r, "budget");
    in.budget_fen = budget && *budget ? fen_of(budget) : 0;
    if (bad)
        return edge_error(r, 422, "place_required", NULL), 0;
    if (in.budget_fen < 0)
        return edge_error(r, 422, "project_budget_invalid", NULL), 0;
    int64_t id = 0;
    int rc = project_create(page_dc(r), &in, &id);
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/projects/%lld", (long long)id), "flash_project_created");
}

static void labels(http_req *r, json_t *d)
{
    json_t *t;
    size_t i;
    json_array_foreach(json_object_get(d, "tasks"), i, t) {
        const char *st = json_string_value(json_object_get(t, "state"));
        json_object_set_new(t, "state_label", json_string(page_tr(r, "task_state_", st)));
        json_object_set_new(t, "is_done", json_boolean(strcmp(st, "done") == 0));
    }
    json_array_foreach(json_object_get(json_object_get(d, "contributions"), "items"), i, t)
        json_object_set_new(t, "giver_label",
                            json_string(page_tr(r, "giver_", json_string_value(json_object_get(t, "giver_kind")))));
    json_array_foreach(json_object_get(d, "events"), i, t)
        json_object_set_new(t, "kind_label",
                            json_string(page_tr(r, "project_event_", json_string_value(json_object_get(t, "kind")))));
}

/* For staff: d.NAME_export, the links to the export of one of the
 * project's lists (the page holds three: tasks, money, contributions). */
static void part_links(http_req *r, json_t *d, int64_t id, const char *name)
{
    json_t *x = json_object();
    export_links(r, x, arena_printf(r->a, "/api/v1/projects/%lld/%s", (long long)id, name), NULL);
    json_t *e = json_object_get(x, "export");
    if (e)
        json_object_set(d, arena_printf(r->a, "%s_export", name), e);
    json_decref(x);
}

static int project_page(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct subject s;
    int rc = 0;
    json_t *d = id ? project_detail(page_dc(r), id, &rc) : NULL, *thread = NULL;
    if (d == NULL)
        return edge_fail(r, id ? rc : WG_ENOTFOUND);
    if ((rc = subject_resolve(page_dc(r), "project", id, &s)) == 0)
        thread = comment_web_thread(r, &s, &rc);
    if (rc) {
        json_decref(d);
        return edge_fail(r, rc);
    }
    labels(r, d);
    part_links(r, d, id, "tasks");
    part_links(r, d, id, "money");
    part_links(r, d, id, "contributions");
    json_t *c = page_ctx_title(r, json_string_value(json_object_get(d, "title")));
    json_object_set_new(c, "project", d);
    json_object_update(c, thread);
    json_decref(thread);
    return page_render(r, 200, "project", c);
}

static int task_add(http_req *r)
{
    int bad = 0;
    int64_t id = http_param_id(r, "id"), tid = 0;
    struct project_task_in in = {.title = page_field(r, "title"), .due_on = page_field(r, "due_on")};
    in.parent_id = page_int_id(page_field(r, "parent_id"), &bad);
    if (bad)
        return edge_error(r, 422, "task_parent_invalid", NULL), 0;
    in.title = in.title ? in.title : "";
    int rc = id ? project_task_add(page_dc(r), id, &in, &tid) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/projects/%lld#tasks", (long long)id), "flash_saved");
}

static int task_state(http_req *r)
{
    int64_t id = http_param_id(r, "id"), pid = 0;
    struct project_task_in in = {.state = page_field(r, "state")};
    if (in.state == NULL)
        return edge_error(r, 422, "task_state_invalid", NULL), 0;
    int rc = id ? project_task_update(page_dc(r), id, &in, &pid) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/projects/%lld#task-%lld", (long long)pid, (long long)id), "flash_saved");
}

static int milestone_add(http_req *r)
{
    int64_t id = http_param_id(r, "id"), mid = 0;
    int rc = id ? project_milestone_add(page_dc(r), id, page_field(r, "title"), page_field(r, "due_on"), &mid)
                : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/projects/%lld#milestones", (long long)id), "flash_saved");
}

static int milestone_reached(http_req *r)
{
    int64_t id = http_param_id(r, "id"), pid = 0;
    const char *on = page_field(r, "reached");
    int rc = id ? project_milestone_reach(page_dc(r), id, !(on && strcmp(on, "0") == 0), &pid) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/projects/%lld#milestones", (long long)pid), "flash_saved");
}

static int money_add(http_req *r)
{
    int64_t id = http_param_id(r, "id"), mid = 0, fen = fen_of(page_field(r, "amount"));
    if (fen < 0)
        return edge_error(r, 422, "money_amount_invalid", NULL), 0;
    int rc = id ? project_money_add(page_dc(r), id, page_field(r, "direction"), fen, page_field(r, "what"),
                                    page_field(r, "on_day"), &mid)
                : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/projects/%lld#money", (long long)id), "flash_saved");
}

/* Person-days as typed ("1", "0.5") into tenths; -1 if not one. */
static int64_t days10_of(const char *s)
{
    int64_t fen = fen_of(s);
    if (fen < 0 || fen % 10 != 0)
        return -1;
    return fen / 10;
}

static int contribution_add(http_req *r)
{
    int64_t id = http_param_id(r, "id"), kid = 0;
    const char *kind = page_field(r, "kind"), *amount = page_field(r, "amount");
    struct contribution_in in = {.kind = kind, .giver_kind = page_field(r, "giver_kind"), .giver = page_field(r, "giver"),
                                 .what = page_field(r, "what"), .received_on = page_field(r, "received_on")};
    if (kind && strcmp(kind, "money") == 0 && (in.amount_fen = fen_of(amount)) < 0)
        return edge_error(r, 422, "money_amount_invalid", NULL), 0;
    if (kind && strcmp(kind, "labour") == 0 && (in.person_days10 = days10_of(amount)) < 0)
        return edge_error(r, 422, "contribution_days_invalid", NULL), 0;
    int rc = id ? project_contribution_add(page_dc(r), id, &in, &kid) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/projects/%lld#contributions", (long long)id), "flash_saved");
}

static int comment_create(http_req *r) { return comment_web_post(r, "project"); }

const struct http_route project_web_routes[] = {
    {"GET", "/projects", list_page, HTTP_AUTH, 0, NULL},
    {"GET", "/projects/new", new_page, HTTP_AUTH | HTTP_STAFF, 0, NULL},
    {"POST", "/projects", create, HTTP_AUTH | HTTP_CSRF, 32768, NULL},
    {"GET", "/projects/{id}", project_page, HTTP_AUTH, 0, NULL},
    {"POST", "/projects/{id}/tasks", task_add, HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"POST", "/tasks/{id}/state", task_state, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/projects/{id}/milestones", milestone_add, HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"POST", "/milestones/{id}/reached", milestone_reached, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/projects/{id}/money", money_add, HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"POST", "/projects/{id}/contributions", contribution_add, HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"POST", "/projects/{id}/comments", comment_create, HTTP_AUTH | HTTP_CSRF, 16384, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
