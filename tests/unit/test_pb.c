/*
 * Participatory budgeting (src/algo/pb.c): the published example of
 * equalshares.net (STAGES.md), cases where the completion changes the
 * outcome, the tie-breaks, the input checks, and a cross-check of the
 * class-based computation against a plain one written from the reference
 * pseudo-code, voter by voter, on random elections.
 */
#include <gmp.h>
#include <stdlib.h>
#include <string.h>

#include "algo/pb.h"
#include "core/err.h"
#include "t.h"

/* An election from a list of ballots, each a -1-terminated list of projects. */
struct election {
    struct pb_input in;
    size_t vstart[256];
    int vproj[4096];
    int64_t cost[64];
    int order[64];
};

static void el_init(struct election *e, int64_t budget, const int64_t *cost, size_t m)
{
    memset(e, 0, sizeof *e);
    e->in.budget = budget;
    e->in.nprojects = m;
    for (size_t p = 0; p < m; p++) {
        e->cost[p] = cost[p];
        e->order[p] = (int)p;
    }
    e->in.cost = e->cost;
    e->in.order = e->order;
    e->in.vstart = e->vstart;
    e->in.vproj = e->vproj;
}

static void el_ballot(struct election *e, const int *ps)
{
    size_t v = e->in.nvoters++, j = e->vstart[v];
    for (; *ps >= 0; ps++)
        e->vproj[j++] = *ps;
    e->vstart[v + 1] = j;
}

static int pos(const int *order, size_t n, int p)
{
    for (size_t i = 0; i < n; i++)
        if (order[i] == p)
            return (int)i;
    return -1;
}

/* equalshares.net: budget 1,100, 11 voters; bike path 700 (voters 1-6 and
 * 11), gym 400 (1-6), park 250 (2, 4, 5, 7, 10), playground 200 (7-10),
 * library 100 (7, 9, 10). */
enum { BIKE, GYM, PARK, PLAY, LIB };
static void published(struct election *e)
{
    static const int64_t cost[] = {700, 400, 250, 200, 100};
    static const int b1[] = {BIKE, GYM, -1}, b2[] = {BIKE, GYM, PARK, -1}, b7[] = {PARK, PLAY, LIB, -1},
                     b8[] = {PLAY, -1}, b9[] = {PLAY, LIB, -1}, b10[] = {PARK, PLAY, LIB, -1}, b11[] = {BIKE, -1};
    el_init(e, 1100, cost, 5);
    el_ballot(e, b1);  /* 1 */
    el_ballot(e, b2);  /* 2 */
    el_ballot(e, b1);  /* 3 */
    el_ballot(e, b2);  /* 4 */
    el_ballot(e, b2);  /* 5 */
    el_ballot(e, b1);  /* 6 */
    el_ballot(e, b7);  /* 7 */
    el_ballot(e, b8);  /* 8 */
    el_ballot(e, b9);  /* 9 */
    el_ballot(e, b10); /* 10 */
    el_ballot(e, b11); /* 11 */
}

