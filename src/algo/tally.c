/*
 * The vote tally (see tally.h and docs/tally.md). Pure: no clock, no
 * randomness, no I/O. Fractions are compared by cross-multiplication in
 * 128 bits; tally_check() bounds every count so that no sum overflows 64.
 */
#include "algo/tally.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"

/* ---- presets: DOMAIN.md, "Decision rules that ship as presets" ---- */

#define T_NONE {TALLY_BASIS_NONE, 0, 1, TALLY_AT_LEAST, TALLY_OF_ELECTORATE}
#define T(basis, n, d, strict, base) {TALLY_BASIS_##basis, n, d, TALLY_##strict, TALLY_OF_##base}

static const struct tally_rule tally_presets[] = {
    {"simple_majority", TALLY_RESIDENTS, T_NONE, T_NONE, T(HEADS, 1, 2, MORE_THAN, VOTING)},
    {"two_thirds", TALLY_RESIDENTS, T_NONE, T_NONE, T(HEADS, 2, 3, AT_LEAST, VOTING)},
    {"art278_ordinary", TALLY_OWNERS_BY_AREA, T(BOTH, 2, 3, AT_LEAST, ELECTORATE), T_NONE,
     T(BOTH, 1, 2, MORE_THAN, PRESENT)},
    {"art278_major", TALLY_OWNERS_BY_AREA, T(BOTH, 2, 3, AT_LEAST, ELECTORATE), T_NONE,
     T(BOTH, 3, 4, AT_LEAST, PRESENT)},
    {"villagers_meeting", TALLY_RESIDENTS, T(HEADS, 1, 2, MORE_THAN, ELECTORATE),
     T(HOUSEHOLDS, 2, 3, AT_LEAST, ELECTORATE), T(HEADS, 1, 2, MORE_THAN, PRESENT)},
    {"representatives_meeting", TALLY_REPRESENTATIVES, T(HEADS, 2, 3, AT_LEAST, ELECTORATE), T_NONE,
     T(HEADS, 1, 2, MORE_THAN, PRESENT)},
    {"party_members_meeting", TALLY_PARTY_MEMBERS, T(HEADS, 2, 3, AT_LEAST, ELECTORATE), T_NONE,
     T(HEADS, 1, 2, MORE_THAN, PRESENT)},
    {"one_matter_levy", TALLY_RESIDENTS, T(HEADS, 1, 2, MORE_THAN, ELECTORATE),
     T(HOUSEHOLDS, 2, 3, AT_LEAST, ELECTORATE), T(HEADS, 2, 3, AT_LEAST, PRESENT)},
};
#define TALLY_NPRESETS (sizeof tally_presets / sizeof tally_presets[0])

#undef T
#undef T_NONE

size_t tally_preset_count(void) { return TALLY_NPRESETS; }

const struct tally_rule *tally_preset_at(size_t i)
{
    assert(i < TALLY_NPRESETS);
    return &tally_presets[i];
}

const struct tally_rule *tally_preset(const char *code)
{
    for (size_t i = 0; code != NULL && i < TALLY_NPRESETS; i++)
        if (strcmp(tally_presets[i].code, code) == 0)
            return &tally_presets[i];
    return NULL;
}

/* ---- names ---- */

static const char *const tally_method_names[] = {"yes_no_abstain", "single_choice", "approval", "ranked"};
static const char *const tally_voters_names[] = {"residents", "one_per_household", "owners_by_area",
                                                 "representatives", "party_members"};
static const char *const tally_basis_names[] = {"none", "heads", "area", "both", "households"};
static const char *const tally_strictness_names[] = {"more_than", "at_least"};
static const char *const tally_base_names[] = {"electorate", "present", "voting"};
static const char *const tally_tie_break_names[] = {"none", "borda", "index"};

#define TALLY_NAME(arr, v) ((size_t)(v) < sizeof arr / sizeof arr[0] ? arr[v] : "?")

const char *tally_method_name(enum tally_method m) { return TALLY_NAME(tally_method_names, m); }
const char *tally_voters_name(enum tally_voters v) { return TALLY_NAME(tally_voters_names, v); }
const char *tally_basis_name(enum tally_basis b) { return TALLY_NAME(tally_basis_names, b); }
const char *tally_strictness_name(enum tally_strictness s) { return TALLY_NAME(tally_strictness_names, s); }
const char *tally_base_name(enum tally_base b) { return TALLY_NAME(tally_base_names, b); }
const char *tally_tie_break_name(enum tally_tie_break t) { return TALLY_NAME(tally_tie_break_names, t); }

