/* The photo module's SQL (private to mod/photo/). */
#ifndef WG_MOD_PHOTO_STORE_H
#define WG_MOD_PHOTO_STORE_H

#include "mod/photo/photo.h"

int photo_store_insert(store *s, struct st_photo *p); /* sets p->id */
/* The photo with its bytes. */
int photo_store_get(store *s, arena *a, int64_t id, struct st_photo *out);

#endif
