/*
 * wugong: the command line and the route table.
 *   wugong serve   [--db URL] [--host H] [--port N] [--threads N] ...
 *   wugong migrate [--db URL]
 *   wugong demo    [--db URL]
 *   wugong backup  [--db URL] --out FILE
 *   wugong restore [--db URL] --from FILE
 */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "algo/tally_json.h"
#include "mod/points/points.h"
#include "edge/edge.h"
#include "core/jalloc.h"
#include "core/log.h"
#include "mod/demo/demo.h"
#include "modules.h"



struct opts {
    const char *db;
    const char *host;
    int port;
    int threads;
    int workers;
    int worker_queue;
    int quiet;
    int trust_proxy;
    int secure_cookies;
    const char *base_url;
    const char *clock_file; /* tests only: a file holding seconds to add to the clock */
    long max_connections;
    long header_timeout_ms;
    long jobs_interval_ms;
    long export_rows_max, exports_max;
    const char *file; /* backup --out, restore --from */
    const char *replicas[STORE_MAX_REPLICAS];
    int nreplicas;
};

static void usage(void)
{
    fputs("usage: wugong serve|migrate|demo|backup|restore [options]\n"
          "  wugong backup --db URL --out FILE    a consistent copy of the live database\n"
          "  wugong restore --db URL --from FILE  load a backup into a new/empty database\n"
          "  wugong tally FILE|-                  count a published vote (JSON, docs/tally.md)\n"
          "  wugong routes                        every module's routes (method, path, flags, body limit, module)\n"
          "  wugong ledger-check --db URL         prove the points ledger (transactions sum to 0, balances = postings)\n"
          "  --db URL                 sqlite:PATH (default sqlite:wugong.db) or postgresql://...\n"
          "  --db-replica URL         a PostgreSQL read replica (repeatable)\n"
          "  --host ADDR              listen address (default 127.0.0.1)\n"
          "  --port N                 listen port (default 8080)\n"
          "  --threads N              event loop threads (default: one per core)\n"
          "  --workers N              threads for slow work such as photo decoding (default 1)\n"
          "  --worker-queue N         requests that may wait for them (default 256; then 503)\n"
          "  --base-url URL           public address, printed in QR posters\n"
          "  --max-connections N      open connections before refusing (default 10000)\n"
          "  --header-timeout-ms N    time to send request headers (default 10000)\n"
          "  --trust-proxy            believe X-Forwarded-For/-Proto from a proxy in front\n"
          "  --secure-cookies         mark cookies Secure (TLS terminated in front)\n"
          "  --quiet                  no access log\n"
          "  --jobs-interval-ms N     how often due work is looked for (default 1000)\n"
          "  --export-max-rows N      rows of one XLSX/CSV export at most (default 200000)\n"
          "  --exports-at-once N      long exports written at the same time (default 1; then 503 export_busy; 0: none)\n"
          "  --clock-file FILE        tests only: FILE holds seconds added to the clock\n",
          stderr);
}

