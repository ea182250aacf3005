/* /api/v1 of comments (docs/api.md, "Discussion: comments"). */
#include "mod/comment/comment_api.h"

#include <string.h>

#include "edge/api.h"
#include "mod/comment/comment.h"

int comment_api_list(http_req *r, const char *kind)
{
    struct subject s;
    struct st_comment *cs;
    int n = 0, rc = subject_resolve(api_dc(r), kind, http_param_id(r, "id"), &s);
    if (rc == 0)
        rc = comment_list(api_dc(r), &s, &cs, &n);
    if (rc)
        return edge_fail(r, rc);
    int mod = comment_may_moderate(api_dc(r), &s);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, comment_view(api_dc(r), &cs[i], mod));
    return api_send_json(r, 200, json_pack("{s:o, s:i, s:b}", "items", arr, "total", n, "may_moderate", mod));
}

int comment_api_post(http_req *r, const char *kind)
{
    int64_t parent = 0, cid = 0;
    const char *body, *status = NULL;
    struct subject s;
    if (api_need_body(r) || api_jstr(r, "body", &body) || api_jint(r, "parent_id", &parent))
        return 0;
    int rc = subject_resolve(api_dc(r), kind, http_param_id(r, "id"), &s);
    if (rc == 0)
        rc = comment_post(api_dc(r), &s, parent, body, &cid, &status);
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 201, json_pack("{s:I, s:s}", "id", (json_int_t)cid, "status", status));
}

static int on_matter_list(http_req *r)
{
    return comment_api_list(r, "matter");
}

static int on_matter_post(http_req *r)
{
    return comment_api_post(r, "matter");
}

static int report(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *reason;
    if (api_need_body(r) || api_jstr(r, "reason", &reason))
        return 0;
    int rc = id ? comment_report(api_dc(r), id, reason, NULL) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "reported", 1));
}

static int moderate(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *action, *reason;
    if (api_need_body(r) || api_jstr(r, "action", &action) || api_jstr(r, "reason", &reason))
        return 0;
    int rc = id ? comment_moderate(api_dc(r), id, action, reason, NULL) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id, "status",
                                           strcmp(action, "hide") == 0 ? "hidden" : "visible"));
}

const struct http_route comment_api_routes[] = {
    {"GET", "/api/v1/matters/{id}/comments", on_matter_list, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/matters/{id}/comments", on_matter_post, HTTP_API | HTTP_AUTH | HTTP_CSRF, 16384, NULL},
    {"POST", "/api/v1/comments/{id}/report", report, HTTP_API | HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"POST", "/api/v1/comments/{id}/moderation", moderate, HTTP_API | HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
