/*
 * The HTTP server: libh2o-evloop event loops (one thread per core, each with
 * its own SO_REUSEPORT listener), a declarative route table, per-request
 * arenas, limits, metrics and graceful shutdown. It knows nothing of the
 * domain: the application plugs in through struct http_app.
 *
 * Ownership: a request (http_req) and everything reachable from it lives in
 * the request's arena, which is reset when the handler returns. Response
 * bodies are copied into h2o's request pool before sending, except a file
 * answer (http_send_file), which is read and sent in chunks.
 *
 * Threading: handlers run on their loop thread, one at a time per thread,
 * and answer with http_send before returning. An answer may be held (see
 * http_app.hold): the handler still returns at once and its loop thread
 * serves other requests; the held answer is sent later, on the same loop
 * thread, after http_release() (callable from any thread) released its
 * ticket. A held answer whose client goes away is dropped. A route flagged
 * HTTP_SLOW (or HTTP_WORKER, given a multipart body) runs instead on one
 * of http_config.workers worker threads
 * (with their own per-thread contexts, from thread_init): its loop thread
 * queues a snapshot of the request and goes on serving (see worker.c).
 */
#ifndef WG_HTTP_H
#define WG_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"

typedef struct http_req http_req;
typedef int (*http_handler_fn)(http_req *r);

/* Route flags: interpreted by the application's before() hook, except
 * HTTP_API, which also makes the server's own errors JSON. */
enum {
    HTTP_AUTH = 1 << 0,  /* sign-in required */
    HTTP_CSRF = 1 << 1,  /* a valid CSRF token is required */
    HTTP_STAFF = 1 << 2, /* a staff role (grid worker and up) is required */
    HTTP_API = 1 << 3,   /* JSON errors instead of HTML pages */
    HTTP_ANON = 1 << 4,  /* no session lookup at all (health, static, metrics) */
    HTTP_SECRET_PATH = 1 << 5, /* the path carries a secret: the access log shows the route's pattern */
    HTTP_UPLOAD = 1 << 6,      /* an API route that takes multipart/form-data (photos) as well as JSON */
    HTTP_WORKER = 1 << 7,      /* slow work (photo decoding): a multipart body runs on a worker thread
                                  (worker.c); a request without uploads runs on its loop like any other */
    HTTP_KEY = 1 << 8,         /* another system's API (Open311): no session is read, so nothing ambient
                                  acts and no CSRF is asked; the handler checks its own key and answers
                                  a bad body in its own format */
    HTTP_SLOW = 1 << 9,        /* slow whatever the body (a roster's apply, tens of thousands of rows in one
                                  transaction): always runs on a worker thread, never holds a loop */
};

/* Requests waiting for a worker, and their bodies' bytes; past either, 503 at once */
#define HTTP_WORKER_QUEUE 256
#define HTTP_WORKER_QUEUE_BYTES (256u * 1024 * 1024)

#define HTTP_BODY_DEFAULT (64 * 1024)
#define HTTP_MAX_PARAMS 4

struct http_route {
    const char *method;  /* "GET", "POST", "PUT", "DELETE" */
    const char *pattern; /* "/matters/{id}/events": {x} matches one segment */
    http_handler_fn handler;
    unsigned flags;
    size_t body_max; /* 0: HTTP_BODY_DEFAULT */
    const char *name; /* label in metrics; defaults to the pattern */
};

struct http_req {
    void *h2o;               /* h2o_req_t */
    arena *a;                /* per-request arena */
    buf *out;                /* response body being built (bounded) */
    const struct http_route *route;
    const char *method;      /* NUL-terminated copies in the arena */
    const char *path;        /* without the query */
    const char *query;       /* after '?', "" when none */
    const char *param_name[HTTP_MAX_PARAMS];
    const char *param[HTTP_MAX_PARAMS]; /* percent-decoded path parameters */
    int nparam;
    const char *body;        /* the request body (not NUL-terminated), or NULL */
    size_t body_len;
    const char *peer;        /* client address (X-Forwarded-For when trusted) */
    int is_tls;              /* served over TLS (directly or via a trusted proxy) */
    int thread;              /* index of the loop thread */
    void *tctx;              /* the application's per-thread context */
    void *user;              /* set by the application's before() hook */
    int status;              /* status sent, for logs and metrics */
    uint64_t t0;             /* when routing started (http_now_ns) */
    void *job;               /* set when the request runs on a worker thread (HTTP_WORKER) */
};

struct http_app {
    void *(*thread_init)(int index, void *ud); /* per loop thread; NULL fails start */
    void (*thread_fini)(void *tctx, void *ud);
    /* Called for every matched request before its handler; returns 0 to go
     * on or non-zero when it has already responded (e.g. 401, 403). */
    int (*before)(http_req *r);
    /* Called when the answer is about to be sent (metrics taken then must
     * be visible to the client that reads /metrics next). */
    void (*on_send)(http_req *r);
    /* Called in http_send once the answer is complete: 0 sends it now;
     * otherwise a ticket, and the answer is held until http_release() has
     * released a ticket at least as large (tickets only grow). NULL: never
     * hold. (The application uses it to answer only once the writes an
     * answer reports or reveals are durable.) */
    uint64_t (*hold)(http_req *r);
    /* Called once per request after it was answered, when before() ran. */
    void (*after)(http_req *r);
    /* Renders an error response (404, 405, 413, 500...) in the route's style. */
    void (*error)(http_req *r, int status, const char *code, const char *message);
    void *ud;
};

