/* Decoding and re-encoding photos with libvips (see photo_image.h). */
#include "mod/photo/photo_image.h"

#include <string.h>
#include <vips/vips.h>

#include "core/err.h"
#include "core/log.h"

/* libvips reports through GLib's log: to ours, at debug level, so a bad
 * upload does not fill the server's error output */
static void on_vips_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer ud)
{
    (void)domain;
    (void)level;
    (void)ud;
    log_debug("vips: %s", msg);
}

int photo_image_init(void)
{
    if (VIPS_INIT("wugong") != 0) {
        log_error("cannot start libvips: %s", vips_error_buffer());
        return WG_EINVAL;
    }
    vips_cache_set_max(0); /* a server decodes each upload once: no operation cache */
    vips_concurrency_set(1); /* each decode on its own thread; the server has its workers */
    vips_block_untrusted_set(TRUE); /* only the loaders fuzzed for hostile input */
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO, on_vips_log, NULL);
    return 0;
}

void photo_image_fini(void)
{
    vips_shutdown();
}

/* ISO BMFF "ftyp" major brands of HEIF stills and sequences (ISO/IEC 23008-12).
 */
static int is_heif(const unsigned char *b, size_t n)
{
    static const char brands[][5] = {"heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1"};
    if (n < 12 || memcmp(b + 4, "ftyp", 4) != 0)
        return 0;
    for (size_t i = 0; i < sizeof brands / sizeof brands[0]; i++)
        if (memcmp(b + 8, brands[i], 4) == 0)
            return 1;
    return 0;
}

const char *photo_sniff(const void *data, size_t n)
{
    const unsigned char *b = data;
    if (b == NULL)
        return NULL;
    if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        return "image/jpeg";
    if (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
        return "image/png";
    if (n >= 12 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "WEBP", 4) == 0)
        return "image/webp";
    if (is_heif(b, n))
        return "image/heif";
    return NULL;
}

/* The header only (libvips decodes lazily), by the loader of the sniffed type.
 */
static VipsImage *load_header(const void *data, size_t n, const char *mime)
{
    VipsImage *img = NULL;
    int rc = -1;
    if (strcmp(mime, "image/jpeg") == 0)
        rc = vips_jpegload_buffer((void *)data, n, &img, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    else if (strcmp(mime, "image/png") == 0)
        rc = vips_pngload_buffer((void *)data, n, &img, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    else if (strcmp(mime, "image/webp") == 0)
        rc = vips_webpload_buffer((void *)data, n, &img, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    else if (strcmp(mime, "image/heif") == 0)
        rc = vips_heifload_buffer((void *)data, n, &img, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    return rc == 0 ? img : NULL;
}

/* Replaces *img by next (or keeps it and fails when the step failed). */
static int step(VipsImage **img, int rc, VipsImage *next)
{
    if (rc != 0)
        return -1;
    g_object_unref(*img);
    *img = next;
    return 0;
}

/* sRGB (or grey) in 8 bits without transparency: what a JPEG holds. */
static int to_jpeg_pixels(VipsImage **img)
{
    VipsImage *next = NULL;
    if (vips_image_hasalpha(*img)) {
        int bands = (*img)->Bands - 1;
        VipsArrayDouble *white = vips_array_double_newv(bands >= 3 ? 3 : 1, 255.0, 255.0, 255.0);
        int rc = vips_flatten(*img, &next, "background", white, NULL);
        vips_area_unref(VIPS_AREA(white));
        if (step(img, rc, next))
            return -1;
    }
    VipsInterpretation want = (*img)->Bands < 3 ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB;
    if ((*img)->Type != want || (*img)->BandFmt != VIPS_FORMAT_UCHAR)
        if (step(img, vips_colourspace(*img, &next, want, NULL), next))
            return -1;
    if ((*img)->BandFmt != VIPS_FORMAT_UCHAR)
        if (step(img, vips_cast_uchar(*img, &next, NULL), next))
            return -1;
    return 0;
}

/* Shrinks the encoded picture to side pixels at most (EXIF orientation
 * applied) and writes it as a stripped JPEG into the arena. */
static int encode(arena *a, const void *data, size_t n, int side, int quality, const void **out, size_t *len, int *w,
                  int *h)
{
    VipsImage *img = NULL;
    void *jpeg = NULL;
    size_t jlen = 0;
    int rc = -1;
    if (vips_thumbnail_buffer((void *)data, n, &img, side, "height", side, "size", VIPS_SIZE_DOWN, "option_string",
                              "fail_on=truncated", NULL) != 0)
        goto out;
    if (to_jpeg_pixels(&img) != 0)
        goto out;
    if (vips_jpegsave_buffer(img, &jpeg, &jlen, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, "interlace", TRUE,
                             NULL) != 0)
        goto out;
    void *copy = arena_alloc(a, jlen);
    memcpy(copy, jpeg, jlen);
    *out = copy;
    *len = jlen;
    *w = img->Xsize;
    *h = img->Ysize;
    rc = 0;
out:
    g_free(jpeg);
    if (img != NULL)
        g_object_unref(img);
    return rc;
}

static int fail(const char **code, const char *what, int err)
{
    *code = what;
    if (err == WG_EINVAL && vips_error_buffer()[0] != '\0')
        log_debug("photo: %s", vips_error_buffer());
    vips_error_clear();
    return err;
}

int photo_image_process(arena *a, const void *data, size_t n, struct photo_image *out, const char **code)
{
    memset(out, 0, sizeof *out);
    *code = NULL;
    if (data == NULL || n == 0)
        return fail(code, "photo_empty", WG_EINVAL);
    if (n > PHOTO_MAX_BYTES)
        return fail(code, "photo_too_large", WG_ETOOBIG);
    if ((out->in_mime = photo_sniff(data, n)) == NULL)
        return fail(code, "photo_type_unsupported", WG_EMEDIA);
    VipsImage *head = load_header(data, n, out->in_mime);
    if (head == NULL)
        return fail(code, "photo_unreadable", WG_EINVAL);
    out->in_width = head->Xsize;
    out->in_height = head->Ysize;
    g_object_unref(head);
    if (out->in_width > PHOTO_MAX_SIDE || out->in_height > PHOTO_MAX_SIDE ||
        (long long)out->in_width * out->in_height > PHOTO_MAX_PIXELS)
        return fail(code, "photo_too_many_pixels", WG_ETOOBIG);
    if (encode(a, data, n, PHOTO_LONG_SIDE, PHOTO_QUALITY, &out->full, &out->full_len, &out->width, &out->height))
        return fail(code, "photo_unreadable", WG_EINVAL);
    /* the thumbnail from the stored photo: small, already upright and clean */
    if (encode(a, out->full, out->full_len, PHOTO_THUMB_SIDE, PHOTO_THUMB_QUALITY, &out->thumb, &out->thumb_len,
               &out->thumb_width, &out->thumb_height))
        return fail(code, "photo_unreadable", WG_EINVAL);
    return 0;
}
