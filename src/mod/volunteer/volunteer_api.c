/*
 * /api/v1 handlers of volunteer shifts and records (docs/api.md, "Volunteers"):
 *   GET  /api/v1/shifts?community=ID               upcoming shifts (?format=xlsx|csv: a sheet, staff)
 *   POST /api/v1/shifts                            {place_id, project_id, title, skill, location, starts, ends, capacity}
 *   GET  /api/v1/shifts/{id}                       a shift (its roster for those who run it; ?format=: the roster)
 *   POST /api/v1/shifts/{id}/signups               {person_id, reason}: sign up (staff: someone, or past the limits)
 *   POST /api/v1/shifts/{id}/scan                  {t}: check in, then out, by the QR code
 *   POST /api/v1/signups/{id}/cancel               cancel (the first waiting gets the place)
 *   POST /api/v1/signups/{id}/attendance           {checkin, checkout}: recorded by the organiser
 *   POST /api/v1/signups/{id}/confirm              {minutes}: confirmed hours, earning points
 *   POST /api/v1/signups/{id}/corrections          {minutes, reason}
 *   GET  /api/v1/volunteer/records?person_id=ID    records of service
 *   GET  /api/v1/volunteer/hours?community=&before=&limit=&format=   a community's confirmed services (staff)
 *   POST /api/v1/volunteer/certificates            {person_id}: a certificate, its number
 *   GET  /api/v1/certificates/{number}             a certificate, for anyone who holds its number
 */
#include <string.h>

#include "core/time.h"
#include "edge/api.h"
#include "edge/export.h"
#include "mod/volunteer/volunteer.h"

static int send_shift(http_req *r, int status, int64_t id)
{
    struct st_shift s;
    int rc = volunteer_shift_get(api_dc(r), id, &s);
    return rc ? edge_fail(r, rc) : api_send_json(r, status, volunteer_shift_json(api_dc(r), &s, 1));
}

/* The sheets (docs/api.md "Exports"): the upcoming shifts, a shift's roster. */
static const struct sheet_col shift_cols[] = {
    {"export_col_id", SHEET_INT, 8},        {"shift_name", SHEET_TEXT, 24},        {"shift_col_skill", SHEET_TEXT, 12},
    {"shift_col_location", SHEET_TEXT, 16}, {"shift_col_place", SHEET_TEXT, 14},   {"shift_starts", SHEET_TIME, 17},
    {"shift_ends", SHEET_TIME, 17},         {"shift_capacity", SHEET_INT, 8},      {"shift_col_confirmed", SHEET_INT, 8},
    {"shift_waiting", SHEET_INT, 8},        {"shift_col_organiser", SHEET_TEXT, 12},
};
static const struct sheet_col roster_cols[] = {
    {"export_col_id", SHEET_INT, 8},          {"shift_col_person", SHEET_TEXT, 12}, {"shift_col_status", SHEET_TEXT, 10},
    {"shift_checked_in", SHEET_TIME, 17},     {"shift_checked_out", SHEET_TIME, 17}, {"shift_col_minutes", SHEET_INT, 8},
    {"shift_col_override", SHEET_TEXT, 24},
};

static int shifts_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct st_shift *s = NULL;
    int n = 0, rc = volunteer_shifts(c, *(int64_t *)ud, 1, &s, &n);
    (void)r, (void)more;
    for (int i = 0; rc == 0 && i < n; i++) {
        sheet_int(sh, s[i].id);
        sheet_text(sh, s[i].title);
        sheet_text(sh, s[i].skill);
        sheet_text(sh, s[i].location);
        sheet_text(sh, s[i].place_name);
        sheet_time(sh, s[i].starts_at);
        sheet_time(sh, s[i].ends_at);
        sheet_int(sh, s[i].capacity);
        sheet_int(sh, s[i].confirmed);
        sheet_int(sh, s[i].waiting);
        sheet_text(sh, s[i].organiser_name);
        sheet_row_end(sh);
    }
    return rc;
}

/* A time cell from the roster's local "YYYY-MM-DD HH:MM" (blank for null). */
static void local_cell(sheet *sh, json_t *v)
{
    int64_t t = 0;
    sheet_time(sh, json_is_string(v) && time_parse_local(json_string_value(v), &t) == 0 ? t : 0);
}

static int roster_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct st_shift s;
    int rc = volunteer_shift_get(c, *(int64_t *)ud, &s);
    json_t *d = rc ? NULL : volunteer_shift_json(c, &s, 1), *x;
    size_t i;
    (void)more;
    if (d && json_object_get(d, "roster") == NULL) /* those who run the shift only, as in the JSON */
        rc = dctx_fail(c, WG_EPERM, "forbidden", NULL);
    json_array_foreach(rc ? NULL : json_object_get(d, "roster"), i, x) {
        json_t *minutes = json_object_get(x, "minutes");
        sheet_int(sh, json_integer_value(json_object_get(x, "id")));
        sheet_text(sh, json_string_value(json_object_get(x, "name")));
        sheet_text(sh, export_tr(r, "signup_status_", json_string_value(json_object_get(x, "status"))));
        local_cell(sh, json_object_get(x, "checkin"));
        local_cell(sh, json_object_get(x, "checkout"));
        if (json_is_integer(minutes))
            sheet_int(sh, json_integer_value(minutes));
        else
            sheet_blank(sh);
        sheet_text(sh, json_string_value(json_object_get(x, "override_reason")));
        sheet_row_end(sh);
    }
    return rc;
}

