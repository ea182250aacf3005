/*
 * /api/v1 handler of meeting photos (docs/api.md, "Councils and meetings"):
 * POST /api/v1/meetings/{id}/photos takes multipart/form-data with file
 * parts named "photos" (JPEG, PNG or WebP, each at most 900 KiB, the
 * request at most 1 MiB, the meeting at most MEETING_PHOTOS_MAX photos).
 */
#include <string.h>

#include "api/api.h"
#include "app/app.h"
#include "domain/meeting_photo.h"

static dctx *dc(http_req *r)
{
    return &app_req(r)->dc;
}

static int dump_cb(const char *buffer, size_t size, void *data)
{
    return buf_add(data, buffer, size) == 0 ? 0 : -1;
}

int api_meeting_photos_add(http_req *r)
{
    struct app_req *ar = app_req(r);
    int64_t id = http_param_id(r, "id");
    struct photo_upload photos[MEETING_PHOTOS_MAX];
    int n = 0, total = 0;
    if (ar->json) {
        dc(r)->field = "photos";
        return app_error(r, 400, "multipart_required", NULL), 0;
    }
    for (size_t i = 0; i < ar->form.n; i++) {
        const struct form_field *f = &ar->form.fields[i];
        if (strcmp(f->name, "photos") != 0 || f->value_len == 0)
            continue; /* other fields, or a file input left empty */
        if (n == MEETING_PHOTOS_MAX) {
            dc(r)->field = "photos";
            return app_error(r, 422, "meeting_photos_full", NULL), 0;
        }
        photos[n++] = (struct photo_upload){f->value, f->value_len};
    }
    int rc = id ? meeting_photos_add(dc(r), id, photos, n, &total) : WG_ENOTFOUND;
    json_t *arr = rc ? NULL : meeting_photos_json(dc(r), id, &rc);
    if (rc) {
        const char *code = dc(r)->code;
        if (rc == WG_EINVAL && code && strcmp(code, "photo_type_unsupported") == 0)
            return app_error(r, 415, code, NULL), 0;
        return app_fail(r, rc);
    }
    json_t *o = json_pack("{s:o, s:i, s:i}", "photos", arr, "total", total, "max", MEETING_PHOTOS_MAX);
    buf_reset(r->out);
    json_dump_callback(o, dump_cb, r->out, JSON_COMPACT | JSON_ENSURE_ASCII);
    buf_addc(r->out, '\n');
    json_decref(o);
    http_add_header(r, "cache-control", "no-store");
    return http_send(r, 201, "application/json; charset=utf-8");
}
