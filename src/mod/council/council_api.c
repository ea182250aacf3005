/*
 * /api/v1 for councils and meetings (see council.h and the
 * "Councils and meetings" section of docs/api.md). The same conventions as
 * every module: JSON bodies, 400 for a field of the wrong type, the rules' codes
 * for refused values. A meeting's attendance also answers ?format=xlsx|csv
 * (edge/export.h): who came and how, then the proxies.
 */
#include <string.h>

#include "edge/api.h"
#include "edge/export.h"
#include "mod/council/council.h"

#define ID_MAX ((int64_t)1 << 53)
#define SMALL_MAX 100000

static int64_t param_id(http_req *r)
{
    return http_param_id(r, "id");
}

/* ---- councils ---- */

static int place_councils(http_req *r)
{
    int64_t id = param_id(r);
    struct st_place p;
    struct st_council *cs;
    int n = 0, rc = id ? council_list(api_dc(r), id, &p, &cs, &n) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, council_view(api_dc(r), &cs[i]));
    return api_send_json(r, 200, json_pack("{s:o, s:i, s:b}", "items", arr, "total", n, "may_create",
                                       council_may_manage_path(api_dc(r), p.path) &&
                                           (!strcmp(p.kind, "building") || !strcmp(p.kind, "grid") ||
                                            !strcmp(p.kind, "community"))));
}

static json_t *council_json(http_req *r, const struct st_council *co)
{
    json_t *o = council_view(api_dc(r), co);
    struct st_meeting *ms;
    int n = 0;
    json_t *arr = json_array();
    if (council_meetings(api_dc(r), co->id, api_dc(r)->now, &ms, &n) == 0) {
        for (int i = 0; i < n && i < MEETINGS_AHEAD + 10; i++)
            json_array_append_new(arr, council_view_meeting(api_dc(r), &ms[i], meeting_may_run(api_dc(r), &ms[i])));
    }
    json_object_set_new(o, "upcoming", arr);
    json_object_set_new(o, "may_manage", json_boolean(council_may_manage_path(api_dc(r), co->place_path)));
    return o;
}

static int council_create_json(http_req *r)
{
    struct council_new in = {0};
    int64_t place = 0, every = 0, day = 0, dur = 0, notice = -1, fac = 0;
    if (api_need_body(r) || api_jint_in(r, "place_id", 0, ID_MAX, &place) || api_jstr(r, "name", &in.name) ||
        api_jstr(r, "kind", &in.kind) || api_jstr(r, "unit", &in.unit) || api_jint_in(r, "every", 0, SMALL_MAX, &every) ||
        api_jint_in(r, "day_of_month", 0, SMALL_MAX, &day) || api_jstr(r, "starts_on", &in.starts_on) ||
        api_jstr(r, "time", &in.time) || api_jint_in(r, "duration_min", 0, SMALL_MAX, &dur) ||
        api_jstr(r, "location", &in.location) || api_jint_in(r, "notice_days", -1, SMALL_MAX, &notice) ||
        api_jint_in(r, "facilitator_id", 0, ID_MAX, &fac))
        return 0;
    in.place_id = place;
    in.every_n = (int)every;
    in.day_of_month = (int)day;
    in.duration_min = (int)dur;
    in.notice_days = (int)notice;
    in.facilitator_id = fac;
    int64_t id = 0;
    int rc = place ? council_create(api_dc(r), &in, &id) : (api_dc(r)->field = "place_id", api_dc(r)->code = "not_found",
                                                        WG_ENOTFOUND);
    struct st_council co;
    if (rc == 0)
        rc = council_get(api_dc(r), id, &co);
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 201, council_json(r, &co));
}

static int council(http_req *r)
{
    int64_t id = param_id(r);
    struct st_council co;
    int rc = id ? council_get(api_dc(r), id, &co) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, council_json(r, &co));
}

static int council_meetings_json(http_req *r)
{
    int64_t id = param_id(r);
    const char *which = edge_query(r, "when");
    if (which && strcmp(which, "all") && strcmp(which, "upcoming"))
        return edge_error(r, 400, "bad_query", NULL), 0;
    int all = which && strcmp(which, "all") == 0;
    struct st_meeting *ms;
    int n = 0, rc = id ? council_meetings(api_dc(r), id, all ? 0 : api_dc(r)->now, &ms, &n) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, council_view_meeting(api_dc(r), &ms[i], meeting_may_run(api_dc(r), &ms[i])));
    return api_send_json(r, 200, json_pack("{s:o, s:i}", "items", arr, "total", n));
}

