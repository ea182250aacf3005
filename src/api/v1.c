/*
 * /api/v1 handlers. Input is a JSON object (Content-Type: application/json);
 * a field of the wrong type is a 400 naming the field; a rule the domain
 * refuses is a 422 with the domain's reason. Every list takes limit (capped
 * at LIST_LIMIT_MAX) and offset and answers {items, total, limit, offset}.
 */
#include <string.h>

#include "api/api.h"
#include "edge/api.h"
#include "edge/edge.h"


/* ---- session ---- */

/* ---- registration ---- */

/* ---- places ---- */

/* ---- claims and people ---- */

/* ---- matters ---- */

/* ---- comments ---- */

int api_comments(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_comment *cs;
    struct st_matter m;
    int n = 0, rc = id ? comment_list(api_dc(r), id, &cs, &n) : WG_ENOTFOUND;
    if (rc == 0)
        rc = matter_get(api_dc(r), id, &m);
    if (rc)
        return edge_fail(r, rc);
    int mod = comment_may_moderate(api_dc(r), &m);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, view_comment(api_dc(r), &cs[i], mod));
    return api_send_json(r, 200, json_pack("{s:o, s:i, s:b}", "items", arr, "total", n, "may_moderate", mod));
}

int api_comment_create(http_req *r)
{
    int64_t id = http_param_id(r, "id"), parent = 0, cid = 0;
    const char *body, *status = NULL;
    if (api_need_body(r) || api_jstr(r, "body", &body) || api_jint(r, "parent_id", &parent))
        return 0;
    int rc = id ? comment_post(api_dc(r), id, parent, body, &cid, &status) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 201, json_pack("{s:I, s:s}", "id", (json_int_t)cid, "status", status));
}

int api_comment_report(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *reason;
    if (api_need_body(r) || api_jstr(r, "reason", &reason))
        return 0;
    int rc = id ? comment_report(api_dc(r), id, reason) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "reported", 1));
}

int api_comment_moderate(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *action, *reason;
    if (api_need_body(r) || api_jstr(r, "action", &action) || api_jstr(r, "reason", &reason))
        return 0;
    int rc = id ? comment_moderate(api_dc(r), id, action, reason) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id, "status",
                                       strcmp(action, "hide") == 0 ? "hidden" : "visible"));
}

/* ---- per-place settings ---- */

