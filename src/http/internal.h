/*
 * What the server (server.c) and its worker threads (worker.c) share; not
 * for use outside src/http/.
 */
#ifndef WG_HTTP_INTERNAL_H
#define WG_HTTP_INTERNAL_H

#include "h2o.h"

#include "http/http.h"

/* The first member of a worker job: how its loop thread lists it. */
struct http_job_link {
    struct http_job_link *next;
};

/* ---- server.c ---- */

/* The part of answering every request shares: 0 when it was answered
 * already; else 1, with the status and type of an oversized body's 500 put
 * in their place, r->status set, the application told and the answer counted. */
int http_answer(http_req *r, int *status, const char **content_type);
/* Sends the answer now, or holds it until ticket is released (loop thread). */
void http_deliver(h2o_req_t *req, h2o_iovec_t body, uint64_t ticket);
/* The security headers every answer carries. */
void http_add_security_headers(h2o_req_t *req);
/* ---- metrics.c ---- */

/* The route table being served (metrics are counted by route). */
void http_metrics_routes(const struct http_route *routes, size_t n);
/* Counts an answer in the metrics (any thread). */
void http_metrics_count(const http_req *r, uint64_t ns);
/* Counts a connection refused over the limit. */
void http_metrics_refused(void);
/* Writes the access log line of an answered request (any thread). */
void http_access_log(const http_req *r, uint64_t ns);
/* Hands a finished job back to the loop thread of ctx and wakes it (any
 * thread); that thread calls http_job_finish. */
void http_loop_post(h2o_context_t *ctx, struct http_job_link *job);
/* "OK", "Not Found"... */
const char *http_reason(int status);

/* ---- worker.c ---- */

/* Starts n worker threads; their per-thread contexts get indexes from first_index on. */
int http_workers_start(const struct http_config *cfg, int n, int first_index);
/* Lets the queued jobs finish, then joins the workers. */
void http_workers_stop(void);
/* Queues the request (loop thread, before() not yet run): 0, or -1 when
 * the queue is full (the caller answers 503). */
int http_job_submit(h2o_req_t *req, const http_req *r);
/* Requests waiting for a worker and being run by one, now (for /metrics). */
void http_workers_busy(size_t *waiting, size_t *running);
/* Sends a finished job's answer if its request is still there, and frees
 * the job (its loop thread). */
void http_job_finish(struct http_job_link *job);
/* The accessors of a request that runs on a worker (r->job set). */
const char *http_job_header(http_req *r, const char *name, size_t from, size_t *at);
void http_job_add_header(http_req *r, const char *name, const char *value);
int http_job_send(http_req *r, int status, const char *content_type);

#endif