static int parse_long(const char *s, long min, long max, long *out)
{
    char *end;
    long v = s ? strtol(s, &end, 10) : 0;
    if (s == NULL || *s == '\0' || *end != '\0' || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
    long v;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--db") == 0 && next) {
            o->db = next;
            i++;
        } else if (strcmp(a, "--host") == 0 && next) {
            o->host = next;
            i++;
        } else if (strcmp(a, "--port") == 0 && parse_long(next, 1, 65535, &v) == 0) {
            o->port = (int)v;
            i++;
        } else if (strcmp(a, "--threads") == 0 && parse_long(next, 1, 64, &v) == 0) {
            o->threads = (int)v;
            i++;
        } else if (strcmp(a, "--workers") == 0 && parse_long(next, 1, 16, &v) == 0) {
            o->workers = (int)v;
            i++;
        } else if (strcmp(a, "--worker-queue") == 0 && parse_long(next, 1, 4096, &v) == 0) {
            o->worker_queue = (int)v;
            i++;
        } else if (strcmp(a, "--max-connections") == 0 && parse_long(next, 1, 1000000, &v) == 0) {
            o->max_connections = v;
            i++;
        } else if (strcmp(a, "--header-timeout-ms") == 0 && parse_long(next, 100, 600000, &v) == 0) {
            o->header_timeout_ms = v;
            i++;
        } else if (strcmp(a, "--jobs-interval-ms") == 0 && parse_long(next, 10, 600000, &v) == 0) {
            o->jobs_interval_ms = v;
            i++;
        } else if (strcmp(a, "--export-max-rows") == 0 && parse_long(next, 1, 1000000, &v) == 0) {
            o->export_rows_max = v;
            i++;
        } else if (strcmp(a, "--exports-at-once") == 0 && parse_long(next, 0, 64, &v) == 0) {
            o->exports_max = v;
            i++;
        } else if (strcmp(a, "--db-replica") == 0 && next) {
            if (o->nreplicas == STORE_MAX_REPLICAS) {
                fprintf(stderr, "wugong: at most %d replicas\n", STORE_MAX_REPLICAS);
                return -1;
            }
            o->replicas[o->nreplicas++] = next;
            i++;
        } else if ((strcmp(a, "--out") == 0 || strcmp(a, "--from") == 0) && next) {
            o->file = next;
            i++;
        } else if (strcmp(a, "--base-url") == 0 && next) {
            o->base_url = next;
            i++;
        } else if (strcmp(a, "--clock-file") == 0 && next) {
            o->clock_file = next;
            i++;
        } else if (strcmp(a, "--quiet") == 0) {
            o->quiet = 1;
        } else if (strcmp(a, "--trust-proxy") == 0) {
            o->trust_proxy = 1;
        } else if (strcmp(a, "--secure-cookies") == 0) {
            o->secure_cookies = 1;
        } else {
            fprintf(stderr, "wugong: bad option %s\n", a);
            return -1;
        }
    }
    return 0;
}

static int open_migrated(const char *db, store **st)
{
    int applied = 0;
    int rc = store_open(db, st);
    if (rc) {
        fprintf(stderr, "wugong: cannot open %s\n", db);
        return rc;
    }
    rc = module_migrate(*st, &applied);
    if (rc) {
        fprintf(stderr, "wugong: migration failed: %s\n", store_last_error(*st));
        store_close(*st);
        return rc;
    }
    if (applied)
        log_info("applied %d migration(s) to %s", applied, db);
    return 0;
}

/* wugong routes: every module's route rows, one per line (method, pattern,
 * flags, body limit, module), for operators and for the tests that sweep
 * every route. */
static int cmd_routes(void)
{
    static const struct { unsigned bit; const char *name; } names[] = {
        {HTTP_AUTH, "auth"}, {HTTP_CSRF, "csrf"}, {HTTP_STAFF, "staff"}, {HTTP_API, "api"},
        {HTTP_ANON, "anon"}, {HTTP_SECRET_PATH, "secret"}, {HTTP_UPLOAD, "upload"}, {HTTP_KEY, "key"},
        {HTTP_WORKER, "worker"}, {HTTP_SLOW, "slow"}};
    for (const struct module *const *m = module_list(); *m; m++)
        for (const struct http_route *const *t = (*m)->routes; t && *t; t++)
            for (const struct http_route *r = *t; r->method; r++) {
                char flags[96] = "";
                for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
                    if (r->flags & names[i].bit)
                        snprintf(flags + strlen(flags), sizeof flags - strlen(flags), "%s%s", *flags ? "," : "",
                                 names[i].name);
                printf("%s\t%s\t%s\t%zu\t%s\n", r->method, r->pattern, *flags ? flags : "-",
                       r->body_max ? r->body_max : (size_t)HTTP_BODY_DEFAULT, (*m)->name);
            }
    return 0;
}

static int cmd_migrate(const struct opts *o)
{
    store *st;
    int rc = open_migrated(o->db, &st);
    if (rc)
        return 1;
    for (const struct module *const *m = module_list(); *m; m++) {
        int v = 0;
        if (store_migration_version(st, (*m)->dir, &v) == 0 && v > 0)
            printf("%-20s schema version %d\n", (*m)->dir, v);
    }
    store_close(st);
    return 0;
}

/* wugong ledger-check: every points transaction sums to zero and every
 * cached balance equals its postings (exit 0), or the problems (exit 1). */
