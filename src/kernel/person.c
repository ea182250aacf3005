/* People (see person.h). */
#include "kernel/person.h"

#include <sodium.h>
#include <string.h>

#include "core/time.h"
#include "store/sql.h"

#define PERSON_COLS "pe.id, pe.phone, pe.name, pe.pw_hash, pe.community_id, pe.is_volunteer, pe.is_party_member, pe.created_at"

static void read_person(arena *a, store *s, void *st, void *item)
{
    struct st_person *p = item;
    p->id = sql_col_int(s, st, 0);
    p->phone = sql_col_str(a, s, st, 1);
    p->name = sql_col_str(a, s, st, 2);
    p->pw_hash = sql_col_str(a, s, st, 3);
    p->community_id = sql_col_int(s, st, 4);
    p->is_volunteer = (int)sql_col_int(s, st, 5);
    p->is_party_member = (int)sql_col_int(s, st, 6);
    p->created_at = sql_col_int(s, st, 7);
}

int person_insert(store *s, struct st_person *p)
{
    void *st = sql_prep(s, "INSERT INTO person(phone, name, pw_hash, community_id, is_volunteer, is_party_member, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "sssIiii", p->phone, p->name, p->pw_hash, p->community_id, (int64_t)p->is_volunteer,
         (int64_t)p->is_party_member, p->created_at);
    return sql_insert_id(s, st, &p->id);
}

int person_set_password(store *s, int64_t id, const char *pw_hash)
{
    void *st = sql_prep(s, "UPDATE person SET pw_hash = ?2 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "is", id, pw_hash);
    return sql_exec(s, st);
}

int person_get(store *s, arena *a, int64_t id, struct st_person *out)
{
    void *st = sql_prep(s, "SELECT " PERSON_COLS " FROM person pe WHERE pe.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_person, out);
}

int person_by_phone(store *s, arena *a, const char *phone, struct st_person *out)
{
    void *st = sql_prep(s, "SELECT " PERSON_COLS " FROM person pe WHERE pe.phone = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "s", phone);
    return sql_one(s, a, st, read_person, out);
}

int person_lock(store *s, int64_t id)
{
    return sql_lock(s, "SELECT id FROM person WHERE id = ?1 FOR NO KEY UPDATE", id);
}

int person_phone_valid(const char *phone)
{
    if (phone == NULL || strlen(phone) != 11 || phone[0] != '1' || phone[1] < '3' || phone[1] > '9')
        return 0;
    for (int i = 2; i < 11; i++)
        if (phone[i] < '0' || phone[i] > '9')
            return 0;
    return 1;
}

const char *person_phone_mask(arena *a, const char *phone)
{
    if (phone == NULL || strlen(phone) != 11)
        return "***";
    return arena_printf(a, "%.3s****%.4s", phone, phone + 7);
}

json_t *person_json(dctx *c, const struct st_person *p)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:b, s:b}", "id", (json_int_t)p->id, "name", p->name, "phone",
                          person_phone_mask(c->a, p->phone), "volunteer", p->is_volunteer, "party_member",
                          p->is_party_member);
    return time_json_pair(o, "created_at", p->created_at);
}

#define PW_OPSLIMIT 2
#define PW_MEMLIMIT (19u * 1024u * 1024u)

int person_password_hash(const char *pw, char out[128])
{
    if (crypto_pwhash_STRBYTES > 128)
        return WG_EINVAL;
    if (crypto_pwhash_str_alg(out, pw, strlen(pw), PW_OPSLIMIT, PW_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return WG_EINVAL;
    return 0;
}

int person_password_verify(const char *hash, const char *pw)
{
    /* libsodium reads a full crypto_pwhash_STRBYTES buffer */
    char full[crypto_pwhash_STRBYTES] = {0};
    if (hash == NULL || strlen(hash) >= sizeof full)
        return 0;
    memcpy(full, hash, strlen(hash));
    return crypto_pwhash_str_verify(full, pw, strlen(pw)) == 0;
}

