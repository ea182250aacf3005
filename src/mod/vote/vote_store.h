/*
 * The vote module's SQL (private to mod/vote): the vote with its rule, its
 * options, the electorate snapshot, participation, ballots and a show of
 * hands. It reads the council's attendance tables (meeting_attendance,
 * meeting_proxy) for "present at the meeting"; it writes only its own
 * tables. All strings live in the arena passed in; inputs are borrowed for
 * the call. Writes need an open transaction (store_begin).
 */
#ifndef WG_MOD_VOTE_STORE_H
#define WG_MOD_VOTE_STORE_H

#include <stdint.h>

#include "algo/owners.h"
#include "core/arena.h"
#include "kernel/notify.h"
#include "mod/vote/vote.h"
#include "store/store.h"


/* Inserts v (sets v->id); status, figures and results as given. */
int vote_store_insert(store *s, struct st_vote *v);
int vote_store_option_insert(store *s, int64_t vote_id, int64_t community_id, int idx, const char *label);
int vote_store_get(store *s, arena *a, int64_t id, struct st_vote *out);
/* Votes of a community, newest first; matter_id 0: any matter. Leaves the
 * large export/result texts out. */
/* Open online votes where person_id is an elector and has not voted. */
int vote_store_waiting(store *s, arena *a, int64_t person_id, int64_t now, int max, struct st_vote **out, int *n);
int vote_store_list(store *s, arena *a, int64_t community_id, int64_t matter_id, int limit, int offset,
                    struct st_vote **out, int *n, int *total);
/* The option labels in order (arena array of *n strings). */
int vote_store_options(store *s, arena *a, int64_t vote_id, const char ***labels, int *n);

/* The electorate snapshot, and its electors (vote_group). kind: 0 residents
 * (every approved household member), 1 one per household (any member, one
 * ballot per household), 3 representatives, 4 party members (flagged
 * people who live in or hold a role in the subtree). Not 2, owners by area:
 * their electors are grouped in C (vote_store_owner_*, algo/owners.h). */
int vote_store_snapshot(store *s, int64_t vote_id, int64_t community_id, const char *path_prefix, int kind);
/* ---- owners (kind 2): the grouping is made in C (algo/owners.h) ---- */
#define VOTE_UNITS_MAX 200000 /* units under one vote's place */
struct vote_store_unit {
    int64_t id, area_dm2;
    const char *path;
};
struct vote_store_mark {
    const char *path; /* a place that sets developer_held */
    int on;
};
struct vote_store_group {
    int64_t key, area_dm2;
};
/* The units (households) under the place, by id. */
int vote_store_owner_units(store *s, arena *a, int64_t community_id, const char *path_prefix,
                           struct vote_store_unit **out, int *n);
/* Who owns them (relation 'owner'). */
int vote_store_owner_links(store *s, arena *a, int64_t community_id, const char *path_prefix, struct owners_link **out,
                           int *n);
/* The places on the line of the place or under it that set developer_held,
 * shallowest first. */
int vote_store_developer_marks(store *s, arena *a, const char *path_prefix, struct vote_store_mark **out, int *n);
int vote_store_group_insert(store *s, int64_t vote_id, int64_t key, int64_t community_id, int64_t area, int units);
/* A person who votes for the group key (household_id and unit_id). */
int vote_store_elector_insert(store *s, int64_t vote_id, int64_t person_id, int64_t community_id, int64_t key,
                              int64_t area, int units);
/* The vote's electors (vote_group), by key. */
int vote_store_groups(store *s, arena *a, int64_t vote_id, struct vote_store_group **out, int *n);
/* The keys of the electors present: who took part, or (meeting_id) who is
 * present at the meeting. */
int vote_store_present_keys(store *s, arena *a, int64_t vote_id, int64_t meeting_id, int64_t **keys, int *n);

/* Heads (electors), area and households of a snapshot vote_store_snapshot
 * made (an owners' snapshot counts its groups in C). */
int vote_store_electorate_count(store *s, int64_t vote_id, int64_t *heads, int64_t *area, int64_t *households);
int vote_store_set_electorate(store *s, int64_t vote_id, int64_t heads, int64_t area, int64_t households);
/* The person's elector row: WG_ENOTFOUND when they are not an elector. */
int vote_store_elector(store *s, int64_t vote_id, int64_t person_id, int64_t *household_id, int64_t *unit_id,
                       int64_t *area);

