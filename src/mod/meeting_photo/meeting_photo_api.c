/*
 * /api/v1 handler of meeting photos (docs/api.md, "Councils and meetings"):
 * POST /api/v1/meetings/{id}/photos takes multipart/form-data with file
 * parts named "photos" (JPEG, PNG or WebP, each at most 900 KiB, the
 * request at most 1 MiB, the meeting at most MEETING_PHOTOS_MAX photos).
 */
#include <string.h>

#include "edge/api.h"
#include "mod/meeting_photo/meeting_photo.h"

static int add(http_req *r)
{
    struct edge_req *ar = edge_req(r);
    int64_t id = http_param_id(r, "id");
    struct photo_upload photos[MEETING_PHOTOS_MAX];
    int n = 0, total = 0;
    if (ar->json) {
        api_dc(r)->field = "photos";
        return edge_error(r, 400, "multipart_required", NULL), 0;
    }
    if ((n = photo_collect(&ar->form, photos, MEETING_PHOTOS_MAX)) < 0) {
        api_dc(r)->field = "photos";
        return edge_error(r, 422, "meeting_photos_full", NULL), 0;
    }
    int rc = id ? meeting_photo_add(api_dc(r), id, photos, n, &total) : WG_ENOTFOUND;
    json_t *arr = rc ? NULL : meeting_photo_list(api_dc(r), id, &rc);
    if (rc)
        return edge_fail(r, rc);
    json_t *o = json_pack("{s:o, s:i, s:i}", "photos", arr, "total", total, "max", MEETING_PHOTOS_MAX);
    return api_send_json(r, 201, o);
}

const struct http_route meeting_photo_api_routes[] = {
    {"POST", "/api/v1/meetings/{id}/photos", add, HTTP_API | HTTP_AUTH | HTTP_CSRF | HTTP_UPLOAD | HTTP_WORKER, PHOTO_BODY_MAX, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
