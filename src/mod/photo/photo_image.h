/*
 * Photos as phones take them, made safe to show (libvips): an upload is
 * recognised by its first bytes (JPEG, PNG, WebP, HEIC/HEIF; never by what
 * the client says), its header is checked before any pixel is decoded
 * (PHOTO_MAX_PIXELS, PHOTO_MAX_SIDE: a decompression bomb or a 30,000 x
 * 30,000 picture is refused there), then it is decoded with its EXIF
 * orientation applied and its colours brought to sRGB, shrunk to
 * PHOTO_LONG_SIDE pixels on its long side (never enlarged), flattened onto
 * white when it has transparency, and written as a progressive JPEG with
 * every metadata block stripped (EXIF with its GPS position, XMP, IPTC, ICC).
 * A thumbnail of PHOTO_THUMB_SIDE is written the same way.
 *
 * Pure: no store, no request. Safe to call from several threads at once.
 * The fuzz harness tests/fuzz/fuzz_photo.c drives photo_image_process.
 */
#ifndef WG_MOD_PHOTO_IMAGE_H
#define WG_MOD_PHOTO_IMAGE_H

#include <stddef.h>

#include "core/arena.h"

#define PHOTO_MAX_BYTES (20 * 1024 * 1024) /* per uploaded photo */
#define PHOTO_MAX_PIXELS 50000000LL        /* 50 megapixels: a 48 MP phone photo */
#define PHOTO_MAX_SIDE 16384               /* pixels, either side */
#define PHOTO_LONG_SIDE 1600               /* the stored photo's long side, at most */
#define PHOTO_THUMB_SIDE 320               /* the thumbnail's long side, at most */
#define PHOTO_QUALITY 82                   /* JPEG quality of the stored photo */
#define PHOTO_THUMB_QUALITY 75

struct photo_image {
    const char *in_mime; /* what was uploaded: image/jpeg image/png image/webp image/heif */
    int in_width, in_height;
    const void *full; /* JPEG, in the arena */
    size_t full_len;
    int width, height;
    const void *thumb; /* JPEG, in the arena */
    size_t thumb_len;
    int thumb_width, thumb_height;
};

/* Once per process, before any photo_image_process (the photo module's
 * init): libvips with no operation cache, one thread per decode, and its
 * untrusted loaders blocked. 0 or WG_EINVAL. */
int photo_image_init(void);
void photo_image_fini(void);

/* "image/jpeg", "image/png", "image/webp" or "image/heif" by the first
 * bytes, else NULL. */
const char *photo_sniff(const void *data, size_t n);

/* Decodes and re-encodes one upload into *out (bytes in a). 0, or an error
 * with *code set: WG_EINVAL "photo_empty"; WG_ETOOBIG "photo_too_large"
 * (over PHOTO_MAX_BYTES) or "photo_too_many_pixels"; WG_EMEDIA
 * "photo_type_unsupported"; WG_EINVAL "photo_unreadable" (truncated,
 * corrupt, or a type this libvips build cannot decode). */
int photo_image_process(arena *a, const void *data, size_t n, struct photo_image *out, const char **code);

#endif