static const struct export_list shifts_export = EXPORT_LIST("shifts", "shifts_title", shift_cols, shifts_page);
static const struct export_list roster_export = EXPORT_LIST("roster", "shift_roster", roster_cols, roster_page);

static int list(http_req *r)
{
    int64_t community = api_query_id(r, "community");
    struct st_shift *s = NULL;
    int n = 0, format = export_format(r);
    if (format < 0)
        return 0;
    if (community < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (community == 0)
        community = actor_community(api_dc(r)->actor);
    if (format && community > 0)
        return export_send(r, format, &shifts_export, &community);
    int rc = community > 0 ? volunteer_shifts(api_dc(r), community, 1, &s, &n) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, volunteer_shift_json(api_dc(r), &s[i], 0));
    return api_send_json(r, 200, json_pack("{s:o}", "items", items));
}

static int create(http_req *r)
{
    struct shift_new in = {0};
    int64_t id = 0;
    if (api_need_body(r) || api_jint(r, "place_id", &in.place_id) || api_jint(r, "project_id", &in.project_id) ||
        api_jstr(r, "title", &in.title) || api_jstr(r, "skill", &in.skill) || api_jstr(r, "location", &in.location) ||
        api_jstr(r, "starts", &in.starts) || api_jstr(r, "ends", &in.ends) || api_jint(r, "capacity", &in.capacity))
        return 0;
    int rc = volunteer_shift_create(api_dc(r), &in, &id);
    return rc ? edge_fail(r, rc) : send_shift(r, 201, id);
}

static int get(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int format = export_format(r);
    if (format < 0)
        return 0;
    if (format && id)
        return export_send(r, format, &roster_export, &id);
    return id ? send_shift(r, 200, id) : edge_fail(r, WG_ENOTFOUND);
}

static int signup(http_req *r)
{
    int64_t id = http_param_id(r, "id"), person = 0, sid = 0;
    const char *reason = NULL, *status = NULL;
    if (api_need_body(r) || api_jint(r, "person_id", &person) || api_jstr(r, "reason", &reason))
        return 0;
    int rc = id ? volunteer_signup(api_dc(r), id, person, reason, &sid, &status) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 201, json_pack("{s:I, s:s}", "id", (json_int_t)sid, "status", status));
}

static int scan(http_req *r)
{
    int64_t id = http_param_id(r, "id"), sid = 0;
    const char *t = NULL, *what = NULL;
    if (api_need_body(r) || api_jstr(r, "t", &t))
        return 0;
    int rc = id ? volunteer_scan(api_dc(r), id, t, &what, &sid) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:s}", "id", (json_int_t)sid, "done", what));
}

/* The shift of a sign-up, answered after a change to it. */
static int send_signup_shift(http_req *r, int status, int64_t signup_id)
{
    struct st_signup su;
    struct st_shift sh;
    int rc = volunteer_signup_get(api_dc(r), signup_id, &su, &sh);
    return rc ? edge_fail(r, rc) : api_send_json(r, status, volunteer_shift_json(api_dc(r), &sh, 1));
}

static int cancel(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? volunteer_cancel(api_dc(r), id) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : send_signup_shift(r, 200, id);
}

static int attendance(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *in = NULL, *out = NULL;
    if (api_need_body(r) || api_jstr(r, "checkin", &in) || api_jstr(r, "checkout", &out))
        return 0;
    int rc = id ? volunteer_attendance(api_dc(r), id, in, out) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : send_signup_shift(r, 200, id);
}

static int confirm(http_req *r)
{
    int64_t id = http_param_id(r, "id"), minutes = 0;
    if (api_need_body(r) || api_jint(r, "minutes", &minutes))
        return 0;
    int rc = id ? volunteer_confirm(api_dc(r), id, minutes) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : send_signup_shift(r, 200, id);
}

static int correct(http_req *r)
{
    int64_t id = http_param_id(r, "id"), minutes = 0;
    const char *reason = NULL;
    if (api_need_body(r) || api_jint(r, "minutes", &minutes) || api_jstr(r, "reason", &reason))
        return 0;
    int rc = id ? volunteer_correct(api_dc(r), id, minutes, reason) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : send_signup_shift(r, 201, id);
}

