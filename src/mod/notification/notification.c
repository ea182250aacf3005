/* The public shape of a notification (see notification.h). */
#include "mod/notification/notification.h"

#include "core/time.h"

json_t *notification_json(dctx *c, const struct st_notification *x)
{
    (void)c;
    json_t *o = json_pack("{s:I, s:s, s:o, s:b}", "id", (json_int_t)x->id, "kind", x->kind, "detail",
                          x->detail ? json_string(x->detail) : json_null(), "read", x->read_at != 0);
    json_t *title = x->title ? json_string(x->title) : json_null();
    /* about a matter: its id and title; about something else: a link */
    if (x->matter_id) {
        json_object_set_new(o, "matter", json_pack("{s:I, s:o}", "id", (json_int_t)x->matter_id, "title", title));
        json_object_set_new(o, "link", json_null());
    } else {
        json_object_set_new(o, "matter", json_null());
        json_object_set_new(o, "link", x->url ? json_pack("{s:s, s:o}", "url", x->url, "title", title) : json_null());
        if (!x->url)
            json_decref(title);
    }
    return time_json_pair(o, "created_at", x->created_at);
}
