/*
 * /api/v1 handlers of the disclosure board (docs/api.md, "Disclosure board"):
 *   GET  /api/v1/disclosure?community=ID            the board: per kind, schedule, latest item, status
 *   (these three GETs answer ?format=xlsx|csv with a sheet: docs/api.md "Exports")
 *   POST /api/v1/disclosure/boards                  {community_id}: opens the board (staff)
 *   GET  /api/v1/disclosure/overview?place=ID       every community's board state under a place (the street)
 *   GET  /api/v1/disclosure/items?community=ID&kind=&year=&q=&limit=&offset=   the archive
 *   POST /api/v1/disclosure/items                   {community_id, kind, title, body, period | decided_on,
 *                                                    publish: now|draft|at, publish_at}, or multipart with "photos"
 *   GET  /api/v1/disclosure/items/{id}
 *   PUT  /api/v1/disclosure/items/{id}              the same fields, before publication (multipart adds photos)
 *   POST /api/v1/disclosure/items/{id}/withdraw     {reason}
 */
#include "core/time.h"
#include "edge/api.h"
#include "edge/export.h"
#include "mod/disclosure/disclosure.h"

/* ---- the sheets: the board's kinds, the archive's items, the overview's communities ---- */
static const struct sheet_col board_cols[] = {
    {"disclosure_kind", SHEET_TEXT, 12},          {"disclosure_col_status", SHEET_TEXT, 12},
    {"disclosure_col_overdue_days", SHEET_INT, 8}, {"disclosure_col_overdue_periods", SHEET_TEXT, 20},
    {"disclosure_col_latest", SHEET_TEXT, 30},    {"disclosure_col_latest_at", SHEET_TIME, 17},
    {"disclosure_col_next", SHEET_TEXT, 12},      {"disclosure_col_next_due", SHEET_TIME, 17},
};
static const struct sheet_col item_cols[] = {
    {"export_col_id", SHEET_INT, 8},                {"disclosure_kind", SHEET_TEXT, 12},
    {"disclosure_item_title", SHEET_TEXT, 30},      {"disclosure_col_period", SHEET_TEXT, 12},
    {"disclosure_col_state", SHEET_TEXT, 10},       {"disclosure_due", SHEET_TIME, 17},
    {"disclosure_col_publish_at", SHEET_TIME, 17},  {"disclosure_col_late_days", SHEET_INT, 8},
    {"disclosure_col_withdrawn", SHEET_TEXT, 24},
};
static const struct sheet_col overview_cols[] = {
    {"disclosure_col_community", SHEET_TEXT, 16}, {"disclosure_col_started", SHEET_TIME, 17},
    {"disclosure_col_kinds_overdue", SHEET_INT, 8}, {"disclosure_kind_finance", SHEET_TEXT, 12},
    {"disclosure_kind_affairs", SHEET_TEXT, 12},  {"disclosure_kind_government", SHEET_TEXT, 12},
    {"disclosure_kind_major", SHEET_TEXT, 12},
};

static const char *jstr(json_t *o, const char *key) { return json_string_value(json_object_get(o, key)); }

/* A kind's status in words, with the days overdue ("逾期未公开 12"). */
static const char *status_words(http_req *r, dctx *c, json_t *k)
{
    const char *w = export_tr(r, "disclosure_status_", jstr(k, "status"));
    json_int_t days = json_integer_value(json_object_get(k, "overdue_days"));
    return days > 0 ? arena_printf(c->a, "%s %lld", w, (long long)days) : w;
}

static int board_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    int rc = 0;
    json_t *b = disclosure_board(c, *(int64_t *)ud, &rc), *k, *p;
    size_t i, j;
    (void)more;
    json_array_foreach(b ? json_object_get(b, "kinds") : NULL, i, k) {
        json_t *latest = json_object_get(k, "latest"), *next = json_object_get(k, "next");
        const char *labels = "";
        json_array_foreach(json_object_get(k, "overdue"), j, p)
            labels = arena_printf(c->a, "%s%s%s", labels, *labels ? ", " : "", jstr(p, "label"));
        sheet_text(sh, export_tr(r, "disclosure_kind_", jstr(k, "kind")));
        sheet_text(sh, export_tr(r, "disclosure_status_", jstr(k, "status")));
        sheet_int(sh, json_integer_value(json_object_get(k, "overdue_days")));
        sheet_text(sh, labels);
        sheet_text(sh, jstr(latest, "title"));
        export_iso_time(sh, jstr(latest, "publish_at"));
        sheet_text(sh, jstr(next, "label"));
        export_iso_time(sh, jstr(next, "due_at"));
        sheet_row_end(sh);
    }
    return b ? 0 : rc;
}

