/* Photos of a meeting (table meeting_photo, migration 0011). */
#ifndef WG_STORE_MEETING_PHOTO_H
#define WG_STORE_MEETING_PHOTO_H

#include <stdint.h>

#include "store/store.h"

/* The photo ids of a meeting in upload order (in a). */
int store_meeting_photos(store *s, arena *a, int64_t meeting_id, int64_t **ids, int *n);
/* How many photos the meeting has (inside a write transaction: under its lock). */
int store_meeting_photo_count(store *s, int64_t meeting_id, int *n);
int store_meeting_photo_add(store *s, int64_t meeting_id, int64_t photo_id, int64_t community_id, int position,
                            int64_t uploader_id, int64_t at);

#endif
