/* The meeting photo module's SQL (private to mod/meeting_photo/). */
#ifndef WG_MOD_MEETING_PHOTO_STORE_H
#define WG_MOD_MEETING_PHOTO_STORE_H

#include "mod/meeting_photo/meeting_photo.h"

/* The photo ids of a meeting in upload order (in a). */
int meeting_photo_store_list(store *s, arena *a, int64_t meeting_id, int64_t **ids, int *n);
/* How many photos the meeting has (inside a write transaction: under its lock). */
int meeting_photo_store_count(store *s, int64_t meeting_id, int *n);
int meeting_photo_store_add(store *s, int64_t meeting_id, int64_t photo_id, int64_t community_id, int position,
                            int64_t uploader_id, int64_t at);

#endif
