/* The notifications page (/notifications): the list, marking all read,
 * and the kinds the person receives. */
#include <string.h>

#include "edge/page.h"
#include "mod/notification/notification.h"

static int page(http_req *r)
{
    struct notify_page pg;
    int rc = notify_list(page_dc(r), 0, LIST_LIMIT_MAX, 0, &pg);
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "notifications");
    json_t *arr = json_array();
    for (int i = 0; i < pg.n; i++) {
        json_t *o = notification_json(page_dc(r), &pg.items[i]);
        json_object_set_new(o, "text", json_string(notify_text(r->a, edge_req(r)->lang, &pg.items[i])));
        json_array_append_new(arr, o);
    }
    json_object_set_new(c, "notifications", arr);
    json_object_set_new(c, "has_unread", json_boolean(pg.unread > 0));
    const struct notify_kind *kinds[NOTIFICATION_KINDS_MAX];
    int n = notify_kinds(kinds, NOTIFICATION_KINDS_MAX);
    json_t *kj = json_array();
    for (int i = 0; i < n; i++) {
        int on = 1;
        if ((rc = notify_pref(page_dc(r), kinds[i]->name, &on))) {
            json_decref(c);
            json_decref(kj);
            return edge_fail(r, rc);
        }
        json_array_append_new(kj, json_pack("{s:s, s:s, s:b}", "kind", kinds[i]->name, "label",
                                            page_tr(r, "kind_n_", kinds[i]->name), "on", on));
    }
    json_object_set_new(c, "kinds", kj);
    return page_render(r, 200, "notifications", c);
}

static int mark_read(http_req *r)
{
    int changed = 0;
    int rc = notify_read(page_dc(r), 0, &changed);
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, "/notifications", "flash_all_read");
}

/* Opening a notification: it is read, and its page follows (a POST: no
 * state changes on a GET). */
static int open_one(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_notification x;
    int changed = 0;
    int rc = id ? notify_get(page_dc(r), id, &x) : WG_ENOTFOUND;
    if (rc == 0)
        rc = notify_read(page_dc(r), id, &changed);
    if (rc)
        return edge_fail(r, rc);
    const char *to = x.matter_id ? arena_printf(r->a, "/matters/%lld", (long long)x.matter_id)
                     : x.url     ? page_safe_back(x.url)
                                 : "/notifications";
    return http_redirect(r, to);
}

static int prefs_set(http_req *r)
{
    const struct notify_kind *kinds[NOTIFICATION_KINDS_MAX];
    int n = notify_kinds(kinds, NOTIFICATION_KINDS_MAX);
    for (int i = 0; i < n; i++) {
        const char *v = page_field(r, kinds[i]->name);
        int rc = notify_pref_set(page_dc(r), kinds[i]->name, v && strcmp(v, "1") == 0);
        if (rc)
            return edge_fail(r, rc);
    }
    return page_done(r, "/notifications", "flash_saved");
}

const struct http_route notification_web_routes[] = {
    {"GET", "/notifications", page, HTTP_AUTH, 0, NULL},
    {"POST", "/notifications/read", mark_read, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/notifications/{id}/open", open_one, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/notifications/prefs", prefs_set, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
