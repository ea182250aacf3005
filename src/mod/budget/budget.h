/*
 * Participatory budgeting (STAGES.md): residents approve projects that
 * have costs, within a total. A budget is a record of this module joined
 * to an approval vote of the vote module, which gives it everything a
 * lawful vote has: the electorate (residents, or one per household) as a
 * snapshot, one ballot per elector, the window, receipts, closing on
 * time, the published data. The order that breaks ties is drawn when the
 * budget opens and published with it.
 *
 * When the vote is closed, the result is computed from the vote's
 * published ballots by src/algo/pb.c through the tally format
 * (budget_document: a "wugong-tally/1" document with method
 * equal_shares, which `wugong tally` recomputes byte for byte): the Method
 * of Equal Shares with Add1 and the greedy fill beside plain greedy, with
 * each project's effective vote count and why the two differ. The result
 * is computed when read (no write on a read; a community's budget counts
 * in milliseconds).
 *
 * Permission: the vote module's (manage_vote at the place creates; readers
 * of the place read).
 */
#ifndef WG_MOD_BUDGET_H
#define WG_MOD_BUDGET_H

#include <jansson.h>

#include "kernel/kernel.h"
#include "mod/vote/vote.h"

#define BUDGET_PROJECTS_MAX 64 /* the options of an approval vote */
#define BUDGET_TOTAL_MAX 1000000000LL /* yuan */

struct budget_project_in {
    const char *name;
    int64_t cost;
};

struct budget_new {
    int64_t place_id;
    const char *title, *voters; /* voters: "residents" or "one_per_household" */
    int64_t total;
    const struct budget_project_in *projects;
    int nprojects;
    int64_t opens_at, closes_at;
};

int budget_create(dctx *c, const struct budget_new *in, int64_t *id, int64_t *vote_id);
/* The budget with its projects, its vote, and (closed) its result. */
json_t *budget_detail(dctx *c, int64_t id, int *rc);
/* The published document that `wugong tally` recomputes (closed votes). */
int budget_document(dctx *c, int64_t id, const char **doc);
json_t *budget_list(dctx *c, int64_t community_id, int *rc);

extern const struct module budget_module;

#endif
