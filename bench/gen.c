/*
 * The benchmark data generator (the one seeding tool of bench/), through the
 * store and domain layers (no SQL here).
 *
 *   gen district --db URL [--communities N] [--session-communities K]
 *                [--reports R] [--reports-each E] --out FILE
 *       a district of N communities (default 200) with 10 grids each, 10
 *       buildings per grid, 20 households per building, 2.5 residents per
 *       household, a matter in every 8th household (N x 250), 10 comments
 *       per matter, 12 supports on each matter past collecting, a call for
 *       opinions per building with 25 opinions, and a closed-window vote
 *       with every resident's ballot in every other building; at N = 200:
 *       1,000,000 residents, 50,000 matters and about 2,000,000 opinions,
 *       comments, supports and ballots. The first K communities (default
 *       10) get an open vote over their 5,000 residents and every resident
 *       there a session: FILE gets one line per resident,
 *       "wg_sid=TOKEN CSRF VOTE_ID MATTER_ID SHIFT_ID HOUSEHOLD_ID" (the
 *       vote of their community, a matter collecting support there, a
 *       volunteer shift, their home), for load generators. Problem reports
 *       (bench/sql/report_sql.h): a year of E reports in every community,
 *       then more in the first community up to R there (default 0 and 0).
 *       The street gets an admin (phone 17000000000 + its id), signed in.
 *       stdout: "GEN key=value ..." lines (counts, seconds, ids to bench;
 *       street_session is the admin's cookie token).
 *   gen voters --db URL --grid ID --n N --out FILE
 *       a new building under grid ID with N households (60-150 m² each) and
 *       one owner in each, every owner signed in: FILE gets one line per
 *       owner, "wg_sid=TOKEN CSRF" (tests/crash/crash.mjs).
 *
 * Passwords are the demo password, hashed once (argon2id per person would
 * take hours at a million people).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "edge/session.h"
#include "mod/place/place.h"
#include "mod/people/people.h"
#include "mod/search/search.h"
#include "core/time.h"
#include "mod/points/points.h"
#include "mod/vote/vote.h"
#include "mod/volunteer/volunteer.h"
#include "mod/vote/vote_store.h" /* the vote to copy: a bench tool, not a module */
#include "modules.h"
#include "sql/bench_sql.h"
#include "sql/dashboard_sql.h"
#include "sql/report_sql.h"

#define SEED_MAX_VOTERS 1000000
#define BENCH_STREET_PHONE_BASE 17000000000LL

static int usage(void)
{
    fputs("usage: gen voters --db URL --grid ID --n N --out FILE\n"
          "       gen district --db URL [--communities N] [--session-communities K]\n"
          "                    [--reports R] [--reports-each E] --out FILE\n",
          stderr);
    return 2;
}

static int seed_voters(dctx *c, int64_t grid_id, long n, FILE *out)
{
    struct st_place grid;
    char hash[128];
    int rc = tree_get(c->st, c->a, grid_id, &grid);
    if (rc || strcmp(grid.kind, "grid") != 0) {
        fprintf(stderr, "gen: place %lld is not a grid\n", (long long)grid_id);
        return rc ? rc : WG_EINVAL;
    }
    if ((rc = person_password_hash("wugong2026", hash)))
        return rc;
    char name[64], code[32], phone[24], token[TOKEN_HEX + 1], csrf[TOKEN_HEX + 1];
    snprintf(name, sizeof name, "压测楼（%ld户）", n);
    snprintf(code, sizeof code, "bench-%lld", (long long)c->now);
    struct st_place b = {.kind = "building", .parent_id = grid.id, .code = code, .name = name, .created_at = c->now};
    if ((rc = tree_insert(c->st, c->a, &b)))
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
        if ((rc = tree_insert(c->st, c->a, &h)) || (rc = person_insert(c->st, &p)))
            break;
        struct st_role r = {.person_id = p.id, .role = "resident", .place_id = h.id};
        if ((rc = role_insert(c->st, &r)) ||
            (rc = people_member_insert(c, h.id, p.id, grid.community_id, "owner")) ||
            (rc = session_issue(c, p.id, 0, grid.community_id, token)))
            break;
        session_csrf(token, csrf);
        fprintf(out, "wg_sid=%s %s\n", token, csrf);
        arena_reset(c->a);
    }
    if (rc == 0)
        fprintf(stderr, "gen: building %lld with %ld owners\n", (long long)b.id, n);
    return rc;
}