static int cmd_ledger_check(const struct opts *o)
{
    store *st;
    if (open_migrated(o->db, &st))
        return 1;
    arena *a = arena_new(64 * 1024);
    int64_t ntxn = 0, nacc = 0;
    char msg[2048];
    int rc = points_check(st, a, &ntxn, &nacc, msg, sizeof msg);
    if (rc == 0)
        printf("ledger ok: %lld transactions, %lld accounts\n", (long long)ntxn, (long long)nacc);
    else if (rc == WG_ECONFLICT)
        fprintf(stderr, "wugong ledger-check: %lld transactions, %lld accounts; wrong:\n%s", (long long)ntxn,
                (long long)nacc, msg);
    else
        fprintf(stderr, "wugong ledger-check: %s (%s)\n", wg_err_name(rc), store_last_error(st));
    arena_free(a);
    store_close(st);
    return rc ? 1 : 0;
}

static int cmd_demo(const struct opts *o)
{
    store *st;
    if (open_migrated(o->db, &st))
        return 1;
    arena *a = arena_new(64 * 1024);
    dctx c = {.st = st, .a = a, .now = (int64_t)time(NULL), .ip = "cli"};
    int rc = demo_create(&c);
    if (rc == WG_ECONFLICT)
        printf("the demo data is already in %s\n", o->db);
    else if (rc)
        fprintf(stderr, "wugong: demo failed: %s (%s)\n", wg_err_name(rc), store_last_error(st));
    else {
        printf("demo data created in %s\n", o->db);
        demo_print_signins();
    }
    arena_free(a);
    store_close(st);
    return rc && rc != WG_ECONFLICT ? 1 : 0;
}

static int cmd_backup(const struct opts *o)
{
    store *st;
    if (o->file == NULL) {
        fputs("wugong backup: --out FILE is required\n", stderr);
        return 2;
    }
    if (store_open(o->db, &st))
        return 1;
    int rc = store_backup(st, o->file);
    if (rc)
        fprintf(stderr, "wugong backup: %s\n", store_last_error(st));
    else
        printf("backup of %s written to %s\n", o->db, o->file);
    store_close(st);
    return rc ? 1 : 0;
}

static int cmd_restore(const struct opts *o)
{
    char msg[512] = "";
    if (o->file == NULL) {
        fputs("wugong restore: --from FILE is required\n", stderr);
        return 2;
    }
    int rc = store_restore(o->db, o->file, msg, sizeof msg);
    if (rc)
        fprintf(stderr, "wugong restore: %s\n", msg);
    else
        printf("%s restored into %s; integrity check passed\n", o->file, o->db);
    return rc ? 1 : 0;
}

static int cmd_serve(const struct opts *o)
{
    store *st;
    jalloc_install(); /* before the first JSON value: requests' JSON lives in their arenas */
    if (open_migrated(o->db, &st))
        return 1;
    arena *a = arena_new(4096);
    const char *demo = NULL;
    if (setting_get(st, a, "demo", &demo) == 0)
        demo_print_signins();
    arena_free(a);
    store_close(st);
    char base[256];
    if (o->base_url == NULL)
        snprintf(base, sizeof base, "http://%s:%d", o->host, o->port);
    struct edge_options ao = {.db_url = o->db, .replicas = o->replicas, .nreplicas = o->nreplicas,
                             .secure_cookies = o->secure_cookies, .clock_file = o->clock_file,
                             .jobs_interval_ms = (int)o->jobs_interval_ms, .export_rows_max = o->export_rows_max,
                             .exports_max = (int)o->exports_max,
                             .base_url = o->base_url ? o->base_url : base};
    if (edge_init(&ao) || module_init_all() || edge_jobs_start())
        return 1;
    log_set_access(!o->quiet);
    /* the access log goes to stdout: a line at a time, so that it is current
     * when stdout is a file or a pipe */
    setvbuf(stdout, NULL, _IOLBF, 0);
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    size_t nroutes = 0;
    const struct http_route *routes = edge_routes(&nroutes);
    if (routes == NULL)
        return 1;
    /* h2o 2.2 has one body limit for every path, checked before a body is
     * read: the largest route's; each route's own is checked once it came */
    size_t max_body = HTTP_BODY_DEFAULT;
    for (size_t i = 0; i < nroutes; i++)
        if (routes[i].body_max > max_body)
            max_body = routes[i].body_max;
    struct http_config cfg = {
        .host = o->host,
        .port = o->port,
        .threads = o->threads ? o->threads : (int)(ncpu > 0 ? ncpu : 1),
        .workers = o->workers ? o->workers : 1,
        .worker_queue = o->worker_queue,
        .trust_proxy = o->trust_proxy,
        .limits = {.max_connections = (size_t)o->max_connections,
                   .max_body = max_body,
                   .max_header_bytes = 16 * 1024,
                   .header_timeout_ms = (uint64_t)o->header_timeout_ms,
                   .out_max = 4 * 1024 * 1024},
        .routes = routes,
        .nroutes = nroutes,
        .app = {.thread_init = edge_thread_init, .thread_fini = edge_thread_fini, .before = edge_before,
                .on_send = edge_on_send, .hold = edge_hold, .after = edge_after, .error = edge_error},
    };
    printf("wugong serving on http://%s:%d\n", o->host, o->port);
    fflush(stdout);
    int rc = http_serve(&cfg);
    module_fini_all();
    edge_fini();
    log_info("stopped");
    return rc ? 1 : 0;
}

