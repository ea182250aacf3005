/*
 * Photos of a meeting (the red-bench council is photographed). Those who
 * run the meeting (meeting_may_run: managers of its place and its
 * facilitator) upload photos; everyone who reads the meeting sees them.
 * Each photo goes through the photo module (photo.h: type by its bytes,
 * PHOTO_MAX_BYTES each) and is served by GET /photos/{id} to the
 * community only. A meeting holds at most MEETING_PHOTOS_MAX photos; an
 * upload is all or nothing. A cancelled meeting takes none (409).
 */
#ifndef WG_DOMAIN_MEETING_PHOTO_H
#define WG_DOMAIN_MEETING_PHOTO_H

#include <jansson.h>

#include "domain/domain.h"
#include "mod/photo/photo.h"

#define MEETING_PHOTOS_MAX 9 /* per meeting, over all uploads */

/* Adds photos to the meeting in one transaction: WG_EPERM "forbidden"
 * (not run by the actor), WG_ENOTFOUND, WG_ECONFLICT "meeting_cancelled",
 * WG_EINVAL "photo_required" / "meeting_photos_full" (field "photos") or the
 * photo module's codes; *total: the meeting's photos afterwards. */
int meeting_photos_add(dctx *c, int64_t meeting_id, const struct photo_upload *photos, int n, int *total);
/* The meeting's photos (ACT_READ on its place) as [{id, url}]; NULL with
 * *rc set on failure. */
json_t *meeting_photos_json(dctx *c, int64_t meeting_id, int *rc);

#endif
