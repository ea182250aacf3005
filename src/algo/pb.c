/*
 * Participatory budgeting: greedy and the Method of Equal Shares with Add1
 * and Add1U; see pb.h and docs/tally.md.
 *
 * The voters' money is kept by class: voters who hold the same amount are
 * one class (an amount and a count), and a voter points at its class. A
 * project's supporters are counted per class, so computing its effective
 * vote count walks the distinct amounts of its supporters in ascending order
 * (a class that cannot pay the equal share as a whole pays what it has:
 * if one of its voters cannot, none of them can, see pb_eff). After every
 * purchase the classes are sorted by amount, equal amounts merged and
 * renumbered, so a class's number is its rank.
 *
 * Working memory is malloc'd and freed before pb_run() returns; the result
 * goes to the caller's arena.
 */
#include "algo/pb.h"

#include <assert.h>
#include <gmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"

/* The state of one computation. */
struct pb {
    const struct pb_input *in;
    size_t n, m;
    size_t *pstart; /* supporters of project p: pvoter[pstart[p] .. pstart[p + 1]) */
    int *pvoter;
    int64_t *appr;
    /* classes: amount and number of voters, numbered by ascending amount after pb_sort */
    mpq_t *val, *val2;
    double *dv, *dv2; /* val as a double (mpq_get_d: truncated, within 2^-53 of it) */
    int64_t *cnt, *cnt2;
    size_t ncls, cap;
    int *vcls;     /* per voter: its class */
    int64_t *tcnt; /* per class: supporters of the project being looked at */
    int *touched;  /* the classes with tcnt > 0 */
    int *remap;    /* per class: its class after a charge, or after the sort */
    char *less;    /* per class: pays less than the equal share */
    /* per project, during an Equal Shares run */
    double *prev; /* an upper bound of its effective vote count (they only fall) */
    double *lo, *hi; /* this round: bounds of its effective vote count */
    char *open;   /* still a candidate */
    int *cand, *final;
    /* the run's outcome */
    int *out;
    size_t nout;
    int64_t spent;
    /* recorded by the final run */
    mpq_t *eff, *rho;
    int64_t *paid_less;
    mpq_t t1, t2, money, paid, maxpay, ceff, crho, beff, brho, share;
};

static void *pb_xalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (p == NULL)
        abort(); /* as GMP does: a tally that cannot hold its input cannot answer */
    return p;
}

static mpq_t *pb_qalloc(size_t n)
{
    mpq_t *q = pb_xalloc(n, sizeof *q);
    for (size_t i = 0; i < n; i++)
        mpq_init(q[i]);
    return q;
}

