/*
 * /api/v1 handlers of problem reports (docs/api.md, "Problem reports"):
 *   GET  /api/v1/reports?community=|place=&month=YYYY-MM|from=&to=&state=&category=&mine=&before=&limit=
 *   POST /api/v1/reports                    {category, place_id | facility_id, lat, lon, description, anonymous},
 *                                           or multipart with the same fields and "photos"
 *   GET  /api/v1/reports/similar?category=&place_id=&facility_id=&lat=&lon=   open reports like it
 *   GET  /api/v1/reports/rates?place=&from=YYYY-MM&to=YYYY-MM&by=category|person|month|place   the three rates
 *   GET  /api/v1/reports/{id}
 *   POST /api/v1/reports/{id}/additions     {note} or multipart {note, photos}
 *   PUT|DELETE /api/v1/reports/{id}/follow
 *   POST /api/v1/reports/{id}/transitions   {state, note, duplicate_of}
 *   POST /api/v1/reports/{id}/updates       {note}
 *   POST /api/v1/reports/{id}/hand-on       {to (a phone), reason}
 *   POST /api/v1/reports/{id}/reopen        {reason}
 *   POST /api/v1/reports/{id}/check         {answer: fixed | partly | not}
 *   POST /api/v1/reports/{id}/rating        {score: 1..5}
 *   POST /api/v1/reports/{id}/useful
 *   GET|PUT /api/v1/places/{id}/calendar    {holidays: [date], workdays: [date]} of a street
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "edge/api.h"
#include "edge/export.h"
#include "mod/report/report_int.h"

/* Degrees (a JSON number or a form's text) as millionths; -1 when malformed. */
static int degrees(json_t *j, const char *s, int64_t *out)
{
    double v;
    if (j != NULL) {
        if (!json_is_number(j))
            return -1;
        v = json_number_value(j);
    } else {
        char *end;
        if (s == NULL || *s == '\0')
            return -1;
        v = strtod(s, &end);
        if (*end != '\0')
            return -1;
    }
    if (!isfinite(v) || fabs(v) > 180.0)
        return -1;
    *out = (int64_t)llround(v * 1e6);
    return 0;
}

/* lat and lon from the JSON body, a form or the query: both or neither. */
static int point(http_req *r, json_t *body, const struct form *f, struct report_new *in)
{
    json_t *jl = body ? json_object_get(body, "lat") : NULL, *jo = body ? json_object_get(body, "lon") : NULL;
    const char *sl = f ? form_get(f, "lat") : NULL, *so = f ? form_get(f, "lon") : NULL;
    int has = (jl && !json_is_null(jl)) || (sl && *sl), has2 = (jo && !json_is_null(jo)) || (so && *so);
    if (!has && !has2)
        return 0;
    if (has != has2 || degrees(jl, sl, &in->lat_e6) || degrees(jo, so, &in->lon_e6))
        return api_bad_field(r, "lat", "report_point_invalid"), -1;
    in->has_point = 1;
    return 0;
}

/* The list as a sheet (?format=xlsx|csv): its filters, and where the next page starts. */
struct report_export {
    int64_t community, before;
    const char *state, *category;
    int mine;
    struct report_where where;
};

static const struct sheet_col export_cols[] = {
    {"export_col_id", SHEET_INT, 8},          {"report_col_category", SHEET_TEXT, 14},
    {"report_col_description", SHEET_TEXT, 40}, {"report_col_state", SHEET_TEXT, 12},
    {"report_col_overdue", SHEET_TEXT, 8},    {"report_col_level", SHEET_TEXT, 10},
    {"report_col_place", SHEET_TEXT, 16},     {"report_col_responsible", SHEET_TEXT, 12},
    {"report_col_escalations", SHEET_INT, 8}, {"report_col_created", SHEET_TIME, 17},
    {"report_col_resolution_due", SHEET_TIME, 17}, {"report_col_fixed", SHEET_TIME, 17},
    {"report_col_closed", SHEET_TIME, 17},
};