static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#define STEP(what, call)                                                                        \
    do {                                                                                        \
        double t_ = now_s();                                                                    \
        if ((rc = (call))) {                                                                    \
            fprintf(stderr, "gen: %s failed: %s (%s)\n", what, wg_err_name(rc), store_last_error(st)); \
            return rc;                                                                          \
        }                                                                                       \
        fprintf(stderr, "gen: %-28s %6.2f s\n", what, now_s() - t_);                            \
    } while (0)

/* The places, people and their content, in one transaction. */
static int gen_bulk(dctx *c, int ncomm, struct st_place *street)
{
    store *st = c->st;
    char hash[128];
    int rc = person_password_hash("wugong2026", hash);
    if (rc)
        return rc;
    char code[40];
    snprintf(code, sizeof code, "bench-%lld", (long long)c->now);
    struct st_place d = {.kind = "district", .code = code, .name = "压测区", .created_at = c->now};
    if ((rc = store_begin(st)))
        return rc;
    if ((rc = tree_insert(st, c->a, &d)) == 0) {
        *street = (struct st_place){.kind = "street", .parent_id = d.id, .code = "1", .name = "压测街道", .created_at = c->now};
        rc = tree_insert(st, c->a, street);
    }
    if (rc)
        return store_end(st, rc);
    const char *pre = street->path;
    STEP("communities", bench_sql_places(st, pre, "street", "community", ncomm, "压测社区", c->now));
    STEP("grids", bench_sql_places(st, pre, "community", "grid", 10, "第网格", c->now));
    STEP("buildings", bench_sql_places(st, pre, "grid", "building", 10, "栋", c->now));
    STEP("households", bench_sql_places(st, pre, "building", "household", 20, "室", c->now));
    STEP("people, members, roles", bench_sql_people(st, pre, hash, c->now));
    STEP("matters and timelines", bench_sql_matters(st, pre, 8, c->now));
    STEP("comments", bench_sql_comments(st, pre, 10, c->now));
    STEP("supports", bench_sql_supports(st, pre, 12, c->now));
    STEP("calls and opinions", bench_sql_opinions(st, pre, 25, c->now));
    double t0 = now_s();
    rc = store_end(st, 0);
    fprintf(stderr, "gen: %-28s %6.2f s\n", "commit", now_s() - t0);
    return rc;
}

/* 10,000 points transactions of one resident (the one whose cookie the
 * read benchmarks use), for the statement page; inside the caller's
 * transaction, with the community's caps lifted. The community's accounts
 * are sealed as the nightly job would before the last GEN_STATEMENT_TODAY
 * (the day's), which the statement sums on top of the seal. */
#define GEN_STATEMENT_TXNS 10000
#define GEN_STATEMENT_TODAY 100
static int gen_statement(dctx *c, int64_t community, int64_t person)
{
    int rc = place_setting_write(c, community, "points_day_cap", "0");
    if (rc == 0)
        rc = place_setting_write(c, community, "points_month_cap", "0");
    for (int i = 0; rc == 0 && i < GEN_STATEMENT_TXNS; i++) {
        int64_t granted, txn;
        char key[32];
        snprintf(key, sizeof key, "bench:%d", i);
        if (i == GEN_STATEMENT_TXNS - GEN_STATEMENT_TODAY)
            rc = points_seal(c, community, c->now + 1); /* the generator writes alone: no settle time */
        if (rc == 0)
            rc = points_earn(c, community, person, "council_attend", 1, "bench", i, key, &granted, &txn);
    }
    return rc;
}