static int tally_lookup(const char *const *names, size_t n, const char *s, int *out)
{
    for (size_t i = 0; s != NULL && i < n; i++)
        if (strcmp(names[i], s) == 0) {
            *out = (int)i;
            return 0;
        }
    return WG_EINVAL;
}

#define TALLY_PARSE(fn, type, arr)                                                                 \
    int fn(const char *s, type *out)                                                               \
    {                                                                                              \
        int v = 0;                                                                                 \
        int rc = tally_lookup(arr, sizeof arr / sizeof arr[0], s, &v);                             \
        if (rc == 0)                                                                               \
            *out = (type)v;                                                                        \
        return rc;                                                                                 \
    }
TALLY_PARSE(tally_method_parse, enum tally_method, tally_method_names)
TALLY_PARSE(tally_voters_parse, enum tally_voters, tally_voters_names)
TALLY_PARSE(tally_basis_parse, enum tally_basis, tally_basis_names)
TALLY_PARSE(tally_strictness_parse, enum tally_strictness, tally_strictness_names)
TALLY_PARSE(tally_base_parse, enum tally_base, tally_base_names)
#undef TALLY_PARSE

/* ---- arithmetic ---- */

int tally_frac_meets(int64_t count, int64_t base, int64_t num, int64_t den, enum tally_strictness s)
{
    assert(count >= 0 && base >= 0 && num >= 0 && den >= 1 && num <= den);
    if (base == 0)
        return 0; /* nobody to measure against: a threshold cannot be met */
    __int128 lhs = (__int128)count * den, rhs = (__int128)num * base;
    return s == TALLY_MORE_THAN ? lhs > rhs : lhs >= rhs;
}

/* ---- checks ---- */

static int tally_fail(char *msg, size_t msglen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int tally_fail(char *msg, size_t msglen, const char *fmt, ...)
{
    if (msg != NULL && msglen > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, msglen, fmt, ap);
        va_end(ap);
    }
    return WG_EINVAL;
}

static int tally_threshold_check(const struct tally_threshold *t, const char *name, int quorum,
                                 enum tally_method m, char *msg, size_t msglen)
{
    if ((unsigned)t->basis > TALLY_BASIS_HOUSEHOLDS)
        return tally_fail(msg, msglen, "vote.rule.%s.basis: unknown basis", name);
    if (t->basis == TALLY_BASIS_NONE)
        return 0; /* the other fields do not matter */
    if (t->den < 1 || t->den > TALLY_MAX_DEN || t->num < 0 || t->num > t->den)
        return tally_fail(msg, msglen, "vote.rule.%s.fraction: %lld/%lld is not a fraction between 0 and 1 "
                          "(denominator 1..%d)", name, (long long)t->num, (long long)t->den, TALLY_MAX_DEN);
    if ((unsigned)t->strictness > TALLY_AT_LEAST)
        return tally_fail(msg, msglen, "vote.rule.%s.strictness: unknown strictness", name);
    if ((unsigned)t->base > TALLY_OF_VOTING)
        return tally_fail(msg, msglen, "vote.rule.%s.base: unknown base", name);
    if (quorum && t->base != TALLY_OF_ELECTORATE)
        return tally_fail(msg, msglen, "vote.rule.%s.base: a quorum is measured against the electorate", name);
    if (!quorum && t->basis == TALLY_BASIS_HOUSEHOLDS)
        return tally_fail(msg, msglen, "vote.rule.%s.basis: households can only be a quorum's basis", name);
    if (!quorum && m == TALLY_RANKED && (t->basis == TALLY_BASIS_AREA || t->basis == TALLY_BASIS_BOTH))
        return tally_fail(msg, msglen, "vote.rule.%s.basis: ranked votes count heads; an approval by area "
                          "cannot decide a ranked vote", name);
    return 0;
}

