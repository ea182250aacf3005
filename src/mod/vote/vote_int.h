/*
 * Private to the vote module: what its files share (vote.c: reading,
 * creating, ballots; vote_close.c: show of hands, closing, the published
 * data, jobs; vote_view.c: the rule in words and the views).
 */
#ifndef WG_MOD_VOTE_INT_H
#define WG_MOD_VOTE_INT_H

#include "kernel/job.h"
#include "mod/vote/vote.h"

/* "/votes/ID", in c->a. */
const char *vote_url(dctx *c, int64_t id);
/* The rule stored with a vote. */
void vote_rule_of(const struct st_vote *v, struct tally_rule *r);
/* The vote the actor may read. mine: with the actor's part (elector,
 * participation, own ballot) and the show of hands; without, only what
 * casting needs (vote_cast reads its own under the transaction). */
int vote_load(dctx *c, int64_t id, struct vote_info *out, int mine);
/* The vote must be open for ballots now (WG_ECONFLICT with a code). */
int vote_open_for_ballots(dctx *c, const struct st_vote *v);
/* Inside the transaction: the vote as it is now (a close may have won). */
int vote_still_open(dctx *c, int64_t id);
/* The actor may close, cancel and record (else WG_EPERM, audited). */
int vote_manage_check(dctx *c, const struct vote_info *vi);
/* A meeting vote that is still open. */
int vote_meeting_open(dctx *c, const struct vote_info *vi);
/* Parses a stored choice "2,0,1" into opts (TALLY_MAX_OPTIONS); the count. */
int vote_parse_choice(const char *s, int *opts);
/* A short fingerprint of entered counts: what a confirmer saw. */
const char *vote_hands_version(dctx *c, const struct st_vote_hands *h);
/* A threshold and a rule as JSON (the published document's form). */
json_t *vote_threshold_json(const struct tally_threshold *t, int with_base);
json_t *vote_rule_json(const struct tally_rule *r);

/* ---- on time (vote_close.c) ---- */
/* Inside vote_create's transaction: tells the electorate now, or
 * schedules "vote.open"; schedules "vote.closing" and "vote.close" for an
 * online window. */
int vote_jobs_schedule(dctx *c, const struct st_vote *v);
int vote_job_open(dctx *c, const struct job *j);
int vote_job_closing(dctx *c, const struct job *j);
int vote_job_close(dctx *c, const struct job *j);

#endif