static int items_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct disclosure_query *q = ud;
    struct st_disclosure *ds = NULL;
    int n = 0, total = 0, rc = disclosure_list(c, q, &ds, &n, &total);
    for (int i = 0; rc == 0 && i < n; i++) {
        json_t *x = disclosure_json(c, &ds[i]), *w = json_object_get(x, "withdrawn");
        sheet_int(sh, ds[i].id);
        sheet_text(sh, export_tr(r, "disclosure_kind_", jstr(x, "kind")));
        sheet_text(sh, jstr(x, "title"));
        sheet_text(sh, jstr(json_object_get(x, "period"), "label"));
        sheet_text(sh, export_tr(r, "disclosure_state_", jstr(x, "state")));
        export_iso_time(sh, jstr(x, "due_at"));
        export_iso_time(sh, jstr(x, "publish_at"));
        sheet_int(sh, json_integer_value(json_object_get(x, "late_days")));
        sheet_text(sh, jstr(w, "reason"));
        sheet_row_end(sh);
    }
    q->offset += n;
    *more = rc == 0 && n == q->limit && q->offset < total;
    return rc;
}

static int overview_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    int rc = 0;
    json_t *o = disclosure_overview(c, *(int64_t *)ud, &rc), *x, *k;
    size_t i, j;
    (void)more;
    json_array_foreach(o ? json_object_get(o, "items") : NULL, i, x) {
        sheet_text(sh, jstr(json_object_get(x, "community"), "name"));
        export_iso_time(sh, jstr(x, "started_at"));
        sheet_int(sh, json_integer_value(json_object_get(x, "kinds_overdue")));
        json_array_foreach(json_object_get(x, "kinds"), j, k) /* in the order of disclosure_kinds, as the columns */
            sheet_text(sh, status_words(r, c, k));
        sheet_row_end(sh);
    }
    return o ? 0 : rc;
}

static const struct export_list board_export = EXPORT_LIST("disclosure", "disclosure_title", board_cols, board_page);
static const struct export_list items_export = EXPORT_LIST("disclosure-archive", "disclosure_archive", item_cols, items_page);
static const struct export_list overview_export =
    EXPORT_LIST("disclosure-overview", "disclosure_overview", overview_cols, overview_page);

static int64_t community_of(http_req *r)
{
    int64_t community = api_query_id(r, "community");
    if (community == 0)
        community = actor_community(api_dc(r)->actor);
    return community;
}

