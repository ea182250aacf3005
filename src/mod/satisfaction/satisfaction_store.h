/* The satisfaction module's SQL (private to mod/satisfaction/). */
#ifndef WG_MOD_SATISFACTION_STORE_H
#define WG_MOD_SATISFACTION_STORE_H

#include "mod/satisfaction/satisfaction.h"

int satisfaction_store_insert(store *s, struct st_survey *v);
int satisfaction_store_get(store *s, arena *a, int64_t id, struct st_survey *out);
int satisfaction_store_list(store *s, arena *a, int64_t community_id, int limit, struct st_survey **out, int *n);
int satisfaction_store_of_matter(store *s, arena *a, int64_t matter_id, int limit, struct st_survey **out, int *n);
/* WG_ECONFLICT when the household has answered. */
int satisfaction_store_respond(store *s, const struct st_survey *v, int64_t household_id, int64_t person_id, int score,
                               int64_t at);
int satisfaction_store_counts(store *s, const struct st_survey *v, struct survey_counts *out);
/* The household's answer (0: none) and who gave it. */
int satisfaction_store_answer_of(store *s, int64_t survey_id, int64_t household_id, int *score, int64_t *person_id);
/* A subject's answer under voter's key (satisfaction.h): WG_ECONFLICT when the key has answered. */
int satisfaction_store_answer(store *s, const struct satisfaction_subject *x, const char *voter, int64_t person_id,
                              int score, int64_t at);
/* The voter's answer about the subject (0: none) and who gave it. */
int satisfaction_store_answer_to(store *s, const struct satisfaction_subject *x, const char *voter, int *score,
                                 int64_t *person_id);

/* Households that answered the surveys about a matter. */
int satisfaction_store_households(store *s, arena *a, int64_t matter_id, struct household_ref **out, int *n);

#endif
