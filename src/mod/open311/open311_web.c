/*
 * The staff page of Open311 keys (/open311/keys): the community's keys,
 * the form that makes one (the key is shown once, on the page that answers
 * the form) and a button that revokes one.
 */
#include <string.h>

#include "edge/export.h"
#include "edge/page.h"
#include "mod/open311/open311.h"

/* The community of the page: ?community= or the form's community_id (a street's admin names one), else the actor's. */
static int64_t community_of(http_req *r)
{
    int bad = 0;
    const char *s = page_field(r, "community_id");
    int64_t id = page_int_id(s ? s : edge_query(r, "community"), &bad);
    return id > 0 && !bad ? id : actor_community(page_dc(r)->actor);
}

static int render(http_req *r, int status, const char *key, const char *key_name)
{
    struct st_open311_key *ks = NULL;
    int n = 0;
    int64_t community = community_of(r);
    int rc = open311_key_list(page_dc(r), community, &ks, &n);
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "open311_keys_title"), *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, open311_key_json(page_dc(r), &ks[i]));
    json_object_set_new(c, "keys", items);
    json_object_set_new(c, "community_id", json_integer(community));
    export_links(r, c, arena_printf(r->a, "/api/v1/open311/keys?community=%lld", (long long)community), NULL);
    json_object_set_new(c, "endpoint", json_string(arena_printf(r->a, "%s/open311/v2", edge_options()->base_url)));
    if (key)
        json_object_set_new(c, "fresh", json_pack("{s:s, s:s}", "key", key, "name", key_name));
    return page_render(r, status, "open311_keys", c);
}

static int keys_page(http_req *r)
{
    return render(r, 200, NULL, NULL);
}

static int create(http_req *r)
{
    char key[OPEN311_KEY_LEN + 1];
    int64_t id = 0;
    const char *name = page_field(r, "name");
    int rc = open311_key_create(page_dc(r), community_of(r), name, key, &id);
    if (rc)
        return edge_fail(r, rc);
    /* shown here once: never kept, so never shown again (a reload asks before it posts again) */
    return render(r, 201, key, name);
}

static int revoke(http_req *r)
{
    int rc = open311_key_revoke(page_dc(r), http_param_id(r, "id"));
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/open311/keys?community=%lld", (long long)community_of(r)),
                     "flash_open311_revoked");
}

const struct http_route open311_web_routes[] = {
    {"GET", "/open311/keys", keys_page, HTTP_AUTH | HTTP_STAFF, 0, NULL},
    {"POST", "/open311/keys", create, HTTP_AUTH | HTTP_STAFF | HTTP_CSRF, 4096, NULL},
    {"POST", "/open311/keys/{id}/revoke", revoke, HTTP_AUTH | HTTP_STAFF | HTTP_CSRF, 1024, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
