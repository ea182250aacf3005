/*
 * The vote tally (src/algo/tally.c, tally_json.c): every preset at, just
 * below and just above each threshold, by heads and by area apart; zero
 * ballots, an empty electorate, abstentions, ties; the Schulze method on
 * known examples and on 1,000,000 ballots; the JSON reader's messages.
 */
#include "t.h"

#include <stdint.h>
#include <stdlib.h>

#include "algo/tally.h"
#include "algo/tally_json.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"

/* One vote under test: the input borrows counts[] and rankings[]. */
struct fx {
    struct tally_input in;
    struct tally_amount counts[TALLY_MAX_OPTIONS];
    struct tally_ranking rankings[32];
    struct tally_result r;
    arena *a;
    char msg[256];
};

static void fx_init(struct fx *f, enum tally_method m, const char *preset, size_t noptions)
{
    memset(f, 0, sizeof *f);
    f->in.method = m;
    f->in.rule = *tally_preset(preset);
    f->in.noptions = noptions;
    f->in.counts = m == TALLY_RANKED ? NULL : f->counts;
    f->in.rankings = f->rankings;
    f->a = arena_new(4096);
}

static void fx_group(struct tally_group *g, int64_t heads, int64_t area)
{
    g->heads = heads;
    g->area = area;
}

static void fx_rank(struct fx *f, int64_t count, size_t len, const int *order)
{
    f->rankings[f->in.nrankings++] = (struct tally_ranking){order, len, count};
}

static int fx_run(struct fx *f)
{
    return tally_run(f->a, &f->in, &f->r, f->msg, sizeof f->msg);
}

static void fx_free(struct fx *f) { arena_free(f->a); }

/* A yes/no vote: electorate, present, yes, no, abstain (heads, area). */
static int yn(const char *preset, int64_t eh, int64_t ea, int64_t ph, int64_t pa, int64_t yh, int64_t ya,
              int64_t nh, int64_t na, int64_t ah, int64_t aa, struct tally_result *out)
{
    struct fx f;
    fx_init(&f, TALLY_YES_NO_ABSTAIN, preset, 2);
    fx_group(&f.in.electorate, eh, ea);
    fx_group(&f.in.present, ph, pa);
    f.counts[0] = (struct tally_amount){yh, ya};
    f.counts[1] = (struct tally_amount){nh, na};
    f.in.abstain = (struct tally_amount){ah, aa};
    int rc = fx_run(&f);
    if (out != NULL)
        *out = f.r; /* only the fixed part: its pointers die with the arena */
    fx_free(&f);
    return rc ? -1 : f.r.passed;
}

/* ---- arithmetic ---- */

static void test_fraction_boundaries(void)
{
    CHECK(!tally_frac_meets(50, 100, 1, 2, TALLY_MORE_THAN)); /* exactly 1/2 */
    CHECK(tally_frac_meets(51, 100, 1, 2, TALLY_MORE_THAN));
    CHECK(tally_frac_meets(50, 100, 1, 2, TALLY_AT_LEAST));
    CHECK(tally_frac_meets(2, 3, 2, 3, TALLY_AT_LEAST)); /* exactly 2/3 */
    CHECK(!tally_frac_meets(2, 3, 2, 3, TALLY_MORE_THAN));
    CHECK(!tally_frac_meets(199, 300, 2, 3, TALLY_AT_LEAST));
    CHECK(tally_frac_meets(201, 300, 2, 3, TALLY_MORE_THAN));
    CHECK(!tally_frac_meets(0, 0, 0, 1, TALLY_AT_LEAST)); /* an empty base never meets */
    CHECK(!tally_frac_meets(0, 0, 1, 2, TALLY_MORE_THAN));
    /* products beyond 64 bits: 10^15 * 10^6 */
    CHECK(tally_frac_meets(TALLY_MAX_COUNT, TALLY_MAX_COUNT, TALLY_MAX_DEN, TALLY_MAX_DEN, TALLY_AT_LEAST));
    CHECK(tally_frac_meets(TALLY_MAX_COUNT - 1, TALLY_MAX_COUNT, TALLY_MAX_DEN - 1, TALLY_MAX_DEN, TALLY_AT_LEAST));
    CHECK(!tally_frac_meets(TALLY_MAX_COUNT - 1, TALLY_MAX_COUNT, 1, 1, TALLY_AT_LEAST));
    CHECK(!tally_frac_meets(TALLY_MAX_COUNT / 2, TALLY_MAX_COUNT, 1, 2, TALLY_MORE_THAN));
    CHECK(tally_frac_meets(TALLY_MAX_COUNT / 2 + 1, TALLY_MAX_COUNT, 1, 2, TALLY_MORE_THAN));
}

/* ---- presets and words ---- */

static void test_presets_table(void)
{
    static const char *const codes[] = {"simple_majority", "two_thirds", "art278_ordinary", "art278_major",
                                        "villagers_meeting", "representatives_meeting", "party_members_meeting",
                                        "one_matter_levy"};
    CHECK_INT(tally_preset_count(), 8);
    for (size_t i = 0; i < 8; i++) {
        CHECK_STR(tally_preset_at(i)->code, codes[i]);
        CHECK(tally_preset(codes[i]) == tally_preset_at(i));
        char msg[128];
        CHECK_INT(tally_rule_check(tally_preset_at(i), TALLY_YES_NO_ABSTAIN, msg, sizeof msg), 0);
    }
    CHECK(tally_preset("art278") == NULL);
    CHECK(tally_preset(NULL) == NULL);
    enum tally_method m;
    CHECK_INT(tally_method_parse("ranked", &m), 0);
    CHECK_INT(m, TALLY_RANKED);
    CHECK_INT(tally_method_parse("borda", &m), WG_EINVAL);
    CHECK_STR(tally_voters_name(TALLY_OWNERS_BY_AREA), "owners_by_area");
}

