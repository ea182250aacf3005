/*
 * Notifications: writing them to an audience a module selects, the kinds
 * the modules declare, and each person's list, read marks and choices
 * (see notify.h). The kernel's own tables: notification, notification_pref.
 */
#include "kernel/notify.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "kernel/module.h"
#include "store/sql.h"

/* ---- writing ---- */

/* The statement that inserts one notification per row of an audience
 * query: composed once per audience (its text is a literal, so its address
 * names it) and kept for the life of the process, so that every connection's
 * statement cache finds it again by address. */
#define FANOUT_MAX 64
static struct {
    const char *audience;
    char *sql;
} g_fanout[FANOUT_MAX];
static pthread_mutex_t g_fanout_mu = PTHREAD_MUTEX_INITIALIZER;

static const char *fanout_sql(const char *audience, int nparams)
{
    const char *sql = NULL;
    pthread_mutex_lock(&g_fanout_mu);
    for (int i = 0; i < FANOUT_MAX && sql == NULL; i++) {
        if (g_fanout[i].audience == audience) {
            sql = g_fanout[i].sql;
        } else if (g_fanout[i].audience == NULL) {
            int k = nparams; /* the message's parameters follow the audience's */
            char *s = NULL;
            if (asprintf(&s,
                         "INSERT INTO notification(person_id, community_id, kind, matter_id, title, url, detail, "
                         "created_at) SELECT DISTINCT x.person_id, x.community_id, CAST(?%d AS TEXT), "
                         "CAST(?%d AS BIGINT), CAST(?%d AS TEXT), CAST(?%d AS TEXT), CAST(?%d AS TEXT), "
                         "CAST(?%d AS BIGINT) FROM (%s) x WHERE NOT EXISTS (SELECT 1 FROM notification_pref np "
                         "WHERE np.person_id = x.person_id AND np.kind = ?%d AND np.enabled = 0)",
                         k + 1, k + 2, k + 3, k + 4, k + 5, k + 6, audience, k + 1) < 0)
                break;
            g_fanout[i].audience = audience;
            g_fanout[i].sql = s;
            sql = s;
        }
    }
    pthread_mutex_unlock(&g_fanout_mu);
    if (sql == NULL)
        log_error("notify: more than %d audiences", FANOUT_MAX);
    return sql;
}

int notify_fanout(store *s, const struct notify_msg *msg, int *n, const char *audience_sql, const char *fmt, ...)
{
    const char *sql = fanout_sql(audience_sql, (int)strlen(fmt));
    void *st = sql ? sql_prep(s, sql) : NULL;
    if (st == NULL)
        return WG_EDB;
    va_list ap;
    va_start(ap, fmt);
    sql_vbind(s, st, 1, fmt, ap);
    va_end(ap);
    sql_bind_from(s, st, (int)strlen(fmt) + 1, "sIsssi", msg->kind, msg->matter_id, msg->title, msg->url, msg->detail,
                  msg->at);
    int rc = sql_exec(s, st);
    if (rc == 0 && n)
        *n = sql_changes(s);
    return rc;
}

int notify_person(store *s, int64_t person_id, const struct notify_msg *msg)
{
    return notify_fanout(s, msg, NULL, "SELECT pe.id AS person_id, pe.community_id FROM person pe WHERE pe.id = ?1",
                         "i", person_id);
}

/* ---- kinds ---- */

const struct notify_kind *notify_kind_find(const char *name)
{
    for (const struct module *const *m = module_list(); name && m && *m; m++)
        for (const struct notify_kind *k = (*m)->notify_kinds; k && k->name; k++)
            if (strcmp(k->name, name) == 0)
                return k;
    return NULL;
}

int notify_kinds(const struct notify_kind **out, int max)
{
    int n = 0;
    for (const struct module *const *m = module_list(); m && *m; m++)
        for (const struct notify_kind *k = (*m)->notify_kinds; k && k->name && n < max; k++)
            out[n++] = k;
    return n;
}

const char *notify_text(arena *a, enum lang lang, const struct st_notification *x)
{
    const struct notify_kind *k = notify_kind_find(x->kind);
    if (k && k->text)
        return k->text(a, lang, x->detail);
    const char *s = i18n_get(lang, arena_printf(a, "ntext_%s", x->kind));
    return s ? s : x->kind;
}

/* ---- reading ---- */

static void read_notification(arena *a, store *s, void *st, void *item)
{
    struct st_notification *x = item;
    x->id = sql_col_int(s, st, 0);
    x->person_id = sql_col_int(s, st, 1);
    x->matter_id = sql_col_int(s, st, 2);
    x->kind = sql_col_str(a, s, st, 3);
    x->detail = sql_col_str(a, s, st, 4);
    x->created_at = sql_col_int(s, st, 5);
    x->read_at = sql_col_int(s, st, 6);
    x->title = sql_col_str(a, s, st, 7);
    x->url = sql_col_str(a, s, st, 8);
}

/* Rows written ahead of their time by earlier releases (created_at in the
 * future) are shown from their time on. */
