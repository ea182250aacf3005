/*
 * The h2o side of the server: loop threads, accept with a connection limit,
 * the one h2o handler that dispatches through the route table, responses
 * (held until the application releases them, see http_release), metrics,
 * access log and graceful shutdown.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "h2o.h"

#include "core/form.h"
#include "core/log.h"
#include "http/internal.h"

#define MAX_THREADS 64
#define SHUTDOWN_GRACE_NS (5ull * 1000000000ull) /* longest wait for open connections */
#define SHUTDOWN_IDLE_NS (300ull * 1000000ull)   /* then idle keep-alive ones are closed */

/* An open client connection: kept in its thread's list so that shutdown can
 * close the idle ones (h2o 2.2 leaves idle HTTP/1 keep-alive connections open). */
struct conn {
    struct conn *prev, *next;
    struct loop_thread *t;
    int fd;
};

/* A response ready to go but held until its ticket is released: it lives in
 * the request's h2o pool, so it goes away with the request (e.g. when the
 * client disconnects) and unlinks itself then. Touched on its loop thread only. */
struct held {
    struct held *prev, *next;
    struct loop_thread *t;
    h2o_req_t *req;
    h2o_iovec_t body;
    struct file_gen *file; /* a file answer (http_send_file) instead of body */
    uint64_t ticket;
    int linked;
};

struct loop_thread {
    int index;
    pthread_t tid;
    int fd;
    h2o_evloop_t *loop;
    h2o_context_t ctx;
    h2o_accept_ctx_t accept_ctx;
    h2o_socket_t *listener;
    void *tctx;
    arena *a;
    buf out;
    size_t open; /* connections of this thread */
    struct conn conns; /* list head of open connections */
    struct held held;  /* list head of held responses */
    atomic_size_t nheld; /* their number, read by http_release's thread */
    int wake_fd[2];    /* a pipe: http_release and the workers write, the loop reads */
    pthread_mutex_t done_mu; /* guards done */
    struct http_job_link *done; /* jobs the workers finished, to send */
    h2o_socket_t *wake;
};

static const struct http_config *g_cfg;
static h2o_globalconf_t g_h2o;
static struct loop_thread g_threads[MAX_THREADS];
static atomic_int g_stop;
static atomic_size_t g_open;
static atomic_uint_fast64_t g_released; /* responses with tickets up to this may go */
static atomic_int g_nthreads;

size_t http_open_connections(void)
{
    return atomic_load(&g_open);
}

/* ---- responses ---- */

const char *http_reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return status < 400 ? "OK" : "Error";
    }
}