static void test_descriptions(void)
{
    char s[512];
    tally_describe(tally_preset("art278_ordinary"), TALLY_YES_NO_ABSTAIN, s, sizeof s);
    CHECK_STR(s, "Owners holding at least 2/3 of the floor area and at least 2/3 of the owners must take part; "
                 "more than 1/2 of the participating area and more than 1/2 of the participating owners must agree.");
    tally_describe(tally_preset("simple_majority"), TALLY_YES_NO_ABSTAIN, s, sizeof s);
    CHECK_STR(s, "No quorum is required; more than 1/2 of the votes cast must agree.");
    tally_describe(tally_preset("villagers_meeting"), TALLY_YES_NO_ABSTAIN, s, sizeof s);
    CHECK_STR(s, "More than 1/2 of the residents must take part, or at least 2/3 of the households must be "
                 "represented; more than 1/2 of the participating residents must agree.");
    tally_describe(tally_preset("representatives_meeting"), TALLY_SINGLE_CHOICE, s, sizeof s);
    CHECK_STR(s, "At least 2/3 of the representatives must take part; more than 1/2 of the participating "
                 "representatives must choose the winning option.");
    tally_describe(tally_preset("two_thirds"), TALLY_RANKED, s, sizeof s);
    CHECK_STR(s, "The winner is found by the Schulze method. No quorum is required; at least 2/3 of the votes "
                 "cast must rank the winning option.");
    char small[16];
    tally_describe(tally_preset("art278_major"), TALLY_YES_NO_ABSTAIN, small, sizeof small);
    CHECK_INT(strlen(small), 15); /* cut short, still terminated */
}

/* ---- simple majority and two-thirds: of votes cast ---- */

static void test_simple_majority_boundaries(void)
{
    CHECK_INT(yn("simple_majority", 300, 0, 200, 0, 50, 0, 50, 0, 0, 0, NULL), 0);  /* exactly 1/2 */
    CHECK_INT(yn("simple_majority", 300, 0, 200, 0, 51, 0, 50, 0, 0, 0, NULL), 1);  /* just above */
    CHECK_INT(yn("simple_majority", 300, 0, 200, 0, 49, 0, 50, 0, 0, 0, NULL), 0);  /* just below */
    /* abstentions are not votes cast: 3 yes, 2 no, 90 abstain passes */
    struct tally_result r;
    CHECK_INT(yn("simple_majority", 300, 0, 95, 0, 3, 0, 2, 0, 90, 0, &r), 1);
    CHECK_INT(r.votes_cast.heads, 5);
    CHECK_INT(r.approval.heads.count, 3);
    CHECK_INT(r.approval.heads.base, 5);
    CHECK(!r.quorum.applies && r.quorum_met);
    CHECK_INT(r.winner, -1);
}

static void test_two_thirds_boundaries(void)
{
    CHECK_INT(yn("two_thirds", 100, 0, 30, 0, 20, 0, 10, 0, 0, 0, NULL), 1); /* exactly 2/3 passes */
    CHECK_INT(yn("two_thirds", 100, 0, 30, 0, 19, 0, 10, 0, 1, 0, NULL), 0); /* 19/29 < 2/3 */
    CHECK_INT(yn("two_thirds", 100, 0, 31, 0, 21, 0, 10, 0, 0, 0, NULL), 1); /* 21/31 > 2/3 */
    CHECK_INT(yn("two_thirds", 100, 0, 30, 0, 199, 0, 101, 0, 0, 0, NULL), -1); /* votes > present */
    CHECK_INT(yn("two_thirds", 1000, 0, 300, 0, 199, 0, 101, 0, 0, 0, NULL), 0); /* 199/300 */
    CHECK_INT(yn("two_thirds", 1000, 0, 300, 0, 200, 0, 100, 0, 0, 0, NULL), 1); /* 200/300 */
}

/* ---- art. 278: heads AND area, quorum of the electorate, approval of those taking part ---- */

static void test_art278_quorum_both(void)
{
    struct tally_result r;
    /* electorate 300 owners, 30000 dm²; everyone present votes yes */
    CHECK_INT(yn("art278_ordinary", 300, 30000, 200, 20000, 200, 20000, 0, 0, 0, 0, &r), 1); /* exactly 2/3 both */
    CHECK(r.quorum_met && r.quorum.heads.met && r.quorum.area.met);
    CHECK_INT(r.quorum.heads.count, 200);
    CHECK_INT(r.quorum.heads.base, 300);
    CHECK_INT(r.quorum.area.base, 30000);
    /* one owner short: heads fail, area alone is not enough */
    CHECK_INT(yn("art278_ordinary", 300, 30000, 199, 20000, 199, 20000, 0, 0, 0, 0, &r), 0);
    CHECK(!r.quorum_met && !r.quorum.heads.met && r.quorum.area.met && r.approval.met);
    /* one dm² short: area fails, heads alone are not enough */
    CHECK_INT(yn("art278_ordinary", 300, 30000, 200, 19999, 200, 19999, 0, 0, 0, 0, &r), 0);
    CHECK(!r.quorum_met && r.quorum.heads.met && !r.quorum.area.met);
    CHECK_INT(yn("art278_ordinary", 300, 30000, 201, 20001, 201, 20001, 0, 0, 0, 0, &r), 1);
    CHECK_INT(r.part_heads.num, 201);
    CHECK_INT(r.part_heads.den, 300);
}

static void test_art278_ordinary_approval(void)
{
    struct tally_result r;
    /* 200 owners with 20000 dm² take part (quorum met exactly) */
    CHECK_INT(yn("art278_ordinary", 300, 30000, 200, 20000, 100, 10001, 100, 9999, 0, 0, &r), 0); /* heads = 1/2 */
    CHECK(!r.approval.heads.met && r.approval.area.met);
    CHECK_INT(yn("art278_ordinary", 300, 30000, 200, 20000, 101, 10000, 99, 10000, 0, 0, &r), 0); /* area = 1/2 */
    CHECK(r.approval.heads.met && !r.approval.area.met);
    CHECK_INT(yn("art278_ordinary", 300, 30000, 200, 20000, 101, 10001, 99, 9999, 0, 0, &r), 1);
    CHECK_INT(r.approval.heads.base, 200);
    CHECK_INT(r.approval.area.base, 20000);
    CHECK_INT(yn("art278_ordinary", 300, 30000, 200, 20000, 99, 9999, 101, 10001, 0, 0, &r), 0);
}

static void test_art278_abstain_takes_part(void)
{
    struct tally_result r;
    /* abstentions count for the quorum and in the base of approval */
    CHECK_INT(yn("art278_ordinary", 300, 30000, 200, 20000, 100, 10000, 40, 4000, 60, 6000, &r), 0);
    CHECK(r.quorum_met);
    CHECK_INT(r.approval.heads.base, 200); /* not 140: taking part includes abstaining */
    CHECK_INT(r.votes_cast.heads, 140);
    CHECK_INT(yn("art278_ordinary", 300, 30000, 200, 20000, 101, 10001, 39, 3999, 60, 6000, &r), 1);
}

