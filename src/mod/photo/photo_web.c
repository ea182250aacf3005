/* GET /photos/{id} and /photos/{id}/thumb: a photo's bytes, for people of
 * its community, cached by the browser (never by a shared cache). */
#include <string.h>

#include "edge/page.h"
#include "mod/photo/photo.h"

static int serve(http_req *r, int thumb)
{
    int64_t id = http_param_id(r, "id");
    struct st_photo p;
    const char *inm = http_header(r, "if-none-match");
    /* a revalidation is answered from the row alone; the bytes are read
     * again only when the ETag no longer matches (a rare second look) */
    int rc = id ? photo_get(page_dc(r), id, thumb, inm == NULL, &p) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    const char *etag = arena_printf(r->a, "\"%s%s\"", p.hash, thumb ? "-t" : "");
    /* the bytes of a ready photo never change: a year, and no revalidation */
    http_add_header(r, "cache-control", "private, max-age=31536000, immutable");
    http_add_header(r, "etag", etag);
    buf_reset(r->out);
    if (inm != NULL && strstr(inm, etag) != NULL)
        return http_send(r, 304, NULL);
    if (p.data == NULL && (rc = photo_get(page_dc(r), id, thumb, 1, &p)))
        return edge_fail(r, rc);
    buf_add(r->out, p.data, p.size);
    return http_send(r, 200, p.mime);
}

static int photo(http_req *r)
{
    return serve(r, 0);
}

static int thumb(http_req *r)
{
    return serve(r, 1);
}

const struct http_route photo_web_routes[] = {
    {"GET", "/photos/{id}", photo, HTTP_AUTH, 0, NULL},
    {"GET", "/photos/{id}/thumb", thumb, HTTP_AUTH, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
