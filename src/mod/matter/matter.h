/*
 * The matter spine. A matter belongs to a building, grid or community and
 * moves through the five co's: 共謀 collecting -> deliberating -> notice,
 * 共建 building, 共管 managing, 共評 evaluating, 共享 sharing; or it ends
 * withdrawn, rejected or merged. Every move is a compare-and-set of the
 * stage plus a row of the append-only timeline, allowed to the action the
 * transition names (or to the author where it says so), and every module
 * listed later may refuse a move with a guard, and act on one in its
 * transaction (struct matter_ext).
 *
 * Also here, as parts of the spine's stages:
 * - support (collecting): one per person, counted by household; enough
 *   households (setting "support_households") start deliberation at once;
 * - public notice (公示, notice): entering it starts a period (setting
 *   "notice_days") recorded on the matter; members of the community file
 *   objections, which the office answers in public; notice -> building
 *   needs the period over and every objection answered; an upheld
 *   objection sends the matter back to deliberation. When the period ends,
 *   a job tells the followers and whoever started the notice.
 *
 * Later modules add a panel to the matter's page and its API detail
 * (votes, the call an opinion came from, the discussion) through the same
 * struct matter_ext; matter_detail assembles everything once for both.
 *
 * Every function returns 0 or a WG_E* code with c->code set; results live
 * in c->a; json_t values are the caller's.
 */
#ifndef WG_MOD_MATTER_H
#define WG_MOD_MATTER_H

#include <jansson.h>

#include "kernel/kernel.h"
#include "mod/place/place.h"

#define MATTER_TITLE_MAX 80   /* code points */
#define MATTER_BODY_MAX 20000 /* code points */
#define MATTER_QUERY_MAX 50   /* code points of a list's text filter */
#define OBJECTION_MAX 2000    /* code points */
#define OBJECTIONS_PER_PERSON 5 /* per matter */

extern const struct perm_action matter_act_propose, matter_act_take_part, matter_act_accept, matter_act_steer,
    matter_act_decide;
/* The per-place settings the spine reads (the descriptor declares them). */
enum { MATTER_SETTING_NOTICE_DAYS, MATTER_SETTING_SUPPORT };
extern const struct setting_def matter_settings[];

struct st_matter {
    int64_t id;
    int64_t place_id;
    const char *place_name, *place_kind, *place_path;
    int64_t community_id;
    const char *category, *title, *body_md;
    int64_t author_id;
    const char *author_name;
    const char *stage;
    int64_t merged_into;
    int followers;
    int64_t created_at, updated_at;
    int64_t notice_until; /* end of the public notice (0: none yet) */
    int notice_days;      /* the notice period that applied */
};

struct st_event {
    int64_t id, matter_id, community_id, actor_id, at;
    const char *actor_name, *from_stage, *to_stage, *reason;
};

struct st_objection {
    int64_t id, matter_id, community_id, author_id;
    const char *author_name, *body, *answer, *answerer_name;
    int64_t created_at, answered_by, answered_at;
    int upheld; /* -1 while unanswered, else 0 or 1 */
};

const char *const *matter_categories(void); /* NULL-terminated */
const char *const *matter_stages(void);     /* NULL-terminated, in life order */
/* The five co's phase of a stage: plan build manage evaluate share closed */
const char *matter_phase(const char *stage);

/* ---- creating, reading, listing ---- */
struct matter_new {
    int64_t place_id;
    const char *category, *title, *body;
};
int matter_create(dctx *c, const struct matter_new *in, int64_t *id);
/* matter_create in two steps, for features that create a matter together
 * with their own writes: the checks (permission, input; no writes, may
 * audit) fill *m; the write runs inside the caller's open transaction and
 * sets m->id. */
int matter_create_check(dctx *c, const struct matter_new *in, struct st_matter *m);
int matter_create_write(dctx *c, struct st_matter *m);
/* The matter if the actor may read it. */
int matter_get(dctx *c, int64_t id, struct st_matter *out);
/* The matter without a permission check (WG_ENOTFOUND, no code, when
 * none): for rules that check what they do with it themselves. */
int matter_lookup(dctx *c, int64_t id, struct st_matter *out);
struct matter_query {
    int64_t place_id; /* 0: the actor's community */
    const char *stage, *category, *q;
    int followed;  /* only those the actor follows */
    int open_only; /* leave out withdrawn, rejected and merged ones */
    int limit, offset;
};
int matter_list(dctx *c, const struct matter_query *q, struct st_matter **out, int *n, int *total);