static void test_published_example(void)
{
    struct election e;
    struct pb_result r;
    char msg[200];
    arena *a = arena_new(1 << 16);
    published(&e);
    e.in.want_voters = 1;
    CHECK_INT(pb_run(a, &e.in, &r, msg, sizeof msg), 0);
    /* Equal Shares: bike path, playground, library, in that order */
    CHECK_INT(r.nmes, 3);
    CHECK_INT(r.mes_order[0], BIKE);
    CHECK_INT(r.mes_order[1], PLAY);
    CHECK_INT(r.mes_order[2], LIB);
    CHECK_INT(r.mes_cost, 1000);
    CHECK_STR(r.projects[BIKE].eff.exact, "7");
    CHECK_STR(r.projects[BIKE].payment.exact, "100");
    CHECK_STR(r.projects[PLAY].eff.exact, "4");
    CHECK_STR(r.projects[PLAY].payment.exact, "50");
    CHECK_STR(r.projects[LIB].eff.exact, "3");
    CHECK_STR(r.projects[LIB].payment.exact, "100/3");
    CHECK_STR(r.projects[LIB].payment.shown, "33.33");
    CHECK_INT(r.projects[GYM].how, PB_NOT);
    CHECK_INT(r.projects[PARK].how, PB_NOT);
    /* the gym's supporters spent their shares on the bike path */
    CHECK_STR(r.projects[GYM].left.exact, "0");
    /* the park's: voters 7 and 10 have 50 - 100/3 each, 2, 4 and 5 nothing */
    CHECK_STR(r.projects[PARK].left.exact, "100/3");
    /* nothing more fits in 100: no completion step was kept */
    CHECK_INT(r.add1_steps, 0);
    CHECK_STR(r.endowment.exact, "100");
    CHECK_STR(r.endowment_total.exact, "1100");
    /* greedy: bike path and gym */
    CHECK_INT(r.ngreedy, 2);
    CHECK_INT(r.greedy_order[0], BIKE);
    CHECK_INT(r.greedy_order[1], GYM);
    CHECK_INT(r.greedy_cost, 1100);
    /* what each voter paid */
    CHECK_STR(r.paid[0].exact, "100");
    CHECK_STR(r.paid[6].exact, "250/3"); /* voter 7: 50 + 100/3 */
    CHECK_STR(r.paid[7].exact, "50");    /* voter 8: the playground */
    CHECK_STR(r.paid[10].exact, "100");
    arena_free(a);
}

/* Budget 100, 4 voters (25 each): C 40 by all, A 60 by voters 1-2, B 20 by
 * voter 3. Equal Shares alone buys C (10 each) and leaves 60; Add1 raises
 * the shares to 30, where voter 3 can pay for B, and stops (A no longer
 * fits). Without Add1 the fill would have bought A instead. */
static void test_add1_changes_outcome(void)
{
    enum { C, A, B };
    static const int64_t cost[] = {40, 60, 20};
    static const int v12[] = {C, A, -1}, v3[] = {C, B, -1}, v4[] = {C, -1};
    struct election e;
    struct pb_result r;
    char msg[200];
    arena *a = arena_new(1 << 16);
    el_init(&e, 100, cost, 3);
    el_ballot(&e, v12);
    el_ballot(&e, v12);
    el_ballot(&e, v3);
    el_ballot(&e, v4);
    CHECK_INT(pb_run(a, &e.in, &r, msg, sizeof msg), 0);
    CHECK_INT(r.add1_steps, 5);
    CHECK_INT(r.add1_unit, 1);
    CHECK_STR(r.endowment.exact, "30");
    CHECK_STR(r.endowment_total.exact, "120");
    CHECK_INT(r.nmes, 2);
    CHECK_INT(r.mes_order[0], C);
    CHECK_INT(r.mes_order[1], B);
    CHECK_INT(r.projects[B].how, PB_MES);
    CHECK_STR(r.projects[B].eff.exact, "1");
    CHECK_INT(r.projects[A].how, PB_NOT);
    CHECK_INT(r.mes_cost, 60);
    /* greedy by approvals: C, then A fills the budget exactly */
    CHECK_INT(r.ngreedy, 2);
    CHECK_INT(r.greedy_order[0], C);
    CHECK_INT(r.greedy_order[1], A);
    CHECK_INT(r.greedy_cost, 100);
    arena_free(a);
}

/* Add1 cannot finish the job, the fill does. Budget 90, 3 voters (30
 * each): X 60 by all (20 each), Y 30 by voter 1, Z 30 by voter 2. After X,
 * voters 1 and 2 hold 10 each and 30 is left. A share of 50 would buy both
 * Y and Z (120 > 90), so Add1 keeps the share of 49 (X alone) and stops;
 * the fill buys one of Y and Z, by the tie-break: equal cost and approvals,
 * so the order drawn. */
