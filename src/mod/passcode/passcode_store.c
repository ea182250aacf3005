/* SQL of the passcode module (see passcode_store.h). */
#include "mod/passcode/passcode_store.h"

#include "store/sql.h"

int passcode_store_put(store *s, const struct st_passcode *p)
{
    void *st = sql_prep(s, "INSERT INTO passcode(person_id, community_id, code_hash, issued_by, issued_at, expires_at, "
                           "tries) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0) ON CONFLICT (person_id) DO UPDATE SET "
                           "community_id = excluded.community_id, code_hash = excluded.code_hash, issued_by = "
                           "excluded.issued_by, issued_at = excluded.issued_at, expires_at = excluded.expires_at, tries = 0");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iisiii", p->person_id, p->community_id, p->code_hash, p->issued_by, p->issued_at, p->expires_at);
    return sql_exec(s, st);
}

static void read_passcode(arena *a, store *s, void *st, void *item)
{
    struct st_passcode *p = item;
    p->person_id = sql_col_int(s, st, 0);
    p->community_id = sql_col_int(s, st, 1);
    p->code_hash = sql_col_str(a, s, st, 2);
    p->issued_by = sql_col_int(s, st, 3);
    p->issued_at = sql_col_int(s, st, 4);
    p->expires_at = sql_col_int(s, st, 5);
    p->tries = (int)sql_col_int(s, st, 6);
}

int passcode_store_get(store *s, arena *a, int64_t person_id, struct st_passcode *out)
{
    void *st = sql_prep(s, "SELECT person_id, community_id, code_hash, issued_by, issued_at, expires_at, tries "
                           "FROM passcode WHERE person_id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", person_id);
    return sql_one(s, a, st, read_passcode, out);
}

int passcode_store_tried(store *s, int64_t person_id, const char *code_hash)
{
    void *st = sql_prep(s, "UPDATE passcode SET tries = tries + 1 WHERE person_id = ?1 AND code_hash = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "is", person_id, code_hash);
    return sql_exec(s, st);
}

int passcode_store_spend(store *s, int64_t person_id, const char *code_hash, int *gone)
{
    void *st = sql_prep(s, "DELETE FROM passcode WHERE person_id = ?1 AND code_hash = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "is", person_id, code_hash);
    return sql_exec_changed(s, st, gone);
}
