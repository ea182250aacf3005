/*
 * Published vote data as JSON ("wugong-tally/1", docs/tally.md) in, the
 * tally result as JSON ("wugong-tally-result/1") out. The reader is strict:
 * a missing field, a wrong type, an unknown field, a negative count, an
 * option out of range, a ranking that names an option twice, counts beyond
 * those present or present beyond the electorate all fail with one message
 * "path: what is wrong", e.g. "ballots.rankings[3].ranking[1]: option 7 is
 * out of range (the vote has 3 options)".
 *
 * Ownership: everything the reader produces (strings, arrays, the tally
 * input) lives in the caller's arena until it is reset or freed; the parsed
 * JSON document is released before tally_json_read() returns. The writer
 * appends to the caller's buf and leaves freeing it to the caller.
 */
#ifndef WG_TALLY_JSON_H
#define WG_TALLY_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "algo/tally.h"
#include "core/arena.h"
#include "core/buf.h"

#define TALLY_JSON_FORMAT "wugong-tally/1"
#define TALLY_JSON_RESULT_FORMAT "wugong-tally-result/1"

/* A vote as published: the tally input plus what is shown but not counted. */
struct tally_json_vote {
    const char *id;     /* as text; id_is_int when it was a JSON integer */
    int id_is_int;
    const char *title;
    const char *counting;     /* "show_of_hands", "paper_ballot", "secret_ballot", "online" or NULL */
    const char *const *labels; /* in.noptions option labels */
    const char *const *receipts; /* sorted; nreceipts entries */
    size_t nreceipts;
    struct tally_input in;
};

/* Parses data (len bytes, need not be NUL-terminated) into *v. 0, or
 * WG_EINVAL with "path: problem" in err (always NUL-terminated). The result
 * has passed tally_check(). */
int tally_json_read(arena *a, const char *data, size_t len, struct tally_json_vote *v, char *err, size_t errlen);

/* The same from a parsed document (tally_jr_load); root stays the caller's. */
int tally_json_read_doc(arena *a, json_t *root, struct tally_json_vote *v, char *err, size_t errlen);

/* Appends the result of tally_run(v->in) as a JSON document (2-space
 * indented, ending in a newline) to out. 0, or WG_ETOOBIG when out is full. */
int tally_json_write(buf *out, const struct tally_json_vote *v, const struct tally_result *r);

/* A vote's rule, {"preset": CODE} or a custom rule (docs/tally.md), for
 * method m: the one reader of rules, for the server and for `wugong tally`.
 * 0, or WG_EINVAL with "vote.rule...: problem" in err. Strings in r live in
 * a or in rule. */
int tally_json_rule(arena *a, json_t *rule, enum tally_method m, struct tally_rule *r, char *err, size_t errlen);

/* read + tally_run + write: what `wugong tally` and the server call; a
 * participatory budget (vote.method "equal_shares") goes to tally_pb.c.
 * 0 with the result appended to out; WG_EINVAL with the message in err;
 * WG_ETOOBIG when out is full. */
int tally_json_run(arena *a, const char *data, size_t len, buf *out, char *err, size_t errlen);

#endif