static int export_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct report_export *x = ud;
    struct st_report *rs = NULL;
    int n = 0, rc = report_list(c, x->community, &x->where, x->state, x->category, x->mine, x->before, REPORT_LIST_MAX,
                                &rs, &n);
    for (int i = 0; rc == 0 && i < n; i++) {
        const struct st_report *p = &rs[i];
        sheet_int(sh, p->id);
        sheet_text(sh, export_tr(r, "report_cat_", p->category));
        sheet_text(sh, p->description);
        sheet_text(sh, export_tr(r, "report_state_", p->state));
        sheet_text(sh, p->overdue ? edge_t(r, "export_yes") : "");
        sheet_text(sh, export_tr(r, "report_level_", p->level));
        sheet_text(sh, p->place_name);
        sheet_text(sh, p->responsible_name);
        sheet_int(sh, p->escalations);
        sheet_time(sh, p->created_at);
        sheet_time(sh, p->resolution_due);
        sheet_time(sh, p->fixed_at);
        sheet_time(sh, p->closed_at);
        sheet_row_end(sh);
    }
    *more = rc == 0 && n == REPORT_LIST_MAX;
    x->before = n > 0 ? rs[n - 1].id : x->before;
    return rc;
}

static const struct export_list report_export_list =
    EXPORT_LIST("reports", "reports_title", export_cols, export_page);

static int list(http_req *r)
{
    int64_t community = api_query_id(r, "community"), before = api_query_id(r, "before");
    int limit = 0, offset = 0, mine = api_query_bool(r, "mine"), n = 0, rc, format = export_format(r);
    struct st_report *rs = NULL;
    struct report_where w = {.place_id = api_query_id(r, "place")};
    if (format < 0)
        return 0;
    if (community < 0 || w.place_id < 0 || (community && w.place_id) || before < 0 || mine < 0 ||
        report_where_months(edge_query(r, "month"), edge_query(r, "from"), edge_query(r, "to"), &w) ||
        api_paging(r, &limit, &offset))
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (community == 0 && w.place_id == 0 && (community = actor_community(api_dc(r)->actor)) <= 0)
        return edge_fail(r, WG_ENOTFOUND);
    if (format) {
        struct report_export x = {community, 0, edge_query(r, "state"), edge_query(r, "category"), mine, w};
        return export_send(r, format, &report_export_list, &x);
    }
    if ((rc = report_list(api_dc(r), community, &w, edge_query(r, "state"), edge_query(r, "category"), mine, before,
                          limit, &rs, &n)))
        return edge_fail(r, rc);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, report_json(api_dc(r), &rs[i]));
    json_t *o = json_pack("{s:o}", "items", items);
    json_object_set_new(o, "next_before", n > 0 && n == (limit ? limit : REPORT_LIST_MAX) ? json_integer(rs[n - 1].id)
                                                                                          : json_null());
    return api_send_json(r, 200, o);
}

static int send_detail(http_req *r, int status, int64_t id)
{
    int rc;
    json_t *o = report_detail(api_dc(r), id, &rc);
    return o ? api_send_json(r, status, o) : edge_fail(r, rc);
}

