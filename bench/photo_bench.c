/*
 * The photo pipeline alone (mod/photo/photo_image.c): an 8-megapixel phone
 * photo (3264 x 2448) with its EXIF, as a JPEG of random pixels (the worst
 * case for a decoder: about 6 MB) and as a smooth one (what a camera
 * gives of a wall or a sky), decoded, turned, stripped and re-encoded with
 * its thumbnail RUNS times in this process, one thread. Prints a line each:
 *   PHOTO kind=K bytes=N median_ms=... ms_per_mb=... ms_per_mp=...
 *   photo_bench [RUNS]     (default 9)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include <vips/vips.h>

#include "mod/photo/photo_image.h"

/* An 8 MP JPEG: random pixels (noise) or a smooth gradient. */
static void *make_jpeg(int noise, size_t *len)
{
    VipsImage *a = NULL, *b = NULL, *c = NULL;
    void *out = NULL;
    int rc;
    if (noise) {
        rc = vips_gaussnoise(&a, 3264, 2448, "sigma", 60.0, NULL);
        if (rc == 0) {
            VipsImage *bands[3] = {a, a, a};
            rc = vips_bandjoin(bands, &b, 3, NULL);
        }
    } else {
        rc = vips_xyz(&a, 3264, 2448, NULL) || vips_cast_ushort(a, &b, NULL);
        if (rc == 0) { /* x, y -> a soft two-colour gradient with a third band */
            VipsImage *t = b;
            rc = vips_linear1(t, &b, 0.06, 20.0, NULL);
            g_object_unref(t);
            if (rc == 0) {
                VipsImage *bands[3] = {b, b, b};
                t = b;
                rc = vips_bandjoin(bands, &b, 3, NULL);
                g_object_unref(t);
            }
        }
    }
    if (rc == 0)
        rc = vips_cast_uchar(b, &c, NULL);
    if (rc == 0)
        rc = vips_jpegsave_buffer(c, &out, len, "Q", 90, NULL);
    if (a)
        g_object_unref(a);
    if (b)
        g_object_unref(b);
    if (c)
        g_object_unref(c);
    return rc == 0 ? out : NULL;
}

static int run(const char *kind, const void *jpeg, size_t len, int runs)
{
    double *ms = malloc((size_t)runs * sizeof *ms);
    arena *a = arena_new(1 << 20);
    if (ms == NULL || a == NULL)
        return 1;
    for (int i = 0; i < runs; i++) {
        struct photo_image img;
        const char *code = NULL;
        arena_reset(a);
        double t0 = bench_now_ms();
        if (photo_image_process(a, jpeg, len, &img, &code) != 0) {
            fprintf(stderr, "photo_bench: %s refused: %s\n", kind, code);
            return 1;
        }
        ms[i] = bench_now_ms() - t0;
    }
    qsort(ms, (size_t)runs, sizeof *ms, bench_cmp_double);
    double med = ms[runs / 2];
    printf("PHOTO kind=%s bytes=%zu median_ms=%.1f ms_per_mb=%.1f ms_per_mp=%.1f\n", kind, len, med,
           med / ((double)len / 1048576.0), med / (3264.0 * 2448.0 / 1e6));
    free(ms);
    arena_free(a);
    return 0;
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 9;
    if (runs < 1 || runs > 100 || photo_image_init() != 0) {
        fputs("usage: photo_bench [RUNS]\n", stderr);
        return 2;
    }
    int rc = 0;
    for (int noise = 1; noise >= 0 && rc == 0; noise--) {
        size_t len = 0;
        void *jpeg = make_jpeg(noise, &len);
        if (jpeg == NULL) {
            fprintf(stderr, "photo_bench: cannot make the picture: %s\n", vips_error_buffer());
            return 1;
        }
        rc = run(noise ? "jpeg-noise" : "jpeg-smooth", jpeg, len, runs);
        g_free(jpeg);
    }
    return rc;
}