/* ---- moving through the stages ---- */
struct matter_transition {
    const char *from, *to;
    const struct perm_action *act; /* who may (NULL: only the author, where author_may) */
    int author_may;                /* the matter's author may do it too */
    int reason_required;
};
/* Transitions the actor may take from the matter's current stage (guards
 * of later modules consulted). */
int matter_transitions_for(dctx *c, const struct st_matter *m, const struct matter_transition **out, int max,
                           int *n);
int matter_transition(dctx *c, int64_t id, const char *to, const char *reason, int64_t merge_into);
int matter_follow(dctx *c, int64_t id, int follow);

/* ---- support ---- */
struct matter_support {
    int households; /* distinct households backing it */
    int needed;     /* the threshold that applies */
    int mine;       /* the actor backs it */
};
int matter_support(dctx *c, int64_t id, struct matter_support *out);

/* ---- public notice: objections ---- */
/* Files an objection; *out gets it as stored. */
int matter_object(dctx *c, int64_t matter_id, const char *body, struct st_objection *out);
/* Objections not yet answered on the matters under place_id (a place the
 * actor answers them at): *n; 0 for an actor who may not answer there. */
int matter_objections_waiting(dctx *c, int64_t place_id, int *n);
/* Answers an objection; *matter_id gets its matter. */
int matter_answer(dctx *c, int64_t objection_id, const char *answer, int upheld, int64_t *matter_id);

/* ---- later modules on the spine ---- */
/* A module listed after this one hooks into the spine with .matter in its
 * descriptor. Every member may be NULL. */
struct matter_page_ext; /* matter_web.h: how the panel shows on the page */
struct matter_ext {
    /* 0 to let matter m move to stage `to`; otherwise an error with c->code
     * (WG_ECONFLICT for a state that forbids it). Called before the move's
     * transaction and when the moves on offer are listed; no writes. */
    int (*guard)(dctx *c, const struct st_matter *m, const char *to);
    /* Matter m (its stage the one it left) has moved to `to`: called inside
     * the move's transaction, after the timeline row; the module may write
     * its own rows (audit_insert, never audit_log); an error rolls the
     * move back. */
    int (*moved)(dctx *c, const struct st_matter *m, const char *to);
    /* The module's panel: its key in the matter's detail ("votes"), and
     * its data for this matter (NULL: no panel here). */
    const char *key;
    json_t *(*panel)(dctx *c, const struct st_matter *m);
    int api; /* the panel is part of GET /api/v1/matters/{id} too */
    const struct matter_page_ext *page;
};

/* A matter as its page and GET /api/v1/matters/{id} show it, assembled
 * once (the matter is read once). */
#define MATTER_MOVES_MAX 16
#define MATTER_PANELS_MAX 16
struct matter_detail {
    struct st_matter m;
    struct st_event *events;
    int nevents;
    const struct matter_transition *moves[MATTER_MOVES_MAX];
    int nmoves;
    int following;
    struct st_objection *objections;
    int nobjections;
    int may_answer; /* the actor may answer objections */
    int may_object; /* the notice runs: members may object */
    struct matter_support support;
    struct {
        const struct matter_ext *ext;
        json_t *data; /* owned by the detail: matter_detail_free */
    } panels[MATTER_PANELS_MAX];
    int npanels;
};
int matter_detail(dctx *c, int64_t id, int for_api, struct matter_detail *out);
void matter_detail_free(struct matter_detail *d);

/* ---- shapes (matter_view.c) ---- */
json_t *matter_view(dctx *c, const struct st_matter *m, int with_body);
json_t *matter_view_event(dctx *c, const struct st_event *e);
json_t *matter_view_objection(dctx *c, const struct st_objection *o);
/* The whole detail as the API shows it. */
json_t *matter_view_detail(dctx *c, const struct matter_detail *d);

/* For features that create a matter for someone (an adopted opinion's
 * author): makes person_id a follower, inside the caller's write
 * transaction, without a check. */
int matter_add_follower(dctx *c, const struct st_matter *m, int64_t person_id);
/* For other modules' notifications about a matter: sends msg (its
 * matter_id and title set from m) to one person, inside the caller's
 * write transaction. */
int matter_notify_person(dctx *c, const struct st_matter *m, int64_t person_id, const char *kind,
                         const char *detail);

/* ---- demo ---- */
/* The demo's matters by key: "council" (the red-bench parking matter),
 * "notice" (the waste point in its notice), "shed" (凤凰苑's bike shed). */
int64_t matter_demo_id(const char *key);

/* Households that backed the matter (supports), with their buildings, for the result page: no reader check
 * (the caller has read the matter). */
int matter_households(dctx *c, int64_t matter_id, struct household_ref **out, int *n);

extern const struct module matter_module;

#endif