/* Records that a person voted. *inserted 0 when a row for the person or
 * (unit_id != 0) the unit exists already: the UNIQUE constraints decide,
 * so concurrent requests cannot both insert. */
int vote_store_participate(store *s, int64_t vote_id, int64_t person_id, int64_t community_id, int64_t unit_id,
                           int64_t recorded_by, int64_t at, int *inserted);
/* Whether the person took part (*yes) and whether another member of the
 * unit did (*unit_taken). */
int vote_store_participation(store *s, int64_t vote_id, int64_t person_id, int64_t unit_id, int *yes, int *unit_taken);
int vote_store_participation_bump(store *s, int64_t vote_id, int64_t person_id);

int vote_store_ballot_insert(store *s, int64_t vote_id, const char *receipt, int64_t community_id, int64_t person_id,
                             const char *choice, int64_t area);
/* Replaces a ballot's choice, by voter (open votes) or by receipt (secret
 * votes); WG_ENOTFOUND when there is no such ballot. */
int vote_store_ballot_replace_person(store *s, int64_t vote_id, int64_t person_id, const char *choice);
int vote_store_ballot_replace_receipt(store *s, int64_t vote_id, const char *receipt, const char *choice);
/* An open vote's ballot of one person; WG_ENOTFOUND when none. */
int vote_store_ballot_of(store *s, arena *a, int64_t vote_id, int64_t person_id, struct st_ballot *out);
/* All ballots sorted by receipt. */
int vote_store_ballots(store *s, arena *a, int64_t vote_id, struct st_ballot **out, int *n);
int vote_store_receipt_exists(store *s, int64_t vote_id, const char *receipt, int *yes);
/* Those who took part: heads (ballot units), their area, their households. */
int vote_store_present(store *s, int64_t vote_id, int64_t *heads, int64_t *area, int64_t *households);
/* Electors of the vote present at the meeting (signed in, or represented by
 * a present proxy holder), counted like the electorate: heads by unit, area,
 * households. */
int vote_store_meeting_present(store *s, int64_t vote_id, int64_t meeting_id, int64_t *heads, int64_t *area,
                               int64_t *households);
/* *yes = 1 when person_id is an elector of the vote present at the meeting. */
int vote_store_elector_present(store *s, int64_t vote_id, int64_t meeting_id, int64_t person_id, int *yes);

/* Enters (or re-enters, clearing a confirmation) a show of hands. */
int vote_store_hands_set(store *s, int64_t vote_id, int64_t community_id, const char *counts_json, int64_t by,
                         int64_t at);
int vote_store_hands_get(store *s, arena *a, int64_t vote_id, struct st_vote_hands *out);
/* Confirms once, by someone else: WG_ECONFLICT when already confirmed. */
/* Confirms exactly these counts (ECONFLICT when re-entered, already
 * confirmed, or by the person who entered them). */
int vote_store_hands_confirm(store *s, int64_t vote_id, int64_t by, int64_t at, const char *counts_json);

/* open -> closed with the result; WG_ECONFLICT when it is no longer open
 * (closed meanwhile: closing is idempotent). closes_at 0 keeps the window. */
int vote_store_close(store *s, int64_t id, int64_t by, int64_t at, int64_t closes_at, int passed,
                     const char *export_json, const char *result_json);
int vote_store_cancel(store *s, int64_t id, int64_t by, int64_t at);

/* msg to each elector (except those who turned its kind off); *n (may be
 * NULL) how many. */
int vote_store_notify(store *s, int64_t vote_id, const struct notify_msg *msg, int *n);

/* The person flag of the 'representatives' rule. */
int vote_store_set_representative(store *s, int64_t person_id, int on);

/* Rewrites every ballot of the vote (new row versions in this transaction):
 * done when a secret vote closes, so no ballot shares a transaction id with
 * the row that records who cast it. */
int vote_store_ballots_rewrite(store *s, int64_t vote_id);

/* Votes on an agenda item that are not cancelled. */
int vote_store_count_for_item(store *s, int64_t agenda_item_id, int *n);

/* Meeting-mode votes of a meeting that are still open. */
int vote_store_open_at_meeting(store *s, int64_t meeting_id, int *n);

/* Households of those who voted in the votes of a matter (that they voted, never how). */
int vote_store_households(store *s, arena *a, int64_t matter_id, struct household_ref **out, int *n);

#endif
