/* The photo module's SQL: photos with their bytes. */
#include "mod/photo/photo_store.h"

#include "store/sql.h"

int photo_store_insert(store *s, struct st_photo *p)
{
    void *st = sql_prep(s, "INSERT INTO photo(community_id, uploader_id, mime, size, data, hash, created_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iisiBsi", p->community_id, p->uploader_id, p->mime, (int64_t)p->size, p->data, p->size, p->hash,
           p->created_at);
    return sql_insert_id(s, st, &p->id);
}

static void read_photo(arena *a, store *s, void *st, void *item)
{
    struct st_photo *p = item;
    p->id = sql_col_int(s, st, 0);
    p->community_id = sql_col_int(s, st, 1);
    p->uploader_id = sql_col_int(s, st, 2);
    p->mime = sql_col_str(a, s, st, 3);
    p->hash = sql_col_str(a, s, st, 4);
    p->created_at = sql_col_int(s, st, 5);
    p->data = sql_col_blob(a, s, st, 6, &p->size);
}

int photo_store_get(store *s, arena *a, int64_t id, struct st_photo *out)
{
    void *st = sql_prep(s, "SELECT id, community_id, uploader_id, mime, hash, created_at, data FROM photo WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_photo, out);
}
