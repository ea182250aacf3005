/* The photo module's SQL (private to mod/photo/). */
#ifndef WG_MOD_PHOTO_STORE_H
#define WG_MOD_PHOTO_STORE_H

#include "mod/photo/photo.h"

/* Inserts a ready photo; sets *id. */
int photo_store_insert(store *s, const struct st_photo *p, const struct photo_image *img, int64_t community_id,
                       int64_t *id);
/* The photo with (with_bytes) the bytes of the photo or (thumb) of its thumbnail. */
int photo_store_get(store *s, arena *a, int64_t id, int thumb, int with_bytes, struct st_photo *out);
/* Replaces a pending photo's bytes by the re-encoded ones (ready), or marks
 * it unreadable when img is NULL. */
int photo_store_reprocessed(store *s, int64_t id, const struct photo_image *img, const char *hash);

#endif
