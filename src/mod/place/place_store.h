/* The place module's SQL (private to mod/place/). */
#ifndef WG_MOD_PLACE_STORE_H
#define WG_MOD_PLACE_STORE_H

#include "mod/place/place.h"

int place_store_org_insert(store *s, struct st_org *o);
/* Organisations attached to places under a path prefix. */
int place_store_orgs(store *s, arena *a, const char *path_prefix, struct st_org **out, int *n);
/* Places of kind in a community with no role assignment of role, or with
 * no organisation of org_kind attached. */
int place_store_without_role(store *s, arena *a, int64_t community_id, const char *kind, const char *role,
                             struct st_place **out, int *n);
int place_store_without_org(store *s, arena *a, int64_t community_id, const char *kind, const char *org_kind,
                            struct st_place **out, int *n);
/* The value of key at exactly this place; WG_ENOTFOUND when unset. */
int place_store_setting_get(store *s, arena *a, int64_t place_id, const char *key, const char **value);
int place_store_setting_set(store *s, int64_t place_id, const char *key, const char *value);

#endif
