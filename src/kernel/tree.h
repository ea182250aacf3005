/*
 * The place tree: district -> street -> community -> grid -> building ->
 * household (縱向到底). Each place stores the path of ids from the root
 * ("/1/4/9/"), so "under a place" is a prefix test and "in community 4" is
 * "the path holds /4/". The kernel's own table (place): every role, and so
 * every permission check, is at a place. These functions read and write it
 * without permission checks; the place module reads it for actors.
 */
#ifndef WG_KERNEL_TREE_H
#define WG_KERNEL_TREE_H

#include <jansson.h>

#include "kernel/dctx.h"

struct st_place {
    int64_t id;
    const char *kind;     /* district street community grid building household */
    int64_t parent_id;    /* 0 at the root */
    int64_t community_id; /* 0 above communities */
    const char *code;
    const char *name;
    const char *path;     /* "/1/4/9/" */
    int64_t area_dm2;     /* households: floor area in dm², 0 when unknown */
    const char *reg_key;  /* buildings: registration key, else NULL */
    int64_t created_at;
};

/* For a module's own queries of places: the columns, read by tree_row (a
 * row_fn of store/sql.h) into a struct st_place, with the table as "p". */
#define TREE_COLS "p.id, p.kind, p.parent_id, p.community_id, p.code, p.name, p.path, p.area_dm2, p.reg_key, p.created_at"
void tree_row(arena *a, store *s, void *st, void *item);

/* A household that took part in something, with its building (the
 * household's parent): what modules answer when the result page asks who
 * took part in a matter. Their queries select the household's id and its
 * parent's ("h.id, h.parent_id" of place h), read by tree_household_row. */
struct household_ref {
    int64_t household, building;
};
#define TREE_HOUSEHOLDS_MAX 20000 /* households one such query returns at most */
void tree_household_row(arena *a, store *s, void *st, void *item);
/* The household (place h) of a resident person of a community, for such
 * queries: "SELECT DISTINCT h.id, h.parent_id FROM x" TREE_RESIDENT_HOUSEHOLD("x.person_id", "x.community_id") */
#define TREE_RESIDENT_HOUSEHOLD(person, community)                                                            \
    " JOIN role_assignment ra ON ra.person_id = " person " AND ra.role = 'resident' AND ra.community_id = " \
    community " JOIN place h ON h.id = ra.place_id AND h.kind = 'household' "
/* Runs a module's query of such households, sql taking one integer ?1 (a
 * matter's or project's id), into *out in a (at most TREE_HOUSEHOLDS_MAX). */
int tree_households(store *s, arena *a, const char *sql, int64_t id, struct household_ref **out, int *n);

/* Inserts p (id, path and community_id are computed); sets them. Inside a
 * write transaction. */
int tree_insert(store *s, arena *a, struct st_place *p);
int tree_get(store *s, arena *a, int64_t id, struct st_place *out);
/* Children of parent, optionally of one kind (NULL for all), by code. */
int tree_children(store *s, arena *a, int64_t parent_id, const char *kind, int limit, int offset,
                  struct st_place **out, int *n);
int tree_count_children(store *s, int64_t parent_id, const char *kind, int *n);
/* The chain from the root down to the place itself (*n entries). */
int tree_line(store *s, arena *a, const struct st_place *p, struct st_place **out, int *n);
/* The ids of a path, root first, at most max; the count. */
int tree_path_ids(const char *path, int64_t *ids, int max);
/* Whether path lies under (or at) the place whose path is prefix. */
int tree_under(const char *path, const char *prefix);
/* The public shape of a place. Caller owns the reference. */
json_t *tree_json(dctx *c, const struct st_place *p);

#endif
