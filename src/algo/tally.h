/*
 * The vote tally: the one implementation the server, the CLI (`wugong tally`)
 * and the benchmarks share. Pure and deterministic: no clock, no randomness,
 * no I/O; the same input always gives the same result. Every decision is
 * made with exact integer arithmetic (fractions compared by cross-
 * multiplication in 128 bits), never floating point. docs/tally.md has the
 * rules in prose, the JSON format and the tie-breaks.
 *
 * Ownership: tally_run() borrows its input for the duration of the call and
 * allocates the variable parts of the result (per-option rows, the ranking,
 * the Schulze matrices) in the caller's arena; they live until the arena is
 * reset or freed. Nothing in this module calls malloc or free.
 */
#ifndef WG_TALLY_H
#define WG_TALLY_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

/* Limits that keep every product of the arithmetic far inside 128 bits and
 * every sum inside 64 bits; tally_check() rejects input beyond them. */
#define TALLY_MAX_OPTIONS 64
#define TALLY_MAX_COUNT 1000000000000000LL /* 10^15 heads, or dm² (10^13 m²) */
#define TALLY_MAX_DEN 1000000

enum tally_method {
    TALLY_YES_NO_ABSTAIN, /* option 0 = yes, option 1 = no; abstain apart */
    TALLY_SINGLE_CHOICE,  /* one option among N */
    TALLY_APPROVAL,       /* any subset of the options */
    TALLY_RANKED,         /* full or partial rankings, Schulze method */
};

/* Who may vote: stored and shown, never used in a computation. */
enum tally_voters {
    TALLY_RESIDENTS,
    TALLY_ONE_PER_HOUSEHOLD,
    TALLY_OWNERS_BY_AREA,
    TALLY_REPRESENTATIVES,
    TALLY_PARTY_MEMBERS,
};

/* What a threshold counts. BOTH means heads and area must each pass.
 * HOUSEHOLDS is for quorums only (households represented at a meeting). */
enum tally_basis {
    TALLY_BASIS_NONE, /* no condition: always met */
    TALLY_BASIS_HEADS,
    TALLY_BASIS_AREA,
    TALLY_BASIS_BOTH,
    TALLY_BASIS_HOUSEHOLDS,
};

enum tally_strictness {
    TALLY_MORE_THAN, /* count/base >  num/den: exactly 1/2 fails "more than 1/2" */
    TALLY_AT_LEAST,  /* count/base >= num/den: exactly 2/3 passes "at least 2/3" */
};

/* What a threshold's fraction is of. A quorum is always of the electorate. */
enum tally_base {
    TALLY_OF_ELECTORATE,
    TALLY_OF_PRESENT, /* those taking part, abstentions included */
    TALLY_OF_VOTING,  /* votes cast: abstentions excluded */
};

struct tally_threshold {
    enum tally_basis basis;
    int64_t num, den; /* 0 <= num <= den, 1 <= den <= TALLY_MAX_DEN */
    enum tally_strictness strictness;
    enum tally_base base;
};

/* A decision rule. code is a preset's stable code or "custom" (borrowed). */
struct tally_rule {
    const char *code;
    enum tally_voters voters;
    struct tally_threshold quorum;     /* measured: those present */
    struct tally_threshold alt_quorum; /* quorum met if either holds; NONE = no alternative */
    struct tally_threshold approval;   /* measured: support of the outcome */
};

/* Heads and exclusive floor area (dm², 0.01 m²) of a group of voters. */
struct tally_amount {
    int64_t heads, area;
};

/* A population: the electorate or those present (taking part). households is
 * used only by a HOUSEHOLDS quorum; 0 when unknown. */
struct tally_group {
    int64_t heads, area, households;
};

/* One ranked ballot (or count identical ones): order[0] is the most
 * preferred option; options not listed rank below all listed ones, equal
 * among themselves. Borrowed. */
struct tally_ranking {
    const int *order;
    size_t len; /* 1..noptions, no option twice */
    int64_t count;
};

/*
 * Everything tally_run() needs. All pointers are borrowed.
 * - yes/no/abstain, single choice, approval: counts[i] is the support of
 *   option i (a yes/no vote has noptions == 2: yes, no); abstain apart.
 * - approval: cast is the number (and area) of ballots that approved at least
 *   one option; each option's count is at most cast. Unused otherwise: the
 *   votes cast are the sum of the counts.
 * - ranked: rankings[]; ranked votes count heads (area is not used); abstain
 *   heads count as taking part.
 * For online votes present equals those who voted (abstentions included).
 */
