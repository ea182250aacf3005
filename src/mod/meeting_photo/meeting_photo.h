/*
 * Photos of a meeting (the red-bench council is photographed). Those who
 * run the meeting (meeting_may_run: managers of its place and its
 * facilitator) upload photos; everyone who reads the meeting sees them, on
 * its page and in GET /api/v1/meetings/{id} ("photos"). Each photo goes
 * through the photo module (type by its bytes, PHOTO_MAX_BYTES each) and is
 * served by GET /photos/{id} to the community only. A meeting holds at most
 * MEETING_PHOTOS_MAX photos; an upload is all or nothing. A cancelled
 * meeting takes none (409).
 */
#ifndef WG_MOD_MEETING_PHOTO_H
#define WG_MOD_MEETING_PHOTO_H

#include <jansson.h>

#include "mod/council/council.h"
#include "mod/photo/photo.h"

#define MEETING_PHOTOS_MAX 9 /* per meeting, over all uploads */

/* Adds photos to the meeting in one transaction: WG_EPERM "forbidden"
 * (not run by the actor), WG_ENOTFOUND, WG_ECONFLICT "meeting_cancelled",
 * WG_EINVAL "photo_required" / "meeting_photos_full" (field "photos") or the
 * photo module's codes; *total: the meeting's photos afterwards. */
int meeting_photo_add(dctx *c, int64_t meeting_id, const struct photo_upload *photos, int n, int *total);
/* The meeting's photos (perm_read on its place) as [{id, url}]; NULL with
 * *rc set on failure. */
json_t *meeting_photo_list(dctx *c, int64_t meeting_id, int *rc);

extern const struct module meeting_photo_module;

#endif