/* wugong tally FILE|-: the result JSON on stdout (exit 0); malformed vote
 * data: a message on stderr (exit 1); no or unreadable file: usage (exit 2). */
/* `wugong tally` is one short pass over a document that may hold a million
 * ballots: jansson's many small allocations come from a bump allocator that
 * is released at once at the end (malloc/free and the page faults of a
 * fragmented heap were most of the run time). */
static arena *g_json_arena;
static void *json_bump_alloc(size_t n) { return arena_alloc(g_json_arena, n); }
static void json_bump_free(void *p) { (void)p; }

static int cmd_tally(int argc, char **argv)
{
    char err[512] = "", chunk[65536];
    buf in, out;
    arena *a = NULL;
    int code = 2;
    size_t n;
    buf_init(&in, (size_t)1 << 30);
    buf_init(&out, (size_t)1 << 30);
    FILE *f = argc == 3 ? (strcmp(argv[2], "-") == 0 ? stdin : fopen(argv[2], "rb")) : NULL;
    if (f == NULL) {
        if (argc == 3)
            fprintf(stderr, "wugong tally: cannot read %s\n", argv[2]);
        usage();
        goto out;
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(&in, chunk, n);
    if (ferror(f) || buf_failed(&in)) {
        fprintf(stderr, "wugong tally: cannot read %s%s\n", argv[2], buf_failed(&in) ? " (larger than 1 GiB)" : "");
        usage();
        goto out;
    }
    a = arena_new(1024 * 1024);
    g_json_arena = arena_new(32 * 1024 * 1024);
    json_set_alloc_funcs(json_bump_alloc, json_bump_free);
    code = 1;
    if (tally_json_run(a, in.data ? in.data : "", in.len, &out, err, sizeof err) != 0) {
        fprintf(stderr, "wugong tally: %s\n", err);
        goto out;
    }
    code = fwrite(out.data, 1, out.len, stdout) == out.len && fflush(stdout) == 0 ? 0 : 1;
out:
    if (f != NULL && f != stdin)
        fclose(f);
    arena_free(a);
    buf_free(&in);
    buf_free(&out);
    if (g_json_arena) {
        json_set_alloc_funcs(malloc, free);
        arena_free(g_json_arena);
    }
    return code;
}

int main(int argc, char **argv)
{
    struct opts o = {.db = "sqlite:wugong.db", .host = "127.0.0.1", .port = 8080, .max_connections = 10000,
                      .exports_max = -1,
                     .header_timeout_ms = 10000};
    if (argc < 2) {
        usage();
        return 2;
    }
    if (strcmp(argv[1], "tally") == 0)
        return cmd_tally(argc, argv);
    if (modules_install() != 0) {
        fputs("wugong: the module list is inconsistent (see the log)\n", stderr);
        return 1;
    }
    if (sodium_init() < 0) {
        fputs("wugong: libsodium failed to start\n", stderr);
        return 1;
    }
    if (parse_opts(argc, argv, &o) != 0) {
        usage();
        return 2;
    }
    if (strcmp(argv[1], "routes") == 0)
        return cmd_routes();
    if (strcmp(argv[1], "serve") == 0)
        return cmd_serve(&o);
    if (strcmp(argv[1], "migrate") == 0)
        return cmd_migrate(&o);
    if (strcmp(argv[1], "ledger-check") == 0)
        return cmd_ledger_check(&o);
    if (strcmp(argv[1], "demo") == 0)
        return cmd_demo(&o);
    if (strcmp(argv[1], "backup") == 0)
        return cmd_backup(&o);
    if (strcmp(argv[1], "restore") == 0)
        return cmd_restore(&o);
    usage();
    return 2;
}
