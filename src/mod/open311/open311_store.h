/* The open311 module's SQL (private to mod/open311/). */
#ifndef WG_MOD_OPEN311_STORE_H
#define WG_MOD_OPEN311_STORE_H

#include "mod/open311/open311.h"

int open311_store_key_insert(store *s, struct st_open311_key *k, const char *hash);
/* The key (live or not) whose hash is hash. */
int open311_store_key_by_hash(store *s, arena *a, const char *hash, struct st_open311_key *out);
int open311_store_key_get(store *s, arena *a, int64_t id, struct st_open311_key *out);
int open311_store_keys(store *s, arena *a, int64_t community_id, int limit, struct st_open311_key **out, int *n);
int open311_store_keys_live(store *s, int64_t community_id, int *n);
/* WG_ECONFLICT when it was revoked already. */
int open311_store_key_revoke(store *s, int64_t id, int64_t at);

struct open311_request_row {
    int64_t report_id, key_id, community_id, created_at;
    const char *token, *address_string, *media_url, *email, *first_name, *last_name, *phone, *account_id, *device_id;
};
int open311_store_request_insert(store *s, const struct open311_request_row *q);
/* The request behind a report (with its key's name in *key_name); WG_ENOTFOUND: not filed through Open311. */
int open311_store_request_get(store *s, arena *a, int64_t report_id, struct open311_request_row *out,
                              const char **key_name);
/* Requests a key's account filed since `since` (count_since_fn of dctx_rate_locked). */
int open311_store_requests_since(store *s, int64_t person_id, int64_t since, int *n);
/* The report a token of the community stands for (WG_ENOTFOUND: none). */
int open311_store_token(store *s, int64_t community_id, const char *token, int64_t *report_id);
/* media_url of a report filed through Open311 ("" when none). */
int open311_store_media_url(store *s, arena *a, int64_t report_id, const char **url);
/* WG_ECONFLICT when the key has sent update_id before. */
int open311_store_update_insert(store *s, int64_t key_id, const char *update_id, int64_t report_id, int64_t event_id,
                                const char *status, int64_t at);

#endif
