/* Photos of a meeting (meeting_photo.h). */
#include "domain/meeting_photo.h"

#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/council.h"
#include "mod/photo/photo.h"
#include "store/store_meeting_photo.h"

int meeting_photos_add(dctx *c, int64_t meeting_id, const struct photo_upload *photos, int n, int *total)
{
    struct st_meeting m;
    int rc = meeting_get(c, meeting_id, &m), have = 0;
    if (rc)
        return rc;
    if (!meeting_may_run(c, &m)) {
        audit_log(c, "denied", arena_printf(c->a, "meeting:%lld", (long long)meeting_id), "meeting_photos",
                  m.community_id);
        return dctx_fail(c, WG_EPERM, "forbidden", NULL);
    }
    if (strcmp(m.status, "cancelled") == 0)
        return dctx_fail(c, WG_ECONFLICT, "meeting_cancelled", NULL);
    if (n <= 0)
        return dctx_fail(c, WG_EINVAL, "photo_required", "photos");
    if (n > MEETING_PHOTOS_MAX)
        return dctx_fail(c, WG_EINVAL, "meeting_photos_full", "photos");
    const char *mime[MEETING_PHOTOS_MAX];
    for (int i = 0; i < n; i++)
        if ((rc = photo_check(c, photos[i].data, photos[i].len, &mime[i])))
            return rc;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = store_lock_row(c->st, STORE_ROW_MEETING, meeting_id);
    if (rc == 0)
        rc = store_meeting_photo_count(c->st, meeting_id, &have);
    if (rc == 0 && have + n > MEETING_PHOTOS_MAX)
        rc = dctx_fail(c, WG_EINVAL, "meeting_photos_full", "photos");
    for (int i = 0; rc == 0 && i < n; i++) {
        int64_t pid = 0;
        rc = photo_insert(c, m.community_id, photos[i].data, photos[i].len, mime[i], &pid);
        if (rc == 0)
            rc = store_meeting_photo_add(c->st, meeting_id, pid, m.community_id, have + i, c->actor->id, c->now);
    }
    if ((rc = store_end(c->st, rc)))
        return rc;
    *total = have + n;
    return 0;
}

json_t *meeting_photos_json(dctx *c, int64_t meeting_id, int *rc)
{
    struct st_meeting m;
    int64_t *ids = NULL;
    int n = 0;
    *rc = meeting_get(c, meeting_id, &m);
    if (*rc == 0)
        *rc = store_meeting_photos(c->st, c->a, meeting_id, &ids, &n);
    if (*rc)
        return NULL;
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:I, s:s}", "id", (json_int_t)ids[i], "url",
                                             arena_printf(c->a, "/photos/%lld", (long long)ids[i])));
    return arr;
}