int tally_rule_check(const struct tally_rule *r, enum tally_method m, char *msg, size_t msglen)
{
    int rc;
    if ((unsigned)m > TALLY_RANKED)
        return tally_fail(msg, msglen, "vote.method: unknown method");
    if ((unsigned)r->voters > TALLY_PARTY_MEMBERS)
        return tally_fail(msg, msglen, "vote.rule.voters: unknown electorate");
    rc = tally_threshold_check(&r->quorum, "quorum", 1, m, msg, msglen);
    if (rc == 0)
        rc = tally_threshold_check(&r->alt_quorum, "alt_quorum", 1, m, msg, msglen);
    if (rc == 0)
        rc = tally_threshold_check(&r->approval, "approval", 0, m, msg, msglen);
    if (rc == 0 && m == TALLY_YES_NO_ABSTAIN && r->approval.basis == TALLY_BASIS_NONE)
        rc = tally_fail(msg, msglen, "vote.rule.approval.basis: a yes/no vote needs an approval threshold");
    return rc;
}

static int tally_in_range(int64_t v) { return v >= 0 && v <= TALLY_MAX_COUNT; }

static int tally_check_group(const struct tally_group *g, const char *name, char *msg, size_t msglen)
{
    if (!tally_in_range(g->heads))
        return tally_fail(msg, msglen, "%s.heads: %lld is out of range (0..%lld)", name, (long long)g->heads,
                          TALLY_MAX_COUNT);
    if (!tally_in_range(g->area))
        return tally_fail(msg, msglen, "%s.area_dm2: %lld is out of range (0..%lld)", name, (long long)g->area,
                          TALLY_MAX_COUNT);
    if (g->heads == 0 && g->area > 0)
        return tally_fail(msg, msglen, "%s.area_dm2: %lld dm² held by 0 heads", name, (long long)g->area);
    if (!tally_in_range(g->households))
        return tally_fail(msg, msglen, "%s.households: %lld is out of range (0..%lld)", name,
                          (long long)g->households, TALLY_MAX_COUNT);
    return 0;
}

static int tally_check_amount(const struct tally_amount *v, const char *name, long idx,
                              const struct tally_group *present, char *msg, size_t msglen)
{
    char where[64];
    if (idx >= 0)
        snprintf(where, sizeof where, "%s[%ld]", name, idx);
    else
        snprintf(where, sizeof where, "%s", name);
    if (!tally_in_range(v->heads))
        return tally_fail(msg, msglen, "%s.heads: %lld is out of range (0..%lld)", where, (long long)v->heads,
                          TALLY_MAX_COUNT);
    if (!tally_in_range(v->area))
        return tally_fail(msg, msglen, "%s.area_dm2: %lld is out of range (0..%lld)", where, (long long)v->area,
                          TALLY_MAX_COUNT);
    if (v->heads == 0 && v->area > 0)
        return tally_fail(msg, msglen, "%s.area_dm2: %lld dm² held by 0 heads", where, (long long)v->area);
    if (v->heads > present->heads)
        return tally_fail(msg, msglen, "%s.heads: %lld exceeds present.heads %lld", where, (long long)v->heads,
                          (long long)present->heads);
    if (v->area > present->area)
        return tally_fail(msg, msglen, "%s.area_dm2: %lld exceeds present.area_dm2 %lld", where,
                          (long long)v->area, (long long)present->area);
    return 0;
}

/* votes (a sum of amounts each <= present) against present */
static int tally_check_total(struct tally_amount sum, const struct tally_group *present, const char *what,
                             char *msg, size_t msglen)
{
    if (sum.heads > present->heads)
        return tally_fail(msg, msglen, "ballots: %s add up to %lld heads, more than present.heads %lld", what,
                          (long long)sum.heads, (long long)present->heads);
    if (sum.area > present->area)
        return tally_fail(msg, msglen, "ballots: %s add up to %lld dm², more than present.area_dm2 %lld", what,
                          (long long)sum.area, (long long)present->area);
    return 0;
}

