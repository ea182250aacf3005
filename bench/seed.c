/*
 * Seeds a database for benchmarks, through the store and domain layers (no
 * SQL here), in one transaction.
 *
 *   seed voters --db URL --grid ID --n N --out FILE
 *       a new building under grid ID with N households (60-150 m² each) and
 *       one owner in each, every owner signed in: FILE gets one line per
 *       owner, "wg_sid=TOKEN CSRF", for a load generator to send as the
 *       cookie and X-CSRF-Token of that owner's requests.
 *
 * The owners' password is the demo password; hashing it once keeps seeding
 * 10,000 owners under a few seconds (argon2id per person would take minutes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/domain.h"

#define SEED_MAX_VOTERS 1000000

static int usage(void)
{
    fputs("usage: seed voters --db URL --grid ID --n N --out FILE\n", stderr);
    return 2;
}

static int seed_voters(dctx *c, int64_t grid_id, long n, FILE *out)
{
    struct st_place grid;
    char hash[128];
    int rc = store_place_get(c->st, c->a, grid_id, &grid);
    if (rc || strcmp(grid.kind, "grid") != 0) {
        fprintf(stderr, "seed: place %lld is not a grid\n", (long long)grid_id);
        return rc ? rc : WG_EINVAL;
    }
    if ((rc = password_hash("wugong2026", hash)))
        return rc;
    char name[64], code[32], phone[24], token[SESSION_TOKEN_HEX + 1], csrf[SESSION_TOKEN_HEX + 1];
    snprintf(name, sizeof name, "压测楼（%ld户）", n);
    snprintf(code, sizeof code, "bench-%lld", (long long)c->now);
    struct st_place b = {.kind = "building", .parent_id = grid.id, .code = code, .name = name, .created_at = c->now};
    if ((rc = store_place_insert(c->st, c->a, &b)))
        return rc;
    for (long i = 0; i < n && rc == 0; i++) {
        snprintf(name, sizeof name, "%ld室", 101 + i);
        snprintf(code, sizeof code, "%s-%ld", b.code, i);
        /* 60.00 to 150.00 m², spread deterministically */
        struct st_place h = {.kind = "household", .parent_id = b.id, .code = code, .name = name,
                             .area_dm2 = 6000 + (i * 7919) % 9001, .created_at = c->now};
        snprintf(phone, sizeof phone, "199%08ld", i % 100000000);
        snprintf(name, sizeof name, "业主%ld", i + 1);
        struct st_person p = {.phone = phone, .name = name, .pw_hash = hash, .community_id = grid.community_id,
                              .created_at = c->now};
        if ((rc = store_place_insert(c->st, c->a, &h)) || (rc = store_person_insert(c->st, &p)))
            break;
        struct st_role r = {.person_id = p.id, .role = "resident", .place_id = h.id};
        if ((rc = store_role_insert(c->st, &r)) ||
            (rc = store_member_insert(c->st, h.id, p.id, grid.community_id, "owner", c->now)) ||
            (rc = auth_session_issue(c, p.id, 0, grid.community_id, token)))
            break;
        auth_csrf_token(token, csrf);
        fprintf(out, "wg_sid=%s %s\n", token, csrf);
        arena_reset(c->a);
    }
    if (rc == 0)
        fprintf(stderr, "seed: building %lld with %ld owners\n", (long long)b.id, n);
    return rc;
}

int main(int argc, char **argv)
{
    const char *db = NULL, *outpath = NULL;
    long n = 0;
    long long grid = 0;
    if (argc < 2 || strcmp(argv[1], "voters") != 0)
        return usage();
    for (int i = 2; i + 1 < argc; i += 2) {
        char *end;
        if (strcmp(argv[i], "--db") == 0)
            db = argv[i + 1];
        else if (strcmp(argv[i], "--out") == 0)
            outpath = argv[i + 1];
        else if (strcmp(argv[i], "--n") == 0 && ((n = strtol(argv[i + 1], &end, 10)), *end == '\0'))
            continue;
        else if (strcmp(argv[i], "--grid") == 0 && ((grid = strtoll(argv[i + 1], &end, 10)), *end == '\0'))
            continue;
        else
            return usage();
    }
    if (db == NULL || outpath == NULL || grid <= 0 || n <= 0 || n > SEED_MAX_VOTERS)
        return usage();
    store *st;
    if (store_open(db, &st) != 0) {
        fprintf(stderr, "seed: cannot open %s\n", db);
        return 1;
    }
    FILE *out = fopen(outpath, "w");
    arena *a = arena_new(1 << 16);
    dctx c = {.st = st, .a = a, .now = (int64_t)time(NULL), .ip = "seed"};
    int rc = out == NULL || a == NULL ? WG_EINVAL : store_begin(st);
    if (rc == 0)
        rc = store_end(st, seed_voters(&c, grid, n, out));
    if (out && fclose(out) != 0)
        rc = rc ? rc : WG_EINVAL;
    if (rc)
        fprintf(stderr, "seed: failed (%d)\n", rc);
    arena_free(a);
    store_close(st);
    return rc ? 1 : 0;
}
