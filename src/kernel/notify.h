/*
 * Notifications in the app. Each module declares the kinds it sends
 * (struct notify_kind in its descriptor); a person may turn any kind off.
 * A notification is written in the transaction of the change it announces
 * (or by the job that runs at its time), to one person or to an audience
 * a module selects, and read on the notifications page.
 */
#ifndef WG_KERNEL_NOTIFY_H
#define WG_KERNEL_NOTIFY_H

#include "core/i18n.h"
#include "kernel/dctx.h"

struct notify_kind {
    const char *name; /* "vote_result": unique over all modules */
    /* The text of one notification of the kind (in the arena); NULL: the
     * string "ntext_<name>" of the reader's language. */
    const char *(*text)(arena *a, enum lang lang, const char *detail);
};

/* What is announced: about a matter (matter_id, its title) or about
 * something else with a link (url, its title); detail is for the kind's text. */
struct notify_msg {
    const char *kind;
    int64_t matter_id;
    const char *title, *url, *detail;
    int64_t at;
};

struct st_notification {
    int64_t id, person_id, matter_id;
    const char *kind, *detail, *title, *url;
    int64_t created_at, read_at;
};

/* Sends msg to every person the audience query selects, except those who
 * turned its kind off; inside the caller's write transaction. audience_sql
 * is a string literal: a SELECT of (person_id, community_id) rows, its
 * parameters ?1.. bound by fmt (see sql_bind) from the arguments. *n (may
 * be NULL) gets how many were written. */
int notify_fanout(store *s, const struct notify_msg *msg, int *n, const char *audience_sql, const char *fmt, ...);
/* To one person. */
int notify_person(store *s, int64_t person_id, const struct notify_msg *msg);

/* The declared kind, or NULL; every declared kind in module order. */
const struct notify_kind *notify_kind_find(const char *name);
int notify_kinds(const struct notify_kind **out, int max);
/* The text of a notification for a reader. */
const char *notify_text(arena *a, enum lang lang, const struct st_notification *x);

/* The actor's notifications, newest first, and the counts. */
struct notify_page {
    struct st_notification *items;
    int n, total, unread;
};
int notify_list(dctx *c, int unread_only, int limit, int offset, struct notify_page *out);
int notify_unread(dctx *c, int *unread);
/* One of the actor's notifications (another's: WG_ENOTFOUND). */
int notify_get(dctx *c, int64_t id, struct st_notification *out);
/* The actor's newest notifications of one kind (at most max), read or not. */
int notify_recent(dctx *c, const char *kind, int max, struct st_notification **out, int *n);
/* Marks one (id > 0) or all (id == 0) of the actor's notifications read. */
int notify_read(dctx *c, int64_t id, int *changed);
/* Whether the actor receives kind (the default), and turning it off or on. */
int notify_pref(dctx *c, const char *kind, int *enabled);
int notify_pref_set(dctx *c, const char *kind, int enabled);

#endif
