/* Open311: keys, the key's account, requests and updates (see open311.h). */
#include "mod/open311/open311.h"

#include <assert.h>
#include <sodium.h>
#include <string.h>

#include "core/time.h"
#include "core/token.h"
#include "core/utf8.h"
#include "mod/open311/open311_store.h"
#include "mod/place/place.h"

#define N PERM_NONE
#define S PERM_SUBTREE
const struct perm_action open311_act_manage = {"manage_open311", "make and revoke Open311 API keys for other systems",
                                               {N, N, N, S, S}};
#undef N
#undef S

/* The hex BLAKE2b-256 of a key: what is kept, and looked up. */
static void key_hash(const char *key, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)key, strlen(key), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

/* The community place of id, and that staff may manage keys there. */
static int managed_community(dctx *c, int64_t community_id, struct st_place *com)
{
    int rc = place_of_kind(c, community_id, "community", "not_found", com);
    return rc ? rc : perm_check(c, &open311_act_manage, com->path, com->id);
}

/* The key's account: a person whose "phone" is no phone (it never signs in). */
static int key_person(dctx *c, const char *name, const char *hash, int64_t *id)
{
    struct st_person p = {.phone = arena_printf(c->a, "open311:%.16s", hash), .name = name, .pw_hash = "!",
                          .created_at = c->now};
    int rc = person_insert(c->st, &p);
    *id = p.id;
    return rc;
}

int open311_key_create(dctx *c, int64_t community_id, const char *name, char *key, int64_t *id)
{
    struct st_place com;
    char tok[TOKEN_HEX + 1], hash[65];
    int live = 0;
    int rc = managed_community(c, community_id, &com);
    if (rc || (rc = dctx_text(c, name, OPEN311_NAME_MAX, 1, "name", "open311_name_required", "open311_name_invalid")))
        return rc;
    token_random(tok);
    snprintf(key, OPEN311_KEY_LEN + 1, OPEN311_KEY_PREFIX "%s", tok);
    key_hash(key, hash);
    struct st_open311_key k = {.community_id = com.id, .name = name, .prefix = arena_strndup(c->a, key, 9),
                               .created_by = c->actor->id, .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    rc = open311_store_keys_live(c->st, com.id, &live);
    if (rc == 0 && live >= OPEN311_KEYS_MAX)
        rc = dctx_fail(c, WG_ETOOBIG, "open311_keys_too_many", NULL);
    if (rc == 0)
        rc = key_person(c, name, hash, &k.person_id);
    if (rc == 0)
        rc = open311_store_key_insert(c->st, &k, hash);
    if (rc == 0)
        rc = audit_insert(c->st, &(struct st_audit){.at = c->now, .actor_id = c->actor->id, .community_id = com.id,
                                                    .ip = c->ip, .action = "open311_key_created",
                                                    .target = arena_printf(c->a, "open311_key:%lld", (long long)k.id),
                                                    .detail = name});
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = k.id;
    return 0;
}

int open311_key_list(dctx *c, int64_t community_id, struct st_open311_key **out, int *n)
{
    struct st_place com;
    *n = 0;
    int rc = managed_community(c, community_id, &com);
    return rc ? rc : open311_store_keys(c->st, c->a, com.id, 4 * OPEN311_KEYS_MAX, out, n);
}

int open311_key_revoke(dctx *c, int64_t id)
{
    struct st_open311_key k;
    struct st_place com;
    int rc = id > 0 ? open311_store_key_get(c->st, c->a, id, &k) : WG_ENOTFOUND;
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc || (rc = managed_community(c, k.community_id, &com)) || (rc = store_begin(c->st)))
        return rc;
    rc = open311_store_key_revoke(c->st, id, c->now);
    if (rc == WG_ECONFLICT)
        rc = dctx_fail(c, rc, "open311_key_revoked", NULL);
    if (rc == 0)
        rc = audit_insert(c->st, &(struct st_audit){.at = c->now, .actor_id = c->actor->id, .community_id = com.id,
                                                    .ip = c->ip, .action = "open311_key_revoked",
                                                    .target = arena_printf(c->a, "open311_key:%lld", (long long)id),
                                                    .detail = k.name});
    return store_end(c->st, rc);
}

json_t *open311_key_json(dctx *c, const struct st_open311_key *k)
{
    json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:{s:I, s:s}, s:b}", "id", (json_int_t)k->id, "community_id",
                          (json_int_t)k->community_id, "name", k->name, "prefix", k->prefix, "created_by", "id",
                          (json_int_t)k->created_by, "name", k->created_by_name, "revoked", k->revoked_at != 0);
    (void)c;
    time_json_pair(o, "created_at", k->created_at);
    return time_json_pair(o, "revoked_at", k->revoked_at);
}

/* ---- the protocol ---- */

