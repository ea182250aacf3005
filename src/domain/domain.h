/*
 * The domain: the rules of places, people, roles, sign-in and matters. No
 * HTTP and no SQL here: every function takes a context (store, actor, arena,
 * clock) and returns 0 or a negative WG_E* code; on failure it also leaves a
 * machine-readable reason in ctx->code (an i18n key such as "title_required")
 * and, when one input is at fault, its name in ctx->field.
 *
 * Permission is checked here, in one place (perm_check), by every function
 * that reads or changes something on behalf of an actor; handlers never
 * decide access themselves.
 *
 * Results are plain structs from store.h or jansson objects built by the
 * view_* functions (views apply the privacy rules, such as masked phones);
 * everything lives in ctx->a, except json_t values, which the caller
 * releases with json_decref.
 */
#ifndef WG_DOMAIN_H
#define WG_DOMAIN_H

#include <jansson.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"

/* ---- roles and actors ---- */

enum role {
    ROLE_RESIDENT,
    ROLE_BUILDING_LEADER,
    ROLE_GRID_WORKER,
    ROLE_COMMUNITY_STAFF,
    ROLE_STREET_ADMIN,
    ROLE_COUNT
};

struct actor_role {
    enum role role;
    int64_t place_id;
    const char *place_path;
    const char *place_kind;
    const char *place_name;
    int64_t community_id;
    int is_primary;
};

struct actor {
    int64_t id;
    const char *name;
    const char *phone;
    int is_volunteer, is_party_member;
    struct actor_role *roles;
    int nroles;
    int is_staff; /* holds grid_worker, community_staff or street_admin */
    int64_t home_community; /* community of the first role, or of a pending claim */
};

typedef struct dctx {
    store *st;
    arena *a;
    const struct actor *actor; /* NULL: anonymous */
    int64_t now;               /* Unix seconds */
    const char *ip;            /* for the audit log */
    const char *code;          /* on failure: reason key */
    const char *field;         /* on failure: the input at fault, or NULL */
} dctx;

/* Sets ctx->code/field and returns err (for `return dctx_fail(...)`). */
int dctx_fail(dctx *c, int err, const char *code, const char *field);

/* A posting rate limit, inside the write transaction and under the actor's
 * row lock (store_lock_row), so that racing posts cannot pass it: at most
 * per_minute of the actor's rows a minute and per_hour an hour, counted by
 * count_since(store, actor, since, &n); else WG_ERATE with code. */
typedef int (*count_since_fn)(store *s, int64_t person_id, int64_t since, int *n);
int dctx_rate_locked(dctx *c, count_since_fn count_since, int per_minute, int per_hour, const char *code);

const char *role_name(enum role r);
int role_parse(const char *s, enum role *out); /* 0 or WG_EINVAL */

/* Loads the actor (person + roles) into the arena. */
int actor_load(dctx *c, int64_t person_id, struct actor **out);

/* ---- permission: role x action x place subtree ---- */

enum action {
    ACT_READ,          /* read a place and its public content (matters, timeline) */
    ACT_PROPOSE,       /* propose a matter at a place */
    ACT_FOLLOW,        /* follow a matter */
    ACT_VIEW_PEOPLE,   /* list people of a place (phones masked) */
    ACT_VIEW_PHONE,    /* see a full phone number (audited with a reason) */
    ACT_DECIDE_CLAIM,  /* approve or reject a household claim */
    ACT_VIEW_COVERAGE, /* see coverage gaps */
    ACT_VIEW_AUDIT,    /* read the audit log */
    ACT_POSTER,        /* print a building's registration poster */
    ACT_MANAGE_MATTER, /* move a matter through staff transitions */
    ACT_SETTINGS,      /* change a place's settings (notice period, pre-moderation) */
    ACT_COUNT
};
const char *action_name(enum action a);

/* 0 when the actor may do act at place (path); otherwise WG_EAUTH for an
 * anonymous actor, WG_ENOTFOUND when the place is outside everything the
 * actor can read (no existence leak), WG_EPERM when it is readable but the
 * action is not allowed. Every denial is written to the audit log. */
int perm_check(dctx *c, enum action act, const char *place_path, int64_t community_id);
/* Like perm_check, without the audit record (to decide what to show). */
int perm_allows(const struct actor *actor, enum action act, const char *place_path);
/* perm_allows counting only the roles in role_mask (bits 1 << enum role). */
int perm_allows_roles(const struct actor *actor, enum action act, const char *place_path, unsigned role_mask);