/* A vote in every other building, its window over, every resident's ballot
 * in (copies of template's rule). */
static int gen_votes(dctx *c, const struct st_place *street, const struct st_vote *template)
{
    store *st = c->st;
    int64_t first = 0, last = 0;
    int rc;
    if ((rc = store_begin(st)))
        return rc;
    rc = bench_sql_votes(st, street->path, template->id, "楼道加装照明表决", c->now - 10 * 86400, c->now - 3 * 86400,
                           &first, &last);
    if (rc == 0 && last >= first)
        rc = bench_sql_ballots(st, first, last, c->now);
    return store_end(st, rc);
}

/* A year of problem reports: `each` in every community, then the first
 * community's up to `reports`; in one transaction. */
static int gen_reports(dctx *c, const struct st_place *street, int64_t first_community, int reports, int each)
{
    int64_t first = 0, last = 0, first2 = 0, last2 = 0;
    int rc = store_begin(c->st);
    if (rc)
        return rc;
    rc = bench_sql_reports(c->st, street->path, 0, each, c->now, &first, &last);
    if (rc == 0 && reports > each)
        rc = bench_sql_reports(c->st, street->path, first_community, reports - each, c->now, &first2, &last2);
    return store_end(c->st, rc);
}

/* A year of what the dashboards read besides reports: volunteer service
 * with its points earned and spent, quarterly satisfaction surveys; in one
 * transaction. */
static int gen_dashboard(dctx *c, const struct st_place *street)
{
    store *st = c->st;
    int rc = store_begin(st);
    if (rc)
        return rc;
    STEP("volunteer service, points", bench_sql_service(st, street->path, c->now));
    STEP("satisfaction surveys", bench_sql_surveys(st, street->path, c->now));
    return store_end(st, 0);
}

/* The street's admin (who reads the three rates over its communities),
 * signed in: inside the caller's transaction. */
static int gen_street_admin(dctx *c, const struct st_place *street, char token[TOKEN_HEX + 1])
{
    char phone[24];
    snprintf(phone, sizeof phone, "%lld", BENCH_STREET_PHONE_BASE + (long long)street->id);
    struct st_person p = {.phone = phone, .name = "压测街道管理员", .pw_hash = "-", .created_at = c->now};
    int rc = person_insert(c->st, &p);
    if (rc)
        return rc;
    struct st_role r = {.person_id = p.id, .role = "street_admin", .place_id = street->id};
    if ((rc = role_insert(c->st, &r)))
        return rc;
    return session_issue(c, p.id, 1, 0, token);
}

struct gen_opts {
    int ncomm, nsess, reports, each;
};