static int records(http_req *r)
{
    int64_t person = api_query_id(r, "person_id");
    int rc;
    if (person < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    json_t *o = volunteer_records(api_dc(r), person, &rc);
    return o ? api_send_json(r, 200, o) : edge_fail(r, rc);
}

/* The community's confirmed services: the list, and its export (?format=xlsx|csv). */
struct hours_export {
    int64_t community, before;
};

static const struct sheet_col hours_cols[] = {
    {"export_col_id", SHEET_INT, 8},            {"volunteer_col_person", SHEET_TEXT, 12},
    {"volunteer_col_service", SHEET_TEXT, 28},  {"volunteer_col_place", SHEET_TEXT, 16},
    {"volunteer_col_starts", SHEET_TIME, 17},   {"volunteer_col_ends", SHEET_TIME, 17},
    {"volunteer_col_hours", SHEET_DECIMAL, 8},  {"volunteer_col_confirmed", SHEET_TIME, 17},
};

static int hours_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    (void)r;
    struct hours_export *x = ud;
    struct volunteer_rec *v = NULL;
    int n = 0, rc = volunteer_hours(c, x->community, x->before, VOLUNTEER_HOURS_MAX, &v, &n);
    for (int i = 0; rc == 0 && i < n; i++) {
        sheet_int(sh, v[i].su.id);
        sheet_text(sh, v[i].su.person_name);
        sheet_text(sh, v[i].sh.title);
        sheet_text(sh, v[i].sh.place_name);
        sheet_time(sh, v[i].sh.starts_at);
        sheet_time(sh, v[i].sh.ends_at);
        sheet_num(sh, (double)v[i].su.minutes / 60.0);
        sheet_time(sh, v[i].su.confirmed_at);
        sheet_row_end(sh);
    }
    *more = rc == 0 && n == VOLUNTEER_HOURS_MAX;
    x->before = n > 0 ? v[n - 1].su.id : x->before;
    return rc;
}

static const struct export_list hours_export =
    EXPORT_LIST("volunteer-hours", "volunteer_hours_title", hours_cols, hours_page);

static json_t *hour_json(const struct volunteer_rec *v)
{
    json_t *o = json_pack("{s:I, s:{s:I, s:s}, s:I, s:s, s:s, s:I}", "id", (json_int_t)v->su.id, "person", "id",
                          (json_int_t)v->su.person_id, "name", v->su.person_name, "shift_id", (json_int_t)v->sh.id,
                          "service", v->sh.title, "place", v->sh.place_name, "minutes", (json_int_t)v->su.minutes);
    time_json_pair(o, "starts_at", v->sh.starts_at);
    time_json_pair(o, "ends_at", v->sh.ends_at);
    return time_json_pair(o, "confirmed_at", v->su.confirmed_at);
}

static int hours(http_req *r)
{
    int64_t community = api_query_id(r, "community"), before = api_query_id(r, "before");
    int limit = 0, offset = 0, n = 0, format = export_format(r);
    struct volunteer_rec *v = NULL;
    if (format < 0 || api_paging(r, &limit, &offset))
        return 0;
    if (community < 0 || before < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (community == 0 && (community = actor_community(api_dc(r)->actor)) <= 0)
        return edge_fail(r, WG_ENOTFOUND);
    if (format) {
        struct hours_export x = {community, 0};
        return export_send(r, format, &hours_export, &x);
    }
    int rc = volunteer_hours(api_dc(r), community, before, limit, &v, &n);
    if (rc)
        return edge_fail(r, rc);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, hour_json(&v[i]));
    return api_send_json(r, 200, json_pack("{s:o, s:o}", "items", items, "next_before",
                                           n > 0 && n == limit ? json_integer(v[n - 1].su.id) : json_null()));
}

static int certify(http_req *r)
{
    int64_t person = 0;
    const char *number = NULL;
    if (api_need_body(r) || api_jint(r, "person_id", &person))
        return 0;
    int rc = volunteer_certify(api_dc(r), person, &number);
    if (rc)
        return edge_fail(r, rc);
    json_t *o = volunteer_certificate(api_dc(r), number, &rc);
    return o ? api_send_json(r, 201, o) : edge_fail(r, rc);
}

static int certificate(http_req *r)
{
    int rc;
    json_t *o = volunteer_certificate(api_dc(r), http_param(r, "number"), &rc);
    return o ? api_send_json(r, 200, o) : edge_fail(r, rc);
}

const struct http_route volunteer_api_routes[] = {
    {"GET", "/api/v1/shifts", list, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/shifts", create, HTTP_API | HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"GET", "/api/v1/shifts/{id}", get, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/shifts/{id}/signups", signup, HTTP_API | HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"POST", "/api/v1/shifts/{id}/scan", scan, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/api/v1/signups/{id}/cancel", cancel, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/api/v1/signups/{id}/attendance", attendance, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/api/v1/signups/{id}/confirm", confirm, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/api/v1/signups/{id}/corrections", correct, HTTP_API | HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"GET", "/api/v1/volunteer/records", records, HTTP_API | HTTP_AUTH, 0, NULL},
    {"GET", "/api/v1/volunteer/hours", hours, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/volunteer/certificates", certify, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"GET", "/api/v1/certificates/{number}", certificate, HTTP_API, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