static int meeting_add_json(http_req *r)
{
    int64_t id = param_id(r), dur = 0, mid = 0;
    const char *start, *loc;
    if (api_need_body(r) || api_jstr(r, "start", &start) || api_jint_in(r, "duration_min", 0, SMALL_MAX, &dur) ||
        api_jstr(r, "location", &loc))
        return 0;
    int rc = id ? meeting_add(api_dc(r), id, start, (int)dur, loc, &mid) : WG_ENOTFOUND;
    struct st_meeting m;
    if (rc == 0)
        rc = meeting_get(api_dc(r), mid, &m);
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 201, council_view_meeting(api_dc(r), &m, 1));
}

/* ---- one meeting ---- */

static json_t *attendance_json(http_req *r, int64_t id, int *rc)
{
    struct st_attendee *att;
    struct st_proxy *px;
    struct st_presence pr;
    int na = 0, np = 0;
    if ((*rc = meeting_attendance(api_dc(r), id, &att, &na, &px, &np)) || (*rc = meeting_presence(api_dc(r), id, &pr)))
        return NULL;
    json_t *aj = json_array(), *pj = json_array();
    for (int i = 0; i < na; i++)
        json_array_append_new(aj, json_pack("{s:I, s:s, s:s}", "person_id", (json_int_t)att[i].person_id, "name",
                                            att[i].name, "how", att[i].how));
    for (int i = 0; i < np; i++)
        json_array_append_new(pj, json_pack("{s:{s:I, s:s}, s:{s:I, s:s}}", "principal", "id",
                                            (json_int_t)px[i].principal_id, "name", px[i].principal_name, "holder",
                                            "id", (json_int_t)px[i].holder_id, "name", px[i].holder_name));
    return json_pack("{s:o, s:o, s:o}", "attendees", aj, "proxies", pj, "presence", council_view_presence(api_dc(r), &pr));
}

static int meeting_answer(http_req *r, int64_t id, int status)
{
    struct st_meeting m;
    struct st_agenda *g;
    int n = 0, rc = meeting_get(api_dc(r), id, &m);
    if (rc == 0)
        rc = meeting_agenda(api_dc(r), id, &g, &n);
    if (rc)
        return edge_fail(r, rc);
    int run = meeting_may_run(api_dc(r), &m);
    json_t *o = council_view_meeting(api_dc(r), &m, run);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, council_view_agenda(api_dc(r), &g[i]));
    json_object_set_new(o, "agenda", arr);
    json_t *att = attendance_json(r, id, &rc);
    if (att == NULL) {
        json_decref(o);
        return edge_fail(r, rc);
    }
    json_object_set_new(o, "attendance", att);
    if ((rc = council_panels(api_dc(r), &m, run, o))) {
        json_decref(o);
        return edge_fail(r, rc);
    }
    json_object_set_new(o, "may_run", json_boolean(run));
    if (run)
        json_object_set_new(o, "signin_url", json_string(arena_printf(r->a, "%s/meetings/%lld/signin?code=%s",
                                                                       edge_options()->base_url, (long long)id,
                                                                       m.signin_code)));
    return api_send_json(r, status, o);
}

static int meeting(http_req *r)
{
    int64_t id = param_id(r);
    return id ? meeting_answer(r, id, 200) : edge_fail(r, WG_ENOTFOUND);
}

static int meeting_move_json(http_req *r)
{
    int64_t id = param_id(r), dur = 0;
    const char *start, *loc;
    if (api_need_body(r) || api_jstr(r, "start", &start) || api_jint_in(r, "duration_min", 0, SMALL_MAX, &dur) ||
        api_jstr(r, "location", &loc))
        return 0;
    int rc = id ? meeting_move(api_dc(r), id, start, (int)dur, loc) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : meeting_answer(r, id, 200);
}

static int meeting_cancel_json(http_req *r)
{
    int64_t id = param_id(r);
    const char *reason = NULL;
    if (edge_req(r)->json && (api_need_body(r) || api_jstr(r, "reason", &reason)))
        return 0;
    int rc = id ? meeting_cancel(api_dc(r), id, reason) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : meeting_answer(r, id, 200);
}