static int gen_district(dctx *c, const struct gen_opts *o, FILE *out)
{
    int ncomm = o->ncomm, nsess = o->nsess;
    store *st = c->st;
    struct st_place street;
    int rc;
    double t_all = now_s(), t0;
    if ((rc = gen_bulk(c, ncomm, &street)))
        return rc;
    /* the search index of every matter, call and opinion, as the server's
     * jobs would build it (here 5,000 records a transaction) */
    int indexed = 0;
    double ts = now_s();
    if ((rc = search_reindex(c, 5000, &indexed)))
        return rc;
    fprintf(stderr, "gen: %-28s %6.2f s (%d records)\n", "search index", now_s() - ts, indexed);
    printf("GEN search_index_seconds=%.2f search_indexed=%d\n", now_s() - ts, indexed);
    /* PostgreSQL plans the vote snapshots below from statistics: without
     * them it reads every household member for every vote */
    if (strcmp(store_engine(st), "postgresql") == 0)
        STEP("analyze", bench_sql_analyze(st));
    int64_t *comms, *mids;
    int nc, nm;
    if ((rc = bench_sql_place_ids(st, c->a, street.path, "community", nsess, &comms, &nc)))
        return rc;
    if (o->each > 0 || o->reports > 0) {
        t0 = now_s();
        STEP("problem reports", gen_reports(c, &street, comms[0], o->reports, o->each));
        printf("GEN report_seconds=%.2f\n", now_s() - t0);
    }
    t0 = now_s();
    STEP("dashboards' year", gen_dashboard(c, &street));
    printf("GEN dashboard_seconds=%.2f\n", now_s() - t0);
    /* per session community: support needs many households, an open vote */
    int64_t *votes = arena_alloc(c->a, sizeof *votes * (size_t)(nc + 1));
    int64_t *shifts = arena_alloc(c->a, sizeof *shifts * (size_t)(nc + 1));
    struct st_vote template = {0};
    t0 = now_s();
    for (int i = 0; i < nc; i++) {
        char phone[24];
        struct st_person staff;
        struct actor *act;
        snprintf(phone, sizeof phone, "%lld", BENCH_STAFF_PHONE_BASE + (long long)comms[i]);
        if ((rc = store_begin(st)) || (rc = store_end(st, place_setting_write(c, comms[i], "support_households", "1000"))))
            return rc;
        if ((rc = person_by_phone(st, c->a, phone, &staff)) || (rc = actor_load(c, staff.id, &act)))
            return rc;
        c->actor = act;
        json_t *rule = json_pack("{s:s}", "preset", "simple_majority");
        struct vote_new vn = {.place_id = comms[i], .title = "是否同意加装电梯", .method = "yes_no_abstain", .mode = "online",
                              .rule = rule, .closes_at = c->now + 7 * 86400};
        rc = vote_create(c, &vn, &votes[i]);
        json_decref(rule);
        if (rc == 0) { /* a volunteer shift tomorrow, for the sign-up writes */
            char from[24], to[24];
            time_format_local(c->now + 86400, from, sizeof from);
            time_format_local(c->now + 86400 + 3 * 3600, to, sizeof to);
            struct shift_new sn = {.place_id = comms[i], .title = "车棚清理", .starts = from, .ends = to,
                                   .capacity = 1000};
            rc = volunteer_shift_create(c, &sn, &shifts[i]);
        }
        c->actor = NULL;
        if (rc) {
            fprintf(stderr, "gen: vote_create: %s %s\n", wg_err_name(rc), c->code ? c->code : "");
            return rc;
        }
        if (i == 0 && (rc = vote_store_get(st, c->a, votes[0], &template)))
            return rc;
    }
    fprintf(stderr, "gen: %-28s %6.2f s\n", "open votes (domain)", now_s() - t0);
    if (nc > 0)
        STEP("closed votes and ballots", gen_votes(c, &street, &template));
    /* sessions of every resident of the session communities */
    t0 = now_s();
    long sessions = 0;
    int64_t page_matter = 0;
    char street_token[TOKEN_HEX + 1] = "";
    if ((rc = store_begin(st)))
        return rc;
    rc = gen_street_admin(c, &street, street_token);
    for (int i = 0; i < nc && rc == 0; i++) {
        int64_t *rest;
        struct bench_resident *people;
        int np, nr;
        if ((rc = bench_sql_matter_ids(st, c->a, comms[i], "collecting", 1000, &mids, &nm)) ||
            (rc = bench_sql_residents(st, c->a, comms[i], 100000, &people, &np)))
            break;
        if (i == 0 && (rc = bench_sql_matter_ids(st, c->a, comms[i], "deliberating", 1, &rest, &nr)) == 0 && nr)
            page_matter = rest[0];
        for (int k = 0; k < np && rc == 0 && nm > 0; k++) {
            char token[TOKEN_HEX + 1], csrf[TOKEN_HEX + 1];
            if ((rc = session_issue(c, people[k].person_id, 0, comms[i], token)))
                break;
            session_csrf(token, csrf);
            fprintf(out, "wg_sid=%s %s %lld %lld %lld %lld\n", token, csrf, (long long)votes[i],
                    (long long)mids[k % nm], (long long)shifts[i], (long long)people[k].household_id);
            if (i == 0 && k == 1 && (rc = gen_statement(c, comms[i], people[k].person_id)) != 0)
                break;
            sessions++;
        }
    }
    if ((rc = store_end(st, rc)))
        return rc;
    fprintf(stderr, "gen: %-28s %6.2f s\n", "sessions", now_s() - t0);
    if (strcmp(store_engine(st), "postgresql") == 0)
        STEP("analyze", bench_sql_analyze(st));
    printf("GEN seconds=%.2f communities=%d community=%lld page_matter=%lld sessions=%ld street=%lld street_session=%s\n",
           now_s() - t_all, ncomm, nc ? (long long)comms[0] : 0LL, (long long)page_matter, sessions,
           (long long)street.id, street_token);
    static const char *const tables[] = {"place", "person", "matter", "comment", "matter_support", "opinion",
                                         "vote_ballot", "session", "report", "report_rating", "volunteer_signup",
                                         "points_txn", "satisfaction_response"};
    printf("GEN");
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
        int64_t k = 0;
        if ((rc = bench_sql_count(st, tables[i], &k)))
            return rc;
        printf(" %s=%lld", tables[i], (long long)k);
    }
    printf("\n");
    return 0;
}