static void test_art278_major_boundaries(void)
{
    struct tally_result r;
    CHECK_INT(yn("art278_major", 300, 30000, 200, 20000, 150, 15000, 50, 5000, 0, 0, &r), 1); /* exactly 3/4 */
    CHECK_INT(yn("art278_major", 300, 30000, 200, 20000, 149, 15000, 51, 5000, 0, 0, &r), 0); /* heads short */
    CHECK(!r.approval.heads.met && r.approval.area.met);
    CHECK_INT(yn("art278_major", 300, 30000, 200, 20000, 150, 14999, 50, 5001, 0, 0, &r), 0); /* area short */
    CHECK(r.approval.heads.met && !r.approval.area.met);
    CHECK_INT(yn("art278_major", 300, 30000, 200, 20000, 151, 15001, 49, 4999, 0, 0, &r), 1);
    CHECK_INT(yn("art278_major", 300, 30000, 199, 19999, 199, 19999, 0, 0, 0, 0, &r), 0); /* quorum */
}

static void test_art278_weighted_areas(void)
{
    struct tally_result r;
    /* owners by count pass, area fails: many small flats yes, a few large ones no.
     * 100 owners, 1,000,000 dm²; 80 owners with 800,000 dm² vote. */
    CHECK_INT(yn("art278_ordinary", 100, 1000000, 80, 800000, 70, 300000, 10, 500000, 0, 0, &r), 0);
    CHECK(r.quorum_met && r.approval.heads.met && !r.approval.area.met);
    /* and the other way: a few large flats yes, many small ones no */
    CHECK_INT(yn("art278_ordinary", 100, 1000000, 80, 800000, 10, 500000, 70, 300000, 0, 0, &r), 0);
    CHECK(r.quorum_met && !r.approval.heads.met && r.approval.area.met);
    /* quorum by count met but not by area: the large owners stay away */
    CHECK_INT(yn("art278_ordinary", 100, 1000000, 80, 500000, 80, 500000, 0, 0, 0, 0, &r), 0);
    CHECK(!r.quorum_met && r.quorum.heads.met && !r.quorum.area.met);
    /* and the other way */
    CHECK_INT(yn("art278_ordinary", 100, 1000000, 60, 900000, 60, 900000, 0, 0, 0, 0, &r), 0);
    CHECK(!r.quorum_met && !r.quorum.heads.met && r.quorum.area.met);
}

/* ---- meetings: quorum of the electorate by heads, approval of those present ---- */

static int meeting(const char *preset, int64_t eh, int64_t ph, int64_t ehh, int64_t phh, int64_t yes,
                   int64_t no, struct tally_result *out)
{
    struct fx f;
    fx_init(&f, TALLY_YES_NO_ABSTAIN, preset, 2);
    f.in.electorate = (struct tally_group){eh, 0, ehh};
    f.in.present = (struct tally_group){ph, 0, phh};
    f.counts[0].heads = yes;
    f.counts[1].heads = no;
    int rc = fx_run(&f);
    *out = f.r;
    fx_free(&f);
    return rc ? -1 : f.r.passed;
}

static void test_villagers_meeting(void)
{
    struct tally_result r;
    /* 500 villagers 18+, 300 households */
    CHECK_INT(meeting("villagers_meeting", 500, 250, 300, 0, 200, 50, &r), 0); /* exactly 1/2: no quorum */
    CHECK(!r.quorum.met && r.alt_quorum.applies && !r.alt_quorum.met && !r.quorum_met);
    CHECK_INT(meeting("villagers_meeting", 500, 251, 300, 0, 200, 51, &r), 1); /* just above */
    CHECK(r.quorum.met && r.quorum_met);
    CHECK_INT(meeting("villagers_meeting", 500, 249, 300, 0, 200, 49, &r), 0); /* just below */
    /* the alternative: two-thirds of households represented */
    CHECK_INT(meeting("villagers_meeting", 500, 200, 300, 200, 150, 50, &r), 1); /* exactly 2/3 */
    CHECK(!r.quorum.met && r.alt_quorum.met && r.quorum_met);
    CHECK_INT(r.alt_quorum.households.count, 200);
    CHECK_INT(r.alt_quorum.households.base, 300);
    CHECK_INT(meeting("villagers_meeting", 500, 200, 300, 199, 150, 50, &r), 0);
    CHECK(!r.quorum_met);
    CHECK_INT(meeting("villagers_meeting", 500, 200, 300, 201, 150, 50, &r), 1);
    /* approval: more than half of those present (251) */
    CHECK_INT(meeting("villagers_meeting", 500, 251, 300, 0, 125, 100, &r), 0);
    CHECK_INT(meeting("villagers_meeting", 500, 251, 300, 0, 126, 100, &r), 1);
    CHECK_INT(r.approval.heads.base, 251);
    CHECK_INT(meeting("villagers_meeting", 500, 252, 300, 0, 126, 126, &r), 0); /* exactly 1/2 */
}

static void test_representatives_meeting(void)
{
    struct tally_result r;
    CHECK_INT(meeting("representatives_meeting", 60, 40, 0, 0, 21, 19, &r), 1); /* exactly 2/3 present */
    CHECK_INT(meeting("representatives_meeting", 60, 39, 0, 0, 30, 9, &r), 0);
    CHECK(!r.quorum_met);
    CHECK_INT(meeting("representatives_meeting", 60, 41, 0, 0, 21, 20, &r), 1);
    CHECK_INT(meeting("representatives_meeting", 60, 40, 0, 0, 20, 20, &r), 0); /* exactly 1/2 */
    CHECK_INT(meeting("representatives_meeting", 60, 40, 0, 0, 20, 0, &r), 0);  /* 20 of 40 present, rest silent */
    CHECK(!r.approval.met);
}

static void test_party_members_meeting(void)
{
    struct tally_result r;
    CHECK_INT(meeting("party_members_meeting", 90, 60, 0, 0, 31, 29, &r), 1);
    CHECK_INT(meeting("party_members_meeting", 90, 59, 0, 0, 59, 0, &r), 0);
    CHECK_INT(meeting("party_members_meeting", 90, 61, 0, 0, 31, 30, &r), 1);
    CHECK_INT(meeting("party_members_meeting", 90, 61, 0, 0, 30, 31, &r), 0);
}