struct tally_input {
    enum tally_method method;
    struct tally_rule rule;
    size_t noptions;
    struct tally_group electorate, present;
    const struct tally_amount *counts; /* noptions entries; NULL for ranked */
    struct tally_amount abstain;
    struct tally_amount cast; /* approval only */
    const struct tally_ranking *rankings;
    size_t nrankings;
};

/* One threshold applied: each dimension compared, and the verdict. */
struct tally_dim {
    int64_t count, base; /* count/base compared with num/den */
    int met;
};
struct tally_verdict {
    int applies; /* 0 for basis NONE: met without condition */
    struct tally_threshold t;
    struct tally_dim heads, area, households; /* those the basis names */
    int met;
};

/* A fraction as published (participation), num/den with den possibly 0. */
struct tally_frac {
    int64_t num, den;
};

struct tally_option_result {
    int option;
    struct tally_amount support; /* ranked: ballots listing the option (heads) */
    int meets_threshold;         /* support alone would pass the approval threshold */
};

enum tally_tie_break {
    TALLY_TIE_NONE,  /* the winner was unique */
    TALLY_TIE_BORDA, /* Schulze: several unbeaten, the higher row sum of d won */
    TALLY_TIE_INDEX, /* Schulze: also equal row sums, the lower index won */
};

struct tally_result {
    struct tally_frac part_heads, part_area, part_households; /* present / electorate */
    struct tally_amount votes_cast;                           /* abstentions excluded */
    struct tally_verdict quorum, alt_quorum;                  /* alt_quorum.applies == 0 if none */
    int quorum_met;
    struct tally_verdict approval; /* applied to the winner (yes for a yes/no vote) */
    int passed;                    /* quorum_met && approval.met && a winner exists */
    /* Per option, in option order (noptions entries, in the arena). */
    struct tally_option_result *options;
    /* All options best first (in the arena); empty for a yes/no vote. */
    int *ranking;
    size_t nranking;
    int winner;    /* option index, or -1: yes/no votes, no votes cast, a tie */
    int *tied;     /* single choice/approval: the options tied for first (in the arena) */
    size_t ntied;  /* 0 or >= 2 */
    /* Ranked only: d[i*n+j] ballots ranking i above j; p[i*n+j] the widest
     * path strength from i to j (in the arena); NULL otherwise. */
    int64_t *d, *p;
    enum tally_tie_break tie_break;
    char description[512]; /* the rule in plain English */
};

/* The presets of DOMAIN.md: stable codes, in table order. */
size_t tally_preset_count(void);
/* The i-th preset (i < tally_preset_count()); a static rule. */
const struct tally_rule *tally_preset_at(size_t i);
/* The preset with that code, or NULL. */
const struct tally_rule *tally_preset(const char *code);

/* Stable names for the enums (static strings), and their inverse: 0 and
 * *out set, or WG_EINVAL for an unknown name. */
const char *tally_method_name(enum tally_method m);
const char *tally_voters_name(enum tally_voters v);
const char *tally_basis_name(enum tally_basis b);
const char *tally_strictness_name(enum tally_strictness s);
const char *tally_base_name(enum tally_base b);
const char *tally_tie_break_name(enum tally_tie_break t);
int tally_method_parse(const char *s, enum tally_method *out);
int tally_voters_parse(const char *s, enum tally_voters *out);
int tally_basis_parse(const char *s, enum tally_basis *out);
int tally_strictness_parse(const char *s, enum tally_strictness *out);
int tally_base_parse(const char *s, enum tally_base *out);

/* Checks a rule on its own (fractions, bases, bases allowed for the method).
 * 0, or WG_EINVAL with a message in msg (always NUL-terminated). */
int tally_rule_check(const struct tally_rule *r, enum tally_method m, char *msg, size_t msglen);

/* Checks an input: the rule, limits, option indexes, duplicates in a
 * ranking, present <= electorate, votes <= present, per option <= cast.
 * 0, or WG_EINVAL with a message naming the problem. */
int tally_check(const struct tally_input *in, char *msg, size_t msglen);

/* Writes the rule in plain English into out (always NUL-terminated). */
void tally_describe(const struct tally_rule *r, enum tally_method m, char *out, size_t outlen);

/* Counts a vote: 0 and *res filled (parts in arena a), or WG_EINVAL when
 * tally_check() fails (its message in msg). */
int tally_run(arena *a, const struct tally_input *in, struct tally_result *res, char *msg, size_t msglen);

/* Exposed for tests: count/base compared with num/den by cross-multiplication.
 * A base of 0 never meets a threshold. */
int tally_frac_meets(int64_t count, int64_t base, int64_t num, int64_t den, enum tally_strictness s);

#endif