static int main_district(int argc, char **argv)
{
    const char *db = NULL, *outpath = NULL;
    long ncomm = 200, nsess = 10, reports = 0, each = 0;
    for (int i = 2; i + 1 < argc; i += 2) {
        char *end;
        if (strcmp(argv[i], "--db") == 0)
            db = argv[i + 1];
        else if (strcmp(argv[i], "--out") == 0)
            outpath = argv[i + 1];
        else if (strcmp(argv[i], "--communities") == 0 && ((ncomm = strtol(argv[i + 1], &end, 10)), *end == '\0'))
            continue;
        else if (strcmp(argv[i], "--session-communities") == 0 &&
                 ((nsess = strtol(argv[i + 1], &end, 10)), *end == '\0'))
            continue;
        else if (strcmp(argv[i], "--reports") == 0 && ((reports = strtol(argv[i + 1], &end, 10)), *end == '\0'))
            continue;
        else if (strcmp(argv[i], "--reports-each") == 0 && ((each = strtol(argv[i + 1], &end, 10)), *end == '\0'))
            continue;
        else
            return usage();
    }
    if (nsess > ncomm)
        nsess = ncomm;
    if (db == NULL || outpath == NULL || ncomm < 1 || ncomm > 100000 || nsess < 1 || reports < 0 ||
        reports > 10000000 || each < 0 || each > 1000000)
        return usage();
    store *st;
    if (modules_install() != 0 || store_open(db, &st) != 0 || module_migrate(st, NULL) != 0 ||
        bench_sql_tune(st) != 0) {
        fprintf(stderr, "gen: cannot open %s\n", db);
        return 1;
    }
    FILE *out = fopen(outpath, "w");
    arena *a = arena_new(1 << 20);
    dctx c = {.st = st, .a = a, .now = (int64_t)time(NULL), .ip = "gen"};
    struct gen_opts o = {.ncomm = (int)ncomm, .nsess = (int)nsess, .reports = (int)reports, .each = (int)each};
    int rc = out == NULL || a == NULL ? WG_EINVAL : gen_district(&c, &o, out);
    if (out && fclose(out) != 0)
        rc = rc ? rc : WG_EINVAL;
    if (rc)
        fprintf(stderr, "gen: failed (%s)\n", wg_err_name(rc));
    arena_free(a);
    store_close(st);
    return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
    const char *db = NULL, *outpath = NULL;
    long n = 0;
    long long grid = 0;
    if (argc >= 2 && strcmp(argv[1], "district") == 0)
        return main_district(argc, argv);
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
    if (modules_install() != 0 || store_open(db, &st) != 0) {
        fprintf(stderr, "gen: cannot open %s\n", db);
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
        fprintf(stderr, "gen: failed (%d)\n", rc);
    arena_free(a);
    store_close(st);
    return rc ? 1 : 0;
}
