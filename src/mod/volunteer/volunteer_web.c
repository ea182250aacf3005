/*
 * Volunteer pages: the shifts (/shifts) with sign-up and cancel, a shift
 * (/shifts/{id}) with, for those who run it, the roster, the confirm
 * forms and the QR code to print; the scan landing (/shifts/{id}/here,
 * where the QR code leads: check in, then out); my records (/volunteer)
 * and certificates (/certificates/{number}, printable and public, and the
 * verification form /certificates).
 */
#include <string.h>

#include "core/buf.h"
#include "core/qr.h"
#include "edge/export.h"
#include "edge/page.h"
#include "mod/volunteer/volunteer.h"

/* The reader's words for the states of the sign-ups of a shift. */
static void label(http_req *r, json_t *shift)
{
    json_t *mine = json_object_get(shift, "mine"), *x;
    size_t i;
    if (json_is_object(mine))
        json_object_set_new(mine, "status_label",
                            json_string(page_tr(r, "signup_status_", json_string_value(json_object_get(mine, "status")))));
    json_array_foreach(json_object_get(shift, "roster"), i, x)
        json_object_set_new(x, "status_label",
                            json_string(page_tr(r, "signup_status_", json_string_value(json_object_get(x, "status")))));
}

static int list_page(http_req *r)
{
    struct st_shift *s = NULL;
    int n = 0, bad = 0;
    int64_t community = page_int_id(edge_query(r, "community"), &bad); /* a street's staff name one */
    if (bad)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (community == 0)
        community = actor_community(page_dc(r)->actor);
    int rc = community > 0 ? volunteer_shifts(page_dc(r), community, 1, &s, &n) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "shifts_title"), *items = json_array();
    for (int i = 0; i < n; i++) {
        json_t *x = volunteer_shift_json(page_dc(r), &s[i], 0);
        label(r, x);
        json_array_append_new(items, x);
    }
    json_object_set_new(c, "shifts", items);
    struct st_place com;
    if (place_get(page_dc(r), community, &com) == 0 && perm_allows(page_dc(r)->actor, &volunteer_act_manage, com.path))
    {
        json_object_set_new(c, "may_post", json_pack("{s:I}", "place_id", (json_int_t)community));
        export_links(r, c, arena_printf(r->a, "/api/v1/volunteer/hours?community=%lld", (long long)community), NULL);
        json_t *x = json_object_get(c, "export");
        if (x)
            json_object_set_new(x, "export_what", json_string(edge_t(r, "volunteer_hours_title")));
        json_object_set_new(c, "export_shifts", json_pack("{s:s, s:s}", "xlsx",
                                                          arena_printf(r->a, "/api/v1/shifts?community=%lld&format=xlsx", (long long)community),
                                                          "csv", arena_printf(r->a, "/api/v1/shifts?community=%lld&format=csv", (long long)community)));
    }
    return page_render(r, 200, "shifts", c);
}

static int create(http_req *r)
{
    int bad = 0;
    struct shift_new in = {.title = page_field(r, "title"), .skill = page_field(r, "skill"),
                           .location = page_field(r, "location"), .starts = page_field(r, "starts"),
                           .ends = page_field(r, "ends")};
    in.place_id = page_int_id(page_field(r, "place_id"), &bad);
    in.capacity = page_int_id(page_field(r, "capacity"), &bad);
    if (bad)
        return edge_error(r, 422, "shift_capacity_invalid", NULL), 0;
    int64_t id = 0;
    int rc = volunteer_shift_create(page_dc(r), &in, &id);
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/shifts/%lld", (long long)id), "flash_shift_posted");
}

static int shift_page(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_shift s;
    int rc = id ? volunteer_shift_get(page_dc(r), id, &s) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    json_t *d = volunteer_shift_json(page_dc(r), &s, 1);
    label(r, d);
    const char *url = json_string_value(json_object_get(d, "checkin_url")), *svg = NULL;
    if (url != NULL && qr_svg(r->a, arena_printf(r->a, "%s%s", edge_options()->base_url, url), 6, &svg) == 0)
        json_object_set_new(d, "qr_svg", json_string(svg));
    json_t *c = page_ctx_title(r, s.title);
    json_object_set_new(c, "shift", d);
    if (json_object_get(d, "roster"))
        export_links(r, c, arena_printf(r->a, "/api/v1/shifts/%lld", (long long)id), NULL);
    return page_render(r, 200, "shift", c);
}