static int create(http_req *r)
{
    struct edge_req *ar = edge_req(r);
    struct report_new in = {0};
    struct photo_upload photos[REPORT_PHOTOS_MAX + 1];
    int64_t id = 0;
    if (ar->json) {
        if (api_jstr(r, "category", &in.category) || api_jint(r, "place_id", &in.place_id) ||
            api_jint(r, "facility_id", &in.facility_id) || api_jstr(r, "description", &in.description) ||
            api_jbool(r, "anonymous", &in.anonymous) || point(r, ar->json, NULL, &in))
            return 0;
        if (json_object_get(ar->json, "photos"))
            return api_bad_field(r, "photos", "multipart_required"), 0;
    } else if (ar->form.n > 0) {
        int bad = 0;
        in.place_id = edge_int(form_get(&ar->form, "place_id"), 0, 0, INT64_MAX / 2, &bad);
        in.facility_id = edge_int(form_get(&ar->form, "facility_id"), 0, 0, INT64_MAX / 2, &bad);
        if (bad)
            return api_bad_field(r, "place_id", "bad_request"), 0;
        in.category = form_get(&ar->form, "category");
        in.description = form_get(&ar->form, "description");
        in.anonymous = form_get(&ar->form, "anonymous") != NULL;
        if (point(r, NULL, &ar->form, &in))
            return 0;
        if ((in.nphotos = photo_collect(&ar->form, photos, REPORT_PHOTOS_MAX)) < 0) {
            api_dc(r)->field = "photos";
            return edge_error(r, 422, "too_many_photos", NULL), 0;
        }
        in.photos = photos;
    } else {
        return api_need_body(r), 0;
    }
    int rc = report_create(api_dc(r), &in, &id);
    return rc ? edge_fail(r, rc) : send_detail(r, 201, id);
}

static int similar(http_req *r)
{
    struct report_new in = {.category = edge_query(r, "category")};
    struct st_report *rs = NULL;
    int n = 0;
    in.place_id = api_query_id(r, "place_id");
    in.facility_id = api_query_id(r, "facility_id");
    if (in.place_id < 0 || in.facility_id < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (point(r, NULL, &edge_req(r)->query, &in))
        return 0;
    int rc = report_similar(api_dc(r), &in, &rs, &n);
    if (rc)
        return edge_fail(r, rc);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, report_json(api_dc(r), &rs[i]));
    return api_send_json(r, 200, json_pack("{s:o}", "items", items));
}

static int rates(http_req *r)
{
    int64_t place = api_query_id(r, "place");
    int rc = WG_ENOTFOUND, format = export_format(r);
    if (place < 0 || format < 0)
        return format < 0 ? 0 : (edge_error(r, 400, "bad_query", NULL), 0);
    if (place == 0 && (place = actor_community(api_dc(r)->actor)) <= 0)
        return edge_fail(r, WG_ENOTFOUND);
    if (format)
        return report_rates_export(r, format, place);
    json_t *o = report_rates(api_dc(r), place, edge_query(r, "from"), edge_query(r, "to"), edge_query(r, "by"), &rc);
    return o ? api_send_json(r, 200, o) : edge_fail(r, rc);
}

static int get(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    return id ? send_detail(r, 200, id) : edge_fail(r, WG_ENOTFOUND);
}

static int addition(http_req *r)
{
    struct edge_req *ar = edge_req(r);
    int64_t id = http_param_id(r, "id");
    const char *note = NULL;
    struct photo_upload photos[REPORT_PHOTOS_MAX + 1];
    int nphotos = 0;
    if (ar->json) {
        if (api_jstr(r, "note", &note))
            return 0;
        if (json_object_get(ar->json, "photos"))
            return api_bad_field(r, "photos", "multipart_required"), 0;
    } else if (ar->form.n > 0) {
        note = form_get(&ar->form, "note");
        if ((nphotos = photo_collect(&ar->form, photos, REPORT_PHOTOS_MAX)) < 0) {
            api_dc(r)->field = "photos";
            return edge_error(r, 422, "too_many_photos", NULL), 0;
        }
    } else {
        return api_need_body(r), 0;
    }
    int rc = id ? report_add(api_dc(r), id, note, photos, nphotos) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : send_detail(r, 201, id);
}

static int follow_as(http_req *r, int on)
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? report_follow(api_dc(r), id, on) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : send_detail(r, 200, id);
}

static int follow(http_req *r)
{
    return follow_as(r, 1);
}

static int unfollow(http_req *r)
{
    return follow_as(r, 0);
}

static int transition(http_req *r)
{
    int64_t id = http_param_id(r, "id"), dup = 0;
    const char *state = NULL, *note = NULL;
    if (api_need_body(r) || api_jstr(r, "state", &state) || api_jstr(r, "note", &note) ||
        api_jint(r, "duplicate_of", &dup))
        return 0;
    int rc = id ? report_transition(api_dc(r), id, state, note, dup) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : send_detail(r, 200, id);
}

