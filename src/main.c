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
#include "api/api.h"
#include "app/app.h"
#include "core/jalloc.h"
#include "core/log.h"
#include "web/web.h"

#define GET "GET"
#define POST "POST"
#define PUT "PUT"
#define DEL "DELETE"
#define A HTTP_AUTH
#define C HTTP_CSRF
#define S HTTP_STAFF
#define J HTTP_API

/* The whole surface of the server: adding an endpoint is a row here plus a
 * function. Every state change is POST/PUT/DELETE and carries HTTP_CSRF. */
static const struct http_route routes[] = {
    {GET, "/healthz", api_healthz, HTTP_ANON, 0, NULL},
    {GET, "/metrics", api_metrics, HTTP_ANON, 0, NULL},
    {GET, "/static/{name}", web_static, HTTP_ANON, 0, NULL},
    {GET, "/", web_home, 0, 0, NULL},
    {GET, "/signin", web_signin_form, 0, 0, NULL},
    {POST, "/signin", web_signin, C, 4096, NULL},
    {POST, "/signout", web_signout, C, 4096, NULL},
    {POST, "/prefs", web_prefs, C, 4096, NULL},
    {GET, "/register", web_register_form, 0, 0, NULL},
    {POST, "/register", web_register, C, 8192, NULL},
    {GET, "/matters", web_matters, A, 0, NULL},
    {GET, "/matters/new", web_matter_new, A, 0, NULL},
    {POST, "/matters", web_matter_create, A | C, 128 * 1024, NULL},
    {GET, "/matters/{id}", web_matter, A, 0, NULL},
    {POST, "/matters/{id}/follow", web_matter_follow, A | C, 4096, NULL},
    {POST, "/matters/{id}/transitions", web_matter_transition, A | C, 8192, NULL},
    {POST, "/matters/{id}/objections", web_objection_create, A | C, 16384, NULL},
    {POST, "/objections/{id}/answer", web_objection_answer, A | C, 16384, NULL},
    {POST, "/matters/{id}/support", web_matter_support, A | C, 1024, NULL},
    {POST, "/matters/{id}/comments", web_comment_create, A | C, 16384, NULL},
    {POST, "/comments/{id}/report", web_comment_report, A | C, 8192, NULL},
    {POST, "/comments/{id}/moderation", web_comment_moderate, A | C, 8192, NULL},
    {GET, "/notifications", web_notifications, A, 0, NULL},
    {POST, "/notifications/read", web_notifications_read, A | C, 1024, NULL},
    {POST, "/notifications/prefs", web_notification_prefs, A | C, 1024, NULL},
    {GET, "/places/{id}", web_place, A, 0, NULL},
    {GET, "/places/{id}/poster", web_poster, A, 0, NULL},
    {GET, "/staff", web_staff, A | S, 0, NULL},
    {GET, "/staff/claims", web_claims, A | S, 0, NULL},
    {POST, "/claims/{id}/decision", web_claim_decide, A | S | C, 8192, NULL},
    {GET, "/staff/coverage", web_coverage, A | S, 0, NULL},
    {GET, "/staff/people", web_people, A, 0, NULL},
    {POST, "/people/{id}/phone", web_reveal_phone, A | S | C, 8192, NULL},
    /* calls for opinions, opinions, photos */
    {GET, "/calls", web_calls, A, 0, NULL},
    {GET, "/calls/new", web_call_new, A | S, 0, NULL},
    {POST, "/calls", web_call_create, A | C, 32 * 1024, NULL},
    {GET, "/calls/{id}", web_call, A, 0, NULL},
    {POST, "/calls/{id}/close", web_call_close, A | C, 1024, NULL},
    {POST, "/calls/{id}/opinions", web_opinion_create, A | C, 1024 * 1024, NULL},
    {GET, "/opinions/{id}", web_opinion, A, 0, NULL},
    {POST, "/opinions/{id}/support", web_opinion_support, A | C, 1024, NULL},
    {POST, "/opinions/{id}/merge", web_opinion_merge, A | C, 1024, NULL},
    {POST, "/opinions/{id}/adopt", web_opinion_adopt, A | C, 8192, NULL},
    {POST, "/opinions/{id}/comments", web_opinion_comment_create, A | C, 16384, NULL},
    {GET, "/photos/{id}", web_photo, A, 0, NULL},

    /* councils and meetings (web/pages_council.c) */
    {GET, "/places/{id}/councils", web_place_councils, A, 0, NULL},
    {POST, "/places/{id}/councils", web_council_create, A | C, 16384, NULL},
    {POST, "/places/{id}/feed-key", web_feed_key, A | C, 1024, NULL},
    {GET, "/places/{id}/meetings.ics", web_meetings_ics, 0, 0, NULL},
    {GET, "/councils/{id}", web_council, A, 0, NULL},
    {POST, "/councils/{id}/meetings", web_meeting_add, A | C, 8192, NULL},
    {GET, "/meetings/{id}", web_meeting, A, 0, NULL},
    {POST, "/meetings/{id}/move", web_meeting_move, A | C, 8192, NULL},
    {POST, "/meetings/{id}/cancel", web_meeting_cancel, A | C, 8192, NULL},
    {POST, "/meetings/{id}/agenda", web_agenda_add, A | C, 8192, NULL},
    {POST, "/agenda/{id}/move", web_agenda_move, A | C, 1024, NULL},
    {POST, "/agenda/{id}/remove", web_agenda_remove, A | C, 1024, NULL},
    {POST, "/agenda/{id}/outcome", web_agenda_outcome, A | C, 8192, NULL},
    {GET, "/meetings/{id}/signin", web_meeting_signin_form, A, 0, NULL},
    {POST, "/meetings/{id}/signin", web_meeting_signin, A | C, 1024, NULL},
    {POST, "/meetings/{id}/attendance", web_meeting_attend, A | C, 1024, NULL},
    {POST, "/meetings/{id}/proxies", web_meeting_proxy, A | C, 1024, NULL},
    {POST, "/meetings/{id}/minutes", web_meeting_minutes, A | C, 128 * 1024, NULL},
    {POST, "/meetings/{id}/close", web_meeting_close, A | C, 1024, NULL},
    /* end councils and meetings */
    /* votes */
    {GET, "/votes/new", web_vote_new, A | S, 0, NULL},
    {POST, "/votes", web_vote_create, A | C, 16384, NULL},
    {GET, "/votes/{id}", web_vote, A, 0, NULL},
    {POST, "/votes/{id}/ballot", web_vote_cast, A | C, 4096, NULL},
    {POST, "/votes/{id}/close", web_vote_close, A | C, 1024, NULL},
    {POST, "/votes/{id}/cancel", web_vote_cancel, A | C, 1024, NULL},
    {POST, "/votes/{id}/hands", web_vote_hands, A | C, 16384, NULL},
    {POST, "/votes/{id}/hands/confirm", web_vote_hands_confirm, A | C, 1024, NULL},
    /* end votes */
    /* meeting photos */
    {POST, "/meetings/{id}/photos", web_meeting_photos_add, A | C, 1024 * 1024, NULL},
    /* end meeting photos */

    {GET, "/api/v1/meta", api_meta, J, 0, NULL},
    {GET, "/api/v1/csrf", api_csrf, J, 0, NULL},
    {POST, "/api/v1/session", api_session_create, J | C, 4096, NULL},
    {DEL, "/api/v1/session", api_session_delete, J | A | C, 0, NULL},
    {GET, "/api/v1/me", api_me, J | A, 0, NULL},
    {GET, "/api/v1/registration", api_registration_info, J, 0, NULL},
    {POST, "/api/v1/registrations", api_register, J | C, 8192, NULL},
    {GET, "/api/v1/places/{id}", api_place, J | A, 0, NULL},
    {GET, "/api/v1/places/{id}/children", api_place_children, J | A, 0, NULL},
    {GET, "/api/v1/places/{id}/people", api_place_people, J | A, 0, NULL},
    {GET, "/api/v1/communities/{id}/coverage", api_coverage, J | A, 0, NULL},
    {GET, "/api/v1/communities/{id}/claims", api_claims, J | A, 0, NULL},
    {POST, "/api/v1/claims/{id}/decision", api_claim_decide, J | A | C, 8192, NULL},
    {POST, "/api/v1/people/{id}/phone", api_reveal_phone, J | A | C, 8192, NULL},
    {GET, "/api/v1/matters", api_matters, J | A, 0, NULL},
    {POST, "/api/v1/matters", api_matter_create, J | A | C, 128 * 1024, NULL},
    {GET, "/api/v1/matters/{id}", api_matter, J | A, 0, NULL},
    {POST, "/api/v1/matters/{id}/transitions", api_matter_transition, J | A | C, 8192, NULL},
    {PUT, "/api/v1/matters/{id}/follow", api_matter_follow, J | A | C, 1024, NULL},
    {DEL, "/api/v1/matters/{id}/follow", api_matter_unfollow, J | A | C, 1024, NULL},
    {POST, "/api/v1/matters/{id}/objections", api_objection_create, J | A | C, 16384, NULL},
    {POST, "/api/v1/objections/{id}/answer", api_objection_answer, J | A | C, 16384, NULL},
    {PUT, "/api/v1/matters/{id}/support", api_matter_support, J | A | C, 1024, NULL},
    {GET, "/api/v1/places/{id}/settings", api_place_settings, J | A, 0, NULL},
    {PUT, "/api/v1/places/{id}/settings", api_place_settings_set, J | A | C, 4096, NULL},
    {GET, "/api/v1/matters/{id}/comments", api_comments, J | A, 0, NULL},
    {POST, "/api/v1/matters/{id}/comments", api_comment_create, J | A | C, 16384, NULL},
    {POST, "/api/v1/comments/{id}/report", api_comment_report, J | A | C, 8192, NULL},
    {POST, "/api/v1/comments/{id}/moderation", api_comment_moderate, J | A | C, 8192, NULL},
    {GET, "/api/v1/notifications", api_notifications, J | A, 0, NULL},
    {POST, "/api/v1/notifications/read", api_notifications_read, J | A | C, 1024, NULL},
    {GET, "/api/v1/notification-prefs", api_notification_prefs, J | A, 0, NULL},
    {PUT, "/api/v1/notification-prefs", api_notification_prefs_set, J | A | C, 1024, NULL},
    /* councils and meetings (api/v1_council.c) */
    {GET, "/api/v1/places/{id}/councils", api_place_councils, J | A, 0, NULL},
    {POST, "/api/v1/councils", api_council_create, J | A | C, 16384, NULL},
    {GET, "/api/v1/councils/{id}", api_council, J | A, 0, NULL},
    {GET, "/api/v1/councils/{id}/meetings", api_council_meetings, J | A, 0, NULL},
    {POST, "/api/v1/councils/{id}/meetings", api_meeting_add, J | A | C, 8192, NULL},
    {GET, "/api/v1/meetings/{id}", api_meeting, J | A, 0, NULL},
    {PUT, "/api/v1/meetings/{id}", api_meeting_move, J | A | C, 8192, NULL},
    {POST, "/api/v1/meetings/{id}/cancel", api_meeting_cancel, J | A | C, 8192, NULL},
    {POST, "/api/v1/meetings/{id}/agenda", api_agenda_add, J | A | C, 8192, NULL},
    {PUT, "/api/v1/meetings/{id}/agenda", api_agenda_reorder, J | A | C, 16384, NULL},
    {DEL, "/api/v1/agenda/{id}", api_agenda_remove, J | A | C, 1024, NULL},
    {PUT, "/api/v1/agenda/{id}/outcome", api_agenda_outcome, J | A | C, 8192, NULL},
    {POST, "/api/v1/meetings/{id}/signin", api_meeting_signin, J | A | C, 1024, NULL},
    {GET, "/api/v1/meetings/{id}/attendance", api_meeting_attendance, J | A, 0, NULL},
    {POST, "/api/v1/meetings/{id}/attendance", api_meeting_attend, J | A | C, 1024, NULL},
    {POST, "/api/v1/meetings/{id}/proxies", api_meeting_proxy, J | A | C, 1024, NULL},
    {PUT, "/api/v1/meetings/{id}/minutes", api_meeting_minutes, J | A | C, 128 * 1024, NULL},
    {POST, "/api/v1/meetings/{id}/close", api_meeting_close, J | A | C, 1024, NULL},
    {POST, "/api/v1/feed-key", api_feed_key, J | A | C, 1024, NULL},
    /* end councils and meetings */
    /* calls for opinions, opinions, photos */
    {GET, "/api/v1/calls", api_calls, J | A, 0, NULL},
    {POST, "/api/v1/calls", api_call_create, J | A | C, 32 * 1024, NULL},
    {GET, "/api/v1/calls/{id}", api_call, J | A, 0, NULL},
    {POST, "/api/v1/calls/{id}/close", api_call_close, J | A | C, 1024, NULL},
    {GET, "/api/v1/calls/{id}/opinions", api_opinions, J | A, 0, NULL},
    {POST, "/api/v1/calls/{id}/opinions", api_opinion_create, J | A | C, 1024 * 1024, NULL},
    {GET, "/api/v1/opinions/{id}", api_opinion, J | A, 0, NULL},
    {PUT, "/api/v1/opinions/{id}/support", api_opinion_support, J | A | C, 1024, NULL},
    {DEL, "/api/v1/opinions/{id}/support", api_opinion_unsupport, J | A | C, 1024, NULL},
    {POST, "/api/v1/opinions/{id}/merge", api_opinion_merge, J | A | C, 1024, NULL},
    {POST, "/api/v1/opinions/{id}/adopt", api_opinion_adopt, J | A | C, 8192, NULL},
    {GET, "/api/v1/opinions/{id}/comments", api_opinion_comments, J | A, 0, NULL},
    {POST, "/api/v1/opinions/{id}/comments", api_opinion_comment_create, J | A | C, 16384, NULL},
    /* votes */
    {GET, "/api/v1/votes", api_votes, J | A, 0, NULL},
    {POST, "/api/v1/votes", api_vote_create, J | A | C, 16384, NULL},
    {GET, "/api/v1/votes/{id}", api_vote, J | A, 0, NULL},
    {PUT, "/api/v1/votes/{id}/ballot", api_vote_cast, J | A | C, 4096, NULL},
    {POST, "/api/v1/votes/{id}/records", api_vote_record, J | A | C, 4096, NULL},
    {PUT, "/api/v1/votes/{id}/hands", api_vote_hands, J | A | C, 16384, NULL},
    {POST, "/api/v1/votes/{id}/hands/confirm", api_vote_hands_confirm, J | A | C, 1024, NULL},
    {POST, "/api/v1/votes/{id}/close", api_vote_close, J | A | C, 1024, NULL},
    {POST, "/api/v1/votes/{id}/cancel", api_vote_cancel, J | A | C, 1024, NULL},
    {GET, "/api/v1/votes/{id}/export", api_vote_export, J | A, 0, NULL},
    /* a receipt is the key to a secret ballot: never in the access log */
    {GET, "/api/v1/votes/{id}/receipts/{code}", api_vote_receipt, J | A | HTTP_SECRET_PATH, 0, NULL},
    /* end votes */
    /* meeting photos */
    {POST, "/api/v1/meetings/{id}/photos", api_meeting_photos_add, J | A | C, 1024 * 1024, NULL},
    /* end meeting photos */
};
#define NROUTES (sizeof routes / sizeof routes[0])