/* ---- audit ---- */
/* Records one audit entry in its own transaction: never call it while a
 * write transaction of this thread is open. */
int audit_log(dctx *c, const char *action, const char *target, const char *detail, int64_t community_id);

/* ---- places ---- */
/* The place with this id if it is of kind; else WG_ENOTFOUND with code as the
 * reason. No permission check: callers check what they do with it. */
int place_of_kind(dctx *c, int64_t id, const char *kind, const char *code, struct st_place *out);
int place_get(dctx *c, int64_t id, struct st_place *out); /* checks ACT_READ */
/* The chain from the root down to the place itself (n entries). */
int place_line(dctx *c, const struct st_place *p, struct st_place **out, int *n);
int place_children(dctx *c, const struct st_place *p, int limit, int offset, struct st_place **out, int *n, int *total);
/* A community's coverage: grids without a grid worker, buildings without a
 * building leader, grids without a party group. Checks ACT_VIEW_COVERAGE. */
struct coverage {
    struct st_place *grids_no_worker;
    int n_grids_no_worker;
    struct st_place *buildings_no_leader;
    int n_buildings_no_leader;
    struct st_place *grids_no_party;
    int n_grids_no_party;
    int n_grids, n_buildings;
};
int coverage_get(dctx *c, int64_t community_id, struct coverage *out);
/* Role holders at exactly this place (responsible persons first). */
int place_holders(dctx *c, const struct st_place *p, struct st_role **out, int *n);
/* Per-place settings that rules read (each decision records what applied):
 * "notice_days" (1..NOTICE_DAYS_MAX) and "premoderation" ("0" or "1").
 * Reading needs ACT_READ, changing ACT_SETTINGS. value NULL when unset. */
const char *const *place_setting_keys(void);
/* 1 when key is a setting and value one it takes (to check a batch first). */
int place_setting_valid(const char *key, const char *value);
/* The value of a setting at the nearest place on a path ("/1/4/9/": the
 * place itself first, then upward); *value NULL when no place sets it. No
 * permission check: for rules reading their own parameters. */
int place_line_setting(dctx *c, const char *path, const char *key, const char **value);
/* 0 when the actor may change the place's settings (ACT_SETTINGS). */
int place_settings_may_change(dctx *c, int64_t place_id);
int place_setting_get(dctx *c, int64_t place_id, const char *key, const char **value);
int place_setting_set(dctx *c, int64_t place_id, const char *key, const char *value);
/* Organisations (party units, owners' committees, property companies)
 * attached to the place or below it. */
int place_orgs(dctx *c, const struct st_place *p, struct st_org **out, int *n);
/* For the registration page: the building behind a poster's id and key, and
 * its households. No sign-in needed; a wrong key is WG_ENOTFOUND. */
int place_registration_info(dctx *c, int64_t building_id, const char *key, struct st_place *b,
                            struct st_place **households, int *n);
/* A building whose poster the actor may print (ACT_POSTER). */
int place_poster(dctx *c, int64_t building_id, struct st_place *b);
/* The community an actor works in or lives in by default (0 if none). */
int64_t actor_community(const struct actor *actor);

/* ---- people ---- */
int phone_valid(const char *phone);       /* ^1[3-9]\d{9}$ */
const char *phone_mask(arena *a, const char *phone); /* 138****1024 */
int password_hash(const char *pw, char out[128]);    /* argon2id, t=2, 19 MiB */
int password_verify(const char *hash, const char *pw);

/* Self-registration from a building's poster: a new account and a pending
 * claim to one household of that building. */
struct registration {
    const char *phone, *name, *password;
    int64_t building_id;
    const char *reg_key;   /* from the poster's QR code */
    int64_t household_id;
    const char *relation;  /* owner tenant family */
};
int person_register(dctx *c, const struct registration *r, int64_t *person_id, int64_t *claim_id);
int claim_list(dctx *c, int64_t community_id, const char *status, int limit, int offset,
               struct st_claim **out, int *n, int *total);
/* approve: 1 approve, 0 reject (reason required). */
int claim_decide(dctx *c, int64_t claim_id, int approve, const char *reason);
/* The actor's own household claims, newest first. */
int person_claims(dctx *c, struct st_claim **out, int *n);
int person_list(dctx *c, int64_t place_id, int limit, int offset, struct st_person **out, int *n);
/* Reveals a full phone number to staff, audited with the reason given. */
int person_reveal_phone(dctx *c, int64_t person_id, const char *reason, const char **phone);