/* A rule of one text field (a note, a reason, an answer): its answer is the report. */
static int one_text(http_req *r, const char *key, int (*rule)(dctx *, int64_t, const char *), int status)
{
    int64_t id = http_param_id(r, "id");
    const char *text = NULL;
    if (api_need_body(r) || api_jstr(r, key, &text))
        return 0;
    int rc = id ? rule(api_dc(r), id, text) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : send_detail(r, status, id);
}

static int update(http_req *r) { return one_text(r, "note", report_update, 201); }
static int reopen(http_req *r) { return one_text(r, "reason", report_reopen, 200); }
static int check(http_req *r) { return one_text(r, "answer", report_check, 201); }

static int hand_on(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *to = NULL, *reason = NULL;
    if (api_need_body(r) || api_jstr(r, "to", &to) || api_jstr(r, "reason", &reason))
        return 0;
    int rc = id ? report_hand_on(api_dc(r), id, to, reason) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : send_detail(r, 200, id);
}

static int rating(http_req *r)
{
    int64_t id = http_param_id(r, "id"), score = 0;
    if (api_need_body(r) || api_jint(r, "score", &score))
        return 0;
    int rc = id ? report_rate(api_dc(r), id, score > 5 ? 6 : (int)score) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : send_detail(r, 201, id);
}

static int useful(http_req *r)
{
    int64_t id = http_param_id(r, "id"), granted = 0;
    int rc = id ? report_useful(api_dc(r), id, &granted) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : api_send_json(r, 201, json_pack("{s:I}", "granted", (json_int_t)granted));
}

static int calendar_get(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = WG_ENOTFOUND;
    json_t *o = id ? report_calendar_json(api_dc(r), id, &rc) : NULL;
    return o ? api_send_json(r, 200, o) : edge_fail(r, rc);
}

static int calendar_put(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    if (api_need_body(r))
        return 0;
    int rc = id ? report_calendar_set(api_dc(r), id, api_jfield(r, "holidays"), api_jfield(r, "workdays")) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : calendar_get(r);
}

#define W HTTP_API | HTTP_AUTH | HTTP_CSRF
const struct http_route report_api_routes[] = {
    {"GET", "/api/v1/reports", list, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/reports", create, W | HTTP_UPLOAD | HTTP_WORKER, PHOTO_BODY_MAX, NULL},
    {"GET", "/api/v1/reports/similar", similar, HTTP_API | HTTP_AUTH, 0, NULL},
    {"GET", "/api/v1/reports/rates", rates, HTTP_API | HTTP_AUTH, 0, NULL},
    {"GET", "/api/v1/reports/{id}", get, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/reports/{id}/additions", addition, W | HTTP_UPLOAD | HTTP_WORKER, PHOTO_BODY_MAX, NULL},
    {"PUT", "/api/v1/reports/{id}/follow", follow, W, 1024, NULL},
    {"DELETE", "/api/v1/reports/{id}/follow", unfollow, W, 1024, NULL},
    {"POST", "/api/v1/reports/{id}/transitions", transition, W, 4096, NULL},
    {"POST", "/api/v1/reports/{id}/updates", update, W, 4096, NULL},
    {"POST", "/api/v1/reports/{id}/hand-on", hand_on, W, 4096, NULL},
    {"POST", "/api/v1/reports/{id}/reopen", reopen, W, 4096, NULL},
    {"POST", "/api/v1/reports/{id}/check", check, W, 1024, NULL},
    {"POST", "/api/v1/reports/{id}/rating", rating, W, 1024, NULL},
    {"POST", "/api/v1/reports/{id}/useful", useful, W, 1024, NULL},
    {"GET", "/api/v1/places/{id}/calendar", calendar_get, HTTP_API | HTTP_AUTH, 0, NULL},
    {"PUT", "/api/v1/places/{id}/calendar", calendar_put, W, 65536, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
#undef W
