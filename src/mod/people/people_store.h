/* The people module's SQL (private to mod/people/). */
#ifndef WG_MOD_PEOPLE_STORE_H
#define WG_MOD_PEOPLE_STORE_H

#include "mod/people/people.h"

/* People with any role or claim under a place path prefix, by name. */
int people_store_list(store *s, arena *a, const char *path_prefix, int limit, int offset, struct st_person **out,
                      int *n);
/* Sets c->id; WG_ECONFLICT when an open claim of the person to the household exists. */
int people_store_claim_insert(store *s, struct st_claim *c);
int people_store_claim_get(store *s, arena *a, int64_t id, struct st_claim *out);
/* Claims in one community with a status (NULL: any), newest first. */
int people_store_claims(store *s, arena *a, int64_t community_id, const char *status, int limit, int offset,
                        struct st_claim **out, int *n);
int people_store_claim_count(store *s, int64_t community_id, const char *status, int *n);
int people_store_claims_of(store *s, arena *a, int64_t person_id, struct st_claim **out, int *n);
/* pending -> status; WG_ECONFLICT when the claim is no longer pending. */
int people_store_claim_decide(store *s, int64_t id, const char *status, const char *reason, int64_t by, int64_t at);
int people_store_member_insert(store *s, int64_t household_id, int64_t person_id, int64_t community_id,
                               const char *relation, int64_t at);

#endif
