/*
 * Worker threads. A route flagged HTTP_SLOW, or HTTP_WORKER with a
 * multipart body, runs whole (the application's before() and after() hooks
 * and its handler) on one of a few worker threads, so that slow work such
 * as decoding a phone photo or applying a roster never holds a loop
 * thread: the loop goes on serving everyone else meanwhile.
 *
 * The loop thread takes a snapshot of the request into a job (method, path,
 * query, parameters, headers, peer and a copy of the body, all in the job's
 * own arena) and queues it. A worker runs it against its own per-thread
 * context (its own store handle) and answers into the job: status, headers,
 * body and durability ticket. The job's loop thread is then woken; it sends
 * the answer, or drops it when the client has gone away meanwhile.
 *
 * Ownership: a job is created and freed on its loop thread. From queueing
 * until it is posted back only its worker touches it, except job->req and
 * the anchor, which only the loop thread reads or writes (h2o disposes of a
 * request on that thread, and the anchor in the request's pool clears
 * job->req then). Limits: HTTP_WORKER_QUEUE jobs (--worker-queue) holding at most
 * HTTP_WORKER_QUEUE_BYTES of bodies wait; past either the request gets a
 * 503 at once.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/log.h"
#include "http/internal.h"

#define MAX_WORKERS 16

struct hdr {
    const char *name, *value;
};

struct http_job {
    struct http_job_link link; /* first: the queue, then the loop thread's list */
    h2o_context_t *ctx; /* the loop thread's */
    h2o_req_t *req; /* NULL once h2o disposed of the request (loop thread only) */
    struct anchor *anchor; /* in the request's pool (loop thread only) */
    arena *a;
    buf out;
    http_req r;
    struct hdr *hdr, *res;
    size_t nhdr, nres, capres;
    const char *ctype;
    uint64_t ticket;
};

/* Lives in the request's pool: tells the job when the request goes away. */
struct anchor {
    struct http_job *job;
};

struct worker {
    pthread_t tid;
    int index;
    void *tctx;
};

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct http_job_link *head, **tail;
    size_t n, bytes, cap; /* jobs waiting, their bodies' bytes, and how many may wait */
    int stop, nworkers;
    const struct http_config *cfg;
    struct worker w[MAX_WORKERS];
} g_pool = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};
static atomic_size_t g_running; /* jobs a worker is running now */

static void anchor_dispose(void *p)
{
    struct anchor *an = p;
    if (an->job != NULL)
        an->job->req = NULL;
}

static const char *dup_iov(arena *a, h2o_iovec_t v)
{
    return arena_strndup(a, v.base, v.len);
}

static void job_free(struct http_job *j)
{
    buf_free(&j->out);
    arena_free(j->a);
    free(j);
}

/* Copies what the handler may read of the request into the job's arena. */
static void snapshot(struct http_job *j, h2o_req_t *req, const http_req *from)
{
    http_req *r = &j->r;
    *r = *from;
    r->h2o = NULL;
    r->job = j;
    r->a = j->a;
    r->out = &j->out;
    r->user = NULL;
    r->status = 0;
    r->method = arena_strdup(j->a, from->method);
    r->path = arena_strdup(j->a, from->path);
    r->query = arena_strdup(j->a, from->query);
    r->peer = arena_strdup(j->a, from->peer);
    for (int i = 0; i < from->nparam; i++) {
        r->param_name[i] = arena_strdup(j->a, from->param_name[i]);
        r->param[i] = arena_strdup(j->a, from->param[i]);
    }
    if (from->body != NULL) {
        char *body = arena_alloc(j->a, from->body_len + 1);
        memcpy(body, from->body, from->body_len);
        r->body = body;
    }
    j->nhdr = req->headers.size;
    j->hdr = arena_alloc(j->a, (j->nhdr + 1) * sizeof *j->hdr);
    for (size_t i = 0; i < j->nhdr; i++) {
        j->hdr[i].name = dup_iov(j->a, *req->headers.entries[i].name);
        j->hdr[i].value = dup_iov(j->a, req->headers.entries[i].value);
    }
}