static int agenda_add(http_req *r)
{
    int64_t id = param_id(r), matter = 0, item = 0;
    const char *title;
    if (api_need_body(r) || api_jint_in(r, "matter_id", 0, ID_MAX, &matter) || api_jstr(r, "title", &title))
        return 0;
    int rc = id ? meeting_agenda_add(api_dc(r), id, matter, title, &item) : WG_ENOTFOUND;
    struct st_agenda g;
    if (rc == 0)
        rc = meeting_agenda_lookup(api_dc(r), item, &g);
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 201, council_view_agenda(api_dc(r), &g));
}

static int agenda_reorder(http_req *r)
{
    int64_t id = param_id(r);
    if (api_need_body(r))
        return 0;
    json_t *order = api_jfield(r, "order");
    if (order == NULL || !json_is_array(order))
        return api_bad_field(r, "order", "bad_type"), 0;
    size_t n = json_array_size(order);
    if (n > 200) {
        api_dc(r)->field = "order";
        return edge_error(r, 422, "order_invalid", NULL), 0;
    }
    int64_t *ids = arena_alloc(r->a, sizeof *ids * (n ? n : 1));
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(order, i);
        if (!json_is_integer(v) || json_integer_value(v) <= 0)
            return api_bad_field(r, "order", "bad_type"), 0;
        ids[i] = json_integer_value(v);
    }
    int rc = id ? meeting_agenda_reorder(api_dc(r), id, ids, (int)n) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : meeting_answer(r, id, 200);
}

static int agenda_remove(http_req *r)
{
    int64_t id = param_id(r);
    int rc = id ? meeting_agenda_remove(api_dc(r), id) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    buf_reset(r->out);
    return http_send(r, 204, "application/json; charset=utf-8");
}

static int agenda_outcome(http_req *r)
{
    int64_t id = param_id(r);
    const char *outcome, *text;
    if (api_need_body(r) || api_jstr(r, "outcome", &outcome) || api_jstr(r, "text", &text))
        return 0;
    int rc = id ? meeting_agenda_outcome(api_dc(r), id, outcome, text) : WG_ENOTFOUND;
    struct st_agenda g;
    if (rc == 0)
        rc = meeting_agenda_lookup(api_dc(r), id, &g);
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, council_view_agenda(api_dc(r), &g));
}

static int signin(http_req *r)
{
    int64_t id = param_id(r);
    const char *code;
    if (api_need_body(r) || api_jstr(r, "code", &code))
        return 0;
    int changed = 0, rc = id ? meeting_sign_in(api_dc(r), id, code, &changed) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:b, s:b}", "meeting_id", (json_int_t)id, "present", 1, "new",
                                       changed));
}

/* The attendance as a sheet: a row per person present (how: signed in or
 * recorded), then a row per principal represented (how: authorised, and
 * the holder). Through meeting_attendance, the rule of the JSON and the page. */
static const struct sheet_col attendance_cols[] = {
    {"attendance_col_person", SHEET_INT, 8}, {"attendance_col_name", SHEET_TEXT, 14},
    {"attendance_col_how", SHEET_TEXT, 10},  {"proxy_holder", SHEET_TEXT, 14},
    {"attendance_col_at", SHEET_TIME, 17},
};

static int attendance_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct st_attendee *att = NULL;
    struct st_proxy *px = NULL;
    int na = 0, np = 0, rc = meeting_attendance(c, *(int64_t *)ud, &att, &na, &px, &np);
    *more = 0;
    for (int i = 0; rc == 0 && i < na; i++) {
        sheet_int(sh, att[i].person_id);
        sheet_text(sh, att[i].name);
        sheet_text(sh, export_tr(r, "attend_how_", att[i].how));
        sheet_blank(sh);
        sheet_time(sh, att[i].created_at);
        sheet_row_end(sh);
    }
    for (int i = 0; rc == 0 && i < np; i++) {
        sheet_int(sh, px[i].principal_id);
        sheet_text(sh, px[i].principal_name);
        sheet_text(sh, edge_t(r, "proxy_authorised"));
        sheet_text(sh, px[i].holder_name);
        sheet_time(sh, px[i].created_at);
        sheet_row_end(sh);
    }
    return rc;
}

static const struct export_list attendance_export =
    EXPORT_LIST("attendance", "attendance", attendance_cols, attendance_page);