static void test_one_matter_levy(void)
{
    struct tally_result r;
    /* quorum as the villagers' meeting; at least 2/3 of attendees */
    CHECK_INT(meeting("one_matter_levy", 500, 300, 300, 0, 200, 100, &r), 1); /* exactly 2/3 */
    CHECK_INT(meeting("one_matter_levy", 500, 300, 300, 0, 199, 101, &r), 0);
    CHECK_INT(meeting("one_matter_levy", 500, 300, 300, 0, 201, 99, &r), 1);
    CHECK_INT(meeting("one_matter_levy", 500, 250, 300, 0, 250, 0, &r), 0); /* no quorum */
    CHECK_INT(meeting("one_matter_levy", 500, 250, 300, 200, 250, 0, &r), 1); /* households quorum */
}

/* ---- degenerate votes ---- */

static void test_zero_ballots(void)
{
    struct tally_result r;
    CHECK_INT(yn("simple_majority", 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, &r), 0);
    CHECK_INT(r.votes_cast.heads, 0);
    CHECK(!r.approval.met);
    CHECK_INT(yn("art278_ordinary", 100, 10000, 0, 0, 0, 0, 0, 0, 0, 0, &r), 0);
    CHECK(!r.quorum_met);
    /* all abstain: nothing to approve, nothing divided by zero */
    CHECK_INT(yn("two_thirds", 100, 0, 10, 0, 0, 0, 0, 0, 10, 0, &r), 0);
    CHECK_INT(r.approval.heads.base, 0);

    struct fx f;
    fx_init(&f, TALLY_RANKED, "simple_majority", 3);
    fx_group(&f.in.electorate, 10, 0);
    CHECK_INT(fx_run(&f), 0);
    CHECK_INT(f.r.winner, -1);
    CHECK(!f.r.passed);
    CHECK_INT(f.r.nranking, 3);
    fx_free(&f);

    fx_init(&f, TALLY_SINGLE_CHOICE, "simple_majority", 3);
    fx_group(&f.in.electorate, 10, 0);
    CHECK_INT(fx_run(&f), 0);
    CHECK_INT(f.r.winner, -1);
    CHECK(!f.r.passed);
    fx_free(&f);
}

static void test_empty_electorate(void)
{
    struct tally_result r;
    CHECK_INT(yn("art278_ordinary", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, &r), 0);
    CHECK(!r.quorum_met && r.quorum.applies);
    CHECK_INT(r.part_heads.den, 0);
    CHECK_INT(yn("villagers_meeting", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, &r), 0);
    CHECK(!r.quorum_met);
    CHECK_INT(yn("simple_majority", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, &r), 0);
}

/* ---- single choice and approval ---- */

static void test_single_choice(void)
{
    struct fx f;
    fx_init(&f, TALLY_SINGLE_CHOICE, "simple_majority", 3);
    fx_group(&f.in.electorate, 100, 0);
    fx_group(&f.in.present, 30, 0);
    f.counts[0].heads = 5;
    f.counts[1].heads = 14;
    f.counts[2].heads = 8;
    f.in.abstain.heads = 3;
    CHECK_INT(fx_run(&f), 0);
    /* 14 of 27 votes cast (abstentions aside) is more than half */
    CHECK_INT(f.r.winner, 1);
    CHECK(f.r.passed);
    CHECK_INT(f.r.ranking[0], 1);
    CHECK_INT(f.r.ranking[1], 2);
    CHECK_INT(f.r.ranking[2], 0);
    CHECK(f.r.options[1].meets_threshold && !f.r.options[2].meets_threshold);
    fx_free(&f);

    fx_init(&f, TALLY_SINGLE_CHOICE, "simple_majority", 3);
    fx_group(&f.in.electorate, 100, 0);
    fx_group(&f.in.present, 30, 0);
    f.counts[0].heads = 12;
    f.counts[1].heads = 10;
    f.counts[2].heads = 8;
    CHECK_INT(fx_run(&f), 0);
    CHECK_INT(f.r.winner, 0); /* first, but 12 of 30 is no majority */
    CHECK(!f.r.passed && !f.r.approval.met);
    fx_free(&f);
}

static void test_single_choice_tie(void)
{
    /* a tie for first decides nothing: no lots are drawn */
    struct fx f;
    fx_init(&f, TALLY_SINGLE_CHOICE, "simple_majority", 3);
    fx_group(&f.in.electorate, 100, 0);
    fx_group(&f.in.present, 25, 0);
    f.counts[0].heads = 5;
    f.counts[1].heads = 10;
    f.counts[2].heads = 10;
    CHECK_INT(fx_run(&f), 0);
    CHECK_INT(f.r.winner, -1);
    CHECK(!f.r.passed);
    CHECK_INT(f.r.ntied, 2);
    CHECK_INT(f.r.tied[0], 1);
    CHECK_INT(f.r.tied[1], 2);
    CHECK_INT(f.r.ranking[0], 1); /* equal support: the lower index first */
    CHECK_INT(f.r.ranking[2], 0);
    fx_free(&f);

    /* under a "both" rule area breaks a tie on heads */
    fx_init(&f, TALLY_SINGLE_CHOICE, "art278_ordinary", 2);
    fx_group(&f.in.electorate, 10, 1000);
    fx_group(&f.in.present, 10, 1000);
    f.counts[0] = (struct tally_amount){5, 400};
    f.counts[1] = (struct tally_amount){5, 600};
    CHECK_INT(fx_run(&f), 0);
    CHECK_INT(f.r.winner, 1);
    CHECK(!f.r.passed); /* 5 of 10 owners is not more than half */
    fx_free(&f);
}

static void test_approval_voting(void)
{
    struct fx f;
    fx_init(&f, TALLY_APPROVAL, "simple_majority", 4);
    fx_group(&f.in.electorate, 100, 0);
    fx_group(&f.in.present, 22, 0);
    f.in.cast.heads = 20;
    f.in.abstain.heads = 2;
    f.counts[0].heads = 15;
    f.counts[1].heads = 10; /* exactly half: not more */
    f.counts[2].heads = 3;
    f.counts[3].heads = 11;
    CHECK_INT(fx_run(&f), 0);
    CHECK_INT(f.r.votes_cast.heads, 20);
    CHECK_INT(f.r.winner, 0);
    CHECK(f.r.passed);
    CHECK(f.r.options[0].meets_threshold && !f.r.options[1].meets_threshold);
    CHECK(!f.r.options[2].meets_threshold && f.r.options[3].meets_threshold);
    CHECK_INT(f.r.ranking[1], 3);
    /* more approvals of one option than ballots */
    f.counts[0].heads = 21;
    CHECK_INT(tally_run(f.a, &f.in, &f.r, f.msg, sizeof f.msg), WG_EINVAL);
    CHECK(strstr(f.msg, "ballots.counts[0]") != NULL);
    fx_free(&f);
}