static void test_fill_after_add1(void)
{
    enum { X, Y, Z };
    static const int64_t cost[] = {60, 30, 30};
    static const int v1[] = {X, Y, -1}, v2[] = {X, Z, -1}, v3[] = {X, -1};
    struct election e;
    struct pb_result r;
    char msg[200];
    arena *a = arena_new(1 << 16);
    el_init(&e, 90, cost, 3);
    el_ballot(&e, v1);
    el_ballot(&e, v2);
    el_ballot(&e, v3);
    e.order[Y] = 2;
    e.order[Z] = 1; /* Z drawn before Y */
    CHECK_INT(pb_run(a, &e.in, &r, msg, sizeof msg), 0);
    CHECK_INT(r.add1_steps, 19);
    CHECK_STR(r.endowment.exact, "49");
    CHECK_INT(r.nmes, 2);
    CHECK_INT(r.mes_order[0], X);
    CHECK_INT(r.projects[X].how, PB_MES);
    CHECK_INT(r.mes_order[1], Z);
    CHECK_INT(r.projects[Z].how, PB_FILL);
    CHECK_INT(r.projects[Y].how, PB_NOT);
    CHECK_INT(r.mes_cost, 90);
    e.order[Y] = 1;
    e.order[Z] = 2;
    CHECK_INT(pb_run(a, &e.in, &r, msg, sizeof msg), 0);
    CHECK_INT(r.mes_order[1], Y);
    arena_free(a);
}

/* Equal effective vote counts: the lower cost first, then more approvals,
 * then the order drawn. */
static void test_ties(void)
{
    static const int64_t cost[] = {50, 40, 50};
    static const int v0[] = {0, -1}, v1[] = {1, -1}, v2[] = {2, -1};
    struct election e;
    struct pb_result r;
    char msg[200];
    arena *a = arena_new(1 << 16);
    el_init(&e, 300, cost, 3);
    el_ballot(&e, v0);
    el_ballot(&e, v1);
    el_ballot(&e, v2);
    /* every project has one supporter with 100: eff 1 each */
    e.order[0] = 2;
    e.order[2] = 0;
    CHECK_INT(pb_run(a, &e.in, &r, msg, sizeof msg), 0);
    CHECK_INT(r.nmes, 3);
    CHECK_INT(r.mes_order[0], 1); /* cheapest */
    CHECK_INT(r.mes_order[1], 2); /* drawn first among equals */
    CHECK_INT(r.mes_order[2], 0);
    CHECK_INT(pos(r.greedy_order, r.ngreedy, 1), 0);
    CHECK_INT(pos(r.greedy_order, r.ngreedy, 2), 1);
    arena_free(a);
}

static void test_no_voters_and_checks(void)
{
    static const int64_t cost[] = {10, 20};
    static const int dup[] = {0, 0, -1}, bad[] = {5, -1};
    struct election e;
    struct pb_result r;
    char msg[200];
    arena *a = arena_new(1 << 16);
    el_init(&e, 100, cost, 2);
    CHECK_INT(pb_run(a, &e.in, &r, msg, sizeof msg), 0);
    CHECK_INT(r.nmes, 0);
    CHECK_INT(r.ngreedy, 0);
    el_ballot(&e, dup);
    CHECK_INT(pb_run(a, &e.in, &r, msg, sizeof msg), WG_EINVAL);
    CHECK(strstr(msg, "approved twice") != NULL);
    el_init(&e, 100, cost, 2);
    el_ballot(&e, bad);
    CHECK_INT(pb_run(a, &e.in, &r, msg, sizeof msg), WG_EINVAL);
    CHECK(strstr(msg, "out of range") != NULL);
    el_init(&e, 100, cost, 2);
    e.order[1] = 0;
    CHECK_INT(pb_check(&e.in, msg, sizeof msg), WG_EINVAL);
    CHECK(strstr(msg, "permutation") != NULL);
    el_init(&e, 0, cost, 2);
    CHECK_INT(pb_check(&e.in, msg, sizeof msg), WG_EINVAL);
    el_init(&e, 100, cost, 2);
    e.cost[0] = 0;
    CHECK_INT(pb_check(&e.in, msg, sizeof msg), WG_EINVAL);
    arena_free(a);
}

