/*
 * A participatory budget in the tally format: a "wugong-tally/1" document
 * whose vote.method is "equal_shares" (docs/tally.md, "Participatory
 * budgets"): the projects with their costs, the budget, the order drawn
 * when the vote opened, and the approval ballots. The result document
 * ("wugong-tally-result/1") shows Equal Shares (with Add1 and the greedy
 * fill) and plain greedy side by side, with each project's effective vote
 * count and what each ballot paid, as src/algo/pb.c computes them.
 *
 * Ownership: everything the reader produces lives in the caller's arena;
 * the JSON document stays the caller's. The writer appends to the caller's
 * buf.
 */
#ifndef WG_TALLY_PB_H
#define WG_TALLY_PB_H

#include <jansson.h>
#include <stddef.h>

#include "algo/pb.h"
#include "core/arena.h"
#include "core/buf.h"

struct tally_pb_doc {
    const char *id;
    int id_is_int;
    const char *title;
    const char *counting;       /* or NULL */
    const char *const *labels;  /* in.nprojects project names */
    const int *tie_order;       /* the projects in the order drawn, as published */
    int64_t electorate, present; /* heads */
    int64_t blank;              /* ballots approving nothing */
    const char *const *receipts; /* per ballot, NULL where none */
    struct pb_input in;
};

/* Whether a parsed tally document is a participatory budget. */
int tally_pb_is(json_t *root);

/* Reads a parsed document into *d: 0, or WG_EINVAL with "path: problem". */
int tally_pb_read(arena *a, json_t *root, struct tally_pb_doc *d, char *err, size_t errlen);

/* Appends the result document: 0, or WG_ETOOBIG when out is full. */
int tally_pb_write(buf *out, const struct tally_pb_doc *d, const struct pb_result *r);

/* read + pb_run + write. */
int tally_pb_run(arena *a, json_t *root, buf *out, char *err, size_t errlen);

#endif
