/*
 * Pages of reports upward:
 *   /upward                      the street's templates: for community staff the form that fills
 *                                one for a period; for the street's staff the form that designs one
 *   /upward/templates/{id}       every community's report side by side for a period (export links)
 *   /upward/reports/{id}         a filled report: each figure with its breakdown; review, submit, return
 */
#include <stdio.h>
#include <string.h>

#include "core/time.h"
#include "edge/export.h"
#include "edge/page.h"
#include "mod/dashboard/dashboard.h"
#include "mod/place/place.h"
#include "mod/upward/upward_int.h"

#define DESIGN_ROWS 8 /* blank item rows of the design form */

const char *upward_period_or_default(http_req *r, int64_t template_id)
{
    const char *p = edge_query(r, "period");
    struct st_upward_template t;
    if (p && p[0])
        return p;
    int64_t y;
    int m, d;
    time_civil_from_days(time_local_day(page_dc(r)->now), &y, &m, &d);
    if (upward_template_get(page_dc(r), template_id, &t) != 0 || strcmp(t.period_kind, "month") == 0)
        return m == 1 ? arena_printf(r->a, "%lld-12", (long long)y - 1) : arena_printf(r->a, "%lld-%02d", (long long)y, m - 1);
    if (strcmp(t.period_kind, "year") == 0)
        return arena_printf(r->a, "%lld", (long long)y - 1);
    int q = (m - 1) / 3; /* the quarter before this one: 0 is last year's fourth */
    return q == 0 ? arena_printf(r->a, "%lld-Q4", (long long)y - 1) : arena_printf(r->a, "%lld-Q%d", (long long)y, q);
}

/* ---- the side-by-side table as a sheet ---- */

struct compare_state {
    int64_t id;
    const char *period;
};

static int compare_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    const struct compare_state *st = ud;
    int rc = 0;
    size_t i, k;
    json_t *row, *v, *o = upward_compare(c, st->id, st->period, &rc);
    *more = 0;
    json_array_foreach(json_object_get(o, "communities"), i, row) {
        json_t *rep = json_object_get(row, "report");
        sheet_text(sh, json_string_value(json_object_get(json_object_get(row, "community"), "name")));
        sheet_text(sh, export_tr(r, "upward_state_", json_is_object(rep) ? json_string_value(json_object_get(rep, "state"))
                                                                          : "none"));
        json_array_foreach(json_object_get(row, "numbers"), k, v) {
            if (json_is_number(v))
                sheet_num(sh, json_number_value(v));
            else
                sheet_blank(sh);
        }
        sheet_row_end(sh);
    }
    json_decref(o);
    return rc;
}

int upward_export_compare(http_req *r, enum sheet_format f, int64_t template_id, const char *period)
{
    struct st_upward_template t;
    int rc = upward_template_get(page_dc(r), template_id, &t);
    if (rc)
        return edge_fail(r, rc);
    /* the items' labels are the headers: a label that is no string key prints as itself */
    struct sheet_col *cols = arena_alloc(r->a, sizeof *cols * (size_t)(t.nitems + 2));
    cols[0] = (struct sheet_col){"upward_col_community", SHEET_TEXT, 14};
    cols[1] = (struct sheet_col){"upward_col_state", SHEET_TEXT, 8};
    for (int i = 0; i < t.nitems; i++)
        cols[i + 2] = (struct sheet_col){t.items[i].label, SHEET_DECIMAL, 12};
    struct export_list *l = arena_alloc(r->a, sizeof *l);
    *l = (struct export_list){"upward", "upward_title", cols, t.nitems + 2, compare_page};
    struct compare_state *st = arena_alloc(r->a, sizeof *st);
    *st = (struct compare_state){template_id, period};
    return export_send(r, f, l, st);
}

/* ---- pages ---- */

/* ?place=, else the actor's community, else her first role's place (the street's staff: the street). */
static int64_t place_of(http_req *r)
{
    int bad = 0;
    const struct actor *a = page_dc(r)->actor;
    int64_t id = page_int_id(edge_query(r, "place"), &bad);
    if (id > 0 && !bad)
        return id;
    id = actor_community(a);
    return id > 0 || a == NULL || a->nroles == 0 ? id : a->roles[0].place_id;
}

static int add_figure_option(const struct dashboard_figure *f, void *ud)
{
    json_array_append_new(ud, json_pack("{s:s}", "name", f->name));
    return 0;
}