static int attendance(http_req *r)
{
    int64_t id = param_id(r);
    int rc = id ? 0 : WG_ENOTFOUND, format = export_format(r);
    if (format < 0)
        return 0;
    if (format && id)
        return export_send(r, format, &attendance_export, &id);
    json_t *o = id ? attendance_json(r, id, &rc) : NULL;
    return o ? api_send_json(r, 200, o) : edge_fail(r, rc);
}

static int attend(http_req *r)
{
    int64_t id = param_id(r), person = 0;
    if (api_need_body(r) || api_jint_in(r, "person_id", 0, ID_MAX, &person))
        return 0;
    int changed = 0, rc = id ? meeting_attend(api_dc(r), id, person, &changed) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    json_t *o = attendance_json(r, id, &rc);
    if (o == NULL)
        return edge_fail(r, rc);
    json_object_set_new(o, "new", json_boolean(changed));
    return api_send_json(r, 200, o);
}

static int proxy(http_req *r)
{
    int64_t id = param_id(r), principal = 0, holder = 0;
    if (api_need_body(r) || api_jint_in(r, "principal_id", 0, ID_MAX, &principal) || api_jint_in(r, "holder_id", 0, ID_MAX, &holder))
        return 0;
    int rc = id ? meeting_proxy_add(api_dc(r), id, principal, holder) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    json_t *o = attendance_json(r, id, &rc);
    return o ? api_send_json(r, 201, o) : edge_fail(r, rc);
}

static int minutes(http_req *r)
{
    int64_t id = param_id(r);
    const char *md;
    if (api_need_body(r) || api_jstr(r, "minutes", &md))
        return 0;
    int rc = id ? meeting_minutes_set(api_dc(r), id, md) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : meeting_answer(r, id, 200);
}

static int meeting_close_json(http_req *r)
{
    int64_t id = param_id(r), next = 0;
    int carried = 0, rc = id ? meeting_close(api_dc(r), id, &next, &carried) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:s, s:o, s:i}", "id", (json_int_t)id, "status", "held",
                                       "next_meeting_id", next ? json_integer(next) : json_null(), "carried",
                                       carried));
}

static int feed_key(http_req *r)
{
    char key[FEED_KEY_HEX + 1];
    int rc = council_feed_key(api_dc(r), key);
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 201, json_pack("{s:s, s:s}", "key", key, "url_template",
                                       arena_printf(r->a, "%s/places/{id}/meetings.ics?key=%s",
                                                    edge_options()->base_url, key)));
}

const struct http_route council_api_routes[] = {
    {"GET", "/api/v1/places/{id}/councils", place_councils, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/councils", council_create_json, HTTP_API | HTTP_AUTH | HTTP_CSRF, 16384, NULL},
    {"GET", "/api/v1/councils/{id}", council, HTTP_API | HTTP_AUTH, 0, NULL},
    {"GET", "/api/v1/councils/{id}/meetings", council_meetings_json, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/councils/{id}/meetings", meeting_add_json, HTTP_API | HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"GET", "/api/v1/meetings/{id}", meeting, HTTP_API | HTTP_AUTH, 0, NULL},
    {"PUT", "/api/v1/meetings/{id}", meeting_move_json, HTTP_API | HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"POST", "/api/v1/meetings/{id}/cancel", meeting_cancel_json, HTTP_API | HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"POST", "/api/v1/meetings/{id}/agenda", agenda_add, HTTP_API | HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"PUT", "/api/v1/meetings/{id}/agenda", agenda_reorder, HTTP_API | HTTP_AUTH | HTTP_CSRF, 16384, NULL},
    {"DELETE", "/api/v1/agenda/{id}", agenda_remove, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"PUT", "/api/v1/agenda/{id}/outcome", agenda_outcome, HTTP_API | HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"POST", "/api/v1/meetings/{id}/signin", signin, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"GET", "/api/v1/meetings/{id}/attendance", attendance, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/meetings/{id}/attendance", attend, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/api/v1/meetings/{id}/proxies", proxy, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"PUT", "/api/v1/meetings/{id}/minutes", minutes, HTTP_API | HTTP_AUTH | HTTP_CSRF, 128 * 1024, NULL},
    {"POST", "/api/v1/meetings/{id}/close", meeting_close_json, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/api/v1/feed-key", feed_key, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
