/*
 * Seeds N residents for bench/votes.sh into a demo database: a new building
 * "bench" in the first grid of 龙湖社区 with N households, one owner each
 * (80 m²), each with a resident role and a signed-in session. Prints the
 * building's id on the first line, then one "TOKEN CSRF" line per resident.
 *   build/seed_voters DB_URL N
 * Links against build/libwugong.a (store and domain), bench use only.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/domain.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: seed_voters DB_URL N\n");
        return 2;
    }
    long n = strtol(argv[2], NULL, 10);
    if (n < 1 || n > 1000000 || sodium_init() < 0)
        return 2;
    store *s;
    if (store_open(argv[1], &s) || store_migrate(s, NULL))
        return 1;
    arena *a = arena_new(1 << 20);
    int64_t now = (int64_t)time(NULL);
    struct st_person staff;
    struct st_place grid;
    struct st_place *grids;
    int ng = 0;
    if (store_person_by_phone(s, a, "13800001001", &staff) ||
        store_place_children(s, a, staff.community_id, "grid", 1, 0, &grids, &ng) || ng < 1) {
        fprintf(stderr, "seed_voters: no demo community (run wugong demo first)\n");
        return 1;
    }
    grid = grids[0];
    char hash[128];
    if (password_hash("bench-not-for-sign-in", hash))
        return 1;
    if (store_begin(s))
        return 1;
    struct st_place b = {.kind = "building", .parent_id = grid.id, .code = "99999", .name = "压测楼", .created_at = now};
    int rc = store_place_insert(s, a, &b);
    printf("%lld\n", (long long)b.id);
    for (long i = 0; rc == 0 && i < n; i++) {
        char code[24], phone[16], name[32];
        snprintf(code, sizeof code, "%06ld", i);
        snprintf(phone, sizeof phone, "139%08ld", i);
        snprintf(name, sizeof name, "压测居民%ld", i);
        struct st_place h = {.kind = "household", .parent_id = b.id, .code = code, .name = code, .area_dm2 = 8000,
                             .created_at = now};
        struct st_person p = {.phone = phone, .name = name, .pw_hash = hash, .community_id = staff.community_id,
                              .created_at = now};
        if ((rc = store_place_insert(s, a, &h)) || (rc = store_person_insert(s, &p)) ||
            (rc = store_member_insert(s, h.id, p.id, staff.community_id, "owner", now)))
            break;
        struct st_role r = {.person_id = p.id, .role = "resident", .place_id = h.id};
        if ((rc = store_role_insert(s, &r)))
            break;
        char token[SESSION_TOKEN_HEX + 1], csrf[SESSION_TOKEN_HEX + 1];
        unsigned char raw[32], th[32];
        auth_random_token(token);
        sodium_hex2bin(raw, 32, token, SESSION_TOKEN_HEX, NULL, NULL, NULL);
        crypto_generichash(th, 32, raw, 32, NULL, 0); /* as domain/auth.c stores tokens */
        struct st_session ss = {.person_id = p.id, .community_id = staff.community_id, .created_at = now,
                                .last_seen = now, .expires_at = now + 86400};
        if ((rc = store_session_insert(s, th, &ss)))
            break;
        auth_csrf_token(token, csrf);
        printf("%s %s\n", token, csrf);
        if (i % 1000 == 999)
            arena_reset(a);
    }
    rc = store_end(s, rc);
    arena_free(a);
    store_close(s);
    if (rc)
        fprintf(stderr, "seed_voters: %s\n", wg_err_name(rc));
    return rc ? 1 : 0;
}
