/*
 * The meeting page's photo form (POST /meetings/{id}/photos, multipart, file
 * parts "photos"), and the photos' panel on the meeting page.
 */
#include <string.h>

#include "edge/page.h"
#include "mod/council/council_web.h"
#include "mod/meeting_photo/meeting_photo.h"

static int add(http_req *r)
{
    struct edge_req *ar = edge_req(r);
    int64_t id = http_param_id(r, "id");
    struct photo_upload photos[MEETING_PHOTOS_MAX];
    int n = 0, total = 0;
    if ((n = photo_collect(&ar->form, photos, MEETING_PHOTOS_MAX)) < 0)
        return edge_error(r, 422, "meeting_photos_full", NULL), 0;
    int rc = id ? meeting_photo_add(page_dc(r), id, photos, n, &total) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/meetings/%lld#photos", (long long)id), "flash_photos_added");
}

const struct council_page_ext meeting_photo_page = {"meeting_photo_panel", NULL, NULL, NULL};

const struct http_route meeting_photo_web_routes[] = {
    {"POST", "/meetings/{id}/photos", add, HTTP_AUTH | HTTP_CSRF | HTTP_WORKER, PHOTO_BODY_MAX, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