void http_add_security_headers(h2o_req_t *req)
{
    static const struct { const char *n, *v; } hs[] = {
        {"x-content-type-options", "nosniff"},
        {"referrer-policy", "same-origin"},
        {"x-frame-options", "DENY"},
        {"content-security-policy",
         "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
         "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
    };
    for (size_t i = 0; i < sizeof hs / sizeof hs[0]; i++)
        h2o_add_header_by_str(&req->pool, &req->res.headers, hs[i].n, strlen(hs[i].n), 1, NULL,
                              hs[i].v, strlen(hs[i].v));
}

static h2o_generator_t generator = {NULL, NULL};

/* A file answer streamed in chunks: each chunk is read when h2o has sent
 * the one before (proceed), so at most HTTP_FILE_CHUNK bytes of it are in
 * memory. It lives in the request's pool; disposing of the request (sent,
 * or the client gone) closes the file. */
struct file_gen {
    h2o_generator_t super; /* first: h2o hands it back as the generator */
    int fd;
    size_t left;
    char chunk[HTTP_FILE_CHUNK];
};

static void file_proceed(h2o_generator_t *g, h2o_req_t *req)
{
    struct file_gen *f = (struct file_gen *)g;
    size_t want = f->left < sizeof f->chunk ? f->left : sizeof f->chunk;
    ssize_t got = want ? read(f->fd, f->chunk, want) : 0;
    while (got < 0 && errno == EINTR)
        got = read(f->fd, f->chunk, want);
    if (got < 0 || (got == 0 && want > 0)) {
        log_error("file answer: read failed with %zu bytes left", f->left);
        h2o_send(req, NULL, 0, H2O_SEND_STATE_ERROR);
        return;
    }
    f->left -= (size_t)got;
    h2o_iovec_t v = h2o_iovec_init(f->chunk, (size_t)got);
    h2o_send(req, &v, 1, f->left > 0 ? H2O_SEND_STATE_IN_PROGRESS : H2O_SEND_STATE_FINAL);
}

static void file_stop(h2o_generator_t *g, h2o_req_t *req)
{
    (void)g;
    (void)req; /* the file is closed when the request is disposed of */
}

static void file_dispose(void *p)
{
    struct file_gen *f = p;
    if (f->fd >= 0)
        close(f->fd);
    f->fd = -1;
}

/* Starts an answer: the body in one piece, or the file's first chunk. */
static void start_answer(h2o_req_t *req, h2o_iovec_t body, struct file_gen *file)
{
    if (file != NULL) {
        h2o_start_response(req, &file->super);
        file_proceed(&file->super, req);
        return;
    }
    h2o_start_response(req, &generator);
    h2o_send(req, &body, 1, H2O_SEND_STATE_FINAL);
}

static void held_unlink(struct held *h)
{
    if (!h->linked)
        return;
    h->prev->next = h->next;
    h->next->prev = h->prev;
    h->linked = 0;
    atomic_fetch_sub(&h->t->nheld, 1);
}

/* The request is being disposed of (answered, or its connection closed). */
static void held_dispose(void *p)
{
    held_unlink(p);
}

/* Sends the held responses whose tickets have been released. Sending may
 * dispose of requests (which unlink themselves), so each search starts
 * again from the list head rather than keeping pointers across a send. */
static void flush_held(struct loop_thread *t)
{
    uint64_t released = atomic_load(&g_released);
    while (atomic_load(&t->nheld) > 0) {
        struct held *h = t->held.next;
        while (h != &t->held && h->ticket > released)
            h = h->next;
        if (h == &t->held)
            return;
        held_unlink(h);
        start_answer(h->req, h->body, h->file);
    }
}

/* Sends what the workers finished for this loop thread. */
static void finish_jobs(struct loop_thread *t)
{
    pthread_mutex_lock(&t->done_mu);
    struct http_job_link *l = t->done;
    t->done = NULL;
    pthread_mutex_unlock(&t->done_mu);
    while (l != NULL) {
        struct http_job_link *next = l->next;
        http_job_finish(l);
        l = next;
    }
}

static void on_wake(h2o_socket_t *sock, const char *err)
{
    struct loop_thread *t = sock->data;
    if (err != NULL)
        return;
    h2o_buffer_consume(&sock->input, sock->input->size);
    finish_jobs(t);
    flush_held(t);
}

void http_loop_post(h2o_context_t *ctx, struct http_job_link *job)
{
    struct loop_thread *t = H2O_STRUCT_FROM_MEMBER(struct loop_thread, ctx, ctx);
    pthread_mutex_lock(&t->done_mu);
    job->next = t->done;
    t->done = job;
    pthread_mutex_unlock(&t->done_mu);
    ssize_t w = write(t->wake_fd[1], "", 1); /* a full pipe already wakes it */
    (void)w;
}

void http_release(uint64_t ticket)
{
    uint64_t cur = atomic_load(&g_released);
    while (cur < ticket && !atomic_compare_exchange_weak(&g_released, &cur, ticket))
        ;
    /* after the store above: a thread that holds a response now either sees
     * the new value itself or has counted it in nheld, seen here */
    int n = atomic_load(&g_nthreads);
    for (int i = 0; i < n; i++) {
        struct loop_thread *t = &g_threads[i];
        if (atomic_load(&t->nheld) > 0) {
            ssize_t w = write(t->wake_fd[1], "", 1); /* a full pipe already wakes it */
            (void)w;
        }
    }
}

int http_answer(http_req *r, int *status, const char **content_type)
{
    if (r->status != 0)
        return 0; /* already answered */
    if (buf_failed(r->out)) {
        /* the body outgrew its limit: answer with a plain error instead */
        buf_reset(r->out);
        buf_adds(r->out, "response too large\n");
        *status = 500;
        *content_type = "text/plain; charset=utf-8";
    }
    r->status = *status;
    if (g_cfg != NULL && g_cfg->app.on_send != NULL)
        g_cfg->app.on_send(r);
    http_metrics_count(r, http_now_ns() - r->t0);
    return 1;
}

static void deliver(h2o_req_t *req, h2o_iovec_t body, struct file_gen *file, uint64_t ticket);

/* The status line and headers of an answer being sent from its loop thread. */
static void answer_head(h2o_req_t *req, int status, const char *content_type)
{
    req->res.status = status;
    req->res.reason = http_reason(status);
    if (content_type != NULL) { /* copied: it may live in the arena, and the answer may be held */
        h2o_iovec_t ct = h2o_strdup(&req->pool, content_type, SIZE_MAX);
        h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_CONTENT_TYPE, NULL, ct.base, ct.len);
    }
    http_add_security_headers(req);
}

