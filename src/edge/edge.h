/*
 * The edge: what every module's pages and API share, between the http
 * floor and the modules. This file: the per-thread context (store handle),
 * the before() hook that resolves the session, language, elder mode, body
 * and CSRF for every request, error responses in the route's style, and the
 * mapping of rule errors to HTTP statuses. The page kit is page.h, the
 * JSON kit api.h, sessions and CSRF session.h.
 */
#ifndef WG_EDGE_H
#define WG_EDGE_H

#include <jansson.h>

#include "core/form.h"
#include "core/i18n.h"
#include "kernel/kernel.h"
#include "edge/session.h"
#include "kernel/kernel.h"
#include "http/http.h"

#define COOKIE_SESSION "wg_sid"
#define COOKIE_ANON "wg_anon"
#define COOKIE_LANG "wg_lang"
#define COOKIE_ELDER "wg_elder"
#define COOKIE_WAL "wg_wal" /* read-your-writes: the log position of the client's last write */

struct edge_options {
    const char *db_url;
    const char *const *replicas; /* --db-replica URLs */
    int nreplicas;
    int secure_cookies; /* always mark cookies Secure (TLS in front) */
    const char *base_url; /* for QR posters, e.g. "http://127.0.0.1:8080" */
    const char *clock_file; /* tests only: seconds to add to the clock, read per request */
    int jobs_interval_ms;   /* how often the job runner looks for due work (0: 1000) */
    long export_rows_max;   /* rows of one export at most (0: EXPORT_ROWS_MAX, edge/export.h) */
    int exports_max;        /* exports written at once (negative: EXPORTS_AT_ONCE, edge/export.h; 0: exports off) */
};

/* Per loop thread. */
struct edge_thread {
    store *st;
    uint64_t replica_reads, primary_reads; /* as last reported to /metrics */
};

/* Per request, in the request arena; r->user points here after before(). */
struct edge_req {
    dctx dc;                    /* domain context: store, actor, arena, clock */
    struct actor *actor;        /* NULL when anonymous */
    const char *cookie_token;   /* session token, or the anonymous token */
    char csrf[TOKEN_HEX + 1];
    enum lang lang;
    int elder;
    struct form form;           /* parsed urlencoded/multipart body or query */
    struct form query;          /* parsed query string */
    json_t *json;               /* parsed JSON body (API), borrowed until the request ends */
    int body_status;            /* HTTP_KEY routes: the status a body that did not parse deserves (0: parsed) */
};

/* Loads i18n and starts the store's group commit (before the loop threads
 * open their handles); 0 or error. edge_fini stops it after http_serve. */
int edge_init(const struct edge_options *opt);
/* Starts the job runner: after every module's init hook (a job may need
 * what one sets up: libvips for photo.reprocess, which raced vips_init
 * when the runner started first). */
int edge_jobs_start(void);
void edge_fini(void);
const struct edge_options *edge_options(void);

void *edge_thread_init(int index, void *ud);
void edge_thread_fini(void *tctx, void *ud);
int edge_before(http_req *r);
void edge_error(http_req *r, int status, const char *code, const char *message);
void edge_after(http_req *r);
void edge_on_send(http_req *r);
/* The http_app.hold hook: under SQLite group commit, an answer waits until
 * every commit it may report or reveal is durable (store_durable_ticket). */
uint64_t edge_hold(http_req *r);
/* web/ registers how errors look as HTML pages (otherwise JSON everywhere). */
void edge_set_html_error(void (*fn)(http_req *r, int status, const char *code, const char *message));

static inline struct edge_req *edge_req(http_req *r) { return r->user; }
/* The translated text of key in the request's language (key itself if unknown). */
const char *edge_t(http_req *r, const char *key);
/* Answers a failed domain call: status from the error code, message from ctx->code. */
int edge_fail(http_req *r, int err);
int edge_status_of(int err);
/* Sets a cookie (Path=/, SameSite=Lax, HttpOnly unless js_visible; Secure
 * over TLS). max_age < 0 deletes it; 0 makes a session cookie. */
void edge_set_cookie(http_req *r, const char *name, const char *value, long max_age);
/* Sets the session cookie after a sign-in: a browser-session cookie for
 * staff (their session is short anyway), a lasting one for residents, who
 * should not have to sign in again on their phone every day. */
void edge_set_session_cookie(http_req *r, const char *token, const struct actor *ac);
/* Query-string value or NULL. */
const char *edge_query(http_req *r, const char *name);
/* An integer query/form value within [min,max]; def when absent; -1 via *bad when malformed. */
long edge_int(const char *s, long def, long min, long max, int *bad);

/* Every installed module's routes, in module order, as one table (built
 * once, after module_install); NULL (logged) when a route changes state
 * without CSRF or is declared twice. */
const struct http_route *edge_routes(size_t *n);

#endif
