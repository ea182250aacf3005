/* What the evaluation module's files share (private to mod/evaluation/). */
#ifndef WG_MOD_EVALUATION_INT_H
#define WG_MOD_EVALUATION_INT_H

#include "mod/evaluation/evaluation.h"

/* Inside the caller's write transaction, at c->now: fixes the result of an
 * open assessment and opens a follow-up task (owner told, reminder and
 * overdue jobs scheduled) for each criterion below the threshold and for a
 * low satisfaction survey. WG_ECONFLICT when it is closed already. For the
 * close by staff, the job at the closing time and the demo alike. */
int evaluation_close_in_tx(dctx *c, const struct st_evaluation *e);

#endif
