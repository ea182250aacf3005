/* The photo pipeline (mod/photo/photo_image.c) over hostile bytes: any
 * input is either refused with a code or comes out as a JPEG within the
 * bounds, with no metadata segment before its first scan. */
#include <string.h>

#include "fuzz.h"
#include "mod/photo/photo_image.h"

static int inited;

/* Segments before the scan: none may be APP1 (Exif, XMP), APP2 (ICC),
 * APP13 (IPTC) or COM. */
static int jpeg_clean(const unsigned char *b, size_t n)
{
    if (n < 4 || b[0] != 0xFF || b[1] != 0xD8)
        return 0;
    for (size_t at = 2; at + 4 <= n && b[at] == 0xFF;) {
        unsigned m = b[at + 1];
        if (m == 0xE1 || m == 0xE2 || m == 0xED || m == 0xFE)
            return 0;
        if (m == 0xDA)
            return 1;
        at += 2 + ((size_t)b[at + 2] << 8 | b[at + 3]);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!inited) {
        FUZZ_ASSERT(photo_image_init() == 0);
        inited = 1;
    }
    arena *a = arena_new(64 * 1024);
    struct photo_image img;
    const char *code = NULL;
    if (photo_image_process(a, data, size, &img, &code) == 0) {
        FUZZ_ASSERT(code == NULL);
        FUZZ_ASSERT(img.width >= 1 && img.height >= 1);
        FUZZ_ASSERT(img.width <= PHOTO_LONG_SIDE && img.height <= PHOTO_LONG_SIDE);
        FUZZ_ASSERT(img.thumb_width <= PHOTO_THUMB_SIDE && img.thumb_height <= PHOTO_THUMB_SIDE);
        FUZZ_ASSERT(jpeg_clean(img.full, img.full_len));
        FUZZ_ASSERT(jpeg_clean(img.thumb, img.thumb_len));
    } else {
        FUZZ_ASSERT(code != NULL && strncmp(code, "photo_", 6) == 0);
    }
    arena_free(a);
    return 0;
}
