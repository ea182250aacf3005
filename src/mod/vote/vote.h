/*
 * Votes (表决) that follow the law: the rule (a preset of DOMAIN.md's table
 * or a custom one) is stored with the vote; the electorate is snapshotted
 * when the vote is published; ballots are cast online within a window or
 * recorded at a meeting (per person, or a show of hands confirmed by a
 * second staff member); the result comes from tally_run() over exactly the
 * `wugong-tally/1` document the vote publishes, so `wugong tally` on the
 * export recomputes the same result. docs/api.md ("Votes") has the rules.
 *
 * On time, by the jobs of the kernel (kernel/job.h), whether or not anyone
 * reads the vote: "vote.open" tells the electorate when an online window
 * opens, "vote.closing" reminds it VOTE_CLOSING_NOTICE before the end,
 * "vote.close" closes it at closes_at, counts it and tells the electorate
 * the result. Reads never write.
 *
 * Everything returned lives in c->a; json_t values are the caller's.
 */
#ifndef WG_MOD_VOTE_H
#define WG_MOD_VOTE_H

#include <jansson.h>

#include "algo/tally.h"
#include "kernel/kernel.h"
#include "mod/council/council.h"
#include "mod/matter/matter.h"

#define VOTE_TITLE_MAX 80               /* code points */
#define VOTE_LABEL_MAX 60               /* code points per option */
#define VOTE_WINDOW_MAX (90 * 86400)    /* longest online window */
#define VOTE_OPENS_WITHIN (366 * 86400) /* an online window opens within a year */
#define VOTE_CLOSING_NOTICE 86400       /* "closing soon" this long before the end */
#define VOTE_RECEIPT_MAX 64             /* longest receipt code accepted */

/* Who may create, close, cancel and record votes: grid workers, community
 * staff and street admins at the vote's place (building leaders cannot). */
extern const struct perm_action vote_act_manage;

struct st_vote {
    int64_t id, community_id, place_id, matter_id, meeting_id, agenda_item_id;
    const char *place_name, *place_kind, *place_path, *matter_title;
    const char *title, *method, *mode, *status;
    int secret, allow_change;
    int64_t opens_at, closes_at; /* 0 when unset (meeting votes) */
    const char *rule_code, *voters;
    const char *q_basis, *q_strict, *aq_basis, *aq_strict, *ap_basis, *ap_strict, *ap_base;
    int64_t q_num, q_den, aq_num, aq_den, ap_num, ap_den;
    int64_t elect_heads, elect_area, elect_households;
    int64_t created_by, created_at, closed_by, closed_at;
    const char *creator_name;
    int passed; /* -1 until closed */
    const char *export_json, *result_json; /* NULL until closed */
};

struct st_ballot {
    const char *receipt, *choice;
    int64_t person_id, area_dm2;
    int64_t group_key; /* the elector it stands for (open ballots in a list) */
};

struct st_vote_hands {
    const char *counts_json;
    int64_t entered_by, entered_at, confirmed_by, confirmed_at;
    const char *entered_name, *confirmed_name;
};


struct vote_new {
    int64_t place_id, matter_id, meeting_id, agenda_item_id;
    const char *title, *method, *mode;
    const char *const *labels; /* nlabels options; none for yes_no_abstain */
    int nlabels;
    json_t *rule;              /* {"preset": CODE} or a custom rule as in docs/tally.md (borrowed) */
    int secret, allow_change;
    int64_t opens_at, closes_at; /* online only; opens_at 0: now */
};

struct vote_info {
    struct st_vote v;
    const char **labels;
    int nlabels;
    enum tally_method method;
    struct tally_rule rule;
    const char *state;   /* scheduled open closed cancelled */
    int may_manage;      /* the actor may close, cancel, record */
    int is_elector, voted, unit_taken;
    int has_mine;        /* open votes: the actor's ballot */
    struct st_ballot mine;
    int has_hands;
    struct st_vote_hands hands;
};

/* Creates and publishes a vote: electorate snapshot, notifications. */
int vote_create(dctx *c, const struct vote_new *in, int64_t *id);
/* The same inside the caller's write transaction, for a later module that
 * keeps its own record with the vote (a participatory budget). The caller
 * checks vote_act_manage at the place before it opens the transaction (a
 * denial is audited in a transaction of its own). */
int vote_create_in(dctx *c, const struct vote_new *in, int64_t *id);
/* How a vote stands at c->now: its stored status, except that an open
 * online vote is "scheduled" before its window and "counting" after it
 * until the job closes it. */
const char *vote_state_at(dctx *c, const struct st_vote *v);
/* Reads a vote the actor may read. */
int vote_get(dctx *c, int64_t id, struct vote_info *out);
/* Online votes open now in which the actor is an elector and has not
 * voted, closing first first (at most max): what waits for her. */
int vote_waiting(dctx *c, int max, struct st_vote **out, int *n);
/* Votes of a matter (matter_id > 0) or of the actor's community. */
int vote_list(dctx *c, int64_t matter_id, int limit, int offset, struct st_vote **out, int *n, int *total);
/* Casts (or, with allow_change, changes) the actor's online ballot. opts:
 * option indexes (none: abstain). Secret votes: *receipt_out is the new
 * receipt (shown once); changing one needs receipt_in. *changed 1 when an
 * earlier ballot was replaced. */
int vote_cast(dctx *c, int64_t id, const int *opts, int nopts, const char *receipt_in, const char **receipt_out,
              int *changed);
/* Meeting votes: the facilitator records one person's open vote (again:
 * corrects it). */
int vote_record(dctx *c, int64_t id, int64_t person_id, const int *opts, int nopts, int *changed);
/* Meeting votes: a show of hands {counts, abstain, cast, present}. */
int vote_hands_enter(dctx *c, int64_t id, json_t *entry);
/* version: the "version" of the counts the confirmer was shown (GET's
 * hands.version), or NULL; counts re-entered since answer 409 hands_changed. */
int vote_hands_confirm(dctx *c, int64_t id, const char *version);
int vote_close(dctx *c, int64_t id);
int vote_cancel(dctx *c, int64_t id);
/* The published wugong-tally/1 document (closed votes only). */
int vote_export(dctx *c, int64_t id, const char **doc);
int vote_receipt_check(dctx *c, int64_t id, const char *code, int *found);

/* The rule in plain words in a language (0 zh-Hans, 1 zh-Hant, 2 en). */
void vote_rule_words(const struct tally_rule *r, enum tally_method m, int lang, char *out, size_t outlen);
/* The vote as shown (result parsed, rule in three languages). */
json_t *vote_view(dctx *c, const struct vote_info *vi);
json_t *vote_view_item(dctx *c, const struct st_vote *v);

/* Households that voted in the matter's votes (that they voted, never how), with their buildings, for the result page: no reader check
 * (the caller has read the matter). */
int vote_households(dctx *c, int64_t matter_id, struct household_ref **out, int *n);

extern const struct module vote_module;

#endif
