/*
 * Role assignments: a person holds a role (resident, building leader, grid
 * worker, community staff, street admin) at a place; one primary
 * responsible person per role and place (主負責人). The kernel's own table
 * (role_assignment), read to build the actor of every request.
 */
#ifndef WG_KERNEL_ROLE_H
#define WG_KERNEL_ROLE_H

#include "kernel/dctx.h"

struct st_role {
    int64_t id;
    int64_t person_id;
    const char *role;
    int64_t place_id;
    const char *place_kind, *place_name, *place_path, *place_code;
    int64_t community_id;
    int is_primary;
    const char *person_name;
};

const char *role_name(enum role r);
int role_parse(const char *s, enum role *out); /* 0 or WG_EINVAL */
/* Inserts r (its community comes from its place); sets r->id; WG_ECONFLICT
 * when the person holds the role there already. Inside a write transaction. */
int role_insert(store *s, struct st_role *r);
/* A person's roles, oldest first (at most 64). */
int role_list(store *s, arena *a, int64_t person_id, struct st_role **out, int *n);
/* Holders of role at exactly place_id (role NULL: any), primary first. */
int role_holders(store *s, arena *a, int64_t place_id, const char *role, struct st_role **out, int *n);

#endif
