/*
 * The arithmetic of an assessment (STAGES.md, co-evaluate): criteria with
 * weights and scales, scored by two groups (residents, one answer per
 * household; appointed assessors), each group with its weight in the
 * result. Exact integers, shown whole:
 *
 *   group percent  p_g,k = sum_g,k / (n_g x scale_k)            (a mean score over the scale)
 *   criterion      c_k   = (w_res x p_res,k + w_ass x p_ass,k) / (w_res + w_ass)
 *   result         r     = sum_k (weight_k x c_k) / sum_k weight_k
 *
 * A group with no answers gives its weight to the other (its effective
 * weight is 0); a criterion nobody scored has no value and leaves the
 * result's denominator. Every percent is kept in permille (tenths of a
 * percent), rounded half up from the exact fraction of the integers
 * above; c_k rounds from the exact group fractions, not from rounded
 * ones, and r from the exact criteria, so rounding never compounds.
 *
 * Pure: no clock, no I/O, no allocation.
 */
#ifndef WG_ALGO_ASSESS_H
#define WG_ALGO_ASSESS_H

#include <stdint.h>

#define ASSESS_GROUPS 2 /* 0: residents, 1: assessors */
#define ASSESS_NONE (-1) /* no value: nobody answered */

struct assess_group_in {
    int64_t n;   /* respondents who scored the criterion */
    int64_t sum; /* their scores, each 1..scale */
};

struct assess_crit_in {
    int weight; /* 1..100 */
    int scale;  /* 2..10 */
    struct assess_group_in g[ASSESS_GROUPS];
};

struct assess_crit_out {
    int group_permille[ASSESS_GROUPS]; /* ASSESS_NONE when the group is empty */
    int weight_used[ASSESS_GROUPS];    /* the group weights that applied (0 for an empty group) */
    int permille;                      /* c_k, ASSESS_NONE when nobody scored */
};

/* Computes every criterion's and the result's permille (ASSESS_NONE when
 * nobody scored anything). group_weight: the two groups' weights (>= 0,
 * not both 0). 0, or -1 on an argument out of range. */
int assess_compute(const struct assess_crit_in *in, int n, const int group_weight[ASSESS_GROUPS],
                   struct assess_crit_out *out, int *result_permille);

/* num/den in permille, rounded half up (num >= 0, den > 0). */
int assess_permille(int64_t num, int64_t den);

#endif