static int tally_check_rankings(const struct tally_input *in, char *msg, size_t msglen)
{
    int64_t heads = in->abstain.heads;
    if (in->nrankings > 0 && in->rankings == NULL)
        return tally_fail(msg, msglen, "ballots.rankings: missing");
    for (size_t k = 0; k < in->nrankings; k++) {
        const struct tally_ranking *r = &in->rankings[k];
        uint64_t seen = 0;
        if (r->len < 1 || r->len > in->noptions || r->order == NULL)
            return tally_fail(msg, msglen, "ballots.rankings[%zu].ranking: must list 1 to %zu options", k,
                              in->noptions);
        for (size_t a = 0; a < r->len; a++) {
            int o = r->order[a];
            if (o < 0 || (size_t)o >= in->noptions)
                return tally_fail(msg, msglen, "ballots.rankings[%zu].ranking[%zu]: option %d is out of range "
                                  "(the vote has %zu options)", k, a, o, in->noptions);
            if (seen & (UINT64_C(1) << o))
                return tally_fail(msg, msglen, "ballots.rankings[%zu].ranking[%zu]: option %d is ranked twice",
                                  k, a, o);
            seen |= UINT64_C(1) << o;
        }
        if (!tally_in_range(r->count))
            return tally_fail(msg, msglen, "ballots.rankings[%zu].count: %lld is out of range (0..%lld)", k,
                              (long long)r->count, TALLY_MAX_COUNT);
        heads += r->count; /* both <= 10^15 (checked so far): no overflow */
        if (heads > in->present.heads)
            return tally_fail(msg, msglen, "ballots: the rankings and abstentions add up to more than "
                              "present.heads %lld (at ballots.rankings[%zu])", (long long)in->present.heads, k);
    }
    return 0;
}

int tally_check(const struct tally_input *in, char *msg, size_t msglen)
{
    int rc = tally_rule_check(&in->rule, in->method, msg, msglen);
    if (rc)
        return rc;
    if (in->method == TALLY_YES_NO_ABSTAIN && in->noptions != 2)
        return tally_fail(msg, msglen, "vote.options: a yes/no vote has exactly 2 options (yes, no)");
    if (in->noptions < 2 || in->noptions > TALLY_MAX_OPTIONS)
        return tally_fail(msg, msglen, "vote.options: %zu options; a vote has 2 to %d", in->noptions,
                          TALLY_MAX_OPTIONS);
    if ((rc = tally_check_group(&in->electorate, "electorate", msg, msglen)) != 0 ||
        (rc = tally_check_group(&in->present, "present", msg, msglen)) != 0)
        return rc;
    if (in->present.heads > in->electorate.heads)
        return tally_fail(msg, msglen, "present.heads: %lld exceeds electorate.heads %lld",
                          (long long)in->present.heads, (long long)in->electorate.heads);
    if (in->present.area > in->electorate.area)
        return tally_fail(msg, msglen, "present.area_dm2: %lld exceeds electorate.area_dm2 %lld",
                          (long long)in->present.area, (long long)in->electorate.area);
    if (in->present.households > in->electorate.households)
        return tally_fail(msg, msglen, "present.households: %lld exceeds electorate.households %lld",
                          (long long)in->present.households, (long long)in->electorate.households);
    if ((rc = tally_check_amount(&in->abstain, "ballots.abstain", -1, &in->present, msg, msglen)) != 0)
        return rc;
    if (in->method == TALLY_RANKED)
        return tally_check_rankings(in, msg, msglen);
    if (in->counts == NULL)
        return tally_fail(msg, msglen, "ballots.counts: missing");
    struct tally_amount sum = in->abstain;
    for (size_t i = 0; i < in->noptions; i++) {
        if ((rc = tally_check_amount(&in->counts[i], "ballots.counts", (long)i, &in->present, msg, msglen)) != 0)
            return rc;
        sum.heads += in->counts[i].heads; /* at most 65 terms of <= 10^15 */
        sum.area += in->counts[i].area;
    }
    if (in->method != TALLY_APPROVAL)
        return tally_check_total(sum, &in->present, "the votes and abstentions", msg, msglen);
    if ((rc = tally_check_amount(&in->cast, "ballots.cast", -1, &in->present, msg, msglen)) != 0)
        return rc;
    struct tally_amount all = {in->cast.heads + in->abstain.heads, in->cast.area + in->abstain.area};
    if ((rc = tally_check_total(all, &in->present, "the ballots cast and abstentions", msg, msglen)) != 0)
        return rc;
    for (size_t i = 0; i < in->noptions; i++)
        if (in->counts[i].heads > in->cast.heads || in->counts[i].area > in->cast.area)
            return tally_fail(msg, msglen, "ballots.counts[%zu]: option %zu has more approvals than ballots "
                              "cast (ballots.cast)", i, i);
    if (in->cast.heads > sum.heads - in->abstain.heads)
        return tally_fail(msg, msglen, "ballots.cast.heads: %lld ballots cast but only %lld approvals",
                          (long long)in->cast.heads, (long long)(sum.heads - in->abstain.heads));
    return 0;
}