int http_send(http_req *r, int status, const char *content_type)
{
    h2o_req_t *req = r->h2o;
    if (r->job != NULL)
        return http_job_send(r, status, content_type);
    if (!http_answer(r, &status, &content_type))
        return 0;
    answer_head(req, status, content_type);
    size_t len = r->out->len;
    char *body = h2o_mem_alloc_pool(&req->pool, len + 1);
    if (len)
        memcpy(body, r->out->data, len);
    req->res.content_length = len;
    uint64_t ticket = g_cfg != NULL && g_cfg->app.hold != NULL ? g_cfg->app.hold(r) : 0;
    http_deliver(req, h2o_iovec_init(body, len), ticket);
    return 0;
}

int http_send_file(http_req *r, int status, const char *content_type, int fd, size_t len)
{
    h2o_req_t *req = r->h2o;
    if (r->job != NULL) { /* a worker's answer is copied whole: no file answers there */
        close(fd);
        buf_reset(r->out);
        return http_send(r, 500, "text/plain; charset=utf-8");
    }
    if (lseek(fd, 0, SEEK_SET) != 0 || !http_answer(r, &status, &content_type)) {
        close(fd);
        if (r->status == 0) {
            buf_reset(r->out);
            http_send(r, 500, "text/plain; charset=utf-8");
        }
        return 0;
    }
    answer_head(req, status, content_type);
    struct file_gen *f = h2o_mem_alloc_shared(&req->pool, sizeof *f, file_dispose);
    f->super = (h2o_generator_t){file_proceed, file_stop};
    f->fd = fd;
    f->left = len;
    req->res.content_length = len;
    uint64_t ticket = g_cfg != NULL && g_cfg->app.hold != NULL ? g_cfg->app.hold(r) : 0;
    deliver(req, h2o_iovec_init(NULL, 0), f, ticket);
    return 0;
}

void http_deliver(h2o_req_t *req, h2o_iovec_t iov, uint64_t ticket)
{
    deliver(req, iov, NULL, ticket);
}

static void deliver(h2o_req_t *req, h2o_iovec_t iov, struct file_gen *file, uint64_t ticket)
{
    if (ticket > atomic_load(&g_released)) {
        /* the loop goes on serving others; flush_held sends this one */
        struct loop_thread *t = H2O_STRUCT_FROM_MEMBER(struct loop_thread, ctx, req->conn->ctx);
        struct held *h = h2o_mem_alloc_shared(&req->pool, sizeof *h, held_dispose);
        *h = (struct held){.t = t, .req = req, .body = iov, .file = file, .ticket = ticket, .linked = 1};
        h->next = &t->held;
        h->prev = t->held.prev;
        t->held.prev->next = h;
        t->held.prev = h;
        atomic_fetch_add(&t->nheld, 1);
        if (ticket <= atomic_load(&g_released)) /* released meanwhile: see http_release */
            flush_held(t);
        return;
    }
    start_answer(req, iov, file);
}

int http_redirect(http_req *r, const char *location)
{
    http_add_header(r, "location", location);
    buf_reset(r->out);
    return http_send(r, 303, "text/plain; charset=utf-8");
}

/* ---- the handler ---- */