/* ---- sign-in and sessions ---- */
#define SESSION_TOKEN_HEX 64
#define STAFF_IDLE_SECONDS (30 * 60)
#define STAFF_ABSOLUTE_SECONDS (12 * 3600)
#define RESIDENT_IDLE_SECONDS (30 * 24 * 3600)
#define RESIDENT_ABSOLUTE_SECONDS (90 * 24 * 3600)
#define SIGNIN_MAX_FAIL_ACCOUNT 5  /* per 15 minutes */
#define SIGNIN_MAX_FAIL_IP 20      /* per 15 minutes */
#define SIGNIN_WINDOW_SECONDS (15 * 60)

/* Verifies phone+password; on success creates a new session and writes its
 * token (hex) to token_out. WG_EAUTH on bad credentials, WG_ERATE when
 * rate-limited. Every attempt is audited. */
int auth_sign_in(dctx *c, const char *phone, const char *password, char token_out[SESSION_TOKEN_HEX + 1],
                 int64_t *person_id);
/* Resolves a session token to a person, enforcing idle and absolute expiry. */
int auth_session(dctx *c, const char *token, int64_t *person_id);
/* Writes a new session for person_id and gives its cookie token. No
 * password check and no transaction of its own: the caller has checked who
 * this is (auth_sign_in) or is a tool seeding a benchmark, and holds the
 * write transaction. */
int auth_session_issue(dctx *c, int64_t person_id, int is_staff, int64_t community_id,
                       char token_out[SESSION_TOKEN_HEX + 1]);
int auth_sign_out(dctx *c, const char *token);
/* The CSRF token bound to a cookie token (session or anonymous), hex. */
void auth_csrf_token(const char *cookie_token, char out[SESSION_TOKEN_HEX + 1]);
int auth_csrf_ok(const char *cookie_token, const char *given);
/* A fresh random token (hex). */
void auth_random_token(char out[SESSION_TOKEN_HEX + 1]);

/* ---- matters ---- */
#define MATTER_TITLE_MAX 80     /* code points */
#define MATTER_BODY_MAX 20000   /* code points */
#define REASON_MAX 500          /* code points */
#define LIST_LIMIT_DEFAULT 20
#define LIST_LIMIT_MAX 100

const char *const *matter_categories(void);  /* NULL-terminated */
const char *const *matter_stages(void);      /* NULL-terminated, in life order */
int matter_stage_valid(const char *stage);
/* The five co's phase of a stage: plan build manage evaluate share closed */
const char *matter_phase(const char *stage);

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
int matter_get(dctx *c, int64_t id, struct st_matter *out);
struct matter_query {
    int64_t place_id;   /* 0: the actor's community */
    const char *stage, *category, *q;
    int followed;       /* only those the actor follows */
    int open_only;      /* leave out withdrawn, rejected and merged ones */
    int limit, offset;
};
int matter_list(dctx *c, const struct matter_query *q, struct st_matter **out, int *n, int *total);
int matter_timeline(dctx *c, int64_t id, struct st_event **out, int *n);
struct transition {
    const char *from, *to;
    unsigned roles;         /* bit (1 << enum role) of roles that may do it */
    int author_may;         /* the matter's author may do it too */
    int reason_required;
};
/* Transitions the actor may take from the matter's current stage. */
int matter_transitions_for(dctx *c, const struct st_matter *m, const struct transition **out, int max, int *n);
int matter_transition(dctx *c, int64_t id, const char *to, const char *reason, int64_t merge_into);
int matter_follow(dctx *c, int64_t id, int follow);

/* Support: a resident backs a collecting matter (one support per person,
 * counted by distinct household); when SUPPORT households are reached (the
 * "support_households" setting of the nearest place on the matter's line,
 * default SUPPORT_HOUSEHOLDS_DEFAULT) the matter enters deliberation at once,
 * on the timeline, in the same transaction. */
#define SUPPORT_HOUSEHOLDS_DEFAULT 5
#define SUPPORT_HOUSEHOLDS_MAX 1000
struct support_state {
    int households; /* distinct households backing it */
    int needed;     /* the threshold that applies */
    int mine;       /* the actor backs it */
};
int matter_support(dctx *c, int64_t id, struct support_state *out);
int matter_support_state(dctx *c, const struct st_matter *m, struct support_state *out);