/* ---- Schulze ---- */

static void test_schulze_condorcet_winner(void)
{
    static const int bca[] = {1, 2, 0}, bac[] = {1, 0, 2}, abc[] = {0, 1, 2}, cba[] = {2, 1, 0};
    struct fx f;
    fx_init(&f, TALLY_RANKED, "simple_majority", 3);
    fx_group(&f.in.electorate, 100, 0);
    fx_group(&f.in.present, 20, 0);
    fx_rank(&f, 6, 3, bca);
    fx_rank(&f, 4, 3, bac);
    fx_rank(&f, 5, 3, abc);
    fx_rank(&f, 5, 3, cba);
    CHECK_INT(fx_run(&f), 0);
    CHECK_INT(f.r.winner, 1);
    CHECK_INT(f.r.tie_break, TALLY_TIE_NONE);
    CHECK_INT(f.r.d[1 * 3 + 0], 15); /* B over A: 6 + 4 + 5 */
    CHECK_INT(f.r.d[0 * 3 + 1], 5);
    CHECK_INT(f.r.d[1 * 3 + 2], 15); /* B over C: 6 + 4 + 5 */
    CHECK(f.r.passed);
    fx_free(&f);
}

/* https://en.wikipedia.org/wiki/Schulze_method, the 45-voter example */
static void test_schulze_wikipedia(void)
{
    enum { A, B, C, D, E };
    static const int r1[] = {A, C, B, E, D}, r2[] = {A, D, E, C, B}, r3[] = {B, E, D, A, C},
                     r4[] = {C, A, B, E, D}, r5[] = {C, A, E, B, D}, r6[] = {C, B, A, D, E},
                     r7[] = {D, C, E, B, A}, r8[] = {E, B, A, D, C};
    static const int64_t dwant[5][5] = {{0, 20, 26, 30, 22}, {25, 0, 16, 33, 18}, {19, 29, 0, 17, 24},
                                        {15, 12, 28, 0, 14}, {23, 27, 21, 31, 0}};
    static const int64_t pwant[5][5] = {{0, 28, 28, 30, 24}, {25, 0, 28, 33, 24}, {25, 29, 0, 29, 24},
                                        {25, 28, 28, 0, 24}, {25, 28, 28, 31, 0}};
    static const int order[] = {E, A, C, B, D};
    struct fx f;
    fx_init(&f, TALLY_RANKED, "simple_majority", 5);
    fx_group(&f.in.electorate, 45, 0);
    fx_group(&f.in.present, 45, 0);
    fx_rank(&f, 5, 5, r1);
    fx_rank(&f, 5, 5, r2);
    fx_rank(&f, 8, 5, r3);
    fx_rank(&f, 3, 5, r4);
    fx_rank(&f, 7, 5, r5);
    fx_rank(&f, 2, 5, r6);
    fx_rank(&f, 7, 5, r7);
    fx_rank(&f, 8, 5, r8);
    CHECK_INT(fx_run(&f), 0);
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++) {
            CHECK_INT(f.r.d[i * 5 + j], dwant[i][j]);
            CHECK_INT(f.r.p[i * 5 + j], pwant[i][j]);
        }
    CHECK_INT(f.r.winner, E);
    for (int i = 0; i < 5; i++)
        CHECK_INT(f.r.ranking[i], order[i]);
    CHECK_INT(f.r.tie_break, TALLY_TIE_NONE);
    CHECK(f.r.passed);
    CHECK_INT(f.r.votes_cast.heads, 45);
    fx_free(&f);
}

static void test_schulze_cycle(void)
{
    /* A>B 8:4, B>C 9:3, C>A 7:5: a cycle; A's paths are the widest */
    static const int abc[] = {0, 1, 2}, bca[] = {1, 2, 0}, cab[] = {2, 0, 1};
    struct fx f;
    fx_init(&f, TALLY_RANKED, "simple_majority", 3);
    fx_group(&f.in.electorate, 12, 0);
    fx_group(&f.in.present, 12, 0);
    fx_rank(&f, 5, 3, abc);
    fx_rank(&f, 4, 3, bca);
    fx_rank(&f, 3, 3, cab);
    CHECK_INT(fx_run(&f), 0);
    CHECK_INT(f.r.d[0 * 3 + 1], 8);
    CHECK_INT(f.r.d[1 * 3 + 2], 9);
    CHECK_INT(f.r.d[2 * 3 + 0], 7);
    CHECK_INT(f.r.p[0 * 3 + 2], 8); /* A→B→C: min(8, 9) */
    CHECK_INT(f.r.p[2 * 3 + 0], 7);
    CHECK_INT(f.r.p[1 * 3 + 0], 7); /* B→C→A: min(9, 7) */
    CHECK_INT(f.r.winner, 0);
    CHECK_INT(f.r.ranking[1], 1);
    CHECK_INT(f.r.ranking[2], 2);
    CHECK_INT(f.r.tie_break, TALLY_TIE_NONE);
    fx_free(&f);
}

static void test_schulze_exact_tie(void)
{
    static const int ab[] = {0, 1}, ba[] = {1, 0};
    int first[2];
    for (int round = 0; round < 2; round++) {
        struct fx f;
        fx_init(&f, TALLY_RANKED, "simple_majority", 2);
        fx_group(&f.in.electorate, 10, 0);
        fx_group(&f.in.present, 4, 0);
        /* the same ballots in another order give the same result */
        fx_rank(&f, 2, 2, round ? ba : ab);
        fx_rank(&f, 2, 2, round ? ab : ba);
        CHECK_INT(fx_run(&f), 0);
        CHECK_INT(f.r.tie_break, TALLY_TIE_INDEX);
        first[round] = f.r.winner;
        CHECK_INT(f.r.ranking[1], 1);
        fx_free(&f);
    }
    CHECK_INT(first[0], 0); /* the lower index */
    CHECK_INT(first[1], 0);
}