static void peer_of(http_req *r, h2o_req_t *req)
{
    struct sockaddr_storage ss;
    char host[INET6_ADDRSTRLEN] = "?";
    socklen_t sl = req->conn->callbacks->get_peername(req->conn, (struct sockaddr *)&ss);
    if (sl > 0 && ss.ss_family == AF_INET)
        inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host, sizeof host);
    else if (sl > 0 && ss.ss_family == AF_INET6)
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host, sizeof host);
    r->peer = arena_strdup(r->a, host);
    if (!g_cfg->trust_proxy)
        return;
    const char *xff = http_header(r, "x-forwarded-for");
    if (xff != NULL) {
        /* the last address is the one our proxy saw */
        const char *last = strrchr(xff, ',');
        last = last ? last + 1 : xff;
        while (*last == ' ')
            last++;
        r->peer = last;
    }
    const char *proto = http_header(r, "x-forwarded-proto");
    r->is_tls = proto != NULL && strcmp(proto, "https") == 0;
}

void http_access_log(const http_req *r, uint64_t ns)
{
    if (!log_access_enabled())
        return;
    char line[600];
    snprintf(line, sizeof line, "%s %s %.300s %d %zu %.3fms", r->peer ? r->peer : "-",
             r->method ? r->method : "-",
             r->route && (r->route->flags & HTTP_SECRET_PATH) ? r->route->pattern : r->path ? r->path : "-", r->status,
             r->out ? r->out->len : 0, (double)ns / 1e6);
    log_access(line);
}

/* Size of the request line and headers as received. */
static size_t header_bytes(const h2o_req_t *req)
{
    size_t n = req->method.len + req->path.len + req->authority.len;
    for (size_t i = 0; i < req->headers.size; i++)
        n += req->headers.entries[i].name->len + req->headers.entries[i].value.len + 4;
    return n;
}

/* The methods of the routes whose pattern matches the path, for a 405's
 * Allow header (HEAD wherever GET is). */
static const char *allowed_methods(http_req *r)
{
    char out[64] = "";
    size_t len = 0;
    for (size_t i = 0; i < g_cfg->nroutes; i++) {
        http_req probe = {.a = r->a};
        int mm = 0;
        const struct http_route *rt = &g_cfg->routes[i];
        if (http_route_match(rt, 1, rt->method, r->path, &probe, &mm) == NULL || strstr(out, rt->method))
            continue;
        len += (size_t)snprintf(out + len, sizeof out - len, "%s%s%s", len ? ", " : "", rt->method,
                                strcmp(rt->method, "GET") == 0 ? ", HEAD" : "");
        if (len >= sizeof out)
            break;
    }
    return arena_strdup(r->a, out);
}

/* A multipart body: uploads, whose decoding is the slow work of HTTP_WORKER routes. */
static int is_multipart(const char *ct)
{
    return ct != NULL && strncasecmp(ct, "multipart/form-data", 19) == 0;
}

