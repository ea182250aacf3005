/*
 * Photos: small images residents attach to what they post (opinions now,
 * meeting photos later). A photo is kept in the store with its community,
 * its type as recognised from its first bytes (never from what the client
 * says), its size and its BLAKE2b-256 hash; it is served only to signed-in
 * people of its community.
 */
#ifndef WG_DOMAIN_PHOTO_H
#define WG_DOMAIN_PHOTO_H

#include <stddef.h>

#include "domain/domain.h"
#include "store/store_opinion.h"

#define PHOTO_MAX_BYTES (900 * 1024) /* per photo; the server's body cap is 1 MiB */

/* "image/jpeg", "image/png" or "image/webp" by the magic bytes, else NULL. */
const char *photo_sniff(const void *data, size_t n);
/* Checks one upload: 0 with *mime set, or WG_EINVAL "photo_empty",
 * WG_ETOOBIG "photo_too_large" or WG_EINVAL "photo_type_unsupported" (the
 * edge answers that one with 415), field "photos". */
int photo_check(dctx *c, const void *data, size_t n, const char **mime);
/* Stores a checked photo of community_id, uploaded by the actor; runs
 * inside the caller's open write transaction. */
int photo_insert(dctx *c, int64_t community_id, const void *data, size_t n, const char *mime, int64_t *id);
/* A photo with its bytes, for a signed-in person who reads its community;
 * anyone else gets WG_ENOTFOUND. The bytes live in c->a. */
int photo_get(dctx *c, int64_t id, struct st_photo *out);

#endif
