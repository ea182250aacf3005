/*
 * The pages of roster imports: /roster (the upload form, the columns a
 * roster may have, the template and the demo's sample, the imports so far)
 * and /roster/imports/{id} (the dry run's plan: counts, columns, the rows
 * page by page, bad ones first to fix; apply and discard).
 */
#include <string.h>

#include "core/sheet.h"
#include "edge/page.h"
#include "mod/roster/roster.h"

#define ROWS_PER_PAGE 50

static json_t *import_ctx(http_req *r, const struct st_roster_import *im)
{
    json_t *o = roster_import_json(page_dc(r), im);
    json_object_set_new(o, "status_label", json_string(page_tr(r, "roster_status_", im->status)));
    json_object_set_new(o, "is_pending", json_boolean(strcmp(im->status, "pending") == 0));
    json_t *cols = json_object_get(o, "columns");
    json_object_set_new(cols, "has_ignored", json_boolean(json_array_size(json_object_get(cols, "ignored")) > 0));
    return o;
}

static int roster_page(http_req *r)
{
    int bad = 0;
    int64_t community = page_int_id(edge_query(r, "community"), &bad);
    struct st_roster_import *ims = NULL;
    struct st_place com;
    int n = 0, rc = bad ? dctx_fail(page_dc(r), WG_ENOTFOUND, "not_found", NULL)
                        : roster_list(page_dc(r), community, &ims, &n, &com);
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "roster_title");
    json_object_set_new(c, "community", tree_json(page_dc(r), &com));
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, import_ctx(r, &ims[i]));
    json_object_set_new(c, "imports", items);
    json_object_set_new(c, "file_max_mb", json_integer(SHEET_FILE_MAX / (1024 * 1024)));
    json_object_set_new(c, "rows_max", json_integer(SHEET_ROWS_MAX - 1));
    return page_render(r, 200, "roster", c);
}

static int upload(http_req *r)
{
    const struct form_field *f = form_get_field(&edge_req(r)->form, "file");
    int bad = 0;
    int64_t id = 0, community = page_int_id(page_field(r, "community"), &bad);
    if (bad)
        return edge_error(r, 422, "bad_request", NULL), 0;
    if (f == NULL || f->filename == NULL || f->value_len == 0)
        return edge_error(r, 422, "roster_file_required", NULL), 0;
    int rc = roster_upload(page_dc(r), community, f->filename, f->value, f->value_len, &id);
    struct st_roster_import im;
    if (rc == 0)
        rc = roster_get(page_dc(r), id, &im);
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/roster/imports/%lld", (long long)id),
                     im.nerrors > 0 ? "flash_roster_planned_errors" : "flash_roster_planned");
}

static json_t *row_ctx(http_req *r, const struct st_roster_row *row)
{
    json_t *o = roster_row_json(page_dc(r), row);
    static const char *const parts[] = {"grid", "building", "household", "person", "member"};
    json_t *acts = json_array(), *a = json_object_get(o, "actions");
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        const char *v = json_string_value(json_object_get(a, parts[i]));
        if (v && (strcmp(v, "add") == 0 || strcmp(v, "change") == 0))
            json_array_append_new(acts, json_pack("{s:s, s:s}", "label",
                                                  page_tr(r, arena_printf(r->a, "roster_%s_", parts[i]), v), "kind", v));
    }
    json_object_set_new(o, "acts", acts);
    if (row->relation)
        json_object_set_new(o, "relation_label", json_string(page_tr(r, "relation_", row->relation)));
    if (row->err_code)
        json_object_set_new(json_object_get(o, "error"), "message", json_string(edge_t(r, row->err_code)));
    return o;
}

static int import_page(http_req *r)
{
    int bad = 0;
    int64_t id = http_param_id(r, "id");
    int page = (int)edge_int(edge_query(r, "page"), 1, 1, 100000, &bad);
    const char *filter = edge_query(r, "filter");
    struct st_roster_import im;
    struct st_roster_row *rows = NULL;
    int n = 0, total = 0;
    int rc = roster_get(page_dc(r), id, &im);
    if (rc == 0 && filter == NULL)
        filter = im.nerrors ? "errors" : "changes";
    if (rc == 0)
        rc = roster_rows(page_dc(r), &im, filter, ROWS_PER_PAGE, (page - 1) * ROWS_PER_PAGE, &rows, &n, &total);
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "roster_plan_title");
    json_object_set_new(c, "import", import_ctx(r, &im));
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, row_ctx(r, &rows[i]));
    json_object_set_new(c, "rows", items);
    json_object_set_new(c, "total", json_integer(total));
    static const char *const filters[] = {"errors", "changes", "all"};
    json_t *tabs = json_array();
    for (int i = 0; i < 3; i++)
        json_array_append_new(tabs, json_pack("{s:s, s:s, s:b}", "label", page_tr(r, "roster_filter_", filters[i]),
                                              "url", arena_printf(r->a, "/roster/imports/%lld?filter=%s", (long long)id, filters[i]),
                                              "current", strcmp(filters[i], filter) == 0));
    json_object_set_new(c, "filters", tabs);
    static const char *const keys[] = {"filter", NULL};
    page_pager(r, c, r->path, keys, page, ROWS_PER_PAGE, total);
    return page_render(r, 200, "roster_import", c);
}

static int apply(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = roster_apply(page_dc(r), id);
    return rc ? edge_fail(r, rc)
              : page_done(r, arena_printf(r->a, "/roster/imports/%lld?filter=changes", (long long)id), "flash_roster_applied");
}

static int discard(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = roster_discard(page_dc(r), id);
    return rc ? edge_fail(r, rc) : page_done(r, arena_printf(r->a, "/roster/imports/%lld", (long long)id), "flash_roster_discarded");
}

static int send_csv(http_req *r, const char *name, const char *csv)
{
    buf_adds(r->out, csv);
    http_add_header(r, "content-disposition", arena_printf(r->a, "attachment; filename=\"%s\"", name));
    return http_send(r, 200, "text/csv; charset=utf-8");
}

static int template_csv(http_req *r)
{
    return send_csv(r, "roster-template.csv", roster_template_csv(r->a));
}

static int sample_csv(http_req *r)
{
    return send_csv(r, "roster-sample.csv", roster_sample_csv(r->a));
}

const struct http_route roster_web_routes[] = {
    {"GET", "/roster", roster_page, HTTP_AUTH | HTTP_STAFF, 0, NULL},
    {"GET", "/roster/template.csv", template_csv, HTTP_AUTH | HTTP_STAFF, 0, NULL},
    {"GET", "/roster/sample.csv", sample_csv, HTTP_AUTH | HTTP_STAFF, 0, NULL},
    {"POST", "/roster/imports", upload, HTTP_AUTH | HTTP_CSRF | HTTP_WORKER, SHEET_FILE_MAX + 65536, NULL},
    {"GET", "/roster/imports/{id}", import_page, HTTP_AUTH | HTTP_STAFF, 0, NULL},
    {"POST", "/roster/imports/{id}/apply", apply, HTTP_AUTH | HTTP_CSRF | HTTP_SLOW, 1024, NULL},
    {"POST", "/roster/imports/{id}/discard", discard, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
