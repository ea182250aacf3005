/* The arithmetic of an assessment (see assess.h). */
#include "algo/assess.h"

#include <assert.h>

int assess_permille(int64_t num, int64_t den)
{
    assert(num >= 0 && den > 0);
    return (int)((num * 2000 + den) / (2 * den));
}

/* c_k exactly: sum_g w_g x sum_g / (n_g x scale), over sum_g w_g, as one
 * fraction num/den; 0 when no group has answers. */
static int crit_fraction(const struct assess_crit_in *k, const int gw[ASSESS_GROUPS], int64_t *num, int64_t *den)
{
    int64_t wsum = 0, prod = 1;
    for (int g = 0; g < ASSESS_GROUPS; g++)
        if (k->g[g].n > 0 && gw[g] > 0) {
            wsum += gw[g];
            prod *= k->g[g].n;
        }
    if (wsum == 0)
        return 0;
    /* common denominator: wsum x scale x the product of the group sizes */
    *num = 0;
    for (int g = 0; g < ASSESS_GROUPS; g++)
        if (k->g[g].n > 0 && gw[g] > 0)
            *num += gw[g] * k->g[g].sum * (prod / k->g[g].n);
    *den = wsum * k->scale * prod;
    return 1;
}

int assess_compute(const struct assess_crit_in *in, int n, const int gw[ASSESS_GROUPS], struct assess_crit_out *out,
                   int *result_permille)
{
    if (n < 0 || gw[0] < 0 || gw[1] < 0 || gw[0] + gw[1] == 0)
        return -1;
    /* the result: sum_k weight_k x num_k/den_k over sum_k weight_k, kept
     * as one exact fraction in 128 bits, reduced by the gcd at each step
     * (the denominators share the group sizes, so it stays small) */
    __int128 rnum = 0, rden = 1;
    int64_t wsum = 0;
    for (int k = 0; k < n; k++) {
        const struct assess_crit_in *c = &in[k];
        if (c->weight < 1 || c->weight > 100 || c->scale < 2 || c->scale > 10)
            return -1;
        out[k].permille = ASSESS_NONE;
        for (int g = 0; g < ASSESS_GROUPS; g++) {
            if (c->g[g].n < 0 || c->g[g].sum < c->g[g].n || c->g[g].sum > c->g[g].n * c->scale)
                return -1;
            out[k].group_permille[g] = c->g[g].n > 0 ? assess_permille(c->g[g].sum, c->g[g].n * c->scale) : ASSESS_NONE;
            out[k].weight_used[g] = c->g[g].n > 0 ? gw[g] : 0;
        }
        int64_t num, den;
        if (!crit_fraction(c, gw, &num, &den)) {
            out[k].weight_used[0] = out[k].weight_used[1] = 0;
            continue;
        }
        out[k].permille = assess_permille(num, den);
        __int128 a = rnum * den + (__int128)c->weight * num * rden, b = rden * den, x = a, y = b;
        while (y) {
            __int128 t = x % y;
            x = y;
            y = t;
        }
        rnum = x ? a / x : 0;
        rden = x ? b / x : 1;
        wsum += c->weight;
    }
    if (wsum == 0) {
        *result_permille = ASSESS_NONE;
        return 0;
    }
    rden *= wsum; /* rounded half up: (2000 rnum + rden) / (2 rden) */
    *result_permille = (int)((rnum * 2000 + rden) / (2 * rden));
    return 0;
}
