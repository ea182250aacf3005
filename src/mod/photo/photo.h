/*
 * The photo module: images residents and staff attach to what they post
 * (opinions, meetings). A photo is kept in the store with its community,
 * its type as recognised from its first bytes (never from what the client
 * says), its size and its BLAKE2b-256 hash; GET /photos/{id} serves it only
 * to signed-in people who read its community.
 */
#ifndef WG_MOD_PHOTO_H
#define WG_MOD_PHOTO_H

#include <stddef.h>

#include "kernel/kernel.h"

#define PHOTO_MAX_BYTES (900 * 1024) /* per photo; a route's body limit is larger */

struct st_photo {
    int64_t id, community_id, uploader_id;
    const char *mime; /* image/jpeg image/png image/webp */
    size_t size;
    const void *data; /* size bytes */
    const char *hash; /* BLAKE2b-256 of the bytes, hex */
    int64_t created_at;
};

/* One uploaded file, borrowed from the request. */
struct photo_upload {
    const void *data;
    size_t len;
};

/* "image/jpeg", "image/png" or "image/webp" by the magic bytes, else NULL. */
const char *photo_sniff(const void *data, size_t n);
/* Checks one upload: 0 with *mime set, or WG_EINVAL "photo_empty",
 * WG_ETOOBIG "photo_too_large" or WG_EMEDIA "photo_type_unsupported"
 * (answered with 415); field "photos". */
int photo_check(dctx *c, const void *data, size_t n, const char **mime);
/* Stores a checked photo of community_id, uploaded by the actor; inside
 * the caller's open write transaction. */
int photo_insert(dctx *c, int64_t community_id, const void *data, size_t n, const char *mime, int64_t *id);
/* A photo with its bytes, for a signed-in person who reads its community;
 * anyone else gets WG_ENOTFOUND. The bytes live in c->a. */
int photo_get(dctx *c, int64_t id, struct st_photo *out);

extern const struct module photo_module;

#endif
