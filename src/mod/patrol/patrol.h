/*
 * Patrols (巡查, STAGES.md co-manage): a route of checkpoints in a
 * community, each with a QR code hung at it (and, where it is one, its
 * facility). A round is a patroller's walk of the route in a window of
 * time; at each checkpoint the patroller opens the code's address and
 * checks in, only within the window and only with the checkpoint's code. A
 * finding at a checkpoint becomes a problem report in one step (checked in
 * at the same time), at the checkpoint's facility or the route's place.
 * When the window ends the job patrol.close counts the checkpoints missed;
 * they are flagged on the round and counted per patroller and route.
 *
 * Permission: the community reads its routes; manage_patrol (grid
 * workers, community staff, the street) makes routes and rounds; a round's
 * patroller checks in and reports findings.
 */
#ifndef WG_MOD_PATROL_H
#define WG_MOD_PATROL_H

#include <jansson.h>

#include "kernel/kernel.h"
#include "mod/report/report.h"

#define PATROL_POINTS_MAX 30
#define PATROL_TEXT_MAX 60
#define PATROL_ROUND_MAX (12 * 3600) /* the longest window of a round */
#define PATROL_LIST_MAX 100
#define PATROL_ROUNDS_SHOWN 50

extern const struct perm_action patrol_act_manage;

struct st_route {
    int64_t id, community_id, place_id, created_at;
    const char *name, *place_name, *place_path;
};
struct st_point {
    int64_t id, route_id, facility_id;
    int position;
    const char *name, *token;
};
struct st_round {
    int64_t id, route_id, community_id, patroller_id, starts_at, ends_at;
    int closed, missed, checked;
    const char *patroller_name;
};

/* A route of checkpoints (names, and optional facility ids; 0: none). */
int patrol_route_create(dctx *c, int64_t place_id, const char *name, const char *const *points,
                        const int64_t *facilities, int n, int64_t *id);
int patrol_route_get(dctx *c, int64_t id, struct st_route *out);
int patrol_routes(dctx *c, int64_t community_id, struct st_route **out, int *n);
int patrol_points(dctx *c, int64_t route_id, struct st_point **out, int *n);
int patrol_round_add(dctx *c, int64_t route_id, const char *phone, const char *starts, const char *ends, int64_t *id);
/* The round's patroller checks in at the point with its code. */
int patrol_checkin(dctx *c, int64_t round_id, int64_t point_id, const char *token);
/* The same, and a problem report of what was found there, in one step. */
int patrol_finding(dctx *c, int64_t round_id, int64_t point_id, const char *token, const struct report_new *in,
                   int64_t *report_id);
/* The actor's round of the point's route open now (0: none) and the point's name, for readers of its community. */
int patrol_my_round(dctx *c, int64_t point_id, int64_t *round_id, const char **name);

json_t *patrol_route_detail(dctx *c, int64_t id, int with_tokens, int *rc);

extern const struct module patrol_module;

#endif
