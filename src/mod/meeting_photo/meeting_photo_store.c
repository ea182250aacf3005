/* The meeting photo module's SQL. */
#include "core/err.h"
#include "store/sql.h"
#include "mod/meeting_photo/meeting_photo_store.h"


int meeting_photo_store_list(store *s, arena *a, int64_t meeting_id, int64_t **ids, int *n)
{
    void *st = sql_prep(s, "SELECT photo_id FROM meeting_photo WHERE meeting_id = ?1 ORDER BY position, photo_id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", meeting_id);
    return sql_collect(s, a, st, sizeof(int64_t), 16, sql_read_id, (void **)ids, n);
}

int meeting_photo_store_count(store *s, int64_t meeting_id, int *n)
{
    return sql_count_id(s, "SELECT COUNT(*) FROM meeting_photo WHERE meeting_id = ?1", meeting_id, n);
}

int meeting_photo_store_add(store *s, int64_t meeting_id, int64_t photo_id, int64_t community_id, int position,
                            int64_t uploader_id, int64_t at)
{
    void *st = sql_prep(s, "INSERT INTO meeting_photo(meeting_id, photo_id, community_id, position, uploader_id, created_at) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiiii", meeting_id, photo_id, community_id, (int64_t)position, uploader_id, at);
    return sql_exec(s, st);
}