static void pb_qfree(mpq_t *q, size_t n)
{
    if (q == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        mpq_clear(q[i]);
    free(q);
}

static int pb_fail(char *msg, size_t msglen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int pb_fail(char *msg, size_t msglen, const char *fmt, ...)
{
    if (msg != NULL && msglen > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, msglen, fmt, ap);
        va_end(ap);
    }
    return WG_EINVAL;
}

int pb_check(const struct pb_input *in, char *msg, size_t msglen)
{
    if (msg != NULL && msglen > 0)
        msg[0] = '\0';
    if (in->budget < 1 || in->budget > PB_MAX_MONEY)
        return pb_fail(msg, msglen, "budget: %lld is out of range (1 to %lld)", (long long)in->budget,
                       PB_MAX_MONEY);
    if (in->nprojects < 1 || in->nprojects > PB_MAX_PROJECTS)
        return pb_fail(msg, msglen, "projects: %zu; a budget has 1 to %d", in->nprojects, PB_MAX_PROJECTS);
    if (in->nvoters > PB_MAX_VOTERS)
        return pb_fail(msg, msglen, "ballots: %zu; at most %d", in->nvoters, PB_MAX_VOTERS);
    char *seen = pb_xalloc(in->nprojects, 1);
    int rc = 0;
    for (size_t p = 0; p < in->nprojects && rc == 0; p++) {
        if (in->cost[p] < 1 || in->cost[p] > PB_MAX_MONEY)
            rc = pb_fail(msg, msglen, "costs[%zu]: %lld is out of range (1 to %lld)", p, (long long)in->cost[p],
                         PB_MAX_MONEY);
        else if (in->order[p] < 0 || (size_t)in->order[p] >= in->nprojects || seen[in->order[p]]++)
            rc = pb_fail(msg, msglen, "order: not a permutation of 0..%zu (project %zu)", in->nprojects - 1, p);
    }
    for (size_t v = 0; v < in->nvoters && rc == 0; v++) {
        memset(seen, 0, in->nprojects);
        if (in->vstart[v + 1] < in->vstart[v])
            rc = pb_fail(msg, msglen, "ballots[%zu]: bad offsets", v);
        for (size_t j = in->vstart[v]; j < in->vstart[v + 1] && rc == 0; j++) {
            int p = in->vproj[j];
            if (p < 0 || (size_t)p >= in->nprojects)
                rc = pb_fail(msg, msglen, "ballots[%zu]: project %d is out of range (0..%zu)", v, p,
                             in->nprojects - 1);
            else if (seen[p]++)
                rc = pb_fail(msg, msglen, "ballots[%zu]: project %d is approved twice", v, p);
        }
    }
    free(seen);
    return rc;
}

/* ---- classes of voters ---- */

static void pb_grow(struct pb *s, size_t need)
{
    if (need <= s->cap)
        return;
    size_t cap = s->cap ? s->cap : 64;
    while (cap < need)
        cap *= 2;
    mpq_t *v = pb_qalloc(cap), *v2 = pb_qalloc(cap);
    for (size_t i = 0; i < s->cap; i++) {
        mpq_swap(v[i], s->val[i]);
        mpq_swap(v2[i], s->val2[i]);
    }
    pb_qfree(s->val, s->cap);
    pb_qfree(s->val2, s->cap);
    s->val = v;
    s->val2 = v2;
    s->dv = realloc(s->dv, cap * sizeof *s->dv);
    s->dv2 = realloc(s->dv2, cap * sizeof *s->dv2);
    s->cnt = realloc(s->cnt, cap * sizeof *s->cnt);
    s->cnt2 = realloc(s->cnt2, cap * sizeof *s->cnt2);
    s->tcnt = realloc(s->tcnt, cap * sizeof *s->tcnt);
    s->touched = realloc(s->touched, cap * sizeof *s->touched);
    s->remap = realloc(s->remap, cap * sizeof *s->remap);
    s->less = realloc(s->less, cap);
    if (!s->dv || !s->dv2 || !s->cnt || !s->cnt2 || !s->tcnt || !s->touched || !s->remap || !s->less)
        abort();
    memset(s->tcnt + s->cap, 0, (cap - s->cap) * sizeof *s->tcnt);
    s->cap = cap;
}

/* Every voter in one class holding the share. */
static void pb_reset(struct pb *s)
{
    pb_grow(s, 1);
    s->ncls = 1;
    mpq_set(s->val[0], s->share);
    s->dv[0] = mpq_get_d(s->share);
    s->cnt[0] = (int64_t)s->n;
    memset(s->vcls, 0, s->n * sizeof *s->vcls);
}

/* Two amounts compared: by their doubles when they are far apart (each is
 * within 2^-53 of its value), exactly otherwise. */
static int pb_cls_cmp(const struct pb *s, int a, int b)
{
    double x = s->dv[a], y = s->dv[b], tol = 1e-12 * (x > y ? x : y);
    if (x < y - tol)
        return -1;
    if (x > y + tol)
        return 1;
    return mpq_cmp(s->val[a], s->val[b]);
}

static int pb_idx_cmp(const void *x, const void *y, void *arg)
{
    return pb_cls_cmp(arg, *(const int *)x, *(const int *)y);
}

/* Renumbers the classes by ascending amount, dropping empty ones and
 * merging equal amounts. */
static void pb_sort(struct pb *s)
{
    size_t live = 0;
    for (size_t k = 0; k < s->ncls; k++)
        if (s->cnt[k] > 0)
            s->touched[live++] = (int)k;
    qsort_r(s->touched, live, sizeof *s->touched, pb_idx_cmp, s);
    size_t nn = 0;
    for (size_t i = 0; i < live; i++) {
        int k = s->touched[i];
        if (nn > 0 && s->dv2[nn - 1] == s->dv[k] && mpq_equal(s->val2[nn - 1], s->val[k])) {
            s->cnt2[nn - 1] += s->cnt[k];
        } else {
            mpq_swap(s->val2[nn], s->val[k]);
            s->dv2[nn] = s->dv[k];
            s->cnt2[nn++] = s->cnt[k];
        }
        s->remap[k] = (int)nn - 1;
    }
    for (size_t v = 0; v < s->n; v++)
        s->vcls[v] = s->remap[s->vcls[v]];
    mpq_t *tv = s->val;
    s->val = s->val2;
    s->val2 = tv;
    double *td = s->dv;
    s->dv = s->dv2;
    s->dv2 = td;
    int64_t *tc = s->cnt;
    s->cnt = s->cnt2;
    s->cnt2 = tc;
    s->ncls = nn;
}

/* ---- Equal Shares ---- */

static int pb_int_cmp(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

/* Counts project p's supporters per class into tcnt/touched (sorted by
 * class, so by amount); returns how many classes. */
static size_t pb_gather(struct pb *s, int p)
{
    size_t nt = 0;
    for (size_t j = s->pstart[p]; j < s->pstart[p + 1]; j++) {
        int k = s->vcls[s->pvoter[j]];
        if (s->tcnt[k]++ == 0)
            s->touched[nt++] = k;
    }
    qsort(s->touched, nt, sizeof *s->touched, pb_int_cmp);
    return nt;
}

static void pb_ungather(struct pb *s, size_t nt)
{
    for (size_t i = 0; i < nt; i++)
        s->tcnt[s->touched[i]] = 0;
}

/* t = count × amount of class k */
static void pb_class_money(struct pb *s, mpq_t t, int k)
{
    mpq_set_si(t, (long)s->tcnt[k], 1);
    mpq_mul(t, t, s->val[k]);
}

/*
 * Whether p's supporters can pay for it; if so its effective vote count in
 * ceff and the equal payment in crho, exactly. Walking the classes by
 * ascending amount: maxpay = (cost - paid) / denom is what each remaining
 * supporter would pay. A class holding less pays all it has. If one voter
 * of a class cannot pay maxpay, neither can the next: after the first pays
 * its amount a < maxpay, the share of the others is
 * (cost - paid - a) / (denom - 1), which is still more than a. If no class
 * can pay its share, the supporters together hold less than the cost.
 */
static int pb_eff(struct pb *s, int p)
{
    int64_t cost = s->in->cost[p];
    size_t nt = pb_gather(s, p);
    int found = 0;
    int64_t denom = s->appr[p];
    mpq_set_ui(s->paid, 0, 1);
    for (size_t i = 0; i < nt && !found; i++) {
        int k = s->touched[i];
        mpq_set_si(s->t1, (long)cost, 1);
        mpq_sub(s->t1, s->t1, s->paid);
        mpq_set_si(s->t2, (long)denom, 1);
        mpq_div(s->maxpay, s->t1, s->t2);
        if (mpq_cmp(s->maxpay, s->val[k]) > 0) {
            pb_class_money(s, s->t1, k);
            mpq_add(s->paid, s->paid, s->t1);
            denom -= s->tcnt[k];
        } else {
            mpq_set(s->crho, s->maxpay);
            mpq_set_si(s->t1, (long)cost, 1);
            mpq_div(s->ceff, s->t1, s->maxpay);
            found = 1;
        }
    }
    pb_ungather(s, nt);
    return found;
}

/*
 * The same walk in doubles, for the bounds [*lo, *hi] of the effective vote
 * count; 0 when the supporters cannot pay, 1 with bounds, -1 when the
 * doubles cannot decide (two figures too close): then the exact walk
 * decides. The error of the running sum is far below the margin: at most
 * 10^7 terms, each within 2^-53 of its value, against 10^-9 of the cost.
 */
static int pb_eff_approx(struct pb *s, int p, double *lo, double *hi)
{
    double cost = (double)s->in->cost[p], tol = 1e-9 * cost, paid = 0;
    int64_t denom = s->appr[p];
    size_t nt = pb_gather(s, p);
    int rc = 0;
    for (size_t i = 0; i < nt; i++) {
        int k = s->touched[i];
        double rem = cost - paid, need = (double)denom * s->dv[k];
        if (rem > need + tol) { /* this class cannot pay the equal share */
            paid += (double)s->tcnt[k] * s->dv[k];
            denom -= s->tcnt[k];
            continue;
        }
        if (rem < need - tol && rem - tol > 0) {
            *lo = cost * (double)denom / (rem + tol);
            *hi = cost * (double)denom / (rem - tol);
            rc = 1;
        } else {
            rc = -1;
        }
        break;
    }
    pb_ungather(s, nt);
    return rc;
}

/* a goes before b on a tie: the lower cost, more approvals, the order drawn. */
static int pb_before(const struct pb *s, int a, int b)
{
    const int64_t *cost = s->in->cost;
    if (cost[a] != cost[b])
        return cost[a] < cost[b];
    if (s->appr[a] != s->appr[b])
        return s->appr[a] > s->appr[b];
    return s->in->order[a] < s->in->order[b];
}

/* Charges p's supporters rho each, or all they have; counts into *less
 * those who paid less than rho. */
static void pb_charge(struct pb *s, int p, int64_t *less)
{
    pb_grow(s, 2 * s->ncls + 1);
    for (size_t k = 0; k < s->ncls; k++)
        s->remap[k] = -1;
    for (size_t j = s->pstart[p]; j < s->pstart[p + 1]; j++) {
        int v = s->pvoter[j], k = s->vcls[v];
        if (s->remap[k] < 0) {
            int nk = (int)s->ncls++;
            assert((size_t)nk < s->cap);
            s->less[k] = mpq_cmp(s->val[k], s->brho) < 0;
            if (s->less[k])
                mpq_set_ui(s->val[nk], 0, 1);
            else
                mpq_sub(s->val[nk], s->val[k], s->brho);
            s->dv[nk] = mpq_get_d(s->val[nk]);
            s->cnt[nk] = 0;
            s->remap[k] = nk;
        }
        s->cnt[k]--;
        s->cnt[s->remap[k]]++;
        s->vcls[v] = s->remap[k];
        if (less != NULL && s->less[k])
            (*less)++;
    }
    pb_sort(s);
}

static int pb_cand_cmp(const void *x, const void *y, void *arg)
{
    const double *prev = arg;
    double a = prev[*(const int *)x], b = prev[*(const int *)y];
    return (a < b) - (a > b); /* descending */
}

/*
 * One round: the project to buy next (its eff and rho in beff/brho), or -1.
 * Candidates are looked at by their upper bounds, best first, until one
 * cannot reach the best lower bound found; the doubles give each a range,
 * and only those whose range reaches the best lower bound (the winner and
 * any it ties with) are computed exactly and compared, with the tie-break.
 */
static int pb_round(struct pb *s)
{
    size_t nc = 0, nf = 0;
    double best_lo = -1;
    int best = -1;
    for (size_t p = 0; p < s->m; p++)
        if (s->open[p])
            s->cand[nc++] = (int)p;
    qsort_r(s->cand, nc, sizeof *s->cand, pb_cand_cmp, s->prev);
    for (size_t i = 0; i < nc; i++) {
        int c = s->cand[i];
        if (s->prev[c] < best_lo)
            break; /* effective vote counts only fall: c cannot reach the best */
        int rc = pb_eff_approx(s, c, &s->lo[c], &s->hi[c]);
        if (rc < 0) {
            if (!pb_eff(s, c))
                rc = 0;
            else
                s->lo[c] = s->hi[c] = mpq_get_d(s->ceff);
            s->lo[c] *= 1 - 1e-12; /* the double of an exact value is within 2^-53 */
            s->hi[c] *= 1 + 1e-12;
        }
        if (rc == 0) {
            s->open[c] = 0;
            continue;
        }
        s->prev[c] = s->hi[c];
        s->final[nf++] = c;
        if (s->lo[c] > best_lo)
            best_lo = s->lo[c];
    }
    for (size_t i = 0; i < nf; i++) {
        int c = s->final[i];
        if (s->hi[c] < best_lo)
            continue;
        int ok = pb_eff(s, c);
        assert(ok); /* its bounds say its supporters can pay */
        (void)ok;
        int cmp = best < 0 ? 1 : mpq_cmp(s->ceff, s->beff);
        if (cmp > 0 || (cmp == 0 && pb_before(s, c, best))) {
            best = c;
            mpq_set(s->beff, s->ceff);
            mpq_set(s->brho, s->crho);
        }
    }
    return best;
}

/* Equal Shares with every voter holding s->share: the outcome in out/nout,
 * its cost in spent; with record, each purchase's figures. */
static void pb_mes(struct pb *s, int record)
{
    s->nout = 0;
    s->spent = 0;
    if (s->n == 0)
        return;
    pb_reset(s);
    for (size_t p = 0; p < s->m; p++) {
        s->open[p] = s->appr[p] > 0;
        s->prev[p] = (double)s->appr[p] * (1 + 1e-12);
    }
    for (;;) {
        int b = pb_round(s);
        if (b < 0)
            break;
        s->open[b] = 0;
        s->out[s->nout++] = b;
        s->spent += s->in->cost[b];
        if (record) {
            mpq_set(s->eff[b], s->beff);
            mpq_set(s->rho[b], s->brho);
        }
        pb_charge(s, b, record ? &s->paid_less[b] : NULL);
    }
}

/* ---- the result ---- */

static struct pb_frac pb_frac_of(arena *a, mpq_t q)
{
    struct pb_frac f;
    char *e = arena_alloc(a, mpz_sizeinbase(mpq_numref(q), 10) + mpz_sizeinbase(mpq_denref(q), 10) + 3);
    f.exact = mpq_get_str(e, 10, q);
    mpz_t t; /* floor(q x 100), written with two decimals */
    mpz_init(t);
    mpz_mul_ui(t, mpq_numref(q), 100);
    mpz_fdiv_q(t, t, mpq_denref(q));
    char *d = mpz_get_str(arena_alloc(a, mpz_sizeinbase(t, 10) + 2), 10, t);
    size_t dl = strlen(d);
    f.shown = dl <= 2 ? arena_printf(a, "0.%02ld", strtol(d, NULL, 10))
                      : arena_printf(a, "%.*s.%s", (int)(dl - 2), d, d + dl - 2);
    mpz_clear(t);
    return f;
}

/* Greedy order: more approvals, then the tie-break. */
static int pb_greedy_cmp(const void *x, const void *y, void *arg)
{
    const struct pb *s = arg;
    int a = *(const int *)x, b = *(const int *)y;
    if (s->appr[a] != s->appr[b])
        return s->appr[a] > s->appr[b] ? -1 : 1;
    return pb_before(s, a, b) ? -1 : pb_before(s, b, a) ? 1 : 0;
}

/* Buys by approvals what fits in budget - *spent, skipping what is already
 * bought (bought[p] != 0); appends to order. */
static void pb_greedy(struct pb *s, int *bought, int *order, size_t *n, int64_t *spent)
{
    for (size_t p = 0; p < s->m; p++)
        s->cand[p] = (int)p;
    qsort_r(s->cand, s->m, sizeof *s->cand, pb_greedy_cmp, s);
    for (size_t i = 0; i < s->m; i++) {
        int p = s->cand[i];
        if (bought[p] || s->appr[p] == 0 || s->in->cost[p] > s->in->budget - *spent)
            continue;
        bought[p] = 1;
        order[(*n)++] = p;
        *spent += s->in->cost[p];
    }
}

/* Whether some project with approvals is not bought and fits what is left. */
static int pb_exhaustive(const struct pb *s, const char *in_out)
{
    for (size_t p = 0; p < s->m; p++)
        if (!in_out[p] && s->appr[p] > 0 && s->in->cost[p] <= s->in->budget - s->spent)
            return 0;
    return 1;
}

static void pb_mark(const struct pb *s, char *in_out)
{
    memset(in_out, 0, s->m);
    for (size_t i = 0; i < s->nout; i++)
        in_out[s->out[i]] = 1;
}

/*
 * Add1 (equalshares.net): after Equal Shares with the real shares, while the
 * outcome leaves a project that fits, try each voter's share raised to
 * floor(budget / voters) + k units; keep it while the outcome still fits the
 * real budget, stop at the first that does not. Leaves s->share at the kept
 * share.
 */
static void pb_add1(struct pb *s, struct pb_result *r)
{
    char *in_out = pb_xalloc(s->m, 1);
    int64_t maxcost = 0, floor_share;
    mpq_t kept;
    mpq_init(kept);
    mpq_set(kept, s->share);
    r->add1_unit = 1;
    r->add1_steps = 0;
    if (s->n == 0)
        goto done;
    floor_share = s->in->budget / (int64_t)s->n;
    for (size_t p = 0; p < s->m; p++)
        if (s->in->cost[p] > maxcost)
            maxcost = s->in->cost[p];
    /* a share of maxcost buys every approved project: no step goes past it */
    if (maxcost - floor_share > PB_ADD1_MAX_STEPS)
        r->add1_unit = (maxcost - floor_share + PB_ADD1_MAX_STEPS - 1) / PB_ADD1_MAX_STEPS;
    pb_mes(s, 0);
    pb_mark(s, in_out);
    for (int64_t k = 1; k <= PB_ADD1_MAX_STEPS + 1 && !pb_exhaustive(s, in_out); k++) {
        mpq_set_si(s->share, (long)(floor_share + k * r->add1_unit), 1);
        pb_mes(s, 0);
        if (s->spent > s->in->budget)
            break;
        mpq_set(kept, s->share);
        r->add1_steps = k;
        pb_mark(s, in_out);
    }
done:
    mpq_set(s->share, kept);
    mpq_clear(kept);
    free(in_out);
}

static void pb_setup(struct pb *s, const struct pb_input *in)
{
    memset(s, 0, sizeof *s);
    s->in = in;
    s->n = in->nvoters;
    s->m = in->nprojects;
    s->appr = pb_xalloc(s->m, sizeof *s->appr);
    s->pstart = pb_xalloc(s->m + 1, sizeof *s->pstart);
    for (size_t j = 0; s->n > 0 && j < in->vstart[s->n]; j++)
        s->appr[in->vproj[j]]++;
    for (size_t p = 0; p < s->m; p++)
        s->pstart[p + 1] = s->pstart[p] + (size_t)s->appr[p];
    s->pvoter = pb_xalloc(s->pstart[s->m], sizeof *s->pvoter);
    size_t *fill = pb_xalloc(s->m, sizeof *fill);
    for (size_t v = 0; v < s->n; v++)
        for (size_t j = in->vstart[v]; j < in->vstart[v + 1]; j++) {
            int p = in->vproj[j];
            s->pvoter[s->pstart[p] + fill[p]++] = (int)v;
        }
    free(fill);
    s->vcls = pb_xalloc(s->n, sizeof *s->vcls);
    s->prev = pb_xalloc(s->m, sizeof *s->prev);
    s->lo = pb_xalloc(s->m, sizeof *s->lo);
    s->hi = pb_xalloc(s->m, sizeof *s->hi);
    s->final = pb_xalloc(s->m, sizeof *s->final);
    s->eff = pb_qalloc(s->m);
    s->rho = pb_qalloc(s->m);
    s->paid_less = pb_xalloc(s->m, sizeof *s->paid_less);
    s->open = pb_xalloc(s->m, 1);
    s->cand = pb_xalloc(s->m, sizeof *s->cand);
    s->out = pb_xalloc(s->m, sizeof *s->out);
    mpq_inits(s->t1, s->t2, s->money, s->paid, s->maxpay, s->ceff, s->crho, s->beff, s->brho, s->share, NULL);
}

static void pb_teardown(struct pb *s)
{
    mpq_clears(s->t1, s->t2, s->money, s->paid, s->maxpay, s->ceff, s->crho, s->beff, s->brho, s->share, NULL);
    pb_qfree(s->val, s->cap);
    pb_qfree(s->val2, s->cap);
    free(s->prev);
    free(s->lo);
    free(s->hi);
    free(s->final);
    free(s->dv);
    free(s->dv2);
    pb_qfree(s->eff, s->m);
    pb_qfree(s->rho, s->m);
    free(s->cnt);
    free(s->cnt2);
    free(s->tcnt);
    free(s->touched);
    free(s->remap);
    free(s->less);
    free(s->appr);
    free(s->pstart);
    free(s->pvoter);
    free(s->vcls);
    free(s->paid_less);
    free(s->open);
    free(s->cand);
    free(s->out);
}

/* What each project's supporters hold at the end, and each voter paid. */
static void pb_left(arena *a, struct pb *s, struct pb_result *r)
{
    for (size_t p = 0; p < s->m; p++) {
        mpq_set_ui(s->money, 0, 1);
        size_t nt = pb_gather(s, (int)p);
        for (size_t i = 0; i < nt; i++) {
            pb_class_money(s, s->t1, s->touched[i]);
            mpq_add(s->money, s->money, s->t1);
        }
        pb_ungather(s, nt);
        r->projects[p].left = pb_frac_of(a, s->money);
    }
    if (!s->in->want_voters)
        return;
    /* one figure per class: voters of a class paid the same */
    struct pb_frac *per = arena_alloc(a, s->ncls * sizeof *per);
    for (size_t k = 0; k < s->ncls; k++) {
        mpq_sub(s->t1, s->share, s->val[k]);
        per[k] = pb_frac_of(a, s->t1);
    }
    r->paid = arena_alloc(a, (s->n ? s->n : 1) * sizeof *r->paid);
    for (size_t v = 0; v < s->n; v++)
        r->paid[v] = per[s->vcls[v]];
}

static void pb_outcome(arena *a, struct pb *s, struct pb_result *r)
{
    int *bought = pb_xalloc(s->m, sizeof *bought);
    r->mes_order = arena_alloc(a, s->m * sizeof *r->mes_order);
    for (size_t i = 0; i < s->nout; i++) {
        int p = s->out[i];
        struct pb_project_result *pr = &r->projects[p];
        pr->how = PB_MES;
        pr->step = (int)i + 1;
        pr->eff = pb_frac_of(a, s->eff[p]);
        pr->payment = pb_frac_of(a, s->rho[p]);
        pr->paid_less = s->paid_less[p];
        bought[p] = 1;
        r->mes_order[r->nmes++] = p;
    }
    r->mes_cost = s->spent;
    size_t before = r->nmes;
    pb_greedy(s, bought, r->mes_order, &r->nmes, &r->mes_cost);
    for (size_t i = before; i < r->nmes; i++) {
        r->projects[r->mes_order[i]].how = PB_FILL;
        r->projects[r->mes_order[i]].step = (int)i + 1;
    }
    memset(bought, 0, s->m * sizeof *bought);
    r->greedy_order = arena_alloc(a, s->m * sizeof *r->greedy_order);
    pb_greedy(s, bought, r->greedy_order, &r->ngreedy, &r->greedy_cost);
    for (size_t i = 0; i < r->ngreedy; i++) {
        r->projects[r->greedy_order[i]].greedy = 1;
        r->projects[r->greedy_order[i]].greedy_step = (int)i + 1;
    }
    free(bought);
}

int pb_run(arena *a, const struct pb_input *in, struct pb_result *r, char *msg, size_t msglen)
{
    struct pb s;
    memset(r, 0, sizeof *r);
    int rc = pb_check(in, msg, msglen);
    if (rc)
        return rc;
    pb_setup(&s, in);
    r->projects = arena_calloc(a, s.m * sizeof *r->projects);
    for (size_t p = 0; p < s.m; p++)
        r->projects[p].approvals = s.appr[p];
    if (s.n > 0)
        mpq_set_ui(s.share, (unsigned long)in->budget, (unsigned long)s.n);
    mpq_canonicalize(s.share);
    pb_add1(&s, r);
    pb_mes(&s, 1); /* again with the kept share, recording each purchase */
    r->endowment = pb_frac_of(a, s.share);
    mpq_set_ui(s.t1, (unsigned long)s.n, 1);
    mpq_mul(s.t1, s.t1, s.share);
    r->endowment_total = pb_frac_of(a, s.t1);
    if (s.n > 0)
        pb_left(a, &s, r);
    else
        for (size_t p = 0; p < s.m; p++)
            r->projects[p].left = (struct pb_frac){"0", "0.00"};
    pb_outcome(a, &s, r);
    pb_teardown(&s);
    return 0;
}