static int on_req(h2o_handler_t *self, h2o_req_t *req)
{
    (void)self;
    struct loop_thread *t = H2O_STRUCT_FROM_MEMBER(struct loop_thread, ctx, req->conn->ctx);
    const struct http_config *cfg = g_cfg;
    arena_reset(t->a);
    buf_reset(&t->out);
    http_req r = {0};
    r.h2o = req;
    r.a = t->a;
    r.out = &t->out;
    r.thread = t->index;
    r.tctx = t->tctx;
    r.t0 = http_now_ns();
    r.method = arena_strndup(r.a, req->method.base, req->method.len);
    size_t plen = req->query_at == SIZE_MAX ? req->path.len : req->query_at;
    r.path = arena_strndup(r.a, req->path.base, plen);
    r.query = req->query_at == SIZE_MAX
                  ? ""
                  : arena_strndup(r.a, req->path.base + req->query_at + 1, req->path.len - req->query_at - 1);
    if (req->entity.base != NULL) {
        r.body = req->entity.base;
        r.body_len = req->entity.len;
    }
    peer_of(&r, req);

    /* Message framing (RFC 9112 3.2, 6.1-6.3) before anything else looks at
     * the request. h2o has already read a body by the framing it chose, so a
     * refused request also ends its connection: bytes after it (a smuggled
     * request, or the rest of a body) are never read as a request. On an
     * HTTP/1 connection the request's head is still at the start of the
     * socket's input buffer: h2o consumes it only once the answer is sent. */
    if (req->version < 0x200) {
        h2o_socket_t *sock = req->conn->callbacks->get_socket(req->conn);
        const char *why = "no socket";
        int framing = sock != NULL && sock->input != NULL
                          ? http_framing_check(sock->input->bytes, sock->input->size, &why)
                          : HTTP_FRAMING_BAD;
        if (framing != HTTP_FRAMING_OK)
            req->http1_is_persistent = 0;
        if (framing == HTTP_FRAMING_BAD) {
            log_debug("%s %s: 400, %s", r.method, r.path, why);
            cfg->app.error(&r, 400, "bad_request", NULL);
            goto out;
        }
    }
    if (cfg->limits.max_header_bytes && header_bytes(req) > cfg->limits.max_header_bytes) {
        cfg->app.error(&r, 431, "headers_too_large", NULL);
        goto out;
    }
    int mismatch = 0;
    r.route = http_route_match(cfg->routes, cfg->nroutes, r.method, r.path, &r, &mismatch);
    if (r.route == NULL) {
        if (mismatch) {
            http_add_header(&r, "allow", allowed_methods(&r));
            cfg->app.error(&r, 405, "method_not_allowed", NULL);
        }
        else
            cfg->app.error(&r, 404, "not_found", NULL);
        goto out;
    }
    size_t body_max = r.route->body_max ? r.route->body_max : HTTP_BODY_DEFAULT;
    if (r.body_len > body_max) {
        cfg->app.error(&r, 413, "body_too_large", NULL);
        goto out;
    }
    if ((r.route->flags & HTTP_SLOW) ||
        ((r.route->flags & HTTP_WORKER) && is_multipart(http_header(&r, "content-type")))) {
        /* slow work (uploads to decode, a roster to apply): a worker thread runs it, this loop goes on serving */
        if (http_job_submit(req, &r) == 0)
            return 0;
        http_add_header(&r, "retry-after", "5");
        cfg->app.error(&r, 503, "busy", NULL);
        goto out;
    }
    if (cfg->app.before != NULL && cfg->app.before(&r) != 0)
        goto out;
    if (r.route->handler(&r) != 0 && r.status == 0)
        cfg->app.error(&r, 500, "internal", NULL);
out:
    if (r.user != NULL && cfg->app.after != NULL)
        cfg->app.after(&r);
    if (r.status == 0) {
        log_error("%s %s: handler sent no response", r.method, r.path);
        buf_reset(r.out);
        http_send(&r, 500, "text/plain; charset=utf-8");
    }
    http_access_log(&r, http_now_ns() - r.t0);
    arena_release(t->a, HTTP_TRIM_AFTER); /* the answer is in h2o's pool: the memory goes now */
    return 0;
}

/* ---- connections ---- */

static void on_socket_close(void *data)
{
    struct conn *c = data;
    struct loop_thread *t = c->t;
    c->prev->next = c->next;
    c->next->prev = c->prev;
    free(c);
    t->open--;
    atomic_fetch_sub(&g_open, 1);
}

static void refuse(int fd)
{
    static const char msg[] = "HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\n"
                              "content-type: text/plain\r\ncontent-length: 25\r\n"
                              "retry-after: 1\r\n\r\ntoo many open connections";
    ssize_t w = write(fd, msg, sizeof msg - 1);
    (void)w;
    close(fd);
    http_metrics_refused();
}