static int here_page(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_shift s;
    int rc = id ? volunteer_shift_get(page_dc(r), id, &s) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    json_t *d = volunteer_shift_json(page_dc(r), &s, 0);
    json_t *c = page_ctx_title(r, s.title);
    json_object_set_new(c, "shift", d);
    json_object_set_new(c, "t", json_string(edge_query(r, "t") ? edge_query(r, "t") : ""));
    json_t *mine = json_object_get(d, "mine");
    json_object_set_new(c, "checked_in", json_boolean(mine && !json_is_null(json_object_get(mine, "checkin"))));
    return page_render(r, 200, "shift_here", c);
}

static int signup(http_req *r)
{
    int64_t id = http_param_id(r, "id"), sid = 0;
    const char *status = NULL;
    int rc = id ? volunteer_signup(page_dc(r), id, 0, NULL, &sid, &status) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/shifts/%lld", (long long)id),
                     strcmp(status, "confirmed") == 0 ? "flash_signed_up" : "flash_waiting");
}

static int cancel(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_signup su;
    struct st_shift sh;
    int rc = id ? volunteer_signup_get(page_dc(r), id, &su, &sh) : WG_ENOTFOUND;
    if (rc == 0)
        rc = volunteer_cancel(page_dc(r), id);
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/shifts/%lld", (long long)sh.id), "flash_signup_cancelled");
}

static int scan(http_req *r)
{
    int64_t id = http_param_id(r, "id"), sid = 0;
    const char *what = NULL;
    int rc = id ? volunteer_scan(page_dc(r), id, page_field(r, "t"), &what, &sid) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/shifts/%lld", (long long)id),
                     strcmp(what, "checkin") == 0 ? "flash_checked_in" : "flash_checked_out");
}

static int confirm(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int bad = 0;
    int64_t minutes = page_int_id(page_field(r, "minutes"), &bad);
    struct st_signup su;
    struct st_shift sh;
    if (bad)
        return edge_error(r, 422, "volunteer_minutes_invalid", NULL), 0;
    int rc = id ? volunteer_signup_get(page_dc(r), id, &su, &sh) : WG_ENOTFOUND;
    if (rc == 0)
        rc = volunteer_confirm(page_dc(r), id, minutes);
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/shifts/%lld#roster", (long long)sh.id), "flash_hours_confirmed");
}

static int records_page(http_req *r)
{
    int rc;
    json_t *d = volunteer_records(page_dc(r), 0, &rc);
    if (d == NULL)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "volunteer_title");
    json_object_set_new(c, "records", d);
    return page_render(r, 200, "volunteer_me", c);
}

static int certify(http_req *r)
{
    const char *number = NULL;
    int rc = volunteer_certify(page_dc(r), 0, &number);
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/certificates/%s", number), "flash_certificate_issued");
}

static int certificate_page(http_req *r)
{
    int rc;
    json_t *d = volunteer_certificate(page_dc(r), http_param(r, "number"), &rc);
    if (d == NULL)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "certificate_title");
    json_object_set_new(c, "cert", d);
    json_object_set_new(c, "verify_url", json_string(arena_printf(r->a, "%s/certificates?number=%s",
                                                                  edge_options()->base_url,
                                                                  json_string_value(json_object_get(d, "number")))));
    return page_render(r, 200, "certificate", c);
}

static int verify_page(http_req *r)
{
    const char *number = edge_query(r, "number");
    json_t *c = page_ctx(r, "certificate_verify");
    if (number != NULL && *number) {
        int rc;
        json_t *d = volunteer_certificate(page_dc(r), number, &rc);
        json_object_set_new(c, "number", json_string(number));
        json_object_set_new(c, "checked", json_true());
        if (d)
            json_object_set_new(c, "cert", d);
    }
    return page_render(r, 200, "certificate_verify", c);
}

const struct http_route volunteer_web_routes[] = {
    {"GET", "/shifts", list_page, HTTP_AUTH, 0, NULL},
    {"POST", "/shifts", create, HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"GET", "/shifts/{id}", shift_page, HTTP_AUTH, 0, NULL},
    {"GET", "/shifts/{id}/here", here_page, HTTP_AUTH, 0, NULL},
    {"POST", "/shifts/{id}/signup", signup, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/shifts/{id}/scan", scan, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/signups/{id}/cancel", cancel, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/signups/{id}/confirm", confirm, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"GET", "/volunteer", records_page, HTTP_AUTH, 0, NULL},
    {"POST", "/volunteer/certificates", certify, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"GET", "/certificates", verify_page, 0, 0, NULL},
    {"GET", "/certificates/{number}", certificate_page, 0, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
