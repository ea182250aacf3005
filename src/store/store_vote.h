/*
 * The store's part of votes (表决): the vote with its rule, its options, the
 * electorate snapshot, participation, ballots and a show of hands. All
 * strings live in the arena passed in; inputs are borrowed for the call.
 * Writes need an open transaction (store_begin).
 */
#ifndef WG_STORE_VOTE_H
#define WG_STORE_VOTE_H

#include <stdint.h>

#include "core/arena.h"
#include "store/store.h"

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

/* Inserts v (sets v->id); status, figures and results as given. */
int store_vote_insert(store *s, struct st_vote *v);
int store_vote_option_insert(store *s, int64_t vote_id, int64_t community_id, int idx, const char *label);
int store_vote_get(store *s, arena *a, int64_t id, struct st_vote *out);
/* Votes of a community, newest first; matter_id 0: any matter. Leaves the
 * large export/result texts out. */
int store_vote_list(store *s, arena *a, int64_t community_id, int64_t matter_id, int limit, int offset,
                    struct st_vote **out, int *n, int *total);
/* The option labels in order (arena array of *n strings). */
int store_vote_options(store *s, arena *a, int64_t vote_id, const char ***labels, int *n);

/* The electorate snapshot. kind: 0 residents (every approved household
 * member), 1 one per household (any member, one ballot per household),
 * 2 owners by area (members with relation owner, one ballot per household
 * weighted by its area), 3 representatives, 4 party members (flagged
 * people who live in or hold a role in the subtree). */
int store_vote_snapshot(store *s, int64_t vote_id, int64_t community_id, const char *path_prefix, int kind);
/* Heads (ballot units), area (each unit once) and households of the snapshot. */
int store_vote_electorate_count(store *s, int64_t vote_id, int64_t *heads, int64_t *area, int64_t *households);
int store_vote_set_electorate(store *s, int64_t vote_id, int64_t heads, int64_t area, int64_t households);
/* The person's elector row: WG_ENOTFOUND when they are not an elector. */
int store_vote_elector(store *s, int64_t vote_id, int64_t person_id, int64_t *household_id, int64_t *unit_id,
                       int64_t *area);

/* Records that a person voted. *inserted 0 when a row for the person or
 * (unit_id != 0) the unit exists already: the UNIQUE constraints decide,
 * so concurrent requests cannot both insert. */
int store_vote_participate(store *s, int64_t vote_id, int64_t person_id, int64_t community_id, int64_t unit_id,
                           int64_t recorded_by, int64_t at, int *inserted);
/* Whether the person took part (*yes) and whether another member of the
 * unit did (*unit_taken). */
int store_vote_participation(store *s, int64_t vote_id, int64_t person_id, int64_t unit_id, int *yes, int *unit_taken);
int store_vote_participation_bump(store *s, int64_t vote_id, int64_t person_id);

struct st_ballot {
    const char *receipt, *choice;
    int64_t person_id, area_dm2;
};
int store_vote_ballot_insert(store *s, int64_t vote_id, const char *receipt, int64_t community_id, int64_t person_id,
                             const char *choice, int64_t area);
/* Replaces a ballot's choice, by voter (open votes) or by receipt (secret
 * votes); WG_ENOTFOUND when there is no such ballot. */
int store_vote_ballot_replace_person(store *s, int64_t vote_id, int64_t person_id, const char *choice);
int store_vote_ballot_replace_receipt(store *s, int64_t vote_id, const char *receipt, const char *choice);
/* An open vote's ballot of one person; WG_ENOTFOUND when none. */
int store_vote_ballot_of(store *s, arena *a, int64_t vote_id, int64_t person_id, struct st_ballot *out);
/* All ballots sorted by receipt. */
int store_vote_ballots(store *s, arena *a, int64_t vote_id, struct st_ballot **out, int *n);
int store_vote_receipt_exists(store *s, int64_t vote_id, const char *receipt, int *yes);
/* Those who took part: heads (ballot units), their area, their households. */
int store_vote_present(store *s, int64_t vote_id, int64_t *heads, int64_t *area, int64_t *households);
/* Electors of the vote present at the meeting (signed in, or represented by
 * a present proxy holder), counted like the electorate: heads by unit, area,
 * households. */
int store_vote_meeting_present(store *s, int64_t vote_id, int64_t meeting_id, int64_t *heads, int64_t *area,
                               int64_t *households);
/* *yes = 1 when person_id is an elector of the vote present at the meeting. */
int store_vote_elector_present(store *s, int64_t vote_id, int64_t meeting_id, int64_t person_id, int *yes);

struct st_vote_hands {
    const char *counts_json;
    int64_t entered_by, entered_at, confirmed_by, confirmed_at;
    const char *entered_name, *confirmed_name;
};
/* Enters (or re-enters, clearing a confirmation) a show of hands. */
int store_vote_hands_set(store *s, int64_t vote_id, int64_t community_id, const char *counts_json, int64_t by,
                         int64_t at);
int store_vote_hands_get(store *s, arena *a, int64_t vote_id, struct st_vote_hands *out);
/* Confirms once, by someone else: WG_ECONFLICT when already confirmed. */
/* Confirms exactly these counts (ECONFLICT when re-entered, already
 * confirmed, or by the person who entered them). */
int store_vote_hands_confirm(store *s, int64_t vote_id, int64_t by, int64_t at, const char *counts_json);

/* open -> closed with the result; WG_ECONFLICT when it is no longer open
 * (closed meanwhile: closing is idempotent). closes_at 0 keeps the window. */
int store_vote_close(store *s, int64_t id, int64_t by, int64_t at, int64_t closes_at, int passed,
                     const char *export_json, const char *result_json);
int store_vote_cancel(store *s, int64_t id, int64_t by, int64_t at);

/* One notification to each elector (except those who turned the kind
 * off), due at `at`; *n how many. */
int store_vote_notify(store *s, int64_t vote_id, const char *kind, const char *title, const char *url,
                      const char *detail, int64_t at, int *n);
/* Pending notifications of a kind for a link: dropped, or moved to `at`,
 * when they are due after `at`. */
int store_vote_notify_drop(store *s, const char *url, const char *kind, int64_t after);
int store_vote_notify_move(store *s, const char *url, const char *kind, int64_t at);

/* The person flag of the 'representatives' rule. */
int store_person_set_representative(store *s, int64_t person_id, int on);

/* Rewrites every ballot of the vote (new row versions in this transaction):
 * done when a secret vote closes, so no ballot shares a transaction id with
 * the row that records who cast it. */
int store_vote_ballots_rewrite(store *s, int64_t vote_id);

/* Votes on an agenda item that are not cancelled. */
int store_vote_count_for_item(store *s, int64_t agenda_item_id, int *n);

/* Meeting-mode votes of a meeting that are still open. */
int store_vote_open_at_meeting(store *s, int64_t meeting_id, int *n);

#endif