struct http_limits {
    size_t max_connections;  /* total; past it new connections get a 503 and are closed */
    size_t max_body;         /* largest body any route accepts (h2o answers 413 above) */
    size_t max_header_bytes; /* request line + headers; 431 above */
    uint64_t header_timeout_ms; /* time to receive a request's headers */
    size_t out_max;          /* largest response body */
};

struct http_config {
    const char *host; /* "127.0.0.1" */
    int port;
    int threads;
    int workers;      /* worker threads for HTTP_WORKER routes (at least 1) */
    int worker_queue; /* requests that may wait for them (0: HTTP_WORKER_QUEUE) */
    int trust_proxy; /* believe X-Forwarded-For / X-Forwarded-Proto */
    struct http_limits limits;
    const struct http_route *routes;
    size_t nroutes;
    struct http_app app;
};

/* Runs the server until SIGTERM or SIGINT, then stops accepting, finishes
 * in-flight requests, closes idle keep-alive connections after 0.3 s (and
 * stops waiting for slow ones after 5 s), calls thread_fini on each thread
 * and returns 0. Returns non-zero if it cannot start. */
int http_serve(const struct http_config *cfg);

/* Matches method+path against the table. Returns the route, or NULL with
 * *method_mismatch set when the path matched another method's route. Fills
 * r->param*. Exposed for tests and fuzzing. */
const struct http_route *http_route_match(const struct http_route *routes, size_t n,
                                          const char *method, const char *path,
                                          http_req *r, int *method_mismatch);

/* RFC 9112 framing checks of an HTTP/1.x request's head as received (the
 * request line and header lines; bytes after the empty line are ignored).
 * HTTP_FRAMING_BAD (400, then close): Content-Length with Transfer-Encoding,
 * more than one Content-Length or Transfer-Encoding line, more than one Host,
 * no Host in HTTP/1.1, or a head that does not parse; *why says which.
 * HTTP_FRAMING_CLOSE: serve, then close (HTTP/1.0 with Transfer-Encoding).
 * Exposed for tests and fuzzing. */
enum { HTTP_FRAMING_BAD = -1, HTTP_FRAMING_OK = 0, HTTP_FRAMING_CLOSE = 1 };
int http_framing_check(const char *head, size_t len, const char **why);

/* Request accessors; results live in the arena or in h2o's pool. */
const char *http_header(http_req *r, const char *name);  /* NULL when absent */
const char *http_cookie(http_req *r, const char *name);  /* NULL when absent */
const char *http_param(http_req *r, const char *name);   /* path parameter */
/* A path parameter as a positive integer id, or 0 when it is not one. */
int64_t http_param_id(http_req *r, const char *name);

/* Response. Headers are copied. The body is r->out. */
void http_add_header(http_req *r, const char *name, const char *value);
int http_send(http_req *r, int status, const char *content_type);
int http_redirect(http_req *r, const char *location); /* 303 See Other */
/* Answers with the first len bytes of the file open at fd (read from its
 * start), streamed: a chunk of HTTP_FILE_CHUNK bytes is read each time the
 * one before has gone to the client, so a large file never sits in memory
 * (exports, edge/export.h). Takes fd: it is closed when the answer is done
 * or the client goes away (and at once on failure). Not on a worker thread
 * (HTTP_WORKER): there it answers 500. Held like any answer (http_app.hold). */
#define HTTP_FILE_CHUNK (64 * 1024)
/* A request's arena is emptied when it ends, not at its loop's next
 * request; one that used more than this gives the memory back to the
 * system (arena_release): rare (a street's dashboard over a district holds
 * hundreds of megabytes of rows: 218 MB stayed resident, 12 MB once given
 * back) and a few milliseconds. */
#define HTTP_TRIM_AFTER (16u << 20)
int http_send_file(http_req *r, int status, const char *content_type, int fd, size_t len);
/* Releases every held answer whose ticket is at most ticket: each loop
 * thread sends its own. Any thread; while serving. */
void http_release(uint64_t ticket);

/* Metrics (Prometheus text). The server counts requests by route and status,
 * latency, and open connections; the application adds time spent in the store. */
void http_metrics_add_db_ns(uint64_t ns);
/* Application counters: registered before http_serve (at most 16), then
 * added to from any thread. Returns the counter's index, or -1. */
int http_metrics_counter(const char *name, const char *help);
void http_metrics_add(int counter, uint64_t n);
void http_metrics_render(buf *out);
/* The server's loop threads count; valid while serving. */
size_t http_open_connections(void);

/* Monotonic nanoseconds. */
uint64_t http_now_ns(void);

#endif