/* ---- a plain implementation, voter by voter, for the cross-check ---- */

static int ref_before(const struct election *e, const int64_t *appr, int a, int b)
{
    if (e->cost[a] != e->cost[b])
        return e->cost[a] < e->cost[b];
    if (appr[a] != appr[b])
        return appr[a] > appr[b];
    return e->order[a] < e->order[b];
}

static int ref_supports(const struct election *e, size_t v, int p)
{
    for (size_t j = e->vstart[v]; j < e->vstart[v + 1]; j++)
        if (e->vproj[j] == p)
            return 1;
    return 0;
}

/* Equal Shares with each voter holding share: the outcome in out, its cost returned. */
static int64_t ref_mes(const struct election *e, const int64_t *appr, const mpq_t share, int *out, size_t *nout)
{
    size_t n = e->in.nvoters, m = e->in.nprojects;
    mpq_t bud[256], best_eff, eff, maxpay, paid, t;
    int done[64] = {0};
    int64_t spent = 0;
    mpq_inits(best_eff, eff, maxpay, paid, t, NULL);
    for (size_t v = 0; v < n; v++) {
        mpq_init(bud[v]);
        mpq_set(bud[v], share);
    }
    *nout = 0;
    for (;;) {
        int best = -1;
        for (size_t p = 0; p < m; p++) {
            if (done[p] || appr[p] == 0)
                continue;
            /* supporters sorted by budget (insertion sort) */
            int sup[256];
            size_t ns = 0;
            for (size_t v = 0; v < n; v++)
                if (ref_supports(e, v, (int)p)) {
                    size_t i = ns++;
                    while (i > 0 && mpq_cmp(bud[sup[i - 1]], bud[v]) > 0) {
                        sup[i] = sup[i - 1];
                        i--;
                    }
                    sup[i] = (int)v;
                }
            mpq_set_ui(paid, 0, 1);
            int64_t denom = (int64_t)ns;
            int ok = 0;
            for (size_t i = 0; i < ns; i++) {
                mpq_set_si(t, (long)e->cost[p], 1);
                mpq_sub(t, t, paid);
                mpq_set_si(maxpay, (long)denom, 1);
                mpq_div(maxpay, t, maxpay);
                if (mpq_cmp(maxpay, bud[sup[i]]) > 0) {
                    mpq_add(paid, paid, bud[sup[i]]);
                    denom--;
                } else {
                    mpq_set_si(eff, (long)e->cost[p], 1);
                    mpq_div(eff, eff, maxpay);
                    ok = 1;
                    break;
                }
            }
            if (!ok)
                continue;
            int cmp = best < 0 ? 1 : mpq_cmp(eff, best_eff);
            if (cmp > 0 || (cmp == 0 && ref_before(e, appr, (int)p, best))) {
                best = (int)p;
                mpq_set(best_eff, eff);
            }
        }
        if (best < 0)
            break;
        done[best] = 1;
        out[(*nout)++] = best;
        spent += e->cost[best];
        mpq_set_si(t, (long)e->cost[best], 1);
        mpq_div(t, t, best_eff); /* the equal payment */
        for (size_t v = 0; v < n; v++)
            if (ref_supports(e, v, best)) {
                if (mpq_cmp(bud[v], t) > 0)
                    mpq_sub(bud[v], bud[v], t);
                else
                    mpq_set_ui(bud[v], 0, 1);
            }
    }
    for (size_t v = 0; v < n; v++)
        mpq_clear(bud[v]);
    mpq_clears(best_eff, eff, maxpay, paid, t, NULL);
    return spent;
}

static int ref_exhaustive(const struct election *e, const int64_t *appr, const int *out, size_t nout,
                          int64_t spent)
{
    for (size_t p = 0; p < e->in.nprojects; p++)
        if (appr[p] > 0 && pos(out, nout, (int)p) < 0 && e->cost[p] <= e->in.budget - spent)
            return 0;
    return 1;
}

