/* Pages of sign-in codes: the slip staff hand over, and the form where a
 * resident sets her password with it (see passcode.h). */
#include <string.h>

#include "core/qr.h"
#include "core/time.h"
#include "edge/page.h"
#include "mod/passcode/passcode.h"

static int form_page(http_req *r, int status, const char *error)
{
    json_t *c = page_ctx(r, "passcode_title");
    if (error)
        json_object_set_new(c, "error", json_string(error));
    const char *phone = page_field(r, "phone");
    if (phone)
        json_object_set_new(c, "phone_value", json_string(phone));
    json_object_set_new(c, "digits", json_integer(PASSCODE_DIGITS));
    return page_render(r, status, "passcode", c);
}

static int form(http_req *r)
{
    return form_page(r, 200, NULL);
}

static int redeem(http_req *r)
{
    const char *pw = page_field(r, "password"), *again = page_field(r, "password2");
    if (pw && again && strcmp(pw, again) != 0)
        return form_page(r, 422, edge_t(r, "passcode_mismatch"));
    int rc = passcode_redeem(page_dc(r), page_field(r, "phone"), page_field(r, "code"), pw, NULL);
    if (rc == WG_EINVAL)
        return form_page(r, 422, edge_t(r, page_dc(r)->code));
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, "/signin", "flash_passcode_done");
}

/* The slip: the code once, for the staff member to hand over or read out. */
static int issue(http_req *r)
{
    struct passcode_issued x;
    char until[40];
    int64_t id = http_param_id(r, "id");
    int rc = id ? passcode_issue(page_dc(r), id, &x) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    time_format_local(x.expires_at, until, sizeof until);
    json_t *c = page_ctx(r, "passcode_slip_title");
    const char *url = arena_printf(r->a, "%s/passcode", edge_options()->base_url), *svg = NULL;
    json_t *slip = json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", x.name, "phone", x.phone_masked, "code", x.code,
                             "until", until, "url", url);
    if (qr_svg(r->a, url, 4, &svg) == 0) /* scanned with the phone's camera or WeChat */
        json_object_set_new(slip, "qr_svg", json_string(svg));
    json_object_set_new(c, "slip", slip);
    return page_render(r, 200, "passcode_slip", c);
}

const struct http_route passcode_web_routes[] = {
    {"GET", "/passcode", form, 0, 0, NULL},
    {"POST", "/passcode", redeem, HTTP_CSRF, 4096, NULL},
    {"POST", "/people/{id}/passcode", issue, HTTP_AUTH | HTTP_STAFF | HTTP_CSRF, 1024, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