static void on_accept(h2o_socket_t *listener, const char *err)
{
    struct loop_thread *t = listener->data;
    if (err != NULL)
        return;
    /* accept a bounded batch per wake-up so one thread cannot starve; we
     * accept ourselves (as h2o_evloop_socket_accept does) to know each fd */
    for (int i = 0; i < 16; i++) {
        struct sockaddr_storage peer;
        socklen_t plen = sizeof peer;
        int on = 1, fd = accept4(t->fd, (struct sockaddr *)&peer, &plen, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        if (atomic_load(&g_open) >= g_cfg->limits.max_connections) {
            /* over the limit: a fast, explicit refusal instead of a hang */
            refuse(fd);
            continue;
        }
        struct conn *c = malloc(sizeof *c);
        if (c == NULL) {
            refuse(fd);
            continue;
        }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        h2o_socket_t *sock = h2o_evloop_socket_create(t->loop, fd, H2O_SOCKET_FLAG_IS_ACCEPTED_CONNECTION);
        h2o_socket_setpeername(sock, (struct sockaddr *)&peer, plen);
        c->t = t;
        c->fd = fd;
        c->next = t->conns.next;
        c->prev = &t->conns;
        t->conns.next->prev = c;
        t->conns.next = c;
        t->open++;
        atomic_fetch_add(&g_open, 1);
        sock->on_close.cb = on_socket_close;
        sock->on_close.data = c;
        h2o_accept(&t->accept_ctx, sock);
    }
}

static int listen_socket(const char *host, int port)
{
    struct sockaddr_in addr;
    int on = 1;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        log_error("cannot parse listen address %s", host);
        return -1;
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, 1024) != 0) {
        log_error("cannot listen on %s:%d: %s", host, port, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

static void *loop_main(void *arg)
{
    struct loop_thread *t = arg;
    /* created here, not in thread_setup: a socket's input buffers come from
     * the creating thread's (thread-local, unlocked) buffer allocator */
    t->wake = h2o_evloop_socket_create(t->loop, t->wake_fd[0], 0);
    t->wake->data = t;
    h2o_socket_read_start(t->wake, on_wake);
    while (!atomic_load(&g_stop)) {
        h2o_evloop_run(t->loop, 100);
        flush_held(t);
    }
    /* graceful shutdown: stop accepting, let open requests finish */
    h2o_socket_read_stop(t->listener);
    h2o_socket_close(t->listener);
    h2o_context_request_shutdown(&t->ctx);
    uint64_t start = http_now_ns(), idle_at = start + SHUTDOWN_IDLE_NS, deadline = start + SHUTDOWN_GRACE_NS;
    int idle_closed = 0;
    while (t->open > 0 && http_now_ns() < deadline) {
        h2o_evloop_run(t->loop, 20);
        flush_held(t);
        if (!idle_closed && http_now_ns() >= idle_at) {
            /* requests are answered synchronously (a held answer waits
             * for one fsync), so what is still open after a moment is idle
             * or slow: end its reading side; h2o sees EOF, finishes any
             * pending write and closes the connection itself */
            for (struct conn *c = t->conns.next; c != &t->conns; c = c->next)
                shutdown(c->fd, SHUT_RD);
            idle_closed = 1;
        }
    }
    return NULL;
}

static int thread_setup(struct loop_thread *t, int index, h2o_handler_t *handler)
{
    (void)handler;
    t->index = index;
    t->conns.next = t->conns.prev = &t->conns;
    t->held.next = t->held.prev = &t->held;
    pthread_mutex_init(&t->done_mu, NULL);
    t->done = NULL;
    atomic_store(&t->nheld, 0);
    if (pipe2(t->wake_fd, O_NONBLOCK | O_CLOEXEC) != 0)
        return -1;
    t->fd = listen_socket(g_cfg->host, g_cfg->port);
    if (t->fd < 0) {
        close(t->wake_fd[0]);
        close(t->wake_fd[1]);
        return -1;
    }
    t->tctx = g_cfg->app.thread_init ? g_cfg->app.thread_init(index, g_cfg->app.ud) : NULL;
    if (g_cfg->app.thread_init && t->tctx == NULL) {
        close(t->fd);
        close(t->wake_fd[0]);
        close(t->wake_fd[1]);
        return -1;
    }
    t->a = arena_new(64 * 1024);
    buf_init(&t->out, g_cfg->limits.out_max);
    t->loop = h2o_evloop_create();
    h2o_context_init(&t->ctx, t->loop, &g_h2o);
    t->accept_ctx.ctx = &t->ctx;
    t->accept_ctx.hosts = g_h2o.hosts;
    t->listener = h2o_evloop_socket_create(t->loop, t->fd, H2O_SOCKET_FLAG_DONT_READ);
    t->listener->data = t;
    h2o_socket_read_start(t->listener, on_accept);
    return 0;
}

static void thread_teardown(struct loop_thread *t)
{
    if (g_cfg->app.thread_fini)
        g_cfg->app.thread_fini(t->tctx, g_cfg->app.ud);
    /* the h2o context and loop are not disposed: connections past the grace
     * period may still hold timers, and h2o asserts on those; the process
     * exits right after this */
    buf_free(&t->out);
    arena_free(t->a);
    /* the wake pipe stays open: the read end belongs to the (undisposed)
     * loop, and a late http_release may still write to the other end */
}

/* Every open connection is a file descriptor: raise the soft limit toward
 * the hard one so --max-connections is what refuses, not EMFILE (the
 * default soft limit is often 1024). */
static void raise_fd_limit(size_t max_connections)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return;
    rlim_t want = (rlim_t)max_connections + 256; /* the store, logs, listeners */
    if (rl.rlim_max != RLIM_INFINITY && want > rl.rlim_max)
        want = rl.rlim_max;
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
        rl.rlim_cur = want;
        if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
            log_warn("cannot raise the open file limit to %lu", (unsigned long)want);
    }
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
        (rlim_t)max_connections + 64 > rl.rlim_cur)
        log_warn("open file limit %lu is below --max-connections %zu: connections past it fail",
                 (unsigned long)rl.rlim_cur, max_connections);
}