static int counts(store *s, int64_t person_id, int64_t now, int *total, int *unread)
{
    void *st;
    if (total) {
        st = sql_prep(s, "SELECT count(*) FROM notification WHERE person_id = ?1 AND created_at <= ?2");
        if (st == NULL)
            return WG_EDB;
        sql_bind(s, st, "ii", person_id, now);
        int rc = sql_count(s, st, total);
        if (rc)
            return rc;
    }
    st = sql_prep(s, "SELECT count(*) FROM notification WHERE person_id = ?1 AND read_at IS NULL AND created_at <= ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", person_id, now);
    return sql_count(s, st, unread);
}

int notify_list(dctx *c, int unread_only, int limit, int offset, struct notify_page *out)
{
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    memset(out, 0, sizeof *out);
    limit = limit <= 0 ? LIST_LIMIT_DEFAULT : limit > LIST_LIMIT_MAX ? LIST_LIMIT_MAX : limit;
    int rc = counts(c->st, c->actor->id, c->now, &out->total, &out->unread);
    if (rc)
        return rc;
    if (unread_only)
        out->total = out->unread;
    void *st = sql_prep(c->st, "SELECT id, person_id, matter_id, kind, detail, created_at, read_at, title, url "
                               "FROM notification WHERE person_id = ?1 AND (?2 = 0 OR read_at IS NULL) "
                               "AND created_at <= ?5 ORDER BY created_at DESC, id DESC LIMIT ?3 OFFSET ?4");
    if (st == NULL)
        return WG_EDB;
    sql_bind(c->st, st, "iiiii", c->actor->id, (int64_t)unread_only, (int64_t)limit,
             (int64_t)(offset < 0 ? 0 : offset), c->now);
    return sql_collect(c->st, c->a, st, sizeof *out->items, limit, read_notification, (void **)&out->items, &out->n);
}

int notify_recent(dctx *c, const char *kind, int max, struct st_notification **out, int *n)
{
    *n = 0;
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    void *st = sql_prep(c->st, "SELECT id, person_id, matter_id, kind, detail, created_at, read_at, title, url "
                               "FROM notification WHERE person_id = ?1 AND kind = ?2 AND created_at <= ?3 "
                               "ORDER BY created_at DESC, id DESC LIMIT ?4");
    if (st == NULL)
        return WG_EDB;
    sql_bind(c->st, st, "isii", c->actor->id, kind, c->now, (int64_t)max);
    return sql_collect(c->st, c->a, st, sizeof **out, max, read_notification, (void **)out, n);
}

int notify_get(dctx *c, int64_t id, struct st_notification *out)
{
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    void *st = sql_prep(c->st, "SELECT id, person_id, matter_id, kind, detail, created_at, read_at, title, url "
                               "FROM notification WHERE id = ?1 AND person_id = ?2 AND created_at <= ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(c->st, st, "iii", id, c->actor->id, c->now);
    int rc = sql_one(c->st, c->a, st, read_notification, out);
    return rc == WG_ENOTFOUND ? dctx_fail(c, rc, "not_found", NULL) : rc;
}

int notify_unread(dctx *c, int *unread)
{
    *unread = 0;
    if (c->actor == NULL)
        return 0;
    return counts(c->st, c->actor->id, c->now, NULL, unread);
}

int notify_read(dctx *c, int64_t id, int *changed)
{
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    int rc = store_begin(c->st);
    if (rc)
        return rc;
    /* only the actor's own rows: another person's id changes nothing */
    void *st = sql_prep(c->st, "UPDATE notification SET read_at = ?3 WHERE person_id = ?1 AND (?2 = 0 OR id = ?2) "
                               "AND read_at IS NULL AND created_at <= ?3");
    if (st == NULL)
        return store_end(c->st, WG_EDB);
    sql_bind(c->st, st, "iii", c->actor->id, id, c->now);
    rc = sql_exec(c->st, st);
    if (rc == 0 && changed)
        *changed = sql_changes(c->st);
    return store_end(c->st, rc);
}

static int kind_check(dctx *c, const char *kind)
{
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    if (notify_kind_find(kind) == NULL)
        return dctx_fail(c, WG_EINVAL, "kind_invalid", "kind");
    return 0;
}

int notify_pref(dctx *c, const char *kind, int *enabled)
{
    int rc = kind_check(c, kind);
    if (rc)
        return rc;
    void *st = sql_prep(c->st, "SELECT count(*) FROM notification_pref WHERE person_id = ?1 AND kind = ?2 "
                               "AND enabled = 0");
    if (st == NULL)
        return WG_EDB;
    sql_bind(c->st, st, "is", c->actor->id, kind);
    int off = 0;
    rc = sql_count(c->st, st, &off);
    *enabled = !off;
    return rc;
}

int notify_pref_set(dctx *c, const char *kind, int enabled)
{
    int rc = kind_check(c, kind);
    if (rc || (rc = store_begin(c->st)))
        return rc;
    void *st = sql_prep(c->st, "INSERT INTO notification_pref(person_id, kind, enabled) VALUES (?1, ?2, ?3) "
                               "ON CONFLICT(person_id, kind) DO UPDATE SET enabled = excluded.enabled");
    if (st == NULL)
        return store_end(c->st, WG_EDB);
    sql_bind(c->st, st, "isi", c->actor->id, kind, (int64_t)(enabled != 0));
    return store_end(c->st, sql_exec(c->st, st));
}
