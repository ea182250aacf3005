/*
 * /api/v1 handlers of roster imports (docs/api.md, "Roster import"):
 *   POST /api/v1/roster/imports                multipart: file (XLSX or CSV), community (optional): the dry run
 *   GET  /api/v1/roster/imports?community=ID   the community's imports
 *   GET  /api/v1/roster/imports/{id}           the plan: counts, columns and a page of rows
 *                                              (?filter=all|changes|errors&limit=&offset=)
 *   POST /api/v1/roster/imports/{id}/apply     does the plan, in one transaction (on a worker thread)
 *   POST /api/v1/roster/imports/{id}/discard   drops a pending import
 */
#include "core/sheet.h"
#include "edge/api.h"
#include "mod/roster/roster.h"

/* The import with a page of its rows. */
static int send_import(http_req *r, int status, int64_t id)
{
    struct st_roster_import im;
    struct st_roster_row *rows = NULL;
    int limit, offset, n = 0, total = 0;
    dctx *c = api_dc(r);
    if (api_paging(r, &limit, &offset))
        return 0;
    int rc = roster_get(c, id, &im);
    if (rc == 0)
        rc = roster_rows(c, &im, edge_query(r, "filter"), limit, offset, &rows, &n, &total);
    if (rc)
        return edge_fail(r, rc);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, roster_row_json(c, &rows[i]));
    json_t *o = roster_import_json(c, &im);
    json_object_set_new(o, "page", api_page(items, total, limit, offset));
    return api_send_json(r, status, o);
}

static int upload(http_req *r)
{
    struct edge_req *ar = edge_req(r);
    const struct form_field *f = form_get_field(&ar->form, "file");
    int bad = 0;
    int64_t id = 0, community = edge_int(form_get(&ar->form, "community"), 0, 0, INT64_MAX, &bad);
    if (bad)
        return api_bad_field(r, "community", "bad_request"), 0;
    if (f == NULL || f->filename == NULL) {
        api_dc(r)->field = "file";
        return edge_error(r, 422, "roster_file_required", NULL), 0;
    }
    int rc = roster_upload(api_dc(r), community, f->filename, f->value, f->value_len, &id);
    return rc ? edge_fail(r, rc) : send_import(r, 201, id);
}

static int list(http_req *r)
{
    int64_t community = api_query_id(r, "community");
    struct st_roster_import *ims = NULL;
    struct st_place com;
    int n = 0;
    if (community < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    int rc = roster_list(api_dc(r), community, &ims, &n, &com);
    if (rc)
        return edge_fail(r, rc);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, roster_import_json(api_dc(r), &ims[i]));
    return api_send_json(r, 200, json_pack("{s:o}", "items", items));
}

static int get(http_req *r)
{
    return send_import(r, 200, http_param_id(r, "id"));
}

static int apply(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = roster_apply(api_dc(r), id);
    return rc ? edge_fail(r, rc) : send_import(r, 200, id);
}

static int discard(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = roster_discard(api_dc(r), id);
    return rc ? edge_fail(r, rc) : send_import(r, 200, id);
}

#define W HTTP_API | HTTP_AUTH | HTTP_CSRF
const struct http_route roster_api_routes[] = {
    {"POST", "/api/v1/roster/imports", upload, W | HTTP_UPLOAD | HTTP_WORKER, SHEET_FILE_MAX + 65536, NULL},
    {"GET", "/api/v1/roster/imports", list, HTTP_API | HTTP_AUTH, 0, NULL},
    {"GET", "/api/v1/roster/imports/{id}", get, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/roster/imports/{id}/apply", apply, W | HTTP_SLOW, 1024, NULL},
    {"POST", "/api/v1/roster/imports/{id}/discard", discard, W, 1024, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
#undef W
