/*
 * The contest 最美社区我来建 (STAGES.md, co-build): a street opens a contest
 * for its communities, with a rubric of weighted criteria (weights in
 * percent, summing to 100) and the weights of the assessors' and the
 * residents' scores (summing to 100). Until it closes, the named
 * assessors score every entry, and residents of the entered communities
 * score the other communities, one scorecard per household (a later card
 * of the same household replaces it). Every score is 0 to 100.
 *
 * The ranking follows from the scores by exact arithmetic, shown whole:
 * for an entry, each side's score is the weighted sum of its mean scores
 * per criterion (sum of w_c x mean_c / 100), and the total is
 * (assessor_weight x A + resident_weight x R) / 100; equal totals share a
 * rank. Publishing (manage_contest: the street) fixes the ranking, the
 * praise of each entry, and a priority flag for the first `winners` ranks
 * that lasts `priority_days`: contest_priority() tells a later module
 * (facility allocation) which communities hold one.
 */
#ifndef WG_MOD_CONTEST_H
#define WG_MOD_CONTEST_H

#include <jansson.h>

#include "kernel/kernel.h"
#include "mod/place/place.h"

#define CONTEST_CRITERIA_MAX 10
#define CONTEST_ENTRIES_MAX 50
#define CONTEST_ASSESSORS_MAX 100
#define CONTEST_LIST_MAX 50

extern const struct perm_action contest_act_manage;

struct contest_criterion_in {
    const char *name;
    int64_t weight;
};

struct contest_new {
    int64_t street_id, assessor_weight, resident_weight, winners, priority_days, closes_at;
    const char *title;
    const struct contest_criterion_in *criteria;
    int ncriteria;
    const int64_t *communities, *assessors;
    int ncommunities, nassessors;
};

int contest_create(dctx *c, const struct contest_new *in, int64_t *id);
/* A scorecard for an entry: one score per criterion, in order. */
int contest_score(dctx *c, int64_t id, int64_t community_id, const int64_t *scores, int n, const char **as);
/* Publishes the ranking with praise per community (praise may be NULL). */
int contest_publish(dctx *c, int64_t id, json_t *praise);
/* The contest, its rubric, the scores and the ranking with the arithmetic. */
json_t *contest_detail(dctx *c, int64_t id, int *rc);
/* The contests the actor reads: her street's (street staff), or those her
 * community entered, newest first (at most CONTEST_LIST_MAX); with
 * "may_open": {street_id} when she may open one. */
json_t *contest_list(dctx *c, int *rc);
/* Whether the community holds a contest's priority flag now; *until its end. */
int contest_priority(dctx *c, int64_t community_id, int *holds, int64_t *until, const char **contest_title);

extern const struct module contest_module;

#endif
