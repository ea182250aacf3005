/*
 * The disclosure board (居务公开 / 村务公开, STAGES.md co-share): what a
 * community must make public, by kind, on a schedule.
 *
 * Kinds and their schedules (per-community settings, the nearest place on
 * the community's line that sets one applies; each item keeps what applied):
 *   finance     财务公开   one item per period of disclosure_finance_months (default 1: monthly)
 *   affairs     事务公开   one item per period of disclosure_affairs_months (default 3: quarterly)
 *   government  政务公开   one item per period of disclosure_government_months (default 3)
 *   major       重大事项   one item per decision, due disclosure_major_days after it (default 5)
 * Periods are calendar months grouped from January (3: the quarters). A
 * period's item is due by the end of the disclosure_grace_days-th day after
 * the period ends (default 10: November's finances by 10 December). Staff
 * are reminded disclosure_remind_days before (default 3; 0: no reminder).
 *
 * The board of a community starts when its staff open it (or the first item
 * is written): periods before the one it opened in are never due. Two jobs
 * keep the schedule: "disclosure.tick" per community and periodic kind, and
 * "disclosure.item" per major item not yet published. At its time a job
 * reminds the community's staff (once per period or item: a mark row) and,
 * when the due time passed with nothing published for the period, marks it
 * overdue (again once) and tells the staff. The board shows a kind overdue,
 * with its days, while a marked period has no published item; publishing
 * one (or its scheduled time arriving) clears it, the mark stays as history.
 *
 * An item: its kind, title, body (plain text), its period (or the day of the
 * decision), up to DISCLOSURE_PHOTOS_MAX photos (mod/photo), and a
 * publication time: none (a draft), in the future (scheduled), or now; it
 * is never backdated. Before its publication staff may edit it; after it,
 * only withdraw it with a reason, which stays on the record and the board.
 * Nothing is deleted.
 *
 * Permission: readers of the community (perm_read) read the board, the
 * published items and the archive; publish_disclosure (community staff)
 * writes, edits and withdraws, and sees drafts; oversee_disclosure (the
 * street, and community staff for their own) reads every community's board
 * state under a place.
 *
 * Ownership: what the rules return lives in c->a; json_t values are the
 * caller's to release.
 */
#ifndef WG_MOD_DISCLOSURE_H
#define WG_MOD_DISCLOSURE_H

#include <jansson.h>

#include "kernel/kernel.h"
#include "mod/photo/photo.h"
#include "mod/place/place.h"

#define DISCLOSURE_TITLE_MAX 120
#define DISCLOSURE_BODY_MAX 20000       /* code points */
#define DISCLOSURE_PHOTOS_MAX 6         /* photos of one item */
#define DISCLOSURE_SCHEDULE_DAYS_MAX 366 /* the furthest a publication may be scheduled, and back a decision */
#define DISCLOSURE_CLOCK_SKEW 300       /* seconds a "now" publication time may lag the server's clock */
#define DISCLOSURE_QUERY_MAX 50         /* code points of an archive search */
#define DISCLOSURE_OVERVIEW_MAX 200     /* communities in the street's overview */
#define DISCLOSURE_YEAR_MIN 2000       /* the earliest period an item may cover */
#define DISCLOSURE_DRAFTS_MAX 20        /* drafts listed on the board for its staff */

extern const struct perm_action disclosure_act_publish, disclosure_act_oversee;
extern const struct setting_def disclosure_settings[];

/* The kinds, in board order, NULL-ended; 1 when kind is one. */
extern const char *const disclosure_kinds[];
int disclosure_kind_valid(const char *kind);
int disclosure_kind_periodic(const char *kind);

/* A kind's schedule at a community, as the settings say now. */
struct disclosure_schedule {
    int months; /* periodic kinds: months per period; major: 0 */
    int days;   /* major: days after the decision; periodic: 0 */
    int grace_days, remind_days;
};
int disclosure_schedule_of(dctx *c, const struct st_place *com, const char *kind, struct disclosure_schedule *out);

/* A period: [start, end) in Unix time (local midnights), its label
 * ("2026-11", "2026-Q4", "2026-09/10" or the day of a decision) and due time. */
struct disclosure_period {
    int64_t start, end, due_at, remind_at;
    const char *label;
};
/* The period of months months that holds time t, and its neighbours (shift). */
void disclosure_period_at(arena *a, int64_t t, int months, int shift, const struct disclosure_schedule *s,
                          struct disclosure_period *out);

struct st_disclosure {
    int64_t id, community_id, period_start, period_end, due_at, publish_at; /* publish_at 0: draft */
    int64_t created_by, created_at, updated_at, withdrawn_at, withdrawn_by;
    int64_t matter_id; /* a major item drafted when the matter's decision stood (0: none) */
    int period_months, period_year;
    const char *kind, *title, *body, *period_label, *withdraw_reason, *community_name, *community_path;
    int64_t *photos;
    int nphotos;
};

struct disclosure_new {
    int64_t community_id;
    const char *kind, *title, *body;
    const char *period;     /* periodic kinds: "YYYY-MM", a month of the period */
    const char *decided_on; /* major: "YYYY-MM-DD" */
    const char *publish;    /* "now" (NULL on create), "draft" (no time yet) or "at" (publish_at); NULL on edit: unchanged */
    int64_t publish_at;     /* with "at": when (not in the past) */
    const struct photo_upload *photos;
    int nphotos;
};

/* The text fields of an item from a form (multipart or urlencoded): kind,
 * title, body, period, decided_on, publish; empty period and decided_on
 * count as not given. Borrows the form's strings. */
void disclosure_from_form(const struct form *f, struct disclosure_new *in);

/* Opens the community's board (idempotent) and schedules its jobs. */
int disclosure_open(dctx *c, int64_t community_id);
int disclosure_create(dctx *c, const struct disclosure_new *in, int64_t *id);
/* Edits an item before its publication: the fields of in that are set
 * (kind and community are kept; photos are added). WG_ECONFLICT
 * "disclosure_published" once published or withdrawn. */
int disclosure_edit(dctx *c, int64_t id, const struct disclosure_new *in);
/* Withdraws an item with a reason (kept); WG_ECONFLICT when withdrawn. */
int disclosure_withdraw(dctx *c, int64_t id, const char *reason);
/* An item for a reader: published ones for readers of its community,
 * drafts and scheduled ones for those who may publish; else WG_ENOTFOUND. */
int disclosure_get(dctx *c, int64_t id, struct st_disclosure *out);
json_t *disclosure_json(dctx *c, const struct st_disclosure *d);

/* The archive: a community's items, newest period first, of a kind and a
 * year (0/NULL: all), whose title or body holds q (NULL: all). */
struct disclosure_query {
    int64_t community_id;
    const char *kind, *q;
    int year, limit, offset;
};
int disclosure_list(dctx *c, const struct disclosure_query *q, struct st_disclosure **out, int *n, int *total);
/* The years the community's archive covers, newest first. */
int disclosure_years(dctx *c, int64_t community_id, int **years, int *n);

/* The board of a community: per kind, its schedule, latest item, status;
 * for those who may publish, also the drafts waiting (DISCLOSURE_DRAFTS_MAX,
 * soonest due first). */
json_t *disclosure_board(dctx *c, int64_t community_id, int *rc);
/* The state of every community's board under a place (oversee_disclosure). */
json_t *disclosure_overview(dctx *c, int64_t place_id, int *rc);

/* The jobs. */
int disclosure_job_tick(dctx *c, const struct job *j);
int disclosure_job_item(dctx *c, const struct job *j);

int disclosure_demo(dctx *c);

extern const struct module disclosure_module;

#endif
