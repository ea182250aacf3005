/* What the disclosure module's files share (private to mod/disclosure/). */
#ifndef WG_MOD_DISCLOSURE_INT_H
#define WG_MOD_DISCLOSURE_INT_H

#include "mod/disclosure/disclosure.h"
#include "mod/matter/matter.h"

/* The community with this id that the actor reads; WG_EINVAL
 * "disclosure_community_invalid" for a place of another kind. */
int disclosure_community(dctx *c, int64_t id, struct st_place *out);
/* The period of a decision taken on the day starting at day_start. */
void disclosure_period_decision(arena *a, int64_t day_start, const struct disclosure_schedule *s,
                                struct disclosure_period *out);
/* Sets d's period fields (start, end, due, label, months, year) from p. */
void disclosure_set_period(struct st_disclosure *d, const struct disclosure_period *p, int months);
/* Sets o.due_at (and _local) and o.due_on: the last day ("YYYY-MM-DD"). Returns o. */
json_t *disclosure_due_json(json_t *o, int64_t due_at);
/* Days past due at now: 0 before, 1 on the day after the due day. */
int64_t disclosure_days_after(int64_t now, int64_t due);
int disclosure_may_publish(dctx *c, const char *community_path);
/* draft, scheduled, published or withdrawn, at c->now. */
const char *disclosure_state(dctx *c, const struct st_disclosure *d);
/* The matter spine's hook (struct matter_ext.moved): a major item drafted
 * when a matter's decision stands (disclosure.c). */
int disclosure_on_matter_moved(dctx *c, const struct st_matter *m, const char *to);

#endif
