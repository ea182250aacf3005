/*
 * The place module: places as people see them (through the permission
 * check), their responsible persons and organisations (party units,
 * owners' committees, property companies), the coverage of a community
 * (縱向到底、橫向到邊: grids without a grid worker, buildings without a
 * building leader, grids without a party group), registration posters, and
 * per-place settings (the keys are declared by the modules that read them).
 * The tree itself is the kernel's (kernel/tree.h).
 *
 * Every function returns 0 or a WG_E* code with c->code set; results live
 * in c->a; json_t values are the caller's.
 */
#ifndef WG_MOD_PLACE_H
#define WG_MOD_PLACE_H

#include <jansson.h>

#include "kernel/kernel.h"

extern const struct perm_action place_act_coverage, place_act_poster, place_act_settings;

/* Where an actor reads by default: her community, or the first place she
 * has a role at (a street's admin: her street); WG_ENOTFOUND "no_community"
 * for a person not yet approved. */
int place_default_scope(dctx *c, struct st_place *out);
/* The place if the actor may read it (perm_read); WG_ENOTFOUND otherwise. */
int place_get(dctx *c, int64_t id, struct st_place *out);
/* The place with this id if it is of kind; else WG_ENOTFOUND with code as
 * the reason. No permission check: callers check what they do with it. */
int place_of_kind(dctx *c, int64_t id, const char *kind, const char *code, struct st_place *out);
/* The chain from the root down to the place itself (*n entries). */
int place_line(dctx *c, const struct st_place *p, struct st_place **out, int *n);
/* A page of the place's children (by code) and how many it has. */
int place_children(dctx *c, const struct st_place *p, int limit, int offset, struct st_place **out, int *n,
                   int *total);
/* Role holders at exactly this place (responsible persons first). */
int place_holders(dctx *c, const struct st_place *p, struct st_role **out, int *n);

/* ---- organisations ---- */
struct st_org {
    int64_t id;
    const char *kind, *name; /* party_branch party_group party_household owners_committee property_company */
    int64_t place_id, community_id, parent_id, responsible_id;
    const char *responsible_name, *place_name;
};
/* Organisations attached to the place or below it. */
int place_orgs(dctx *c, const struct st_place *p, struct st_org **out, int *n);
/* Inside a write transaction (the demo): sets o->id. */
int place_org_insert(dctx *c, struct st_org *o);
json_t *place_org_json(dctx *c, const struct st_org *o);

/* ---- coverage of a community (place_act_coverage) ---- */
struct place_coverage {
    struct st_place *grids_no_worker;
    int n_grids_no_worker;
    struct st_place *buildings_no_leader;
    int n_buildings_no_leader;
    struct st_place *grids_no_party;
    int n_grids_no_party;
    int n_grids, n_buildings;
};
int place_coverage(dctx *c, int64_t community_id, struct place_coverage *out);
json_t *place_coverage_json(dctx *c, const struct place_coverage *cv);

/* A building whose poster the actor may print (place_act_poster). */
int place_poster(dctx *c, int64_t building_id, struct st_place *b);

/* ---- per-place settings ---- */
/* The value of key at exactly the place (perm_read); *value NULL when unset. */
int place_setting_get(dctx *c, int64_t place_id, const char *key, const char **value);
/* 0 when the actor may change the place's settings (place_act_settings). */
int place_settings_may_change(dctx *c, int64_t place_id);
/* Sets a declared key to a valid value (audited). */
int place_setting_set(dctx *c, int64_t place_id, const char *key, const char *value);
/* Inside a write transaction, without a check (the demo). */
int place_setting_write(dctx *c, int64_t place_id, const char *key, const char *value);
/* For rules reading their own parameters, without a permission check: the
 * value of a declared setting at the nearest place on path that sets it
 * ("/1/4/9/": the place itself first, then upward), or its default when
 * none does (or the stored value is no longer valid). */
int place_line_setting(dctx *c, const char *path, const struct setting_def *d, long *value);

/* ---- links on a place's page, from later modules ---- */
/* A module listed after this one adds a link to the place page with a
 * module_ext {"place", &its struct place_link}. */
struct place_link {
    int order;             /* links sort by it (the module's own: 30, 40) */
    const char *label_key; /* i18n key of the link's text */
    const char *id;        /* the element id, or NULL */
    /* The link's address for this place, or NULL to show none. */
    const char *(*url)(dctx *c, const struct st_place *p);
};

/* ---- demo data: the place keys of the demo tree ---- */
/* "S" the street, "L" 龍湖社區, "L.g1" its first grid, "L.b3" building 3,
 * "L.b3.201" a household; 0 when unknown (the demo's modules find their
 * places here). */
int64_t place_demo_id(const char *key);

extern const struct module place_module;

#endif
