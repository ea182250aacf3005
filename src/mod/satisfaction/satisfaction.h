/*
 * Satisfaction, one response per household (STAGES.md co-evaluate): staff
 * ask the households under a place (a building, grid or community) how
 * satisfied they are, about a matter or on their own, until a closing
 * time. Several members of a household may have accounts: the first to
 * answer answers for the household, and the others see that it has (not
 * how). Under any concurrency a household answers once (the response's
 * key is the survey and the household). The public sees counts only: how
 * many households answered each score, the share satisfied (4 or 5: 满意
 * or 比较满意) against the survey's threshold, and how many households
 * could answer. Later modules (the evaluation) read the result.
 *
 * The same rule serves answers about a subject a later module owns (a
 * problem report's rating, mod/report): satisfaction_subject_* below.
 *
 * Permission: manage_survey (grid workers in their grid, community staff,
 * the street) opens a survey; readers of its place read it; answer_survey
 * (a resident, on her household's line) answers for her household, when
 * it lies under the survey's place, while the survey is open.
 *
 * Ownership: what the rules return lives in c->a; json_t values are the
 * caller's to release.
 */
#ifndef WG_MOD_SATISFACTION_H
#define WG_MOD_SATISFACTION_H

#include <jansson.h>

#include "kernel/kernel.h"
#include "mod/matter/matter.h"
#include "mod/place/place.h"

#define SATISFACTION_QUESTION_MAX 200
#define SATISFACTION_DAYS_MAX 90 /* the longest a survey stays open */
#define SATISFACTION_LIST_MAX 50

extern const struct perm_action satisfaction_act_manage, satisfaction_act_answer;

struct st_survey {
    int64_t id, community_id, place_id, matter_id, created_by, opens_at, closes_at, created_at;
    int threshold; /* percent satisfied below which the result is low */
    const char *question, *place_name, *place_path, *place_kind, *matter_title;
};

struct survey_new {
    int64_t place_id, matter_id; /* matter_id 0: none; else a matter of the place's community */
    const char *question;
    int64_t closes_at;
    int threshold; /* 1..100 */
};

struct survey_counts {
    int score[6]; /* [1..5]: households that answered it */
    int answered, households;
};

int satisfaction_create(dctx *c, const struct survey_new *in, int64_t *id);
/* The same inside the caller's write transaction (a module that opens a
 * survey together with its own record: the after-assessment). The caller
 * checks satisfaction_act_manage at the place BEFORE its transaction
 * (perm_check audits a denial in a transaction of its own); here a denial
 * is only refused, 403. */
int satisfaction_create_in_tx(dctx *c, const struct survey_new *in, int64_t *id);
/* The survey, for readers of its place; WG_ENOTFOUND otherwise. */
int satisfaction_get(dctx *c, int64_t id, struct st_survey *out);
/* The actor answers for her household, 1..5; WG_ECONFLICT
 * "satisfaction_answered" when the household has. */
int satisfaction_respond(dctx *c, int64_t id, int score);
/* The community's surveys, newest first. */
int satisfaction_list(dctx *c, int64_t community_id, struct st_survey **out, int *n);
/* The result without a reader check, for the module that opened the
 * survey (the evaluation, closing in a job): *low, and the share satisfied
 * in permille (-1 before anyone answered). */
int satisfaction_result(dctx *c, int64_t id, int *low, int *permille);
/* The survey with its counts and what the actor may do (counts only). */
json_t *satisfaction_json(dctx *c, const struct st_survey *s, int *rc);

/* Households that answered the surveys about the matter, with their buildings, for the result page: no reader check
 * (the caller has read the matter). */
int satisfaction_households(dctx *c, int64_t matter_id, struct household_ref **out, int *n);

/* ---- a household's answer about a subject another module owns ----
 * A problem report's rating (mod/report: kind "report") follows the
 * surveys' rule: one answer per household, 1 (very dissatisfied) to 5
 * (satisfied); the first member to answer answers for the household; the
 * others see that it has answered, not how; the public sees counts only;
 * under any concurrency one answer counts (the key of satisfaction_answer
 * is the subject's kind and id and the voter: "h<household id>", or
 * "p<person id>" for one with no household in the subject's community,
 * who answers for herself). The owner checks who may answer and when,
 * then calls these. A later module's SQL may read satisfaction_answer
 * (subject, subject_id, voter, community_id, person_id, score, at) to
 * count (the three rates of mod/report join it on subject and subject_id). */
struct satisfaction_subject {
    const char *kind; /* the owner's word: "report" */
    int64_t id, community_id;
};

/* The actor's household's state about a subject or a survey. */
struct satisfaction_mine {
    int household; /* the actor answers for a household (else, about a subject, for herself) */
    int answered;  /* the household (or she) has answered */
    int by_me;     /* and she gave the answer */
    int score;     /* 1..5 when by_me, else 0: never another member's answer */
};

/* Inside the caller's write transaction: the actor's household answers
 * score (1..5, else 422 "satisfaction_score_invalid"); 409
 * "satisfaction_answered" when it has (the caller's transaction must then
 * end with the error). */
int satisfaction_subject_answer_in_tx(dctx *c, const struct satisfaction_subject *s, int score);
/* The same for demo data and imports: household_id's answer (0: person_id's own), given by person_id at `at`. */
int satisfaction_subject_record(dctx *c, const struct satisfaction_subject *s, int64_t household_id,
                                int64_t person_id, int score, int64_t at);
/* The actor's state (all 0 without an actor). */
int satisfaction_subject_mine(dctx *c, const struct satisfaction_subject *s, struct satisfaction_mine *out);
/* The state as JSON, as a survey's "mine": {household, answered, by_me[, score when by_me]}. */
json_t *satisfaction_mine_json(const struct satisfaction_mine *m);

extern const struct module satisfaction_module;

#endif