/* The items' labels as one line: "户数、覆盖率" (the reader's list comma). */
static const char *joined_labels(http_req *r, json_t *items)
{
    const char *out = "", *sep = edge_t(r, "upward_list_sep");
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
        out = arena_printf(r->a, "%s%s%s", out, i ? sep : "", json_string_value(json_object_get(it, "label")));
    return out;
}

static int upward_page(http_req *r)
{
    struct st_upward_template *ts = NULL;
    int n = 0;
    int64_t place = place_of(r), community = actor_community(page_dc(r)->actor);
    int rc = upward_templates(page_dc(r), place, &ts, &n);
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "upward_title"), *items = json_array(), *figures = json_array(), *rows = json_array();
    int may_design = 0;
    for (int i = 0; i < n; i++) {
        json_t *t = upward_template_json(page_dc(r), &ts[i]);
        json_object_set_new(t, "period", json_string(upward_period_or_default(r, ts[i].id)));
        json_object_set_new(t, "kind_label", json_string(page_tr(r, "upward_kind_", ts[i].period_kind)));
        json_object_set_new(t, "items_joined", json_string(joined_labels(r, json_object_get(t, "items"))));
        may_design |= json_is_true(json_object_get(t, "may_design"));
        json_array_append_new(items, t);
    }
    dashboard_figure_each(add_figure_option, figures);
    size_t i;
    json_t *f;
    json_array_foreach(figures, i, f)
        json_object_set_new(f, "label", json_string(page_tr(r, "dash_fig_", json_string_value(json_object_get(f, "name")))));
    for (int k = 1; k <= DESIGN_ROWS; k++)
        json_array_append_new(rows, json_pack("{s:i, s:b, s:O}", "n", k, "first", k == 1, "figures", figures));
    json_decref(figures);
    json_object_set_new(c, "templates", items);
    json_object_set_new(c, "community_id", json_integer(community));
    json_object_set_new(c, "place_id", json_integer(place));
    struct st_place asked;
    if (!may_design && place_get(page_dc(r), place, &asked) == 0)
        may_design = perm_allows(page_dc(r)->actor, &upward_act_design, asked.path);
    json_object_set_new(c, "may_design", json_boolean(may_design));
    json_object_set_new(c, "rows", rows);
    return page_render(r, 200, "upward", c);
}

static int design(http_req *r)
{
    struct upward_item items[DESIGN_ROWS];
    int n = 0, bad = 0;
    int64_t id = 0, street = page_int_id(page_field(r, "street_id"), &bad);
    for (int k = 1; k <= DESIGN_ROWS; k++) {
        char f[3][24];
        snprintf(f[0], sizeof f[0], "label_%d", k);
        snprintf(f[1], sizeof f[1], "figure_%d", k);
        snprintf(f[2], sizeof f[2], "by_%d", k);
        const char *label = page_field(r, f[0]);
        if (label == NULL || label[strspn(label, " \t")] == '\0')
            continue;
        const char *by = page_field(r, f[2]);
        items[n] = (struct upward_item){.pos = n + 1, .label = label, .figure = page_field(r, f[1]), .by = by ? by : ""};
        n++;
    }
    int rc = upward_template_create(page_dc(r), street, page_field(r, "name"), page_field(r, "period_kind"), items, n, &id);
    return rc ? edge_fail(r, rc)
              : page_done(r, arena_printf(r->a, "/upward/templates/%lld", (long long)id), "flash_upward_designed");
}

static int compare_view(http_req *r)
{
    int rc = 0;
    int64_t id = http_param_id(r, "id");
    const char *period = upward_period_or_default(r, id);
    json_t *o = upward_compare(page_dc(r), id, period, &rc);
    if (o == NULL)
        return edge_fail(r, rc);
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(o, "communities"), i, row) {
        json_t *rep = json_object_get(row, "report");
        json_object_set_new(row, "state_label",
                            json_string(page_tr(r, "upward_state_", json_is_object(rep)
                                                                         ? json_string_value(json_object_get(rep, "state"))
                                                                         : "none")));
        json_t *cells = json_array(), *v;
        size_t k;
        json_array_foreach(json_object_get(row, "values"), k, v)
            json_array_append_new(cells, json_pack("{s:s}", "text", json_is_string(v) ? json_string_value(v) : "–"));
        while (json_array_size(cells) < json_array_size(json_object_get(json_object_get(o, "template"), "items")))
            json_array_append_new(cells, json_pack("{s:s}", "text", "–")); /* not filled: a dash per figure */
        json_object_set_new(row, "cells", cells);
    }
    json_t *t = json_object_get(o, "template");
    json_t *c = page_ctx_title(r, arena_printf(r->a, "%s · %s", json_string_value(json_object_get(t, "name")), period));
    json_object_set_new(c, "compare", o);
    export_links(r, c, arena_printf(r->a, "/api/v1/upward-templates/%lld?period=%s", (long long)id, period), NULL);
    return page_render(r, 200, "upward_compare", c);
}