int http_job_submit(h2o_req_t *req, const http_req *r)
{
    /* the job's place in the queue is taken first (loop threads submit at
     * once), then the request is copied outside the lock */
    pthread_mutex_lock(&g_pool.mu);
    int full = g_pool.nworkers == 0 || g_pool.stop || g_pool.n >= g_pool.cap ||
               g_pool.bytes + r->body_len > HTTP_WORKER_QUEUE_BYTES;
    if (!full) {
        g_pool.n++;
        g_pool.bytes += r->body_len;
    }
    pthread_mutex_unlock(&g_pool.mu);
    struct http_job *j = full ? NULL : calloc(1, sizeof *j);
    if (j == NULL) {
        if (!full) {
            pthread_mutex_lock(&g_pool.mu);
            g_pool.n--;
            g_pool.bytes -= r->body_len;
            pthread_mutex_unlock(&g_pool.mu);
        }
        return -1;
    }
    j->a = arena_new(64 * 1024);
    buf_init(&j->out, g_pool.cfg->limits.out_max);
    snapshot(j, req, r);
    j->ctx = req->conn->ctx;
    j->req = req;
    j->anchor = h2o_mem_alloc_shared(&req->pool, sizeof *j->anchor, anchor_dispose);
    j->anchor->job = j;
    pthread_mutex_lock(&g_pool.mu);
    *g_pool.tail = &j->link;
    g_pool.tail = &j->link.next;
    pthread_cond_signal(&g_pool.cv);
    pthread_mutex_unlock(&g_pool.mu);
    return 0;
}

/* ---- on the worker ---- */

const char *http_job_header(http_req *r, const char *name, size_t from, size_t *at)
{
    struct http_job *j = r->job;
    for (size_t i = from; i < j->nhdr; i++)
        if (strcasecmp(j->hdr[i].name, name) == 0) {
            if (at != NULL)
                *at = i;
            return j->hdr[i].value;
        }
    return NULL;
}

void http_job_add_header(http_req *r, const char *name, const char *value)
{
    struct http_job *j = r->job;
    if (j->nres == j->capres) {
        size_t cap = j->capres ? j->capres * 2 : 8;
        struct hdr *n = arena_alloc(j->a, cap * sizeof *n);
        if (j->nres)
            memcpy(n, j->res, j->nres * sizeof *n);
        j->res = n;
        j->capres = cap;
    }
    j->res[j->nres++] = (struct hdr){arena_strdup(j->a, name), arena_strdup(j->a, value)};
}

int http_job_send(http_req *r, int status, const char *content_type)
{
    struct http_job *j = r->job;
    const struct http_config *cfg = g_pool.cfg;
    if (!http_answer(r, &status, &content_type))
        return 0;
    j->ctype = arena_strdup(j->a, content_type);
    j->ticket = cfg->app.hold != NULL ? cfg->app.hold(r) : 0;
    return 0;
}

static void run(struct worker *w, struct http_job *j)
{
    const struct http_config *cfg = g_pool.cfg;
    http_req *r = &j->r;
    r->tctx = w->tctx;
    r->thread = w->index;
    if (cfg->app.before == NULL || cfg->app.before(r) == 0)
        if (r->route->handler(r) != 0 && r->status == 0)
            cfg->app.error(r, 500, "internal", NULL);
    if (r->user != NULL && cfg->app.after != NULL)
        cfg->app.after(r);
    if (r->status == 0) {
        log_error("%s %s: handler sent no response", r->method, r->path);
        buf_reset(r->out);
        http_job_send(r, 500, "text/plain; charset=utf-8");
    }
    http_access_log(r, http_now_ns() - r->t0);
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    for (;;) {
        pthread_mutex_lock(&g_pool.mu);
        while (g_pool.head == NULL && !g_pool.stop)
            pthread_cond_wait(&g_pool.cv, &g_pool.mu);
        struct http_job_link *l = g_pool.head;
        if (l != NULL) {
            g_pool.head = l->next;
            if (g_pool.head == NULL)
                g_pool.tail = &g_pool.head;
            g_pool.n--;
            g_pool.bytes -= ((struct http_job *)l)->r.body_len;
        }
        pthread_mutex_unlock(&g_pool.mu);
        if (l == NULL)
            return NULL; /* stopping, and nothing left */
        struct http_job *j = (struct http_job *)l;
        l->next = NULL;
        atomic_fetch_add(&g_running, 1);
        run(w, j);
        atomic_fetch_sub(&g_running, 1);
        http_loop_post(j->ctx, l);
    }
}