/* ---- the rule in words ---- */

static const char *tally_noun(enum tally_voters v)
{
    static const char *const nouns[] = {"residents", "households", "owners", "representatives", "party members"};
    return TALLY_NAME(nouns, v);
}

struct tally_text {
    char *s;
    size_t n, len;
};

static void tally_text_add(struct tally_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tally_text_add(struct tally_text *t, const char *fmt, ...)
{
    if (t->len >= t->n)
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(t->s + t->len, t->n - t->len, fmt, ap);
    va_end(ap);
    if (w > 0)
        t->len += (size_t)w < t->n - t->len ? (size_t)w : t->n - t->len - 1;
}

static const char *tally_strict_words(enum tally_strictness s)
{
    return s == TALLY_MORE_THAN ? "more than" : "at least";
}

/* "more than 1/2" */
static void tally_text_frac(struct tally_text *t, const struct tally_threshold *th)
{
    tally_text_add(t, "%s %lld/%lld", tally_strict_words(th->strictness), (long long)th->num, (long long)th->den);
}

static void tally_text_quorum(struct tally_text *t, const struct tally_threshold *q, enum tally_voters v)
{
    const char *noun = tally_noun(v);
    switch (q->basis) {
    case TALLY_BASIS_HEADS:
        tally_text_frac(t, q);
        tally_text_add(t, " of the %s must take part", noun);
        break;
    case TALLY_BASIS_AREA:
    case TALLY_BASIS_BOTH:
        tally_text_add(t, "%s holding ", noun);
        tally_text_frac(t, q);
        tally_text_add(t, " of the floor area");
        if (q->basis == TALLY_BASIS_BOTH) {
            tally_text_add(t, " and ");
            tally_text_frac(t, q);
            tally_text_add(t, " of the %s", noun);
        }
        tally_text_add(t, " must take part");
        break;
    case TALLY_BASIS_HOUSEHOLDS:
        tally_text_frac(t, q);
        tally_text_add(t, " of the households must be represented");
        break;
    case TALLY_BASIS_NONE:
        break;
    }
}

static void tally_text_of(struct tally_text *t, enum tally_base b, int area, enum tally_voters v)
{
    if (area)
        tally_text_add(t, b == TALLY_OF_ELECTORATE ? " of the floor area"
                          : b == TALLY_OF_PRESENT  ? " of the participating area"
                                                   : " of the area cast");
    else if (b == TALLY_OF_VOTING)
        tally_text_add(t, " of the votes cast");
    else
        tally_text_add(t, " of the %s%s", b == TALLY_OF_PRESENT ? "participating " : "", tally_noun(v));
}

void tally_describe(const struct tally_rule *r, enum tally_method m, char *out, size_t outlen)
{
    assert(out != NULL && outlen > 0);
    struct tally_text t = {out, outlen, 0};
    out[0] = '\0';
    const struct tally_threshold *q = &r->quorum, *alt = &r->alt_quorum, *ap = &r->approval;
    if (m == TALLY_RANKED)
        tally_text_add(&t, "The winner is found by the Schulze method. ");
    size_t start = t.len;
    if (q->basis == TALLY_BASIS_NONE && alt->basis == TALLY_BASIS_NONE)
        tally_text_add(&t, "no quorum is required");
    tally_text_quorum(&t, q, r->voters);
    if (alt->basis != TALLY_BASIS_NONE) {
        if (q->basis != TALLY_BASIS_NONE)
            tally_text_add(&t, ", or ");
        tally_text_quorum(&t, alt, r->voters);
    }
    if (start < t.len && out[start] >= 'a' && out[start] <= 'z')
        out[start] = (char)(out[start] - 'a' + 'A');
    tally_text_add(&t, "; ");
    const char *verb = m == TALLY_YES_NO_ABSTAIN ? "agree"
                       : m == TALLY_SINGLE_CHOICE ? "choose the winning option"
                       : m == TALLY_APPROVAL      ? "approve the winning option"
                                                  : "rank the winning option";
    switch (ap->basis) {
    case TALLY_BASIS_HEADS:
    case TALLY_BASIS_AREA:
        tally_text_frac(&t, ap);
        tally_text_of(&t, ap->base, ap->basis == TALLY_BASIS_AREA, r->voters);
        tally_text_add(&t, " must %s.", verb);
        break;
    case TALLY_BASIS_BOTH:
        tally_text_frac(&t, ap);
        tally_text_of(&t, ap->base, 1, r->voters);
        tally_text_add(&t, " and ");
        tally_text_frac(&t, ap);
        tally_text_of(&t, ap->base, 0, r->voters);
        tally_text_add(&t, " must %s.", verb);
        break;
    case TALLY_BASIS_NONE:
    case TALLY_BASIS_HOUSEHOLDS: /* rejected by tally_rule_check */
        tally_text_add(&t, "the option with the most support wins.");
        break;
    }
}

/* ---- verdicts ---- */

static struct tally_dim tally_dim_of(int64_t count, int64_t base, const struct tally_threshold *t)
{
    struct tally_dim d = {count, base, tally_frac_meets(count, base, t->num, t->den, t->strictness)};
    return d;
}

/* count (those present for a quorum, an option's support for approval)
 * against base under threshold t. */
static struct tally_verdict tally_judge(const struct tally_threshold *t, struct tally_group count,
                                        struct tally_group base)
{
    struct tally_verdict v;
    memset(&v, 0, sizeof v);
    v.t = *t;
    v.applies = t->basis != TALLY_BASIS_NONE;
    v.met = 1;
    if (t->basis == TALLY_BASIS_HEADS || t->basis == TALLY_BASIS_BOTH) {
        v.heads = tally_dim_of(count.heads, base.heads, t);
        v.met = v.met && v.heads.met;
    }
    if (t->basis == TALLY_BASIS_AREA || t->basis == TALLY_BASIS_BOTH) {
        v.area = tally_dim_of(count.area, base.area, t);
        v.met = v.met && v.area.met;
    }
    if (t->basis == TALLY_BASIS_HOUSEHOLDS) {
        v.households = tally_dim_of(count.households, base.households, t);
        v.met = v.households.met;
    }
    assert(v.applies || v.met);
    return v;
}

static struct tally_group tally_group_of(struct tally_amount a)
{
    struct tally_group g = {a.heads, a.area, 0};
    return g;
}

static struct tally_group tally_approval_base(const struct tally_input *in, const struct tally_result *res)
{
    switch (in->rule.approval.base) {
    case TALLY_OF_ELECTORATE:
        return in->electorate;
    case TALLY_OF_PRESENT:
        return in->present;
    case TALLY_OF_VOTING:
        break;
    }
    return tally_group_of(res->votes_cast);
}

/* ---- ranking by support (single choice, approval) ---- */

/* Compares two options by the approval basis: > 0 when a ranks above b. */
static int tally_support_cmp(const struct tally_input *in, int a, int b)
{
    const struct tally_amount *x = &in->counts[a], *y = &in->counts[b];
    enum tally_basis basis = in->rule.approval.basis;
    int64_t first = 0, second = 0;
    if (basis == TALLY_BASIS_AREA) {
        first = x->area - y->area;
    } else {
        first = x->heads - y->heads;
        if (basis != TALLY_BASIS_HEADS) /* both, none: area breaks a heads tie */
            second = x->area - y->area;
    }
    if (first != 0)
        return first > 0 ? 1 : -1;
    return second > 0 ? 1 : second < 0 ? -1 : 0;
}

static void tally_rank_by_support(arena *a, const struct tally_input *in, struct tally_result *res)
{
    size_t n = in->noptions;
    res->ranking = arena_alloc(a, n * sizeof *res->ranking);
    res->nranking = n;
    /* insertion sort: stable, so equal support keeps the lower index first */
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        while (j > 0 && tally_support_cmp(in, (int)i, res->ranking[j - 1]) > 0) {
            res->ranking[j] = res->ranking[j - 1];
            j--;
        }
        res->ranking[j] = (int)i;
    }
    size_t ntied = 1;
    while (ntied < n && tally_support_cmp(in, res->ranking[0], res->ranking[ntied]) == 0)
        ntied++;
    for (size_t i = 1; i < n; i++)
        assert(tally_support_cmp(in, res->ranking[i - 1], res->ranking[i]) >= 0);
    if (ntied > 1) {
        res->tied = arena_alloc(a, ntied * sizeof *res->tied);
        memcpy(res->tied, res->ranking, ntied * sizeof *res->tied);
        res->ntied = ntied;
        res->winner = -1;
    } else {
        res->winner = res->ranking[0];
    }
}

