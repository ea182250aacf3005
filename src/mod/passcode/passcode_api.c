/*
 * /api/v1 handlers of sign-in codes (docs/api.md, "Sign-in codes"):
 *   POST /api/v1/people/{id}/passcode   staff: a new code for the person (shown once)
 *   POST /api/v1/passcode               {phone, code, password}: sets her password
 */
#include "core/time.h"
#include "edge/api.h"
#include "mod/passcode/passcode.h"

static int issue(http_req *r)
{
    struct passcode_issued x;
    int64_t id = http_param_id(r, "id");
    int rc = id ? passcode_issue(api_dc(r), id, &x) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:i}", "person_id", (json_int_t)id, "name", x.name, "phone",
                          x.phone_masked, "code", x.code, "tries", PASSCODE_TRIES);
    return api_send_json(r, 201, time_json_pair(o, "expires_at", x.expires_at));
}

static int redeem(http_req *r)
{
    const char *phone = NULL, *code = NULL, *password = NULL;
    if (api_need_body(r) || api_jstr(r, "phone", &phone) || api_jstr(r, "code", &code) ||
        api_jstr(r, "password", &password))
        return 0;
    int64_t person = 0;
    int rc = passcode_redeem(api_dc(r), phone, code, password, &person);
    return rc ? edge_fail(r, rc) : api_send_json(r, 200, json_pack("{s:I}", "person_id", (json_int_t)person));
}

const struct http_route passcode_api_routes[] = {
    {"POST", "/api/v1/people/{id}/passcode", issue, HTTP_API | HTTP_AUTH | HTTP_STAFF | HTTP_CSRF, 1024, NULL},
    {"POST", "/api/v1/passcode", redeem, HTTP_API | HTTP_CSRF, 4096, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