int open311_auth(dctx *c, const char *api_key, struct st_open311_key *k)
{
    char hash[65];
    struct st_place com;
    if (api_key == NULL || strlen(api_key) != OPEN311_KEY_LEN || strncmp(api_key, OPEN311_KEY_PREFIX, 5) != 0)
        return dctx_fail(c, WG_EAUTH, "open311_key_invalid", "api_key");
    key_hash(api_key, hash);
    int rc = open311_store_key_by_hash(c->st, c->a, hash, k);
    if (rc == WG_ENOTFOUND || (rc == 0 && k->revoked_at != 0))
        return dctx_fail(c, WG_EAUTH, "open311_key_invalid", "api_key");
    if (rc || (rc = place_of_kind(c, k->community_id, "community", "not_found", &com)))
        return rc;
    struct actor_role *ro = arena_calloc(c->a, sizeof *ro);
    struct actor *ac = arena_calloc(c->a, sizeof *ac);
    *ro = (struct actor_role){.role = ROLE_RESIDENT, .place_id = com.id, .place_path = com.path, .place_kind = com.kind,
                              .place_name = com.name, .community_id = com.id, .is_primary = 1};
    *ac = (struct actor){.id = k->person_id, .name = k->name, .phone = "", .roles = ro, .nroles = 1,
                         .home_community = com.id};
    c->actor = ac;
    return 0;
}

int open311_jurisdiction(dctx *c, const struct st_open311_key *k, const char *jurisdiction_id)
{
    struct st_place com;
    if (jurisdiction_id == NULL || *jurisdiction_id == '\0')
        return 0;
    int rc = place_of_kind(c, k->community_id, "community", "not_found", &com);
    if (rc)
        return rc;
    if (strcmp(jurisdiction_id, com.code) == 0 ||
        strcmp(jurisdiction_id, arena_printf(c->a, "%lld", (long long)com.id)) == 0)
        return 0;
    return dctx_fail(c, WG_ENOTFOUND, "open311_jurisdiction_unknown", "jurisdiction_id");
}

/* Every optional text the client tells: valid UTF-8, not too long. */
static int check_fields(dctx *c, const struct open311_new *in)
{
    const char *names[] = {"address_string", "email", "first_name", "last_name", "phone", "account_id", "device_id"};
    const char *vals[] = {in->address_string, in->email, in->first_name, in->last_name, in->phone, in->account_id,
                          in->device_id};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        int rc = dctx_text(c, vals[i], OPEN311_FIELD_MAX, 0, names[i], "open311_field_invalid", "open311_field_invalid");
        if (rc)
            return rc;
    }
    if (in->media_url && *in->media_url && !open311_media_url_ok(in->media_url))
        return dctx_fail(c, WG_EINVAL, "open311_media_url_invalid", "media_url");
    return 0;
}

int open311_media_url_ok(const char *u)
{
    size_t n = strlen(u);
    return n <= OPEN311_URL_MAX && utf8_valid(u, n) && (strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0);
}

struct request_also {
    const struct st_open311_key *k;
    const struct open311_new *in;
    const char *token;
};

/* In the report's transaction: the key's pace, and the request's own row. */
static int request_also(dctx *c, int64_t report_id, int64_t event_id, void *ud)
{
    struct request_also *x = ud;
    const struct open311_new *in = x->in;
    (void)event_id;
    int rc = dctx_rate_locked(c, open311_store_requests_since, OPEN311_POSTS_PER_MINUTE, OPEN311_POSTS_PER_HOUR,
                              "open311_rate_limited");
    if (rc)
        return rc;
#define OR_EMPTY(s) ((s) ? (s) : "")
    struct open311_request_row q = {.report_id = report_id, .key_id = x->k->id, .community_id = x->k->community_id,
                                    .created_at = c->now, .token = x->token,
                                    .address_string = OR_EMPTY(in->address_string), .media_url = OR_EMPTY(in->media_url),
                                    .email = OR_EMPTY(in->email), .first_name = OR_EMPTY(in->first_name),
                                    .last_name = OR_EMPTY(in->last_name), .phone = OR_EMPTY(in->phone),
                                    .account_id = OR_EMPTY(in->account_id), .device_id = OR_EMPTY(in->device_id)};
#undef OR_EMPTY
    return open311_store_request_insert(c->st, &q);
}

/* The place a request names by address_id: the community or a place under it. */
static int request_place(dctx *c, const struct st_open311_key *k, int64_t address_id, int64_t *place_id)
{
    struct st_place p;
    if (address_id <= 0) {
        *place_id = k->community_id;
        return 0;
    }
    int rc = place_get(c, address_id, &p);
    if (rc == 0 && p.community_id != k->community_id && p.id != k->community_id)
        rc = WG_ENOTFOUND;
    if (rc == 0 && strcmp(p.kind, "building") && strcmp(p.kind, "grid") && strcmp(p.kind, "community"))
        rc = WG_ENOTFOUND;
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, WG_EINVAL, "open311_address_id_unknown", "address_id");
    *place_id = p.id;
    return rc;
}