/* ---- Schulze ---- */

/* d[i*n+j] += ballots ranking i above j, in one pass over the ballots:
 * listed options above each later listed one and above every unlisted one. */
static void tally_schulze_pairs(const struct tally_input *in, int64_t *d)
{
    size_t n = in->noptions;
    int unlisted[TALLY_MAX_OPTIONS];
    for (size_t k = 0; k < in->nrankings; k++) {
        const struct tally_ranking *r = &in->rankings[k];
        const int64_t c = r->count;
        uint64_t seen = 0;
        size_t nu = 0;
        if (c == 0)
            continue;
        for (size_t a = 0; a < r->len; a++)
            seen |= UINT64_C(1) << r->order[a];
        for (size_t o = 0; o < n; o++)
            if (!(seen & (UINT64_C(1) << o)))
                unlisted[nu++] = (int)o;
        assert(nu + r->len == n);
        for (size_t a = 0; a < r->len; a++) {
            int64_t *row = d + (size_t)r->order[a] * n;
            for (size_t b = a + 1; b < r->len; b++)
                row[r->order[b]] += c;
            for (size_t u = 0; u < nu; u++)
                row[unlisted[u]] += c;
        }
    }
}

/* p = widest-path strengths over the defeats of d (Floyd–Warshall). */
static void tally_schulze_strengths(size_t n, const int64_t *d, int64_t *p)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            p[i * n + j] = i != j && d[i * n + j] > d[j * n + i] ? d[i * n + j] : 0;
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < n; i++) {
            if (i == k)
                continue;
            int64_t pik = p[i * n + k];
            if (pik == 0)
                continue;
            for (size_t j = 0; j < n; j++) {
                if (j == i || j == k)
                    continue;
                int64_t via = pik < p[k * n + j] ? pik : p[k * n + j];
                if (via > p[i * n + j])
                    p[i * n + j] = via;
            }
        }
}

