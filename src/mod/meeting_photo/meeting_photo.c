/* Photos of a meeting (see meeting_photo.h). */
#include "mod/meeting_photo/meeting_photo.h"

#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "mod/meeting_photo/meeting_photo_store.h"

int meeting_photo_add(dctx *c, int64_t meeting_id, const struct photo_upload *photos, int n, int *total)
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
    struct photo_image img[MEETING_PHOTOS_MAX];
    for (int i = 0; i < n; i++)
        if ((rc = photo_prepare(c, photos[i].data, photos[i].len, &img[i])))
            return rc;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = meeting_lock(c, meeting_id);
    if (rc == 0)
        rc = meeting_photo_store_count(c->st, meeting_id, &have);
    if (rc == 0 && have + n > MEETING_PHOTOS_MAX)
        rc = dctx_fail(c, WG_EINVAL, "meeting_photos_full", "photos");
    for (int i = 0; rc == 0 && i < n; i++) {
        int64_t pid = 0;
        rc = photo_insert(c, m.community_id, &img[i], &pid);
        if (rc == 0)
            rc = meeting_photo_store_add(c->st, meeting_id, pid, m.community_id, have + i, c->actor->id, c->now);
    }
    if ((rc = store_end(c->st, rc)))
        return rc;
    *total = have + n;
    return 0;
}

json_t *meeting_photo_list(dctx *c, int64_t meeting_id, int *rc)
{
    struct st_meeting m;
    int64_t *ids = NULL;
    int n = 0;
    *rc = meeting_get(c, meeting_id, &m);
    if (*rc == 0)
        *rc = meeting_photo_store_list(c->st, c->a, meeting_id, &ids, &n);
    if (*rc)
        return NULL;
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, photo_json(c->a, ids[i]));
    return arr;
}

/* The photos, as a panel of the meeting (its page and API). */
json_t *meeting_photo_panel(dctx *c, const struct st_meeting *m, int run, int *rc);
json_t *meeting_photo_panel(dctx *c, const struct st_meeting *m, int run, int *rc)
{
    json_t *photos = meeting_photo_list(c, m->id, rc);
    if (photos == NULL)
        return NULL;
    return json_pack("{s:o, s:i, s:b}", "photos", photos, "photos_max", MEETING_PHOTOS_MAX, "may_add_photos",
                     run && strcmp(m->status, "cancelled") != 0 && json_array_size(photos) < MEETING_PHOTOS_MAX);
}