int open311_request_create(dctx *c, const struct st_open311_key *k, const struct open311_new *in, int64_t *report_id,
                           const char **token)
{
    assert(c->actor && c->actor->id == k->person_id);
    if (report_category_find(in->service_code) == NULL)
        return dctx_fail(c, WG_ENOTFOUND, "open311_service_unknown", "service_code");
    if (!in->has_point && (in->address_string == NULL || *in->address_string == '\0') && in->address_id <= 0 &&
        in->facility_id <= 0)
        return dctx_fail(c, WG_EINVAL, "open311_location_required", "lat");
    int rc = check_fields(c, in);
    struct report_new rn = {.category = in->service_code, .description = in->description,
                            .facility_id = in->facility_id, .has_point = in->has_point, .lat_e6 = in->lat_e6,
                            .lon_e6 = in->lon_e6, .anonymous = in->anonymous};
    if (rc || (in->facility_id <= 0 && (rc = request_place(c, k, in->address_id, &rn.place_id))))
        return rc;
    char tok[TOKEN_HEX + 1];
    token_random(tok);
    struct request_also x = {.k = k, .in = in, .token = arena_strndup(c->a, tok, 32)};
    struct report_also also = {.fn = request_also, .ud = &x, .no_follow = 1};
    rn.also = &also;
    if ((rc = report_create(c, &rn, report_id)))
        return rc;
    *token = x.token;
    return 0;
}

int open311_token(dctx *c, const struct st_open311_key *k, const char *token, int64_t *report_id)
{
    int rc = token && strlen(token) <= 64 ? open311_store_token(c->st, k->community_id, token, report_id) : WG_ENOTFOUND;
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "open311_token_unknown", "token");
    return rc;
}

struct update_also {
    const struct st_open311_key *k;
    const char *update_id, *status;
    int64_t event_id;
};

static int update_also(dctx *c, int64_t report_id, int64_t event_id, void *ud)
{
    struct update_also *x = ud;
    x->event_id = event_id;
    int rc = open311_store_update_insert(c->st, x->k->id, x->update_id, report_id, event_id, x->status, c->now);
    if (rc == WG_ECONFLICT)
        return dctx_fail(c, rc, "open311_update_repeated", "update_id");
    return rc;
}

/* Statuses a client may send (mySociety's, upper case). */
static int status_known(const char *s)
{
    static const char *const known[] = {"OPEN", "CLOSED", "FIXED", "IN_PROGRESS", "ACTION_SCHEDULED", "INVESTIGATING",
                                        "DUPLICATE", "NOT_COUNCILS_RESPONSIBILITY", "NO_FURTHER_ACTION",
                                        "INTERNAL_REFERRAL", NULL};
    for (int i = 0; s && known[i]; i++)
        if (strcasecmp(s, known[i]) == 0)
            return 1;
    return 0;
}

int open311_update_post(dctx *c, const struct st_open311_key *k, int64_t report_id, const char *update_id,
                        const char *status, const char *description, int64_t *event_id)
{
    struct st_report r;
    int rc = dctx_text(c, update_id, OPEN311_UPDATE_ID_MAX, 1, "update_id", "open311_update_id_required",
                       "open311_update_id_required");
    if (rc)
        return rc;
    if (!status_known(status))
        return dctx_fail(c, WG_EINVAL, "open311_status_invalid", "status");
    if ((rc = report_get(c, report_id, &r)))
        return rc;
    if (r.community_id != k->community_id)
        return dctx_fail(c, WG_ENOTFOUND, "not_found", NULL);
    struct update_also x = {.k = k, .update_id = update_id, .status = status};
    struct report_also also = {.fn = update_also, .ud = &x, .no_follow = 1};
    int reopen = strcasecmp(status, "OPEN") == 0 && strcmp(r.state_type, "open") != 0;
    rc = reopen ? report_reopen_also(c, report_id, description, &also)
                : report_add_also(c, report_id, description, NULL, 0, &also);
    if (rc)
        return rc;
    *event_id = x.event_id;
    return 0;
}

const char *open311_media_url(dctx *c, int64_t report_id)
{
    const char *u = "";
    return open311_store_media_url(c->st, c->a, report_id, &u) == 0 && u ? u : "";
}

/* A report filed through Open311, for those who handle it: which system,
 * and what it told of the person behind it (never shown to the public). */
static json_t *report_panel(dctx *c, const struct st_report *r, int *rc)
{
    struct open311_request_row q;
    const char *system = NULL;
    *rc = open311_store_request_get(c->st, c->a, r->id, &q, &system);
    if (*rc == WG_ENOTFOUND)
        *rc = 0;
    if (*rc)
        return NULL;
    if (system == NULL)
        return NULL;
    const char *name = arena_printf(c->a, "%s%s%s", q.first_name, *q.first_name && *q.last_name ? " " : "", q.last_name);
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "system", system, "person", name, "email", q.email,
                          "phone", q.phone, "account_id", q.account_id, "device_id", q.device_id, "address_string",
                          q.address_string, "media_url", q.media_url);
    return o;
}

const struct report_ext open311_report_panel = {.panel = report_panel, .template = "open311_report"};
