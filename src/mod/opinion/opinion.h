/*
 * Calls for opinions (意见征集), the first step of co-planning: staff open a
 * call at a building, grid or community (its audience: the approved
 * household members living under that place) with a topic and a deadline;
 * the audience posts opinions (text and up to OPINION_PHOTOS_MAX photos)
 * and supports each other's; staff merge duplicates (supports carry over,
 * each person once) and turn an opinion into a matter at the call's place.
 *
 * Who may do what:
 *   create / close / merge / adopt: opinion_act_manage (grid workers,
 *     community staff and street admins whose subtree holds the call's place);
 *   read a call and its opinions: whoever reads its place (perm_read);
 *   post and support: the audience only;
 *   comment: members of the community (matter_act_take_part), through the
 *     comment module, an opinion being a subject ("opinion").
 * The matter an opinion became shows the call it came from (a panel).
 * Results live in c->a; json_t values are the caller's.
 */
#ifndef WG_MOD_OPINION_H
#define WG_MOD_OPINION_H

#include <jansson.h>

#include "kernel/kernel.h"
#include "mod/comment/comment.h"
#include "mod/matter/matter.h"
#include "mod/photo/photo.h"

#define CALL_TITLE_MAX 80          /* code points */
#define CALL_BODY_MAX 5000         /* code points */
#define CALL_DEADLINE_MAX_DAYS 366 /* a deadline lies within this many days */
#define CALL_LIST_CAP 500          /* calls considered for one list */
#define OPINION_MAX 2000           /* code points */
#define OPINION_PHOTOS_MAX 3
#define OPINION_RATE_MINUTE 5      /* opinions per person per minute */
#define OPINION_RATE_HOUR 30       /* and per hour */

extern const struct perm_action opinion_act_manage;

struct st_call {
    int64_t id, place_id, community_id, author_id;
    const char *place_name, *place_kind, *place_path, *author_name;
    const char *title, *body, *status; /* status: open closed */
    int64_t deadline, closed_by, closed_at, created_at;
    int opinions; /* opinions posted (merged ones included) */
};

struct st_opinion {
    int64_t id, call_id, community_id, author_id, merged_into, matter_id, created_at;
    const char *author_name, *body, *status; /* status: open merged adopted */
    int supports; /* people supporting it */
    int mine;     /* the viewer supports it */
    int64_t *photos; /* photo ids, in upload order */
    int nphotos;
};

struct opinion_call_new {
    int64_t place_id;
    const char *title, *body;
    int64_t deadline; /* Unix seconds, in the future */
};
int opinion_call_create(dctx *c, const struct opinion_call_new *in, int64_t *id);
int opinion_call_get(dctx *c, int64_t id, struct st_call *out);
/* Calls the actor sees: staff all of their community's (a street admin
 * those of the street); others those at places on their line (their
 * building, grid, community). Newest first. */
int opinion_calls(dctx *c, int limit, int offset, struct st_call **out, int *n, int *total);
int opinion_call_close(dctx *c, int64_t id);
/* Open: not closed by staff and before its deadline. */
int opinion_call_is_open(const dctx *c, const struct st_call *cl);
int opinion_call_may_manage(dctx *c, const struct st_call *cl);
int opinion_call_in_audience(const dctx *c, const struct st_call *cl);

/* Posts an opinion with its photos in one transaction (a refused photo
 * writes nothing). */
int opinion_post(dctx *c, int64_t call_id, const char *body, const struct photo_upload *photos, int nphotos,
                 int64_t *id);
int opinion_list(dctx *c, int64_t call_id, struct st_opinion **out, int *n);
/* The opinion and its call, as visible to the actor. */
int opinion_get(dctx *c, int64_t id, struct st_opinion *o, struct st_call *cl);
/* on: support (PUT), 0: withdraw (DELETE); idempotent. The author cannot
 * support their own (WG_EINVAL "own_opinion"). */
int opinion_support(dctx *c, int64_t id, int on, struct st_opinion *out);
/* Merges opinion `from` into `into` (same call, both open). */
int opinion_merge(dctx *c, int64_t from, int64_t into);
/* Turns an open opinion into a matter at the call's place; title defaults
 * to the call's title, category to "other"; the body holds the opinion and
 * those merged into it. */
int opinion_adopt(dctx *c, int64_t id, const char *title, const char *category, int64_t *matter_id);
/* The call and opinion a matter came from (WG_ENOTFOUND when none). */
int opinion_of_matter(dctx *c, int64_t matter_id, struct st_opinion *o, struct st_call *cl);

json_t *opinion_view_call(dctx *c, const struct st_call *cl);
json_t *opinion_view(dctx *c, const struct st_opinion *o);

/* The demo's open call for opinions (东院晚间停车) with one opinion and its
 * support; inside the demo's transaction. */
int opinion_demo(dctx *c);

/* Households whose opinions were taken into the matter, with their buildings, for the result page: no reader check
 * (the caller has read the matter). */
int opinion_households(dctx *c, int64_t matter_id, struct household_ref **out, int *n);

extern const struct module opinion_module;

#endif