/* The full Schulze order: repeatedly take, among the options left, those
 * beaten by none left (p[j][i] <= p[i][j]); among several, the higher row
 * sum of d, then the lower index. */
static void tally_schulze_order(arena *a, size_t n, const int64_t *d, const int64_t *p, struct tally_result *res)
{
    int64_t rowsum[TALLY_MAX_OPTIONS];
    int left[TALLY_MAX_OPTIONS];
    for (size_t i = 0; i < n; i++) {
        rowsum[i] = 0;
        for (size_t j = 0; j < n; j++)
            rowsum[i] += d[i * n + j];
        left[i] = 1;
    }
    res->ranking = arena_alloc(a, n * sizeof *res->ranking);
    res->nranking = n;
    for (size_t step = 0; step < n; step++) {
        int best = -1, nunbeaten = 0, nbest = 0;
        for (size_t i = 0; i < n; i++) {
            if (!left[i])
                continue;
            int beaten = 0;
            for (size_t j = 0; j < n && !beaten; j++)
                beaten = left[j] && j != i && p[j * n + i] > p[i * n + j];
            if (beaten)
                continue;
            nunbeaten++;
            if (best < 0 || rowsum[i] > rowsum[best]) {
                best = (int)i;
                nbest = 1;
            } else if (rowsum[i] == rowsum[best]) {
                nbest++; /* i > best: the lower index stays */
            }
        }
        /* the Schulze relation is transitive, so someone is unbeaten */
        assert(best >= 0 && nunbeaten >= 1 && nbest >= 1);
        if (step == 0)
            res->tie_break = nunbeaten == 1 ? TALLY_TIE_NONE : nbest == 1 ? TALLY_TIE_BORDA : TALLY_TIE_INDEX;
        res->ranking[step] = best;
        left[best] = 0;
    }
}