struct opts {
    const char *db;
    const char *host;
    int port;
    int threads;
    int quiet;
    int trust_proxy;
    int secure_cookies;
    const char *base_url;
    const char *clock_file; /* tests only: a file holding seconds to add to the clock */
    long max_connections;
    long header_timeout_ms;
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
          "  --db URL                 sqlite:PATH (default sqlite:wugong.db) or postgresql://...\n"
          "  --db-replica URL         a PostgreSQL read replica (repeatable)\n"
          "  --host ADDR              listen address (default 127.0.0.1)\n"
          "  --port N                 listen port (default 8080)\n"
          "  --threads N              event loop threads (default: one per core)\n"
          "  --base-url URL           public address, printed in QR posters\n"
          "  --max-connections N      open connections before refusing (default 10000)\n"
          "  --header-timeout-ms N    time to send request headers (default 10000)\n"
          "  --trust-proxy            believe X-Forwarded-For/-Proto from a proxy in front\n"
          "  --secure-cookies         mark cookies Secure (TLS terminated in front)\n"
          "  --quiet                  no access log\n"
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
        } else if (strcmp(a, "--max-connections") == 0 && parse_long(next, 1, 1000000, &v) == 0) {
            o->max_connections = v;
            i++;
        } else if (strcmp(a, "--header-timeout-ms") == 0 && parse_long(next, 100, 600000, &v) == 0) {
            o->header_timeout_ms = v;
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

/* The route table, for the fuzzing harness of the request path. */
const struct http_route *wugong_routes(size_t *n);
const struct http_route *wugong_routes(size_t *n)
{
    *n = NROUTES;
    return routes;
}

static int check_routes(void)
{
    for (size_t i = 0; i < NROUTES; i++)
        if (strcmp(routes[i].method, GET) != 0 && !(routes[i].flags & HTTP_CSRF)) {
            log_error("route %s %s changes state without CSRF", routes[i].method, routes[i].pattern);
            return -1;
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
    rc = store_migrate(*st, &applied);
    if (rc) {
        fprintf(stderr, "wugong: migration failed: %s\n", store_last_error(*st));
        store_close(*st);
        return rc;
    }
    if (applied)
        log_info("applied %d migration(s) to %s", applied, db);
    return 0;
}

static int cmd_migrate(const struct opts *o)
{
    store *st;
    int rc = open_migrated(o->db, &st);
    if (rc)
        return 1;
    int v = 0;
    store_schema_version(st, &v);
    printf("schema version %d\n", v);
    store_close(st);
    return 0;
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
    if (check_routes() || open_migrated(o->db, &st))
        return 1;
    arena *a = arena_new(4096);
    const char *demo = NULL;
    if (store_setting_get(st, a, "demo", &demo) == 0)
        demo_print_signins();
    arena_free(a);
    store_close(st);
    char base[256];
    if (o->base_url == NULL)
        snprintf(base, sizeof base, "http://%s:%d", o->host, o->port);
    struct app_options ao = {.db_url = o->db, .replicas = o->replicas, .nreplicas = o->nreplicas,
                             .secure_cookies = o->secure_cookies, .clock_file = o->clock_file,
                             .base_url = o->base_url ? o->base_url : base};
    if (app_init(&ao) || web_init())
        return 1;
    log_set_access(!o->quiet);
    /* the access log goes to stdout: a line at a time, so that it is current
     * when stdout is a file or a pipe */
    setvbuf(stdout, NULL, _IOLBF, 0);
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    struct http_config cfg = {
        .host = o->host,
        .port = o->port,
        .threads = o->threads ? o->threads : (int)(ncpu > 0 ? ncpu : 1),
        .trust_proxy = o->trust_proxy,
        .limits = {.max_connections = (size_t)o->max_connections,
                   .max_body = 1024 * 1024,
                   .max_header_bytes = 16 * 1024,
                   .header_timeout_ms = (uint64_t)o->header_timeout_ms,
                   .out_max = 4 * 1024 * 1024},
        .routes = routes,
        .nroutes = NROUTES,
        .app = {.thread_init = app_thread_init, .thread_fini = app_thread_fini, .before = app_before,
                .on_send = app_on_send, .hold = app_hold, .after = app_after, .error = app_error},
    };
    printf("wugong serving on http://%s:%d\n", o->host, o->port);
    fflush(stdout);
    int rc = http_serve(&cfg);
    web_fini();
    app_fini();
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
                     .header_timeout_ms = 10000};
    if (argc < 2) {
        usage();
        return 2;
    }
    if (strcmp(argv[1], "tally") == 0)
        return cmd_tally(argc, argv);
    if (sodium_init() < 0) {
        fputs("wugong: libsodium failed to start\n", stderr);
        return 1;
    }
    if (parse_opts(argc, argv, &o) != 0) {
        usage();
        return 2;
    }
    if (strcmp(argv[1], "serve") == 0)
        return cmd_serve(&o);
    if (strcmp(argv[1], "migrate") == 0)
        return cmd_migrate(&o);
    if (strcmp(argv[1], "demo") == 0)
        return cmd_demo(&o);
    if (strcmp(argv[1], "backup") == 0)
        return cmd_backup(&o);
    if (strcmp(argv[1], "restore") == 0)
        return cmd_restore(&o);
    usage();
    return 2;
}
