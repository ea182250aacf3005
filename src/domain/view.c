/* The public shape of each domain object, as jansson values: dumped as-is by
 * the JSON API and rendered by the page templates. Privacy rules live here:
 * phone numbers are always masked in views. */
#include <string.h>
#include <time.h>

#include "core/md.h"
#include "domain/domain.h"

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *ref(int64_t id, const char *name)
{
    return json_pack("{s:I, s:o}", "id", (json_int_t)id, "name", str_or_null(name));
}









json_t *view_comment(dctx *c, const struct st_comment *cm, int moderator)
{
    (void)c;
    int hidden = strcmp(cm->status, "hidden") == 0;
    json_t *o = json_pack("{s:I, s:I, s:o, s:i, s:o, s:s}", "id", (json_int_t)cm->id, "matter_id",
                          (json_int_t)cm->matter_id, "parent_id", cm->parent_id ? json_integer(cm->parent_id) : json_null(),
                          "depth", cm->depth, "author", ref(cm->author_id, cm->author_name), "status", cm->status);
    /* a hidden comment stays in the thread as a notice with its public reason */
    json_object_set_new(o, "body", hidden && !moderator ? json_null() : json_string(cm->body));
    json_object_set_new(o, "hidden_reason", str_or_null(cm->hidden_reason));
    if (moderator)
        json_object_set_new(o, "reports", json_integer(cm->reports));
    return time_pair(o, "created_at", cm->created_at);
}