void http_workers_busy(size_t *waiting, size_t *running)
{
    pthread_mutex_lock(&g_pool.mu);
    *waiting = g_pool.n;
    pthread_mutex_unlock(&g_pool.mu);
    *running = atomic_load(&g_running);
}

/* ---- back on the loop thread ---- */

void http_job_finish(struct http_job_link *l)
{
    struct http_job *j = (struct http_job *)l;
    h2o_req_t *req = j->req;
    if (req == NULL) { /* the client went away */
        job_free(j);
        return;
    }
    j->anchor->job = NULL;
    req->res.status = j->r.status;
    req->res.reason = http_reason(j->r.status);
    for (size_t i = 0; i < j->nres; i++) {
        h2o_iovec_t n = h2o_strdup(&req->pool, j->res[i].name, SIZE_MAX);
        h2o_iovec_t v = h2o_strdup(&req->pool, j->res[i].value, SIZE_MAX);
        h2o_add_header_by_str(&req->pool, &req->res.headers, n.base, n.len, 1, NULL, v.base, v.len);
    }
    if (j->ctype != NULL) {
        h2o_iovec_t ct = h2o_strdup(&req->pool, j->ctype, SIZE_MAX);
        h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_CONTENT_TYPE, NULL, ct.base, ct.len);
    }
    http_add_security_headers(req);
    size_t len = j->out.len;
    char *body = h2o_mem_alloc_pool(&req->pool, len + 1);
    if (len)
        memcpy(body, j->out.data, len);
    req->res.content_length = len;
    uint64_t ticket = j->ticket;
    job_free(j);
    http_deliver(req, h2o_iovec_init(body, len), ticket);
}

/* ---- the pool ---- */

int http_workers_start(const struct http_config *cfg, int n, int first_index)
{
    if (n > MAX_WORKERS)
        n = MAX_WORKERS;
    g_pool.cfg = cfg;
    g_pool.head = NULL;
    g_pool.tail = &g_pool.head;
    g_pool.n = 0;
    g_pool.bytes = 0;
    g_pool.cap = cfg->worker_queue > 0 ? (size_t)cfg->worker_queue : HTTP_WORKER_QUEUE;
    g_pool.stop = 0;
    g_pool.nworkers = 0;
    for (int i = 0; i < n; i++) {
        struct worker *w = &g_pool.w[i];
        w->index = first_index + i;
        w->tctx = cfg->app.thread_init ? cfg->app.thread_init(w->index, cfg->app.ud) : NULL;
        if (cfg->app.thread_init && w->tctx == NULL)
            return -1;
        if (pthread_create(&w->tid, NULL, worker_main, w) != 0) {
            if (cfg->app.thread_fini)
                cfg->app.thread_fini(w->tctx, cfg->app.ud);
            return -1;
        }
        g_pool.nworkers++;
    }
    return 0;
}

void http_workers_stop(void)
{
    pthread_mutex_lock(&g_pool.mu);
    g_pool.stop = 1;
    pthread_cond_broadcast(&g_pool.cv);
    pthread_mutex_unlock(&g_pool.mu);
    for (int i = 0; i < g_pool.nworkers; i++) {
        pthread_join(g_pool.w[i].tid, NULL);
        if (g_pool.cfg->app.thread_fini)
            g_pool.cfg->app.thread_fini(g_pool.w[i].tctx, g_pool.cfg->app.ud);
    }
    g_pool.nworkers = 0;
}