static void test_schulze_borda_tie_break(void)
{
    /* options 0=B, 1=A, 2=C; ballots: [A] (A above B and C, B = C) and [B, A].
     * A and B tie 1:1 and both beat C; A's row sum (3) beats B's (2). */
    static const int a[] = {1}, ba[] = {0, 1};
    struct fx f;
    fx_init(&f, TALLY_RANKED, "simple_majority", 3);
    fx_group(&f.in.electorate, 10, 0);
    fx_group(&f.in.present, 2, 0);
    fx_rank(&f, 1, 1, a);
    fx_rank(&f, 1, 2, ba);
    CHECK_INT(fx_run(&f), 0);
    CHECK_INT(f.r.d[1 * 3 + 0], 1);
    CHECK_INT(f.r.d[0 * 3 + 1], 1);
    CHECK_INT(f.r.winner, 1);
    CHECK_INT(f.r.tie_break, TALLY_TIE_BORDA);
    CHECK_INT(f.r.ranking[1], 0);
    CHECK_INT(f.r.ranking[2], 2);
    fx_free(&f);
}

static void test_schulze_partial_rankings(void)
{
    /* unlisted options rank below all listed ones, equal among themselves */
    static const int c[] = {2}, ab[] = {0, 1}, b[] = {1};
    struct fx f;
    fx_init(&f, TALLY_RANKED, "simple_majority", 4);
    fx_group(&f.in.electorate, 20, 0);
    fx_group(&f.in.present, 10, 0);
    fx_rank(&f, 3, 1, c);
    fx_rank(&f, 2, 2, ab);
    fx_rank(&f, 4, 1, b);
    f.in.abstain.heads = 1;
    CHECK_INT(fx_run(&f), 0);
    CHECK_INT(f.r.d[2 * 4 + 0], 3);
    CHECK_INT(f.r.d[2 * 4 + 3], 3);
    CHECK_INT(f.r.d[0 * 4 + 3], 2); /* [A, B]: A above unlisted D */
    CHECK_INT(f.r.d[3 * 4 + 0], 0);
    CHECK_INT(f.r.d[0 * 4 + 2], 2);
    CHECK_INT(f.r.d[1 * 4 + 0], 4);
    CHECK_INT(f.r.d[0 * 4 + 1], 2);
    CHECK_INT(f.r.d[1 * 4 + 2], 6);
    CHECK_INT(f.r.votes_cast.heads, 9);
    CHECK_INT(f.r.winner, 1); /* B beats A 4:2, C 6:3, D 6:0 */
    CHECK_INT(f.r.options[1].support.heads, 6); /* listed on 2 + 4 ballots */
    CHECK_INT(f.r.options[3].support.heads, 0);
    CHECK(f.r.passed); /* listed on 6 of 9 */
    fx_free(&f);

    /* the winner listed on too few ballots fails the approval threshold */
    fx_init(&f, TALLY_RANKED, "simple_majority", 3);
    fx_group(&f.in.electorate, 20, 0);
    fx_group(&f.in.present, 10, 0);
    static const int x0[] = {0}, x1[] = {1}, x2[] = {2};
    fx_rank(&f, 4, 1, x0);
    fx_rank(&f, 3, 1, x1);
    fx_rank(&f, 3, 1, x2);
    CHECK_INT(fx_run(&f), 0);
    CHECK_INT(f.r.winner, 0);
    CHECK(!f.r.approval.met && !f.r.passed);
    fx_free(&f);
}

static void test_schulze_deterministic(void)
{
    static const int r1[] = {0, 1, 2, 3}, r2[] = {3, 2, 1, 0}, r3[] = {1, 3}, r4[] = {2, 0};
    struct fx f, g;
    for (int k = 0; k < 2; k++) {
        struct fx *x = k ? &g : &f;
        fx_init(x, TALLY_RANKED, "two_thirds", 4);
        fx_group(&x->in.electorate, 100, 0);
        fx_group(&x->in.present, 100, 0);
        fx_rank(x, 7, 4, r1);
        fx_rank(x, 7, 4, r2);
        fx_rank(x, 3, 2, r3);
        fx_rank(x, 3, 2, r4);
        CHECK_INT(fx_run(x), 0);
    }
    CHECK(memcmp(f.r.d, g.r.d, 16 * sizeof *f.r.d) == 0);
    CHECK(memcmp(f.r.p, g.r.p, 16 * sizeof *f.r.p) == 0);
    CHECK(memcmp(f.r.ranking, g.r.ranking, 4 * sizeof *f.r.ranking) == 0);
    CHECK_STR(f.r.description, g.r.description);
    fx_free(&f);
    fx_free(&g);
}

/* 1,000,000 ballots over 10 options: random orders from a fixed LCG, and
 * every fourth ballot puts option 7 first, which makes 7 the Condorcet
 * winner (it beats every other option on about 5/8 of the ballots). */
static void test_schulze_million_ballots(void)
{
    enum { NB = 1000000, NO = 10 };
    struct tally_ranking *rk = malloc(NB * sizeof *rk);
    int *orders = malloc((size_t)NB * NO * sizeof *orders);
    uint64_t s = 0x9E3779B97F4A7C15u;
    CHECK(rk != NULL && orders != NULL);
    if (rk == NULL || orders == NULL)
        goto out;
    for (size_t k = 0; k < NB; k++) {
        int *o = orders + k * NO;
        for (int i = 0; i < NO; i++)
            o[i] = i;
        for (int i = NO - 1; i > 0; i--) {
            s = s * 6364136223846793005u + 1442695040888963407u;
            int j = (int)((s >> 33) % (uint64_t)(i + 1));
            int t = o[i];
            o[i] = o[j];
            o[j] = t;
        }
        if (k % 4 == 0) {
            int at = 0;
            while (o[at] != 7)
                at++;
            for (; at > 0; at--)
                o[at] = o[at - 1];
            o[0] = 7;
        }
        /* one ballot in ten is partial: its first five options only */
        rk[k] = (struct tally_ranking){o, k % 10 == 3 ? 5 : NO, 1};
    }
    struct tally_input in = {.method = TALLY_RANKED, .rule = *tally_preset("simple_majority"), .noptions = NO,
                             .electorate = {NB, 0, 0}, .present = {NB, 0, 0}, .rankings = rk, .nrankings = NB};
    struct tally_result r;
    char msg[256];
    arena *a = arena_new(4096);
    CHECK_INT(tally_run(a, &in, &r, msg, sizeof msg), 0);
    CHECK_INT(r.winner, 7);
    CHECK_INT(r.votes_cast.heads, NB);
    CHECK(r.passed);
    for (int j = 0; j < NO; j++)
        if (j != 7)
            CHECK(r.d[7 * NO + j] > r.d[j * NO + 7]);
    arena_free(a);
out:
    free(rk);
    free(orders);
}

/* ---- checks ---- */

