/* The budget module's SQL (private to mod/budget/). */
#ifndef WG_MOD_BUDGET_STORE_H
#define WG_MOD_BUDGET_STORE_H

#include "mod/budget/budget.h"

struct st_budget {
    int64_t id, community_id, place_id, vote_id, total, created_by, created_at;
    const char *title, *tie_order;
};

int budget_store_insert(store *s, struct st_budget *b);
int budget_store_project(store *s, int64_t budget_id, int position, int64_t community_id, const char *name,
                         int64_t cost);
int budget_store_get(store *s, arena *a, int64_t id, struct st_budget *out);
int budget_store_projects(store *s, arena *a, int64_t budget_id, const char ***names, int64_t **costs, int *n);
int budget_store_list(store *s, arena *a, int64_t community_id, struct st_budget **out, int *n);

#endif
