/* What the volunteer module's files share (private to mod/volunteer/). */
#ifndef WG_MOD_VOLUNTEER_INT_H
#define WG_MOD_VOLUNTEER_INT_H

#include "mod/volunteer/volunteer.h"

extern const struct setting_def volunteer_settings[];
int volunteer_job_remind(dctx *c, const struct job *j);

#endif
