/*
 * The photo module: images residents and staff attach to what they post
 * (opinions, meetings; later reports). An upload goes through
 * photo_image_process (libvips: type by its bytes, orientation applied,
 * every metadata block stripped, re-encoded to PHOTO_LONG_SIDE with a
 * thumbnail); only the re-encoded JPEGs are kept, never the upload.
 *
 * Storage: in the database (table photo), with its community, size,
 * dimensions and the BLAKE2b-256 hash of the stored bytes, which is its
 * ETag. See docs/architecture.md, "Photos", for why not on disk.
 *
 * Serving: GET /photos/{id} and GET /photos/{id}/thumb, only to signed-in
 * people who read its community, with "Cache-Control: private, immutable"
 * (the bytes of an id never change once ready) and If-None-Match.
 *
 * Limits: PHOTO_MAX_BYTES per photo and PHOTO_BODY_MAX per request; photo
 * routes run on a worker thread (HTTP_WORKER) so decoding never holds a
 * loop thread. Photos stored before the pipeline are re-encoded by the
 * "photo.reprocess" job (state pending until then, and not served).
 */
#ifndef WG_MOD_PHOTO_H
#define WG_MOD_PHOTO_H

#include <jansson.h>
#include <stddef.h>

#include "core/form.h"
#include "kernel/kernel.h"
#include "mod/photo/photo_image.h"

#define PHOTO_BODY_MAX (40 * 1024 * 1024) /* a request that carries photos */

struct st_photo {
    int64_t id, community_id, uploader_id;
    const char *mime;  /* of the bytes served: image/jpeg */
    const char *state; /* pending (stored before the pipeline), ready, unreadable */
    size_t size;
    const void *data; /* size bytes: the photo or its thumbnail */
    const char *hash; /* BLAKE2b-256 of the photo's bytes, hex */
    int width, height;
    int64_t created_at;
};

/* One uploaded file, borrowed from the request. */
struct photo_upload {
    const void *data;
    size_t len;
};

/* The non-empty file parts named "photos" of a form (a file input left
 * empty sends an empty one): their number, or -1 when there are more than max. */
int photo_collect(const struct form *f, struct photo_upload *out, int max);
/* Decodes and re-encodes one upload (photo_image_process), outside any
 * transaction: 0, or its error with the code and field "photos" in c
 * (WG_EMEDIA is answered with 415, WG_ETOOBIG with 413). */
int photo_prepare(dctx *c, const void *data, size_t n, struct photo_image *img);
/* Stores a prepared photo of community_id, uploaded by the actor; inside
 * the caller's open write transaction. */
int photo_insert(dctx *c, int64_t community_id, const struct photo_image *img, int64_t *id);
/* A ready photo (thumb: its thumbnail), with its bytes when with_bytes, for
 * a signed-in person who reads its community; anyone else, and a photo not
 * ready, gets WG_ENOTFOUND. The bytes live in c->a. */
int photo_get(dctx *c, int64_t id, int thumb, int with_bytes, struct st_photo *out);

/* A photo as the API and pages show it: {id, url, thumb}. */
json_t *photo_json(arena *a, int64_t id);

extern const struct module photo_module;

#endif
