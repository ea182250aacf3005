/*
 * Participatory budgeting: which projects a budget buys from approval
 * ballots (STAGES.md "Participatory budgeting", docs/tally.md "Method
 * equal_shares"). Two rules, computed side by side:
 *
 * - greedy: projects by approvals, each bought if it still fits;
 * - the Method of Equal Shares (MES) with the Add1 completion, then a greedy
 *   fill (Add1U), as equalshares.net defines them: every voter holds an
 *   equal share of the budget; a project is bought only with its supporters'
 *   money, shared as equally as their shares allow; the project whose cost
 *   is shared most equally (the largest effective vote count, cost divided
 *   by the largest single payment) goes first. Add1 raises every share by
 *   one unit (one yuan) at a time while the outcome still fits the real
 *   budget; the fill then buys by approvals what still fits.
 *
 * Ties, in both rules: the lower cost, then more approvals, then the lower
 * place in the order drawn when the vote opened (input.order).
 *
 * Exact fractions (GMP's mpq) throughout, never floating point. Pure: no
 * clock, no I/O, no randomness; the same input gives the same result.
 * Voters who hold the same amount are kept as one class, so a round costs
 * the approvals it reads plus the distinct amounts, not the voters.
 *
 * Ownership: pb_run() borrows its input for the call; the result's arrays
 * and strings live in the caller's arena. GMP allocates its numbers with
 * malloc, and every one is cleared before pb_run() returns (GMP aborts the
 * process if memory runs out, as it documents).
 */
#ifndef WG_PB_H
#define WG_PB_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

#define PB_MAX_PROJECTS 1000
#define PB_MAX_VOTERS 10000000
#define PB_MAX_MONEY 1000000000000LL /* 10^12 yuan: a budget or a cost */
/* Add1 stops after this many steps even if the outcome still fits; past
 * it each step is widened so that the steps cover the same range. */
#define PB_ADD1_MAX_STEPS 2000

struct pb_input {
    int64_t budget;   /* 1..PB_MAX_MONEY */
    size_t nprojects; /* 1..PB_MAX_PROJECTS */
    const int64_t *cost; /* per project, 1..PB_MAX_MONEY */
    const int *order;    /* per project: its place in the order drawn when the vote opened (a permutation) */
    size_t nvoters;      /* 0..PB_MAX_VOTERS */
    const size_t *vstart; /* nvoters + 1 offsets into vproj */
    const int *vproj;     /* voter v approves vproj[vstart[v] .. vstart[v + 1]), each project once */
    int want_voters;      /* fill result.paid: what each voter paid under MES */
};

/* A fraction as computed ("7/3", or "7" when whole) and for display
 * (decimal, rounded down to 2 places: "2.33"). In the result's arena. */
struct pb_frac {
    const char *exact, *shown;
};

enum pb_how {
    PB_NOT,  /* not bought */
    PB_MES,  /* bought by Equal Shares (with Add1) */
    PB_FILL, /* bought by the greedy fill after it (Add1U) */
};

struct pb_project_result {
    int64_t approvals;
    enum pb_how how;       /* in the Equal Shares outcome */
    int step;              /* 1-based place in the Equal Shares outcome's order of purchase, 0 if not bought */
    struct pb_frac eff;    /* PB_MES: the effective vote count when bought */
    struct pb_frac payment; /* PB_MES: the most a supporter paid (cost / eff) */
    int64_t paid_less;      /* PB_MES: supporters who paid less: all they had left */
    struct pb_frac left;    /* at the end of Equal Shares: what its supporters had left together */
    int greedy;             /* bought by plain greedy */
    int greedy_step;        /* 1-based, 0 if not bought */
};

struct pb_result {
    struct pb_project_result *projects; /* nprojects entries */
    int *mes_order;                     /* the Equal Shares outcome in order of purchase (then the fill) */
    size_t nmes;
    int *greedy_order;
    size_t ngreedy;
    int64_t mes_cost, greedy_cost;
    int64_t add1_steps;             /* how many times the shares were raised and the outcome kept */
    int64_t add1_unit;              /* yuan per voter per step: 1 unless widened (PB_ADD1_MAX_STEPS) */
    struct pb_frac endowment;       /* each voter's share in the final Equal Shares run */
    struct pb_frac endowment_total; /* that share times the voters: the budget that run divided */
    struct pb_frac *paid;     /* want_voters: per voter, what they paid (Equal Shares, before the fill) */
};

/* Checks an input: limits, the order a permutation, project indexes in
 * range and approved once per voter. 0, or WG_EINVAL with a message. */
int pb_check(const struct pb_input *in, char *msg, size_t msglen);

/* Computes both rules: 0 and *res filled, or WG_EINVAL when pb_check()
 * fails (its message in msg). */
int pb_run(arena *a, const struct pb_input *in, struct pb_result *res, char *msg, size_t msglen);

#endif
