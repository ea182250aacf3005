/* GET /photos/{id}: a photo's bytes, for people of its community. */
#include "edge/page.h"
#include "mod/photo/photo.h"

static int photo(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_photo p;
    int rc = id ? photo_get(page_dc(r), id, &p) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    buf_reset(r->out);
    buf_add(r->out, p.data, p.size);
    http_add_header(r, "cache-control", "private, max-age=86400");
    return http_send(r, 200, p.mime);
}

const struct http_route photo_web_routes[] = {
    {"GET", "/photos/{id}", photo, HTTP_AUTH, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