static const char *report_url(http_req *r, int64_t id)
{
    return arena_printf(r->a, "/upward/reports/%lld", (long long)id);
}

static int fill(http_req *r)
{
    int bad = 0;
    int64_t id = 0, tid = page_int_id(page_field(r, "template_id"), &bad),
            com = page_int_id(page_field(r, "community_id"), &bad);
    int rc = bad ? dctx_fail(page_dc(r), WG_EINVAL, "upward_community_invalid", NULL)
                 : upward_fill(page_dc(r), tid, com, page_field(r, "period"), &id);
    return rc ? edge_fail(r, rc) : page_done(r, report_url(r, id), "flash_upward_filled");
}

/* Each item's figure named in the reader's language, its groups' names where they are codes. */
static void label_items(http_req *r, json_t *items)
{
    size_t i, k;
    json_t *it, *g;
    json_array_foreach(items, i, it) {
        json_object_set_new(it, "figure_label",
                            json_string(page_tr(r, "dash_fig_", json_string_value(json_object_get(it, "name")))));
        json_object_set_new(it, "has_groups", json_boolean(json_array_size(json_object_get(it, "groups")) > 0));
        if (json_is_string(json_object_get(it, "by")) && strcmp(json_string_value(json_object_get(it, "by")), "part") == 0)
            json_array_foreach(json_object_get(it, "groups"), k, g) {
                /* the parts are ages ("dash_age_") or the spine's stages ("stage_") */
                const char *key = json_string_value(json_object_get(g, "key"));
                const char *l = page_tr(r, "dash_age_", key);
                json_object_set_new(g, "name", json_string(strncmp(l, "dash_age_", 9) ? l : page_tr(r, "stage_", key)));
            }
    }
}

static int report_view(http_req *r)
{
    struct st_upward_report rep;
    int rc = upward_report_get(page_dc(r), http_param_id(r, "id"), &rep);
    if (rc)
        return edge_fail(r, rc);
    json_t *d = upward_report_json(page_dc(r), &rep);
    label_items(r, json_object_get(d, "items"));
    json_object_set_new(d, "state_label", json_string(page_tr(r, "upward_state_", rep.state)));
    json_t *c = page_ctx_title(r, arena_printf(r->a, "%s · %s · %s", rep.template_name, rep.community_name, rep.period));
    json_object_set_new(c, "report", d);
    return page_render(r, 200, "upward_report", c);
}

static int review(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = upward_review(page_dc(r), id, page_field(r, "note"));
    return rc ? edge_fail(r, rc) : page_done(r, report_url(r, id), "flash_upward_reviewed");
}

static int submit(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = upward_submit(page_dc(r), id);
    return rc ? edge_fail(r, rc) : page_done(r, report_url(r, id), "flash_upward_submitted");
}

static int give_back(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = upward_return(page_dc(r), id, page_field(r, "reason"));
    return rc ? edge_fail(r, rc) : page_done(r, report_url(r, id), "flash_upward_returned");
}

#define W HTTP_AUTH | HTTP_STAFF | HTTP_CSRF
const struct http_route upward_web_routes[] = {
    {"GET", "/upward", upward_page, HTTP_AUTH | HTTP_STAFF, 0, NULL},
    {"POST", "/upward/templates", design, W, 16384, NULL},
    {"GET", "/upward/templates/{id}", compare_view, HTTP_AUTH | HTTP_STAFF, 0, NULL},
    {"POST", "/upward/reports", fill, W, 2048, NULL},
    {"GET", "/upward/reports/{id}", report_view, HTTP_AUTH | HTTP_STAFF, 0, NULL},
    {"POST", "/upward/reports/{id}/review", review, W, 2048, NULL},
    {"POST", "/upward/reports/{id}/submit", submit, W, 1024, NULL},
    {"POST", "/upward/reports/{id}/return", give_back, W, 2048, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
#undef W
