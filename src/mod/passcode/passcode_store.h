/* The passcode module's table (passcode): one live code per person. */
#ifndef WG_MOD_PASSCODE_STORE_H
#define WG_MOD_PASSCODE_STORE_H

#include "mod/passcode/passcode.h"

struct st_passcode {
    int64_t person_id, community_id, issued_by, issued_at, expires_at;
    int tries;
    const char *code_hash;
};

/* Writes p as the person's code, replacing an earlier one. */
int passcode_store_put(store *s, const struct st_passcode *p);
int passcode_store_get(store *s, arena *a, int64_t person_id, struct st_passcode *out);
/* One more wrong try of the code with code_hash (replaced since: nothing). */
int passcode_store_tried(store *s, int64_t person_id, const char *code_hash);
/* Removes the code with code_hash; *gone is 1 when it was still there. */
int passcode_store_spend(store *s, int64_t person_id, const char *code_hash, int *gone);

#endif
