/* The dashboard module's SQL (private to mod/dashboard/): it reads the
 * tables of the modules listed before it and its own dashboard_activity
 * (which triggers keep, migration 0003), and writes none. */
#ifndef WG_MOD_DASHBOARD_STORE_H
#define WG_MOD_DASHBOARD_STORE_H

#include "kernel/kernel.h"

/* One record a figure counts: the place it belongs to, its time, its part and two numbers. */
struct dashboard_row {
    const char *path;
    int64_t at;
    const char *part;
    int64_t a, b;
};

enum dashboard_source {
    DASHBOARD_SRC_HOUSEHOLDS,    /* households by their parent (building): a = how many, b = those where a resident has an account */
    DASHBOARD_SRC_PARTICIPATION, /* households by their parent: a = how many, b = those that took part in [t0, t1) */
    DASHBOARD_SRC_SURVEYS,       /* survey answers in [t0, t1) by household: a = 1 when 4 or 5, b = 1 */
    DASHBOARD_SRC_POINTS,        /* points transactions in [t0, t1): part = kind, a = the holder's amount */
    DASHBOARD_SRC_POINTS_COMMUNITY, /* the same at their community's path (no household looked up: quicker) */
    DASHBOARD_SRC_VOLUNTEER,     /* confirmed service in [t0, t1) at its shift's place: a = minutes */
    DASHBOARD_SRC_MATTERS,       /* matters proposed before t1: part = stage, at = created */
    DASHBOARD_SRC_COUNT
};

/* Calls fn for every row of the source under the place at path (community:
 * its community, 0 above communities), in [t0, t1). */
int dashboard_store_rows(store *s, arena *a, enum dashboard_source src, const char *path, int64_t community, int64_t t0,
                         int64_t t1, void (*fn)(void *ud, const struct dashboard_row *row), void *ud);
/* The buildings under the place at path, at most limit. */
int dashboard_store_buildings(store *s, arena *a, const char *path, int limit, struct st_place **out, int *n);

#endif
