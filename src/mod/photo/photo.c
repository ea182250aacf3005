/* Photos: recognised by their magic bytes, size-limited, hashed, and shown
 * only within their community (see photo.h). */
#include <sodium.h>
#include <string.h>

#include "mod/photo/photo.h"
#include "mod/photo/photo_store.h"

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
    return NULL;
}

int photo_check(dctx *c, const void *data, size_t n, const char **mime)
{
    if (data == NULL || n == 0)
        return dctx_fail(c, WG_EINVAL, "photo_empty", "photos");
    if (n > PHOTO_MAX_BYTES)
        return dctx_fail(c, WG_ETOOBIG, "photo_too_large", "photos");
    if ((*mime = photo_sniff(data, n)) == NULL)
        return dctx_fail(c, WG_EMEDIA, "photo_type_unsupported", "photos");
    return 0;
}

int photo_insert(dctx *c, int64_t community_id, const void *data, size_t n, const char *mime, int64_t *id)
{
    unsigned char h[32];
    char hex[65];
    crypto_generichash(h, sizeof h, data, n, NULL, 0);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    struct st_photo p = {.community_id = community_id, .uploader_id = c->actor->id, .mime = mime, .size = n,
                         .data = data, .hash = hex, .created_at = c->now};
    int rc = photo_store_insert(c->st, &p);
    if (rc == 0)
        *id = p.id;
    return rc;
}

int photo_get(dctx *c, int64_t id, struct st_photo *out)
{
    struct st_place community;
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    int rc = photo_store_get(c->st, c->a, id, out);
    if (rc == 0)
        rc = tree_get(c->st, c->a, out->community_id, &community);
    if (rc == WG_ENOTFOUND || (rc == 0 && !perm_allows(c->actor, &perm_read, community.path)))
        return dctx_fail(c, WG_ENOTFOUND, "not_found", NULL);
    return rc;
}
