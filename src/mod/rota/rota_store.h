/* The rota module's SQL (private to mod/rota/). */
#ifndef WG_MOD_ROTA_STORE_H
#define WG_MOD_ROTA_STORE_H

#include "mod/rota/rota.h"

int rota_store_insert(store *s, struct st_rota *r, int64_t by);
int rota_store_get(store *s, arena *a, int64_t id, struct st_rota *out);
int rota_store_list(store *s, arena *a, int64_t community_id, struct st_rota **out, int *n);
int rota_store_duty_insert(store *s, struct st_duty *d, int64_t at);
int rota_store_duty_get(store *s, arena *a, int64_t id, struct st_duty *out);
int rota_store_duty_lock(store *s, int64_t id);
int rota_store_duties(store *s, arena *a, int64_t rota_id, struct st_duty **out, int *n);
int rota_store_duty_status(store *s, int64_t id, const char *status, const char *note, int64_t done_at);
int rota_store_duty_person(store *s, int64_t id, int64_t person_id);
int rota_store_swap_insert(store *s, struct st_swap *w);
int rota_store_swap_get(store *s, arena *a, int64_t id, struct st_swap *out);
int rota_store_swap_decide(store *s, int64_t id, const char *status, int64_t at);
/* Pending swaps of a rota asked of a person. */
int rota_store_swaps_for(store *s, arena *a, int64_t rota_id, int64_t person_id, struct st_swap **out, int *n);
/* Every swap of a rota, any status, newest first (at most ROTA_SWAPS_SHOWN). */
int rota_store_swaps_of(store *s, arena *a, int64_t rota_id, struct st_swap **out, int *n);

#endif
