/*
 * Calls for opinions (意见征集), the first step of co-planning: staff open a
 * call at a building, grid or community (its audience: the approved
 * household members living under that place) with a topic and a deadline;
 * the audience posts opinions (text and up to OPINION_PHOTOS_MAX photos)
 * and supports each other's; staff merge duplicates (supports carry over,
 * each person once) and turn an opinion into a matter at the call's place.
 *
 * Who may do what:
 *   create / close / merge / adopt: grid workers, community staff and street
 *     admins whose subtree holds the call's place (ACT_MANAGE_MATTER);
 *   read a call and its opinions: whoever reads its place (ACT_READ);
 *   post and support: the audience only (others WG_EPERM "not_in_audience");
 *   comment: members of the community (ACT_FOLLOW), as on matters.
 * Results live in c->a; json_t values are the caller's.
 */
#ifndef WG_DOMAIN_OPINION_H
#define WG_DOMAIN_OPINION_H

#include "domain/domain.h"
#include "store/store_opinion.h"

#define CALL_TITLE_MAX 80          /* code points */
#define CALL_BODY_MAX 5000         /* code points */
#define CALL_DEADLINE_MAX_DAYS 366 /* a deadline lies within this many days */
#define CALL_LIST_CAP 500          /* calls considered for one list */
#define OPINION_MAX 2000           /* code points */
#define OPINION_PHOTOS_MAX 3
#define OPINION_RATE_MINUTE 5      /* opinions per person per minute */
#define OPINION_RATE_HOUR 30       /* and per hour */

struct call_new {
    int64_t place_id;
    const char *title, *body;
    int64_t deadline; /* Unix seconds, in the future */
};
int call_create(dctx *c, const struct call_new *in, int64_t *id);
int call_get(dctx *c, int64_t id, struct st_call *out);
/* Calls the actor sees: staff all of their community's (a street admin
 * those of the street); others those at places on their line (their
 * building, grid, community). Newest first. */
int call_list(dctx *c, int limit, int offset, struct st_call **out, int *n, int *total);
int call_close(dctx *c, int64_t id);
/* Open: not closed by staff and before its deadline. */
int call_is_open(const dctx *c, const struct st_call *cl);
int call_may_manage(dctx *c, const struct st_call *cl);
int call_in_audience(const dctx *c, const struct st_call *cl);

struct photo_upload {
    const void *data;
    size_t len;
};
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

/* Comments on opinions: the rules of comments on matters (comment.c). */
int comment_list_opinion(dctx *c, int64_t opinion_id, struct st_comment **out, int *n, int *moderator);
int comment_post_opinion(dctx *c, int64_t opinion_id, int64_t parent_id, const char *body, int64_t *id,
                         const char **status);

json_t *view_call(dctx *c, const struct st_call *cl);
json_t *view_opinion(dctx *c, const struct st_opinion *o);

#endif
