/*
 * Facilities (STAGES.md, co-manage): what co-building made or the community
 * owns (a bike shed, a charging point, street lights, fitness equipment),
 * in a registry: kind, place, keeper, photos, a QR plate to print and hang
 * on it, and its history of upkeep (cleaning, repairs, checks). A facility
 * may come from a co-building project that is finished (every task done).
 * The QR plate leads to the facility's page, where residents report a
 * problem with it (the report module's panel: struct facility_ext).
 *
 * Permission: the community's people read its facilities; manage_facility
 * (community staff, the street) registers them; the keeper and those who
 * manage record upkeep.
 *
 * Ownership: what the rules return lives in c->a; json_t values are the
 * caller's to release.
 */
#ifndef WG_MOD_FACILITY_H
#define WG_MOD_FACILITY_H

#include <jansson.h>

#include "kernel/kernel.h"
#include "mod/photo/photo.h"
#include "mod/place/place.h"

#define FACILITY_NAME_MAX 60
#define FACILITY_TEXT_MAX 500
#define FACILITY_PHOTOS_MAX 4
#define FACILITY_LIST_MAX 500   /* facilities one list shows */
#define FACILITY_UPKEEP_SHOWN 50 /* upkeep entries a page shows, newest first */

extern const struct perm_action facility_act_manage;

struct st_facility {
    int64_t id, community_id, place_id, project_id, keeper_id, created_at;
    const char *kind, *name, *description, *place_name, *place_path, *keeper_name, *project_title;
    int64_t photos[FACILITY_PHOTOS_MAX];
    int nphotos;
};

struct st_upkeep {
    int64_t id, facility_id, actor_id, at;
    const char *kind, *note, *actor_name;
};

struct facility_new {
    int64_t place_id;   /* a community, grid or building (0 with a project: the project's place) */
    int64_t project_id; /* 0, or a finished project of the community */
    const char *kind, *name, *description;
    const char *keeper_phone; /* NULL or "": none */
    const struct photo_upload *photos;
    int nphotos;
};

/* The kinds a facility may have (NULL-terminated): "bike_shed"... */
extern const char *const facility_kinds[];
extern const char *const facility_upkeep_kinds[];

int facility_create(dctx *c, const struct facility_new *in, int64_t *id);
/* The facility, for readers of its community; WG_ENOTFOUND otherwise. */
int facility_get(dctx *c, int64_t id, struct st_facility *out);
int facility_list(dctx *c, int64_t community_id, struct st_facility **out, int *n);
/* The keeper or one who manages records upkeep (kind: facility_upkeep_kinds). */
int facility_upkeep(dctx *c, int64_t id, const char *kind, const char *note, int64_t *upkeep_id);
int facility_upkeep_list(dctx *c, const struct st_facility *f, struct st_upkeep **out, int *n);
/* 1 when the actor may record upkeep (the keeper or manage_facility). */
int facility_may_keep(dctx *c, const struct st_facility *f);
int facility_may_manage(dctx *c, const struct st_facility *f);

json_t *facility_json(dctx *c, const struct st_facility *f);
/* The facility with its upkeep and every later module's panel. */
json_t *facility_detail(dctx *c, int64_t id, int *rc);

/*
 * What a later module adds to a facility (its reports): a module_ext
 * {"facility", &its struct facility_ext}. panel: its fields for the
 * facility's API answer and page (NULL: none; with *rc set, a failure);
 * template: how the page shows them.
 */
struct facility_ext {
    json_t *(*panel)(dctx *c, const struct st_facility *f, int *rc);
    const char *template;
};

/* The demo's facilities by name (0 if none), for later modules' demo data. */
int64_t facility_demo_id(const char *name);

extern const struct module facility_module;

#endif