/* Add1, as equalshares.net writes it; then the greedy fill. */
static size_t ref_run(const struct election *e, int *out)
{
    size_t n = e->in.nvoters, m = e->in.nprojects, nout, nnext;
    int64_t appr[64] = {0}, spent;
    int next[64];
    for (size_t j = 0; j < e->vstart[n]; j++)
        appr[e->vproj[j]]++;
    mpq_t share;
    mpq_init(share);
    mpq_set_ui(share, (unsigned long)e->in.budget, (unsigned long)n);
    mpq_canonicalize(share);
    spent = ref_mes(e, appr, share, out, &nout);
    int64_t per = e->in.budget / (int64_t)n;
    while (!ref_exhaustive(e, appr, out, nout, spent)) {
        mpq_set_si(share, (long)++per, 1);
        int64_t c = ref_mes(e, appr, share, next, &nnext);
        if (c > e->in.budget)
            break;
        memcpy(out, next, nnext * sizeof *next);
        nout = nnext;
        spent = c;
    }
    mpq_clear(share);
    /* greedy fill: by approvals, then the tie-break */
    for (;;) {
        int best = -1;
        for (size_t p = 0; p < m; p++) {
            if (appr[p] == 0 || pos(out, nout, (int)p) >= 0 || e->cost[p] > e->in.budget - spent)
                continue;
            if (best < 0 || appr[p] > appr[best] || (appr[p] == appr[best] && ref_before(e, appr, (int)p, best)))
                best = (int)p;
        }
        if (best < 0)
            break;
        out[nout++] = best;
        spent += e->cost[best];
    }
    return nout;
}

static void test_cross_check_random(void)
{
    arena *a = arena_new(1 << 16);
    unsigned seed = 12345;
    int differ = 0, completions = 0;
    for (int round = 0; round < 400; round++) {
        struct election e;
        int64_t cost[12];
        size_t m = 2 + (size_t)(rand_r(&seed) % 10);
        size_t n = 1 + (size_t)(rand_r(&seed) % (round % 2 ? 40 : 250));
        for (size_t p = 0; p < m; p++)
            cost[p] = 1 + rand_r(&seed) % 60;
        el_init(&e, 20 + rand_r(&seed) % 200, cost, m);
        for (size_t p = 0; p < m; p++) { /* a random drawn order */
            size_t q = (size_t)rand_r(&seed) % (p + 1);
            e.order[p] = e.order[q];
            e.order[q] = (int)p;
        }
        for (size_t v = 0; v < n; v++) {
            int ps[13], k = 0;
            for (size_t p = 0; p < m; p++)
                if (rand_r(&seed) % 3 == 0)
                    ps[k++] = (int)p;
            ps[k] = -1;
            el_ballot(&e, ps);
        }
        struct pb_result r;
        char msg[200];
        int ref[64];
        arena_reset(a);
        if (pb_run(a, &e.in, &r, msg, sizeof msg) != 0) {
            CHECK(0);
            continue;
        }
        size_t nref = ref_run(&e, ref);
        int same = nref == r.nmes;
        for (size_t i = 0; same && i < nref; i++)
            same = ref[i] == r.mes_order[i];
        if (!same && differ++ < 3) {
            fprintf(stderr, "  round %d: pb bought %zu projects, the reference %zu\n", round, r.nmes, nref);
            CHECK(same);
        }
        completions += r.add1_steps > 0;
        CHECK(r.mes_cost <= e.in.budget);
        CHECK(r.greedy_cost <= e.in.budget);
    }
    CHECK_INT(differ, 0);
    CHECK(completions > 10); /* the random elections exercise Add1 */
    arena_free(a);
}

int main(void)
{
    T_RUN(test_published_example);
    T_RUN(test_add1_changes_outcome);
    T_RUN(test_fill_after_add1);
    T_RUN(test_ties);
    T_RUN(test_no_voters_and_checks);
    T_RUN(test_cross_check_random);
    T_END();
}
