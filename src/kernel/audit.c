/* The append-only audit log (see audit.h). */
#include "kernel/audit.h"

#include "core/log.h"
#include "store/sql.h"

int audit_insert(store *s, const struct st_audit *e)
{
    void *st = sql_prep(s, "INSERT INTO audit(at, actor_id, ip, action, target, detail, community_id) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iIssssI", e->at, e->actor_id, e->ip, e->action, e->target, e->detail, e->community_id);
    return sql_exec(s, st);
}

int audit_log(dctx *c, const char *action, const char *target, const char *detail, int64_t community_id)
{
    struct st_audit e = {
        .at = c->now,
        .actor_id = c->actor ? c->actor->id : 0,
        .ip = c->ip,
        .action = action,
        .target = target,
        .detail = detail,
        .community_id = community_id,
    };
    int rc = store_begin(c->st);
    if (rc == 0)
        rc = store_end(c->st, audit_insert(c->st, &e));
    if (rc)
        log_error("audit: cannot record %s %s: %s", action, target ? target : "", wg_err_name(rc));
    return rc;
}

int audit_count(store *s, const char *action, const char *target, const char *ip, int64_t since, int *n)
{
    void *st;
    if (target != NULL) {
        st = sql_prep(s, "SELECT count(*) FROM audit WHERE action = ?1 AND target = ?2 AND at >= ?3");
        if (st == NULL)
            return WG_EDB;
        sql_bind(s, st, "ssi", action, target, since);
    } else {
        st = sql_prep(s, "SELECT count(*) FROM audit WHERE action = ?1 AND ip = ?2 AND at >= ?3");
        if (st == NULL)
            return WG_EDB;
        sql_bind(s, st, "ssi", action, ip, since);
    }
    return sql_count(s, st, n);
}

static void read_audit(arena *a, store *s, void *st, void *item)
{
    struct st_audit *e = item;
    e->id = sql_col_int(s, st, 0);
    e->at = sql_col_int(s, st, 1);
    e->actor_id = sql_col_int(s, st, 2);
    e->ip = sql_col_str(a, s, st, 3);
    e->action = sql_col_str(a, s, st, 4);
    e->target = sql_col_str(a, s, st, 5);
    e->detail = sql_col_str(a, s, st, 6);
    e->community_id = sql_col_int(s, st, 7);
}

int audit_list(store *s, arena *a, int64_t community_id, int limit, int offset, struct st_audit **out, int *n)
{
    void *st = sql_prep(s, "SELECT id, at, actor_id, ip, action, target, detail, community_id FROM audit "
                           "WHERE community_id = ?1 ORDER BY id DESC LIMIT ?2 OFFSET ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", community_id, (int64_t)limit, (int64_t)offset);
    return sql_collect(s, a, st, sizeof **out, limit, read_audit, (void **)out, n);
}
