/*
 * People: an account with a phone number (the sign-in name), a name and a
 * password hash. The kernel's own table (person): every request's actor is
 * one. Registration, claims and lists of people are the people module's.
 */
#ifndef WG_KERNEL_PERSON_H
#define WG_KERNEL_PERSON_H

#include <jansson.h>

#include "kernel/dctx.h"

struct st_person {
    int64_t id;
    const char *phone;
    const char *name;
    const char *pw_hash;
    int64_t community_id;
    int is_volunteer, is_party_member;
    int64_t created_at;
};

/* Sets p->id; WG_ECONFLICT when the phone is taken. Inside a write transaction. */
int person_insert(store *s, struct st_person *p);
int person_get(store *s, arena *a, int64_t id, struct st_person *out);
int person_by_phone(store *s, arena *a, const char *phone, struct st_person *out);
/* Inside a write transaction: holds the person's row until it ends
 * (PostgreSQL), so that limits counted per person cannot be raced past. */
int person_lock(store *s, int64_t id);
/* A mainland mobile number: ^1[3-9]\d{9}$. */
int person_phone_valid(const char *phone);
/* 138****1024: the only way a phone number is shown outside staff views. */
const char *person_phone_mask(arena *a, const char *phone);
/* Replaces the person's password hash. Inside a write transaction. */
int person_set_password(store *s, int64_t id, const char *pw_hash);
/* An argon2id hash of a password (libsodium, t=2, 19 MiB) in out. */
int person_password_hash(const char *pw, char out[128]);
/* A hash of a random password: verifying against it costs what a real
 * check costs, so timing does not tell which numbers have accounts. */
#define PERSON_DUMMY_HASH                                                                                          \
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0mS8Tsb6aCRz4lU7rQ2u9o3XW7FqsNmP1H2y8k1Q0bE"
/* 1 when pw matches the hash. */
int person_password_verify(const char *hash, const char *pw);
/* The public shape of a person (phone masked). Caller owns the reference. */
json_t *person_json(dctx *c, const struct st_person *p);

#endif
