/* Photos: decoded and re-encoded on upload, hashed, and shown only within
 * their community (see photo.h); photos from before are re-encoded by a job. */
#include <sodium.h>
#include <string.h>

#include "core/err.h"
#include "core/log.h"
#include "mod/photo/photo.h"
#include "mod/photo/photo_store.h"

int photo_collect(const struct form *f, struct photo_upload *out, int max)
{
    int n = 0;
    for (size_t i = 0; i < f->n; i++) {
        const struct form_field *ff = &f->fields[i];
        if (strcmp(ff->name, "photos") != 0 || ff->value_len == 0)
            continue;
        if (n == max)
            return -1;
        out[n++] = (struct photo_upload){ff->value, ff->value_len};
    }
    return n;
}

int photo_prepare(dctx *c, const void *data, size_t n, struct photo_image *img)
{
    const char *code = NULL;
    int rc = photo_image_process(c->a, data, n, img, &code);
    return rc ? dctx_fail(c, rc, code, "photos") : 0;
}

static const char *hash_hex(arena *a, const void *data, size_t n)
{
    unsigned char h[32];
    char *hex = arena_alloc(a, 65);
    crypto_generichash(h, sizeof h, data, n, NULL, 0);
    sodium_bin2hex(hex, 65, h, sizeof h);
    return hex;
}

int photo_insert(dctx *c, int64_t community_id, const struct photo_image *img, int64_t *id)
{
    struct st_photo p = {
        .uploader_id = c->actor->id, .hash = hash_hex(c->a, img->full, img->full_len), .created_at = c->now};
    return photo_store_insert(c->st, &p, img, community_id, id);
}

json_t *photo_json(arena *a, int64_t id)
{
    return json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "url", arena_printf(a, "/photos/%lld", (long long)id),
                     "thumb", arena_printf(a, "/photos/%lld/thumb", (long long)id));
}

int photo_get(dctx *c, int64_t id, int thumb, int with_bytes, struct st_photo *out)
{
    struct st_place community;
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    int rc = photo_store_get(c->st, c->a, id, thumb, with_bytes, out);
    if (rc == 0 && strcmp(out->state, "ready") != 0)
        rc = WG_ENOTFOUND;
    if (rc == 0)
        rc = tree_get(c->st, c->a, out->community_id, &community);
    if (rc == WG_ENOTFOUND || (rc == 0 && !perm_allows(c->actor, &perm_read, community.path)))
        return dctx_fail(c, WG_ENOTFOUND, "not_found", NULL);
    return rc;
}

/* The job "photo.reprocess": a photo stored as uploaded, before the
 * pipeline, is decoded and re-encoded like a new one (its metadata go); one
 * that no longer decodes is marked unreadable and never served. */
int photo_reprocess(dctx *c, const struct job *j);
int photo_reprocess(dctx *c, const struct job *j)
{
    struct st_photo p;
    struct photo_image img;
    const char *code = NULL;
    int rc = photo_store_get(c->st, c->a, j->ref_id, 0, 1, &p);
    if (rc == WG_ENOTFOUND || (rc == 0 && strcmp(p.state, "pending") != 0))
        return 0; /* gone, or done already */
    if (rc)
        return rc;
    if (photo_image_process(c->a, p.data, p.size, &img, &code) != 0) {
        log_warn("photo %lld cannot be re-encoded (%s): not served", (long long)p.id, code);
        return photo_store_reprocessed(c->st, p.id, NULL, NULL);
    }
    return photo_store_reprocessed(c->st, p.id, &img, hash_hex(c->a, img.full, img.full_len));
}