static void test_check_rejects(void)
{
    struct fx f;
    static const int dup[] = {0, 1, 0}, out[] = {0, 3}, ok[] = {0, 1};
    fx_init(&f, TALLY_YES_NO_ABSTAIN, "simple_majority", 2);
    fx_group(&f.in.electorate, 10, 0);
    fx_group(&f.in.present, 11, 0);
    CHECK_INT(tally_run(f.a, &f.in, &f.r, f.msg, sizeof f.msg), WG_EINVAL);
    CHECK_STR(f.msg, "present.heads: 11 exceeds electorate.heads 10");
    fx_group(&f.in.present, 5, 0);
    f.counts[0].heads = 3;
    f.counts[1].heads = 2;
    f.in.abstain.heads = 1;
    CHECK_INT(tally_check(&f.in, f.msg, sizeof f.msg), WG_EINVAL);
    CHECK(strstr(f.msg, "more than present.heads 5") != NULL);
    f.in.abstain.heads = 0;
    CHECK_INT(tally_check(&f.in, f.msg, sizeof f.msg), 0);
    f.counts[0].heads = -1;
    CHECK_INT(tally_check(&f.in, f.msg, sizeof f.msg), WG_EINVAL);
    CHECK(strstr(f.msg, "ballots.counts[0].heads") != NULL);
    f.counts[0] = (struct tally_amount){0, 50};
    CHECK_INT(tally_check(&f.in, f.msg, sizeof f.msg), WG_EINVAL); /* area without heads */
    f.counts[0] = (struct tally_amount){3, 0};
    f.in.noptions = 3;
    CHECK_INT(tally_check(&f.in, f.msg, sizeof f.msg), WG_EINVAL);
    CHECK(strstr(f.msg, "exactly 2 options") != NULL);
    f.in.noptions = 2;
    f.in.rule.quorum = (struct tally_threshold){TALLY_BASIS_HEADS, 1, 2, TALLY_MORE_THAN, TALLY_OF_PRESENT};
    CHECK_INT(tally_check(&f.in, f.msg, sizeof f.msg), WG_EINVAL);
    CHECK(strstr(f.msg, "vote.rule.quorum.base") != NULL);
    f.in.rule.quorum.base = TALLY_OF_ELECTORATE;
    f.in.rule.quorum.num = 3; /* 3/2 */
    CHECK_INT(tally_check(&f.in, f.msg, sizeof f.msg), WG_EINVAL);
    f.in.rule.quorum.num = 1;
    f.in.rule.approval.basis = TALLY_BASIS_HOUSEHOLDS;
    CHECK_INT(tally_check(&f.in, f.msg, sizeof f.msg), WG_EINVAL);
    fx_free(&f);

    fx_init(&f, TALLY_RANKED, "simple_majority", 3);
    fx_group(&f.in.electorate, 10, 0);
    fx_group(&f.in.present, 10, 0);
    fx_rank(&f, 1, 3, dup);
    CHECK_INT(tally_check(&f.in, f.msg, sizeof f.msg), WG_EINVAL);
    CHECK_STR(f.msg, "ballots.rankings[0].ranking[2]: option 0 is ranked twice");
    f.in.nrankings = 0;
    fx_rank(&f, 1, 2, out);
    CHECK_INT(tally_check(&f.in, f.msg, sizeof f.msg), WG_EINVAL);
    CHECK(strstr(f.msg, "ballots.rankings[0].ranking[1]: option 3 is out of range") != NULL);
    f.in.nrankings = 0;
    fx_rank(&f, 11, 2, ok);
    CHECK_INT(tally_check(&f.in, f.msg, sizeof f.msg), WG_EINVAL);
    CHECK(strstr(f.msg, "present.heads") != NULL);
    f.rankings[0].count = 10;
    CHECK_INT(tally_check(&f.in, f.msg, sizeof f.msg), 0);
    f.in.rule = *tally_preset("art278_ordinary");
    CHECK_INT(tally_check(&f.in, f.msg, sizeof f.msg), WG_EINVAL); /* approval by area of a ranked vote */
    CHECK(strstr(f.msg, "ranked votes count heads") != NULL);
    fx_free(&f);
}

/* ---- JSON ---- */

static int json_run(const char *doc, buf *out, char *err, size_t errlen)
{
    arena *a = arena_new(4096);
    buf_reset(out);
    int rc = tally_json_run(a, doc, strlen(doc), out, err, errlen);
    arena_free(a);
    return rc;
}

#define HEAD "{\"format\":\"wugong-tally/1\",\"vote\":{\"id\":\"v1\",\"title\":\"t\",\"method\":"

static void test_json_ok(void)
{
    buf out;
    char err[512];
    buf_init(&out, 1 << 20);
    CHECK_INT(json_run(HEAD "\"yes_no_abstain\",\"rule\":{\"preset\":\"art278_ordinary\"}},"
                            "\"electorate\":{\"heads\":300,\"area_dm2\":30000},\"present\":{\"heads\":200,\"area_dm2\":20000},"
                            "\"ballots\":{\"counts\":[{\"option\":0,\"heads\":101,\"area_dm2\":10001},"
                            "{\"option\":1,\"heads\":99,\"area_dm2\":9999}]}}",
                       &out, err, sizeof err),
              0);
    CHECK(strstr(out.data, "\"passed\": true") != NULL);
    CHECK(strstr(out.data, "\"format\": \"wugong-tally-result/1\"") != NULL);
    CHECK(strstr(out.data, "\"percent\": \"66.66\"") != NULL);
    /* a custom rule and anonymised ballots with receipts */
    CHECK_INT(json_run(HEAD "\"approval\",\"options\":[\"a\",\"b\",\"c\"],\"counting\":\"online\",\"rule\":{\"code\":\"plural\","
                            "\"voters\":\"one_per_household\",\"quorum\":{\"basis\":\"households\",\"fraction\":[1,4],"
                            "\"strictness\":\"at_least\"},\"approval\":{\"basis\":\"heads\",\"fraction\":[2,5],"
                            "\"strictness\":\"more_than\",\"base\":\"voting\"}}},"
                            "\"electorate\":{\"heads\":8,\"households\":8},\"present\":{\"heads\":4,\"households\":4},"
                            "\"ballots\":{\"list\":[{\"options\":[0,2],\"receipt\":\"zz\"},{\"options\":[2],\"receipt\":\"aa\"},"
                            "{\"options\":[]},{\"options\":[1,2]}]}}",
                       &out, err, sizeof err),
              0);
    CHECK(strstr(out.data, "\"winner\": 2") != NULL);
    CHECK(strstr(out.data, "\"code\": \"plural\"") != NULL);
    CHECK(strstr(out.data, "\"receipts\": [\n    \"aa\",\n    \"zz\"\n  ]") != NULL);
    buf_free(&out);
}