static void tally_ranked(arena *a, const struct tally_input *in, struct tally_result *res)
{
    size_t n = in->noptions;
    res->d = arena_calloc(a, n * n * sizeof *res->d);
    res->p = arena_calloc(a, n * n * sizeof *res->p);
    tally_schulze_pairs(in, res->d);
    for (size_t i = 0; i < n; i++) {
        assert(res->d[i * n + i] == 0);
        for (size_t j = 0; j < n; j++)
            assert(res->d[i * n + j] + res->d[j * n + i] <= res->votes_cast.heads);
    }
    tally_schulze_strengths(n, res->d, res->p);
    tally_schulze_order(a, n, res->d, res->p, res);
    res->winner = res->ranking[0];
}

/* ---- the tally ---- */

int tally_run(arena *a, const struct tally_input *in, struct tally_result *res, char *msg, size_t msglen)
{
    int rc = tally_check(in, msg, msglen);
    if (rc)
        return rc;
    size_t n = in->noptions;
    memset(res, 0, sizeof *res);
    res->winner = -1;
    res->part_heads = (struct tally_frac){in->present.heads, in->electorate.heads};
    res->part_area = (struct tally_frac){in->present.area, in->electorate.area};
    res->part_households = (struct tally_frac){in->present.households, in->electorate.households};
    tally_describe(&in->rule, in->method, res->description, sizeof res->description);

    /* support per option and votes cast (abstentions excluded) */
    res->options = arena_calloc(a, n * sizeof *res->options);
    if (in->method == TALLY_RANKED) {
        for (size_t k = 0; k < in->nrankings; k++) {
            res->votes_cast.heads += in->rankings[k].count;
            for (size_t x = 0; x < in->rankings[k].len; x++)
                res->options[in->rankings[k].order[x]].support.heads += in->rankings[k].count;
        }
    } else {
        for (size_t i = 0; i < n; i++) {
            res->options[i].support = in->counts[i];
            res->votes_cast.heads += in->counts[i].heads;
            res->votes_cast.area += in->counts[i].area;
        }
        if (in->method == TALLY_APPROVAL)
            res->votes_cast = in->cast;
    }
    for (size_t i = 0; i < n; i++)
        res->options[i].option = (int)i;
    assert(res->votes_cast.heads + in->abstain.heads <= in->present.heads);
    assert(in->method == TALLY_RANKED || res->votes_cast.area + in->abstain.area <= in->present.area);

    /* quorum: those present against the electorate */
    res->quorum = tally_judge(&in->rule.quorum, in->present, in->electorate);
    res->alt_quorum = tally_judge(&in->rule.alt_quorum, in->present, in->electorate);
    res->quorum_met = res->alt_quorum.applies ? res->quorum.met || res->alt_quorum.met : res->quorum.met;
    assert(res->quorum.applies || res->quorum.met);

    /* the outcome */
    switch (in->method) {
    case TALLY_YES_NO_ABSTAIN:
        break;
    case TALLY_SINGLE_CHOICE:
    case TALLY_APPROVAL:
        tally_rank_by_support(a, in, res);
        break;
    case TALLY_RANKED:
        tally_ranked(a, in, res);
        break;
    }
    if (res->votes_cast.heads == 0 && res->votes_cast.area == 0)
        res->winner = -1; /* nothing was decided by nobody */

    /* approval: the support of yes, or of the first-ranked option */
    struct tally_group base = tally_approval_base(in, res);
    for (size_t i = 0; i < n; i++)
        res->options[i].meets_threshold =
            tally_judge(&in->rule.approval, tally_group_of(res->options[i].support), base).met;
    int judged = in->method == TALLY_YES_NO_ABSTAIN ? 0 : res->ranking[0];
    res->approval = tally_judge(&in->rule.approval, tally_group_of(res->options[judged].support), base);
    /* with no votes cast there is nothing to approve, even without a threshold */
    if (res->votes_cast.heads == 0 && res->votes_cast.area == 0)
        res->approval.met = 0;
    res->passed = res->quorum_met && res->approval.met && (in->method == TALLY_YES_NO_ABSTAIN || res->winner >= 0);
    assert(!res->passed || res->quorum_met);
    assert(res->winner < 0 || (size_t)res->winner < n);
    assert(res->ntied == 0 || res->winner == -1);
    return 0;
}
