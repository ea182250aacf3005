/* The evaluation module's SQL (private to mod/evaluation/). */
#ifndef WG_MOD_EVALUATION_STORE_H
#define WG_MOD_EVALUATION_STORE_H

#include "mod/evaluation/evaluation.h"

/* The sums of one group on one criterion. */
struct eval_sum {
    int pos, grp;
    int64_t n, sum;
};

struct eval_assessor {
    int64_t person_id;
    const char *name;
};

int evaluation_store_template_insert(store *s, struct eval_template *t, int64_t by);
int evaluation_store_template_count(store *s, int64_t community_id, int *n);
/* The community's templates with their criteria (at most max). */
int evaluation_store_templates(store *s, arena *a, int64_t community_id, int max, struct eval_template **out, int *n);
int evaluation_store_template_get(store *s, arena *a, int64_t id, struct eval_template *out);

int evaluation_store_insert(store *s, struct st_evaluation *e, const struct eval_criterion *cr, int n);
int evaluation_store_get(store *s, arena *a, int64_t id, struct st_evaluation *out);
int evaluation_store_of_matter(store *s, arena *a, int64_t matter_id, struct st_evaluation **out, int *n);
int evaluation_store_criteria(store *s, arena *a, int64_t id, struct eval_criterion **out, int *n);
/* Sets state closed and the result, if still open: WG_ECONFLICT otherwise. */
int evaluation_store_close(store *s, int64_t id, int result_permille, int64_t at);

int evaluation_store_assessor_insert(store *s, int64_t id, int64_t person_id, int64_t by, int64_t at);
int evaluation_store_assessors(store *s, arena *a, int64_t id, struct eval_assessor **out, int *n);
int evaluation_store_is_assessor(store *s, int64_t id, int64_t person_id, int *yes);

/* One answer with its scores; WG_ECONFLICT when the respondent has answered. */
int evaluation_store_respond(store *s, int64_t id, int grp, const char *respondent, int64_t household_id, int64_t person_id,
                       const int *scores, int n, const char *note, int64_t at);
/* Who answered for the respondent (0: nobody). */
int evaluation_store_answered_by(store *s, int64_t id, const char *respondent, int64_t *person_id);
/* Respondents per group. */
int evaluation_store_respondents(store *s, int64_t id, int64_t counts[ASSESS_GROUPS]);
int evaluation_store_sums(store *s, arena *a, int64_t id, struct eval_sum **out, int *n);
/* The notes left with answers, newest first, without who left them. */
int evaluation_store_notes(store *s, arena *a, int64_t id, int max, const char ***out, int *n);

int evaluation_store_task_insert(store *s, struct eval_task *t);
int evaluation_store_task_get(store *s, arena *a, int64_t id, struct eval_task *out);
int evaluation_store_tasks(store *s, arena *a, const char *where, int64_t key, int max, struct eval_task **out, int *n);
/* Marks an open task done: WG_ECONFLICT when it is not open. */
int evaluation_store_task_done(store *s, int64_t id, int64_t by, const char *note, int64_t at);

/* Households that answered the assessments of a matter. */
int evaluation_store_households(store *s, arena *a, int64_t matter_id, struct household_ref **out, int *n);

#endif