static void test_json_errors(void)
{
    static const struct {
        const char *doc, *msg;
    } cases[] = {
        {"{", "JSON: line 1"},
        {"[]", "(document): must be an object, not an array"},
        {"{\"format\":\"wugong-tally/1\",\"\":1}", "(document): unknown field \"\" (an empty name)"},
        {"{\"format\":\"x\"}", "format: \"x\" is not \"wugong-tally/1\""},
        {"{\"format\":\"wugong-tally/1\",\"format\":\"wugong-tally/1\"}", "JSON: line 1"},
        {HEAD "\"yes_no_abstain\",\"rule\":{\"preset\":\"nope\"}}}", "vote.rule.preset: unknown preset \"nope\""},
        {HEAD "\"borda\",\"rule\":{\"preset\":\"two_thirds\"}}}", "vote.method: unknown method \"borda\""},
        {HEAD "\"yes_no_abstain\",\"rule\":{\"preset\":\"two_thirds\"}},\"electorate\":{\"heads\":\"10\"}}",
         "electorate.heads: must be an integer, not a string"},
        {HEAD "\"yes_no_abstain\",\"rule\":{\"preset\":\"two_thirds\"}},\"electorate\":{\"heads\":10},"
              "\"present\":{\"heads\":11},\"ballots\":{\"counts\":[]}}",
         "present.heads: 11 exceeds electorate.heads 10"},
        {HEAD "\"yes_no_abstain\",\"rule\":{\"preset\":\"two_thirds\"}},\"electorate\":{\"heads\":10},"
              "\"present\":{\"heads\":5},\"ballots\":{\"counts\":[{\"option\":0,\"heads\":-1}]}}",
         "ballots.counts[0].heads: must not be negative (-1)"},
        {HEAD "\"yes_no_abstain\",\"rule\":{\"preset\":\"two_thirds\"}},\"electorate\":{\"heads\":10},"
              "\"present\":{\"heads\":5},\"ballots\":{\"counts\":[{\"option\":2,\"heads\":1}]}}",
         "ballots.counts[0].option: option 2 is out of range"},
        {HEAD "\"yes_no_abstain\",\"rule\":{\"preset\":\"two_thirds\"}},\"electorate\":{\"heads\":10},"
              "\"present\":{\"heads\":5},\"ballots\":{\"counts\":[{\"option\":0,\"heads\":4},{\"option\":1,\"heads\":2}]}}",
         "ballots: the votes and abstentions add up to 6 heads, more than present.heads 5"},
        {HEAD "\"ranked\",\"options\":[\"a\",\"b\",\"c\"],\"rule\":{\"preset\":\"two_thirds\"}},\"electorate\":{\"heads\":10},"
              "\"present\":{\"heads\":5},\"ballots\":{\"rankings\":[{\"ranking\":[1,1]}]}}",
         "ballots.rankings[0].ranking[1]: option 1 is ranked twice"},
        {HEAD "\"ranked\",\"options\":[\"a\",\"b\",\"c\"],\"rule\":{\"preset\":\"two_thirds\"}},\"electorate\":{\"heads\":10},"
              "\"present\":{\"heads\":5},\"ballots\":{\"rankings\":[{\"ranking\":[0],\"count\":2,\"receipt\":\"r\"}]}}",
         "ballots.rankings[0].count: a ballot with a receipt counts once"},
        {HEAD "\"single_choice\",\"options\":[\"a\",\"b\"],\"rule\":{\"preset\":\"two_thirds\"}},\"electorate\":{\"heads\":10},"
              "\"present\":{\"heads\":5},\"ballots\":{\"list\":[{\"options\":[0],\"receipt\":\"r\"},{\"options\":[1],\"receipt\":\"r\"}]}}",
         "ballots.list[1].receipt: receipt \"r\" appears twice"},
        {HEAD "\"yes_no_abstain\",\"rule\":{\"preset\":\"two_thirds\"}},\"electorate\":{\"heads\":10,\"area\":5}}",
         "electorate.area: unknown field"},
        {HEAD "\"yes_no_abstain\",\"rule\":{\"voters\":\"residents\",\"approval\":{\"basis\":\"heads\",\"fraction\":[3,2],"
              "\"strictness\":\"at_least\",\"base\":\"voting\"}}}}",
         "vote.rule.approval.fraction: [3, 2] is not a fraction"},
    };
    buf out;
    char err[512];
    buf_init(&out, 1 << 20);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        err[0] = '\0';
        CHECK_INT(json_run(cases[i].doc, &out, err, sizeof err), WG_EINVAL);
        if (strncmp(err, cases[i].msg, strlen(cases[i].msg)) != 0) {
            fprintf(stderr, "  case %zu: \"%s\" does not start with \"%s\"\n", i, err, cases[i].msg);
            CHECK(0);
        }
    }
    buf_free(&out);
}

int main(void)
{
    T_RUN(test_fraction_boundaries);
    T_RUN(test_presets_table);
    T_RUN(test_descriptions);
    T_RUN(test_simple_majority_boundaries);
    T_RUN(test_two_thirds_boundaries);
    T_RUN(test_art278_quorum_both);
    T_RUN(test_art278_ordinary_approval);
    T_RUN(test_art278_abstain_takes_part);
    T_RUN(test_art278_major_boundaries);
    T_RUN(test_art278_weighted_areas);
    T_RUN(test_villagers_meeting);
    T_RUN(test_representatives_meeting);
    T_RUN(test_party_members_meeting);
    T_RUN(test_one_matter_levy);
    T_RUN(test_zero_ballots);
    T_RUN(test_empty_electorate);
    T_RUN(test_single_choice);
    T_RUN(test_single_choice_tie);
    T_RUN(test_approval_voting);
    T_RUN(test_schulze_condorcet_winner);
    T_RUN(test_schulze_wikipedia);
    T_RUN(test_schulze_cycle);
    T_RUN(test_schulze_exact_tie);
    T_RUN(test_schulze_borda_tie_break);
    T_RUN(test_schulze_partial_rankings);
    T_RUN(test_schulze_deterministic);
    T_RUN(test_schulze_million_ballots);
    T_RUN(test_check_rejects);
    T_RUN(test_json_ok);
    T_RUN(test_json_errors);
    T_END();
}