int http_serve(const struct http_config *cfg)
{
    int nthreads = cfg->threads < 1 ? 1 : cfg->threads > MAX_THREADS ? MAX_THREADS : cfg->threads;
    g_cfg = cfg;
    http_metrics_routes(cfg->routes, cfg->nroutes);
    raise_fd_limit(cfg->limits.max_connections);
    atomic_store(&g_stop, 0);
    signal(SIGPIPE, SIG_IGN);
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL); /* threads inherit the mask; main waits */

    h2o_config_init(&g_h2o);
    g_h2o.max_request_entity_size = cfg->limits.max_body;
    g_h2o.http1.req_timeout = cfg->limits.header_timeout_ms;
    g_h2o.server_name = h2o_iovec_init(H2O_STRLIT("wugong"));
    /* HTTP/1 only: an "Upgrade: h2c" request would be answered over HTTP/2,
     * where on_req can no longer see its HTTP/1 head, so it would skip the
     * framing checks (and h2c is deprecated, RFC 9113 3.1). This also turns
     * off HTTP/2 with prior knowledge ("PRI *"), which h2o 2.2 ties to the
     * same switch; a TLS proxy in front still speaks HTTP/2 to browsers. */
    g_h2o.http1.upgrade_to_http2 = 0;
    h2o_hostconf_t *host = h2o_config_register_host(&g_h2o, h2o_iovec_init(H2O_STRLIT("default")), 65535);
    h2o_pathconf_t *path = h2o_config_register_path(host, "/", 0);
    h2o_handler_t *handler = h2o_create_handler(path, sizeof *handler);
    handler->on_req = on_req;

    int started = 0, rc = 0;
    for (int i = 0; i < nthreads; i++) {
        if (thread_setup(&g_threads[i], i, handler) != 0) {
            rc = -1;
            break;
        }
        started++;
        atomic_store(&g_nthreads, started);
    }
    /* the workers' per-thread contexts are numbered after the loop threads' */
    if (rc == 0 && http_workers_start(cfg, cfg->workers < 1 ? 1 : cfg->workers, started) != 0) {
        log_error("cannot start the worker threads");
        rc = -1;
    }
    if (rc == 0)
        for (int i = 0; i < started; i++)
            pthread_create(&g_threads[i].tid, NULL, loop_main, &g_threads[i]);
    if (rc == 0) {
        log_info("listening on http://%s:%d with %d loop threads", cfg->host, cfg->port, started);
        int sig = 0;
        sigwait(&sigs, &sig);
        log_info("signal %d: shutting down", sig);
        atomic_store(&g_stop, 1);
        for (int i = 0; i < started; i++)
            pthread_join(g_threads[i].tid, NULL);
    }
    http_workers_stop(); /* after the loops: they sent what the workers finished */
    atomic_store(&g_nthreads, 0);
    for (int i = 0; i < started; i++)
        thread_teardown(&g_threads[i]);
    g_cfg = NULL;
    return rc;
}
