/* The photo module's SQL: photos with their bytes and thumbnails. */
#include "mod/photo/photo_store.h"

#include "store/sql.h"

int photo_store_insert(store *s, const struct st_photo *p, const struct photo_image *img, int64_t community_id,
                       int64_t *id)
{
    void *st = sql_prep(s, "INSERT INTO photo(community_id, uploader_id, mime, size, data, hash, "
                           "created_at, thumb, "
                           "width, height, thumb_width, thumb_height, orig_mime, orig_size, state) "
                           "VALUES (?1, ?2, 'image/jpeg', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                           "?12, ?13, 'ready') "
                           "RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiBsiBiiiisi", community_id, p->uploader_id, (int64_t)img->full_len, img->full, img->full_len,
             p->hash, p->created_at, img->thumb, img->thumb_len, (int64_t)img->width, (int64_t)img->height,
             (int64_t)img->thumb_width, (int64_t)img->thumb_height, img->in_mime, (int64_t)p->size);
    return sql_insert_id(s, st, id);
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
    p->state = sql_col_str(a, s, st, 6);
    p->width = (int)sql_col_int(s, st, 7);
    p->height = (int)sql_col_int(s, st, 8);
    p->data = sql_col_blob(a, s, st, 9, &p->size);
}

int photo_store_get(store *s, arena *a, int64_t id, int thumb, int with_bytes, struct st_photo *out)
{
    /* the bytes only when asked for: a revalidation answered 304 does not read them */
    void *st = sql_prep(s, thumb ? "SELECT id, community_id, uploader_id, mime, hash, created_at, state, thumb_width, "
                                   "thumb_height, CASE WHEN ?2 = 1 THEN thumb END FROM photo WHERE id = ?1"
                                 : "SELECT id, community_id, uploader_id, mime, hash, created_at, state, width, "
                                   "height, CASE WHEN ?2 = 1 THEN data END FROM photo WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", id, (int64_t)with_bytes);
    return sql_one(s, a, st, read_photo, out);
}

int photo_store_reprocessed(store *s, int64_t id, const struct photo_image *img, const char *hash)
{
    void *st;
    if (img == NULL) {
        if ((st = sql_prep(s, "UPDATE photo SET state = 'unreadable' WHERE id = ?1 "
                              "AND state = 'pending'")) == NULL)
            return WG_EDB;
        sql_bind(s, st, "i", id);
        return sql_exec(s, st);
    }
    st = sql_prep(s, "UPDATE photo SET mime = 'image/jpeg', data = ?2, size = "
                     "?3, hash = ?4, thumb = ?5, "
                     "width = ?6, height = ?7, thumb_width = ?8, thumb_height = "
                     "?9, state = 'ready' "
                     "WHERE id = ?1 AND state = 'pending'");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iBisBiiii", id, img->full, img->full_len, (int64_t)img->full_len, hash, img->thumb, img->thumb_len,
             (int64_t)img->width, (int64_t)img->height, (int64_t)img->thumb_width, (int64_t)img->thumb_height);
    return sql_exec(s, st);
}