/* Public notice (公示): moving a matter to "notice" starts a notice period
 * of the place's "notice_days" setting (nearest place on its line that sets
 * it; default NOTICE_DAYS_DEFAULT), recorded on the matter. During it,
 * members of the community file objections; staff answer each publicly.
 * notice -> building needs the period over and every objection answered; an
 * upheld objection sends the matter back to deliberation at once. */
#define NOTICE_DAYS_DEFAULT 5
#define NOTICE_DAYS_MAX 60
#define OBJECTION_MAX 2000       /* code points */
#define OBJECTIONS_PER_PERSON 5  /* per matter */
int matter_objections(dctx *c, int64_t matter_id, struct st_objection **out, int *n);
int objection_file(dctx *c, int64_t matter_id, const char *body, int64_t *id);
int objection_answer(dctx *c, int64_t objection_id, const char *answer, int upheld);
/* Whether the actor may answer objections of this matter (for showing forms). */
int objection_may_answer(dctx *c, const struct st_matter *m);
int matter_is_following(dctx *c, int64_t id, int *yes);

/* ---- discussion: threaded comments on matters ----
 * Members of the community comment and reply (up to COMMENT_DEPTH_MAX deep)
 * and report abuse; staff of the place (grid workers and up) hide a comment
 * with a public reason, or approve one held for review. Where a place on
 * the matter's line sets "premoderation" to "1", residents' new comments are
 * held until staff approve them. */
#define COMMENT_MAX 2000          /* code points */
#define COMMENT_DEPTH_MAX 3
#define COMMENT_RATE_MINUTE 5     /* comments per person per minute */
#define COMMENT_RATE_HOUR 30      /* and per hour */
/* Comments visible to the actor, in thread order: everything for staff;
 * otherwise visible ones, one's own held ones, and hidden ones as a notice
 * (the view leaves out their body). */
int comment_list(dctx *c, int64_t matter_id, struct st_comment **out, int *n);
int comment_post(dctx *c, int64_t matter_id, int64_t parent_id, const char *body, int64_t *id, const char **status);
int comment_report(dctx *c, int64_t comment_id, const char *reason);
/* action: "hide" (reason required, public), "approve" or "show". */
int comment_moderate(dctx *c, int64_t comment_id, const char *action, const char *reason);
int comment_may_moderate(dctx *c, const struct st_matter *m);

/* ---- notifications (in the app) ----
 * Kinds a person receives unless they turn them off: a followed matter
 * changed stage ("matter_stage"), their objection was answered
 * ("objection_answered"). Later features add meeting notices and votes. */
const char *const *notification_kinds(void); /* NULL-terminated */
struct notification_page {
    struct st_notification *items;
    int n, total, unread;
};
int notify_list(dctx *c, int unread_only, int limit, int offset, struct notification_page *out);
int notify_unread(dctx *c, int *unread);
/* Marks one (id > 0) or all (id == 0) of the actor's notifications read. */
int notify_read(dctx *c, int64_t id, int *changed);
int notify_pref(dctx *c, const char *kind, int *enabled);
int notify_pref_set(dctx *c, const char *kind, int enabled);

/* ---- views: the public shape of each object (JSON for the API, context
 * for templates). Caller owns the returned reference. ---- */
json_t *view_place(dctx *c, const struct st_place *p);
json_t *view_actor(dctx *c, const struct actor *a);
json_t *view_person(dctx *c, const struct st_person *p);
json_t *view_claim(dctx *c, const struct st_claim *cl);
json_t *view_matter(dctx *c, const struct st_matter *m, int with_body);
json_t *view_event(dctx *c, const struct st_event *e);
json_t *view_coverage(dctx *c, const struct coverage *cv);
json_t *view_org(dctx *c, const struct st_org *o);
json_t *view_objection(dctx *c, const struct st_objection *o);
/* Sets o[key] to t as ISO 8601 UTC and o[key_local] to "YYYY-MM-DD HH:MM" in
 * Asia/Shanghai (one time zone, no daylight saving); both null for 0 or a
 * time outside years 1970..9999. Returns o. */
json_t *time_pair(json_t *o, const char *key, int64_t t);
json_t *view_notification(dctx *c, const struct st_notification *x);
/* A comment as shown: a hidden one keeps its reason, not its body. */
json_t *view_comment(dctx *c, const struct st_comment *cm, int moderator);

/* ---- demo data ---- */
/* Creates the demo street with its communities; WG_ECONFLICT if present.
 * Prints the demo sign-ins to stdout. */
int demo_create(dctx *c);
void demo_print_signins(void);

#endif
