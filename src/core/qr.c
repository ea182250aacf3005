#include "core/qr.h"

#include <qrencode.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"

#define QR_QUIET 4

int qr_svg(arena *a, const char *text, int module_px, const char **svg_out)
{
    int rc = 0;
    QRcode *qr = NULL;
    buf b;
    buf_init(&b, 1024 * 1024);
    *svg_out = NULL;
    if (text == NULL || text[0] == '\0' || module_px < 1 || module_px > 64) {
        rc = WG_EINVAL;
        goto out;
    }
    qr = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (qr == NULL) {
        rc = WG_EINVAL;
        goto out;
    }
    int w = qr->width;
    int size = w + 2 * QR_QUIET;
    buf_addf(&b,
             "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
             "height=\"%d\" shape-rendering=\"crispEdges\">"
             "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
             size, size, size * module_px, size * module_px, size, size);
    for (int y = 0; y < w; y++) {
        const unsigned char *row = qr->data + (size_t)y * (size_t)w;
        for (int x = 0; x < w;) {
            if (!(row[x] & 1)) {
                x++;
                continue;
            }
            int run = 1;
            while (x + run < w && (row[x + run] & 1))
                run++;
            buf_addf(&b, "M%d %dh%dv1h-%dz", x + QR_QUIET, y + QR_QUIET, run, run);
            x += run;
        }
    }
    buf_adds(&b, "\"/></svg>");
    if (buf_failed(&b)) {
        rc = WG_EINVAL;
        goto out;
    }
    *svg_out = arena_strndup(a, b.data, b.len);
out:
    if (qr != NULL)
        QRcode_free(qr);
    buf_free(&b);
    return rc;
}
