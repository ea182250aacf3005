/* What the points module's files share (private to mod/points/). */
#ifndef WG_MOD_POINTS_INT_H
#define WG_MOD_POINTS_INT_H

#include "kernel/job.h"
#include "kernel/perm.h"
#include "kernel/setting.h"
#include "mod/points/points.h"

enum {
    POINTS_SET_VOLUNTEER_HOUR, /* the earning rules first, in the order of points.c's rules[] */
    POINTS_SET_COUNCIL,
    POINTS_SET_REPORT,
    POINTS_SET_DAY_CAP,
    POINTS_SET_MONTH_CAP,
    POINTS_SET_HOLDER,
    POINTS_SET_EXPIRE,
};

extern const struct perm_action points_act_view, points_act_manage;
extern const struct setting_def points_settings[];

int points_holder_account(dctx *c, int64_t community_id, int64_t person_id, const char *path, int create,
                          int64_t *account);

/* The job points.expire: every point held in the community (ref_id)
 * expires at its due time. */
int points_job_expire(dctx *c, const struct job *j);
/* Job points.seal (ref_id: the community): points_seal through the
 * transactions older than POINTS_SEAL_SETTLE. */
int points_job_seal(dctx *c, const struct job *j);

#endif
