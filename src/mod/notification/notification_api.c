/*
 * /api/v1 of notifications (docs/api.md, "Notifications"): the actor's
 * list, marking read, and the kinds they receive.
 */
#include <string.h>

#include "edge/api.h"
#include "mod/notification/notification.h"

static int list(http_req *r)
{
    int limit, offset;
    if (api_paging(r, &limit, &offset))
        return 0;
    const char *u = edge_query(r, "unread");
    if (u && strcmp(u, "true") && strcmp(u, "false"))
        return edge_error(r, 400, "bad_query", NULL), 0;
    struct notify_page pg;
    int rc = notify_list(api_dc(r), u && strcmp(u, "true") == 0, limit, offset, &pg);
    if (rc)
        return edge_fail(r, rc);
    json_t *arr = json_array();
    for (int i = 0; i < pg.n; i++)
        json_array_append_new(arr, notification_json(api_dc(r), &pg.items[i]));
    json_t *o = api_page(arr, pg.total, limit, offset);
    json_object_set_new(o, "unread", json_integer(pg.unread));
    return api_send_json(r, 200, o);
}

static int mark_read(http_req *r)
{
    int64_t id = 0;
    int changed = 0, unread = 0;
    if (api_need_body(r) || api_jint(r, "id", &id))
        return 0;
    int rc = notify_read(api_dc(r), id, &changed);
    if (rc == 0)
        rc = notify_unread(api_dc(r), &unread);
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:i, s:i}", "marked", changed, "unread", unread));
}

static json_t *prefs_json(http_req *r)
{
    json_t *o = json_object();
    const struct notify_kind *kinds[NOTIFICATION_KINDS_MAX];
    int n = notify_kinds(kinds, NOTIFICATION_KINDS_MAX);
    for (int i = 0; i < n; i++) {
        int on = 1;
        if (notify_pref(api_dc(r), kinds[i]->name, &on) != 0) {
            json_decref(o);
            return NULL;
        }
        json_object_set_new(o, kinds[i]->name, json_boolean(on));
    }
    return o;
}

static int prefs(http_req *r)
{
    json_t *o = prefs_json(r);
    return o ? api_send_json(r, 200, o) : edge_fail(r, WG_EDB);
}

static int prefs_set(http_req *r)
{
    if (api_need_body(r))
        return 0;
    const char *k;
    json_t *v;
    /* check every field first: all or nothing */
    json_object_foreach(edge_req(r)->json, k, v) {
        if (!json_is_boolean(v))
            return api_bad_field(r, k, "bad_type"), 0;
        int on;
        int rc = notify_pref(api_dc(r), k, &on);
        if (rc)
            return edge_fail(r, rc);
    }
    json_object_foreach(edge_req(r)->json, k, v) {
        int rc = notify_pref_set(api_dc(r), k, json_is_true(v));
        if (rc)
            return edge_fail(r, rc);
    }
    json_t *o = prefs_json(r);
    return o ? api_send_json(r, 200, o) : edge_fail(r, WG_EDB);
}

const struct http_route notification_api_routes[] = {
    {"GET", "/api/v1/notifications", list, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/notifications/read", mark_read, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"GET", "/api/v1/notification-prefs", prefs, HTTP_API | HTTP_AUTH, 0, NULL},
    {"PUT", "/api/v1/notification-prefs", prefs_set, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
