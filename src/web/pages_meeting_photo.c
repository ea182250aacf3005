/*
 * The meeting page's photo form (POST /meetings/{id}/photos, multipart,
 * file parts "photos"); the photos show on the meeting page
 * (pages_council.c) and are served by /photos/{id} (pages_opinion.c).
 */
#include <string.h>

#include "edge/edge.h"
#include "domain/meeting_photo.h"
#include "web/web.h"


int web_meeting_photos_add(http_req *r)
{
    struct edge_req *ar = edge_req(r);
    int64_t id = http_param_id(r, "id");
    struct photo_upload photos[MEETING_PHOTOS_MAX];
    int n = 0, total = 0;
    for (size_t i = 0; i < ar->form.n; i++) {
        const struct form_field *f = &ar->form.fields[i];
        if (strcmp(f->name, "photos") != 0 || f->value_len == 0)
            continue; /* other fields, or a file input left empty */
        if (n == MEETING_PHOTOS_MAX)
            return edge_error(r, 422, "meeting_photos_full", NULL), 0;
        photos[n++] = (struct photo_upload){f->value, f->value_len};
    }
    int rc = id ? meeting_photos_add(page_dc(r), id, photos, n, &total) : WG_ENOTFOUND;
    if (rc) {
        const char *code = page_dc(r)->code;
        if (rc == WG_EINVAL && code && strcmp(code, "photo_type_unsupported") == 0)
            return edge_error(r, 415, code, NULL), 0;
        return edge_fail(r, rc);
    }
    return http_redirect(r, arena_printf(r->a, "/meetings/%lld?done=1#photos", (long long)id));
}