static int board(http_req *r)
{
    int rc = 0, format = export_format(r);
    int64_t community = community_of(r);
    if (format < 0)
        return 0;
    if (community < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (format && community)
        return export_send(r, format, &board_export, &community);
    json_t *o = community ? disclosure_board(api_dc(r), community, &rc) : NULL;
    return o ? api_send_json(r, 200, o) : edge_fail(r, rc ? rc : WG_ENOTFOUND);
}

static int open_board(http_req *r)
{
    int64_t community = 0;
    int rc = 0;
    if (api_need_body(r) || api_jint(r, "community_id", &community))
        return 0;
    if ((rc = disclosure_open(api_dc(r), community)))
        return edge_fail(r, rc);
    json_t *o = disclosure_board(api_dc(r), community, &rc);
    return o ? api_send_json(r, 200, o) : edge_fail(r, rc);
}

static int overview(http_req *r)
{
    int rc = 0, format = export_format(r);
    int64_t place = api_query_id(r, "place");
    if (format < 0)
        return 0;
    if (place < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (place == 0) {
        struct st_place p;
        if ((rc = place_default_scope(api_dc(r), &p)))
            return edge_fail(r, rc);
        place = p.id;
    }
    if (format)
        return export_send(r, format, &overview_export, &place);
    json_t *o = disclosure_overview(api_dc(r), place, &rc);
    return o ? api_send_json(r, 200, o) : edge_fail(r, rc);
}

static int list(http_req *r)
{
    struct disclosure_query q = {.community_id = community_of(r), .kind = edge_query(r, "kind"), .q = edge_query(r, "q")};
    struct st_disclosure *ds = NULL;
    int n = 0, total = 0, bad = 0, rc, format = export_format(r);
    if (format < 0)
        return 0;
    q.year = (int)edge_int(edge_query(r, "year"), 0, TIME_YEAR_MIN, TIME_YEAR_MAX, &bad);
    if (q.community_id < 0 || bad)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (api_paging(r, &q.limit, &q.offset))
        return 0;
    if (q.kind && *q.kind == '\0')
        q.kind = NULL;
    if (q.q && *q.q == '\0')
        q.q = NULL;
    if (format) {
        q.limit = LIST_LIMIT_MAX, q.offset = 0; /* the whole archive, page after page */
        return export_send(r, format, &items_export, &q);
    }
    if ((rc = disclosure_list(api_dc(r), &q, &ds, &n, &total)))
        return edge_fail(r, rc);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, disclosure_json(api_dc(r), &ds[i]));
    return api_send_json(r, 200, api_page(items, total, q.limit, q.offset));
}

static int send_item(http_req *r, int status, int64_t id)
{
    struct st_disclosure d;
    int rc = disclosure_get(api_dc(r), id, &d);
    return rc ? edge_fail(r, rc) : api_send_json(r, status, disclosure_json(api_dc(r), &d));
}

/* The fields of an item from JSON or a multipart form; 0 or -1 (answered). */
static int item_input(http_req *r, struct disclosure_new *in, struct photo_upload *photos)
{
    struct edge_req *ar = edge_req(r);
    if (ar->json) {
        if (api_jint(r, "community_id", &in->community_id) || api_jstr(r, "kind", &in->kind) ||
            api_jstr(r, "title", &in->title) || api_jstr(r, "body", &in->body) || api_jstr(r, "period", &in->period) ||
            api_jstr(r, "decided_on", &in->decided_on) || api_jstr(r, "publish", &in->publish) ||
            api_jint(r, "publish_at", &in->publish_at))
            return -1;
        if (json_object_get(ar->json, "photos"))
            return api_bad_field(r, "photos", "multipart_required");
        return 0;
    }
    if (ar->form.n == 0)
        return api_need_body(r);
    int bad = 0;
    in->community_id = edge_int(form_get(&ar->form, "community_id"), 0, 0, INT64_MAX, &bad);
    in->publish_at = edge_int(form_get(&ar->form, "publish_at"), 0, 0, INT64_MAX, &bad);
    if (bad)
        return api_bad_field(r, "community_id", "bad_type");
    disclosure_from_form(&ar->form, in);
    if ((in->nphotos = photo_collect(&ar->form, photos, DISCLOSURE_PHOTOS_MAX)) < 0) {
        api_dc(r)->field = "photos";
        return edge_error(r, 422, "disclosure_too_many_photos", NULL), -1;
    }
    in->photos = photos;
    return 0;
}

static int create(http_req *r)
{
    struct disclosure_new in = {0};
    struct photo_upload photos[DISCLOSURE_PHOTOS_MAX + 1];
    int64_t id = 0;
    if (item_input(r, &in, photos))
        return 0;
    int rc = disclosure_create(api_dc(r), &in, &id);
    return rc ? edge_fail(r, rc) : send_item(r, 201, id);
}

static int get(http_req *r)
{
    return send_item(r, 200, http_param_id(r, "id"));
}

static int edit(http_req *r)
{
    struct disclosure_new in = {0};
    struct photo_upload photos[DISCLOSURE_PHOTOS_MAX + 1];
    int64_t id = http_param_id(r, "id");
    if (item_input(r, &in, photos))
        return 0;
    int rc = disclosure_edit(api_dc(r), id, &in);
    return rc ? edge_fail(r, rc) : send_item(r, 200, id);
}

static int withdraw(http_req *r)
{
    const char *reason = NULL;
    int64_t id = http_param_id(r, "id");
    if (api_need_body(r) || api_jstr(r, "reason", &reason))
        return 0;
    int rc = disclosure_withdraw(api_dc(r), id, reason);
    return rc ? edge_fail(r, rc) : send_item(r, 200, id);
}

#define J HTTP_API | HTTP_AUTH
#define W HTTP_API | HTTP_AUTH | HTTP_CSRF
#define U HTTP_API | HTTP_AUTH | HTTP_CSRF | HTTP_UPLOAD | HTTP_WORKER
const struct http_route disclosure_api_routes[] = {
    {"GET", "/api/v1/disclosure", board, J, 0, NULL},
    {"POST", "/api/v1/disclosure/boards", open_board, W, 1024, NULL},
    {"GET", "/api/v1/disclosure/overview", overview, J, 0, NULL},
    {"GET", "/api/v1/disclosure/items", list, J, 0, NULL},
    {"POST", "/api/v1/disclosure/items", create, U, PHOTO_BODY_MAX, NULL},
    {"GET", "/api/v1/disclosure/items/{id}", get, J, 0, NULL},
    {"PUT", "/api/v1/disclosure/items/{id}", edit, U, PHOTO_BODY_MAX, NULL},
    {"POST", "/api/v1/disclosure/items/{id}/withdraw", withdraw, W, 4096, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
#undef J
#undef W
#undef U
