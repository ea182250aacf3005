/*
 * The arithmetic of an assessment (src/algo/assess.c): a worked example
 * that the page shows, an empty group giving its weight to the other, a
 * criterion nobody scored, half-up rounding, bad arguments, and random
 * cases against the same formula in exact rationals by brute force
 * (long double with a tolerance far below the rounding step would not be
 * exact; here every value is checked by cross-multiplication).
 */
#include <stdlib.h>

#include "algo/assess.h"
#include "t.h"

static void test_worked_example(void)
{
    /* lighting: 5 households sum 12 of 5 (48.0%), 2 assessors sum 7 (70.0%);
     * weights 60/40: (60 x 12/25 + 40 x 7/10) / 100 = 0.568 -> 568 */
    struct assess_crit_in in[2] = {{.weight = 40, .scale = 5, .g = {{5, 20}, {2, 9}}},
                                   {.weight = 60, .scale = 5, .g = {{5, 12}, {2, 7}}}};
    struct assess_crit_out out[2];
    int gw[2] = {60, 40}, r = 0;
    CHECK_INT(assess_compute(in, 2, gw, out, &r), 0);
    CHECK_INT(out[1].group_permille[0], 480);
    CHECK_INT(out[1].group_permille[1], 700);
    CHECK_INT(out[1].permille, 568);
    /* first: (60 x 20/25 + 40 x 9/10) / 100 = 0.84 */
    CHECK_INT(out[0].permille, 840);
    /* result: (40 x 0.84 + 60 x 0.568) / 100 = 0.6768 -> 677 */
    CHECK_INT(r, 677);
}

static void test_empty_group_and_criterion(void)
{
    struct assess_crit_in in[2] = {{.weight = 50, .scale = 10, .g = {{3, 20}, {0, 0}}},
                                   {.weight = 50, .scale = 10, .g = {{0, 0}, {0, 0}}}};
    struct assess_crit_out out[2];
    int gw[2] = {30, 70}, r = 0;
    CHECK_INT(assess_compute(in, 2, gw, out, &r), 0);
    CHECK_INT(out[0].group_permille[1], ASSESS_NONE);
    CHECK_INT(out[0].weight_used[0], 30);
    CHECK_INT(out[0].weight_used[1], 0);
    CHECK_INT(out[0].permille, 667); /* 20/30 = 0.6666.. -> 667 */
    CHECK_INT(out[1].permille, ASSESS_NONE);
    CHECK_INT(r, 667); /* the unscored criterion leaves the denominator */
    in[0].g[0] = (struct assess_group_in){0, 0};
    CHECK_INT(assess_compute(in, 2, gw, out, &r), 0);
    CHECK_INT(r, ASSESS_NONE);
}

static void test_rounding_and_errors(void)
{
    CHECK_INT(assess_permille(1, 8), 125);   /* 125 exactly */
    CHECK_INT(assess_permille(1, 16), 63);   /* 62.5 -> 63 */
    CHECK_INT(assess_permille(1, 3), 333);
    CHECK_INT(assess_permille(2, 3), 667);
    struct assess_crit_in in = {.weight = 10, .scale = 5, .g = {{2, 11}, {0, 0}}}; /* 11 > 2 x 5 */
    struct assess_crit_out out;
    int gw[2] = {50, 50}, zero[2] = {0, 0}, r;
    CHECK_INT(assess_compute(&in, 1, gw, &out, &r), -1);
    in.g[0].sum = 1; /* below one point each */
    CHECK_INT(assess_compute(&in, 1, gw, &out, &r), -1);
    in.g[0].sum = 6;
    CHECK_INT(assess_compute(&in, 1, zero, &out, &r), -1);
    in.scale = 11;
    CHECK_INT(assess_compute(&in, 1, gw, &out, &r), -1);
}

/* p/q rounded half up to permille, by the definition: the m with
 * (m - 0.5)/1000 <= p/q < (m + 0.5)/1000 */
static int brute_round(__int128 p, __int128 q)
{
    int m = 0;
    while ((2 * m + 1) * q <= 2000 * p)
        m++;
    return m;
}

/* a/b reduced */
static void reduce(__int128 *a, __int128 *b)
{
    __int128 x = *a, y = *b;
    while (y) {
        __int128 t = x % y;
        x = y;
        y = t;
    }
    if (x > 1) {
        *a /= x;
        *b /= x;
    }
}

static void test_random_cross_check(void)
{
    srand(14);
    for (int t = 0; t < 3000; t++) {
        int n = 1 + rand() % 6, gw[2] = {rand() % 101, rand() % 101}, r = 0;
        if (gw[0] + gw[1] == 0)
            gw[0] = 1;
        struct assess_crit_in in[6];
        struct assess_crit_out out[6];
        int64_t nr = rand() % 40, na = rand() % 4;
        for (int k = 0; k < n; k++) {
            in[k].weight = 1 + rand() % 100;
            in[k].scale = 2 + rand() % 9;
            in[k].g[0] = (struct assess_group_in){nr, nr + (nr ? rand() % (nr * (in[k].scale - 1) + 1) : 0)};
            in[k].g[1] = (struct assess_group_in){na, na + (na ? rand() % (na * (in[k].scale - 1) + 1) : 0)};
        }
        CHECK_INT(assess_compute(in, n, gw, out, &r), 0);
        /* the result as sum over criteria of weight x c_k, c_k = sum_g w_g p_g / sum_g w_g */
        __int128 rn = 0, rd = 1;
        int64_t ws = 0;
        for (int k = 0; k < n; k++) {
            __int128 cn = 0, cd = 1;
            int64_t w = 0;
            for (int g = 0; g < 2; g++)
                if (in[k].g[g].n && gw[g]) {
                    __int128 d = (__int128)in[k].g[g].n * in[k].scale;
                    cn = cn * d + (__int128)gw[g] * in[k].g[g].sum * cd;
                    cd *= d;
                    w += gw[g];
                }
            if (w == 0) {
                CHECK_INT(out[k].permille, ASSESS_NONE);
                continue;
            }
            CHECK_INT(out[k].permille, brute_round(cn, cd * w));
            rn = rn * cd * w + (__int128)in[k].weight * cn * rd;
            rd *= cd * w;
            reduce(&rn, &rd);
            ws += in[k].weight;
        }
        CHECK_INT(r, ws ? brute_round(rn, rd * ws) : ASSESS_NONE);
    }
}

int main(void)
{
    T_RUN(test_worked_example);
    T_RUN(test_empty_group_and_criterion);
    T_RUN(test_rounding_and_errors);
    T_RUN(test_random_cross_check);
    T_END();
}
