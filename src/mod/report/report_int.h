/* What the report module's files share (private to mod/report/). */
#ifndef WG_MOD_REPORT_INT_H
#define WG_MOD_REPORT_INT_H

#include <assert.h>

#include "mod/report/report.h"
#include "mod/satisfaction/satisfaction.h"

extern const struct setting_def report_settings[];
extern const char *const report_levels[]; /* building, grid, community, street */

/* Who receives a report at a level: the place of that level on its line
 * and the first holder of the level's role there (0: nobody, at the street). */
struct report_route {
    const char *level;
    int64_t place_id, person_id;
};
/* From level index from_level upward, the first level with someone. */
int report_route(dctx *c, const char *path, int from_level, struct report_route *out);
int report_level_index(const char *level); /* -1: none */
/* Inside the caller's transaction: the escalation job at the report's next due time (none once not open). */
int report_schedule(dctx *c, const struct st_report *r);
/* The actor's household's rating: whether it has rated, and her score if she gave it. */
int report_rating_of(dctx *c, const struct st_report *r, struct satisfaction_mine *out);
/* Whether the actor has answered "fixed?" for the report's last fix. */
int report_checked(dctx *c, const struct st_report *r, int *yes);
int report_job_escalate(dctx *c, const struct job *j);
/* Photos: decoded outside any transaction (img: at least n), then kept
 * with the report from position `first`, inside the caller's transaction. */
int report_photos_prepare(dctx *c, const struct photo_upload *photos, int n, struct photo_image *img);
int report_photos_insert(dctx *c, const struct st_report *r, const struct photo_image *img, int n, int first);
/* The first line of the description, at most 60 bytes, for notifications. */
const char *report_title(dctx *c, const struct st_report *r);

/* The three rates as a sheet of format f (report_rates_export.c): answers r. */
struct http_req;
int report_rates_export(struct http_req *r, int format, int64_t place);

#endif
