#include "edge/edge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/jalloc.h"
#include "core/hanzi.h"
#include "core/log.h"
#include "core/utf8.h"
#include "edge/api.h"
#include "edge/page.h"
#include "edge/session.h"

static struct edge_options g_opt;
static int g_metric_replica_reads, g_metric_primary_reads, g_metric_log_syncs, g_metric_group_commits;

/* On the store's syncer thread: the commits up to ticket are durable. */
static void on_durable(uint64_t ticket, void *ud)
{
    static uint64_t last; /* the syncer thread's own */
    (void)ud;
    http_release(ticket);
    http_metrics_add(g_metric_log_syncs, 1);
    http_metrics_add(g_metric_group_commits, ticket - last);
    last = ticket;
}

uint64_t edge_hold(http_req *r)
{
    (void)r;
    return store_durable_ticket();
}

int edge_init(const struct edge_options *opt)
{
    g_opt = *opt;
    /* before the loop threads open their store handles */
    if (store_group_commit_start(g_opt.db_url, on_durable, NULL) != 0) {
        log_error("cannot start group commit");
        return WG_EDB;
    }
    g_metric_replica_reads = http_metrics_counter("wugong_db_replica_reads_total", "Reads served by a read replica.");
    g_metric_primary_reads = http_metrics_counter("wugong_db_primary_reads_total", "Reads served by the primary.");
    g_metric_log_syncs = http_metrics_counter("wugong_db_log_fsyncs_total",
                                              "Group commit: fsyncs of the SQLite log by the syncer.");
    g_metric_group_commits = http_metrics_counter("wugong_db_group_commits_total",
                                                  "Group commit: commits made durable by those fsyncs.");
    clock_set_file(g_opt.clock_file);
    if (module_strings_load() != 0)
        return WG_EINVAL;
    return 0;
}

int edge_jobs_start(void)
{
    /* due work runs on its own thread and handle, after group commit started */
    if (job_runner_start(g_opt.db_url, g_opt.jobs_interval_ms) != 0) {
        log_error("cannot start the job runner");
        return WG_EINVAL;
    }
    return 0;
}

void edge_fini(void)
{
    job_runner_stop();
    store_group_commit_stop();
    i18n_free();
    hanzi_fini();
}

const struct edge_options *edge_options(void)
{
    return &g_opt;
}

void *edge_thread_init(int index, void *ud)
{
    (void)ud;
    struct edge_thread *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    if (store_open_replicated(g_opt.db_url, g_opt.replicas, g_opt.nreplicas, &t->st) != 0) {
        log_error("thread %d: cannot open the store", index);
        free(t);
        return NULL;
    }
    return t;
}

void edge_thread_fini(void *tctx, void *ud)
{
    (void)ud;
    struct edge_thread *t = tctx;
    if (t == NULL)
        return;
    store_close(t->st);
    free(t);
}

const char *edge_t(http_req *r, const char *key)
{
    struct edge_req *ar = edge_req(r);
    const char *s = i18n_get(ar ? ar->lang : LANG_HANS, key);
    return s ? s : key;
}

int edge_status_of(int err)
{
    switch (err) {
    case WG_EINVAL: return 422;
    case WG_ENOTFOUND: return 404;
    case WG_EPERM: return 403;
    case WG_ECONFLICT: return 409;
    case WG_ETOOBIG: return 413;
    case WG_ERATE: return 429;
    case WG_EAUTH: return 401;
    case WG_EFULL: return 503;
    case WG_EMEDIA: return 415;
    default: return 500;
    }
}

int edge_fail(http_req *r, int err)
{
    struct edge_req *ar = edge_req(r);
    const char *code = ar && ar->dc.code ? ar->dc.code : wg_err_name(err);
    if (err == WG_EFULL)
        code = "disk_full";
    else if (err == WG_EDB)
        code = "store_error";
    if (err == WG_ERATE)
        http_add_header(r, "retry-after", "900");
    edge_error(r, edge_status_of(err), code, NULL);
    return 0;
}

void edge_set_cookie(http_req *r, const char *name, const char *value, long max_age)
{
    char age[48] = "";
    if (max_age < 0)
        snprintf(age, sizeof age, "; Max-Age=0");
    else if (max_age > 0)
        snprintf(age, sizeof age, "; Max-Age=%ld", max_age);
    int secure = g_opt.secure_cookies || r->is_tls;
    http_add_header(r, "set-cookie", arena_printf(r->a, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", name,
                                                  max_age < 0 ? "" : value, age, secure ? "; Secure" : ""));
}

void edge_set_session_cookie(http_req *r, const char *token, const struct actor *ac)
{
    edge_set_cookie(r, COOKIE_SESSION, token, ac && !ac->is_staff ? RESIDENT_ABSOLUTE_SECONDS : 0);
}

const char *edge_query(http_req *r, const char *name)
{
    struct edge_req *ar = edge_req(r);
    return ar ? form_get(&ar->query, name) : NULL;
}

long edge_int(const char *s, long def, long min, long max, int *bad)
{
    if (s == NULL || *s == '\0')
        return def;
    char *end;
    long v = strtol(s, &end, 10);
    if (*end != '\0' || v < min || v > max) {
        if (bad)
            *bad = 1;
        return def;
    }
    return v;
}

static int is_api(http_req *r)
{
    return (r->route && (r->route->flags & HTTP_API)) || strncmp(r->path, "/api/", 5) == 0;
}

/* Renders an error as JSON or as a small HTML page; web/ may override the
 * page through the hook it registers. */
static void (*g_html_error)(http_req *r, int status, const char *code, const char *message);

void edge_set_html_error(void (*fn)(http_req *r, int status, const char *code, const char *message))
{
    g_html_error = fn;
}

static void resolve_lang(http_req *r, struct edge_req *ar);

void edge_error(http_req *r, int status, const char *code, const char *message)
{
    if (r->user == NULL) {
        /* errors found before before() ran (404, 405, 413, 431) still speak
         * the visitor's language */
        struct edge_req tmp = {0};
        resolve_lang(r, &tmp);
        if (message == NULL)
            message = i18n_get(tmp.lang, code);
    } else if (message == NULL) {
        /* a code about a field may say more for that field ("code.field") */
        struct edge_req *fr = edge_req(r);
        const char *f = fr && fr->dc.field ? arena_printf(r->a, "%s.%s", code, fr->dc.field) : NULL;
        message = f ? i18n_get(fr->lang, f) : NULL;
        if (message == NULL)
            message = edge_t(r, code);
    }
    if (message == NULL)
        message = code;
    http_add_header(r, "cache-control", "no-store");
    buf_reset(r->out);
    /* a page reloaded, or reached again, at the address of an action (POST
     * only) goes back to the page the action was about */
    if (status == 405 && !is_api(r) && strcmp(r->method, "GET") == 0) {
        http_redirect(r, page_parent_path(r));
        return;
    }
    if (is_api(r) || g_html_error == NULL) {
        buf_adds(r->out, "{\"error\":{\"code\":");
        buf_add_jstr(r->out, code);
        buf_adds(r->out, ",\"message\":");
        buf_add_jstr(r->out, message);
        struct edge_req *ar = edge_req(r);
        if (ar && ar->dc.field) {
            buf_adds(r->out, ",\"field\":");
            buf_add_jstr(r->out, ar->dc.field);
        }
        buf_adds(r->out, "}}\n");
        http_send(r, status, "application/json; charset=utf-8");
        return;
    }
    g_html_error(r, status, code, message);
}

/* ---- the before() hook ---- */

static void resolve_lang(http_req *r, struct edge_req *ar)
{
    const char *c = http_cookie(r, COOKIE_LANG);
    int l = i18n_lang_parse(c);
    ar->lang = l >= 0 ? (enum lang)l : i18n_negotiate(http_header(r, "accept-language"));
    const char *e = http_cookie(r, COOKIE_ELDER);
    ar->elder = e && strcmp(e, "1") == 0;
}

static int resolve_session(http_req *r, struct edge_req *ar)
{
    const char *sid = http_cookie(r, COOKIE_SESSION);
    if (sid != NULL) {
        int64_t pid = 0;
        int rc = session_resolve(&ar->dc, sid, &pid);
        if (rc == 0)
            rc = actor_load(&ar->dc, pid, &ar->actor);
        if (rc == 0) {
            ar->dc.actor = ar->actor;
            ar->cookie_token = sid;
            return 0;
        }
        if (rc != WG_EAUTH && rc != WG_ENOTFOUND)
            return rc;
        edge_set_cookie(r, COOKIE_SESSION, "", -1); /* expired or unknown */
        ar->dc.code = NULL;
    }
    const char *anon = http_cookie(r, COOKIE_ANON);
    if (anon == NULL || strlen(anon) != TOKEN_HEX) {
        char *tok = arena_alloc(r->a, TOKEN_HEX + 1);
        token_random(tok);
        edge_set_cookie(r, COOKIE_ANON, tok, 0);
        anon = tok;
    }
    ar->cookie_token = anon;
    return 0;
}

/* Whether the Content-Type header names this media type (parameters after
 * ';' allowed, case-insensitive). */
static int content_type_is(const char *ct, const char *type)
{
    size_t n = strlen(type);
    if (ct == NULL || strncasecmp(ct, type, n) != 0)
        return 0;
    return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ';
}

/* Parses the body by its content type; 0 or a status to answer with. */
static int parse_body(http_req *r, struct edge_req *ar)
{
    const char *ct = http_header(r, "content-type");
    if (r->body == NULL || r->body_len == 0)
        return 0;
    if (content_type_is(ct, "application/x-www-form-urlencoded")) {
        int rc = form_parse_urlencoded(r->a, r->body, r->body_len, FORM_MAX_FIELDS, &ar->form);
        return rc == 0 ? 0 : rc == WG_ETOOBIG ? 413 : 400;
    }
    if (content_type_is(ct, "multipart/form-data")) {
        int rc = form_parse_multipart(r->a, ct, r->body, r->body_len, FORM_MAX_FIELDS, r->body_len, &ar->form);
        return rc == 0 ? 0 : rc == WG_ETOOBIG ? 413 : 400;
    }
    if (content_type_is(ct, "application/json")) {
        json_error_t jerr;
        if (!utf8_valid(r->body, r->body_len))
            return 400;
        ar->json = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &jerr);
        if (ar->json == NULL || !json_is_object(ar->json))
            return 400;
        return 0;
    }
    return 415;
}

int edge_before(http_req *r)
{
    struct edge_thread *t = r->tctx;
    struct edge_req *ar = arena_calloc(r->a, sizeof *ar);
    r->user = ar;
    jalloc_use(r->a); /* the request's JSON lives in its arena (until edge_after) */
    ar->dc.st = t->st;
    ar->dc.a = r->a;
    ar->dc.now = clock_now();
    ar->dc.ip = r->peer;
    resolve_lang(r, ar);
    unsigned flags = r->route->flags;
    if (form_parse_urlencoded(r->a, r->query, strlen(r->query), FORM_MAX_FIELDS, &ar->query) != 0) {
        edge_error(r, 400, "bad_query", NULL);
        return 1;
    }
    if (flags & HTTP_ANON)
        return 0;
    const char *wal = http_cookie(r, COOKIE_WAL);
    store_set_read_floor(t->st, wal ? strtoull(wal, NULL, 10) : 0);
    /* the request reads one snapshot until it writes or answers */
    if (store_read_begin(t->st) != 0) {
        edge_fail(r, WG_EDB);
        return 1;
    }
    if (flags & HTTP_KEY) { /* no cookie is read: the handler checks the request's own key */
        ar->body_status = parse_body(r, ar);
        return 0;
    }
    int rc = resolve_session(r, ar);
    if (rc) {
        edge_fail(r, rc);
        return 1;
    }
    session_csrf(ar->cookie_token, ar->csrf);
    if ((flags & HTTP_AUTH) && ar->actor == NULL) {
        if (flags & HTTP_API) {
            edge_error(r, 401, "signin_required", NULL);
        } else {
            buf b;
            buf_init(&b, 2048);
            buf_adds(&b, "/signin?next=");
            buf_add_url(&b, r->path);
            http_redirect(r, buf_failed(&b) ? "/signin" : arena_strdup(r->a, b.data));
            buf_free(&b);
        }
        return 1;
    }
    if ((flags & HTTP_STAFF) && !ar->actor->is_staff) {
        audit_log(&ar->dc, "denied", r->path, "staff route", actor_community(ar->actor));
        edge_error(r, 403, "forbidden", NULL);
        return 1;
    }
    int st = parse_body(r, ar);
    if (st) {
        edge_error(r, st, st == 415 ? "unsupported_media_type" : st == 413 ? "body_too_large" : "bad_body", NULL);
        return 1;
    }
    if (flags & HTTP_CSRF) {
        const char *given = http_header(r, "x-csrf-token");
        if (given == NULL)
            given = form_get(&ar->form, "_csrf");
        if (!session_csrf_ok(ar->cookie_token, given)) {
            audit_log(&ar->dc, "csrf_rejected", r->path, r->method, actor_community(ar->actor));
            edge_error(r, 403, "csrf_invalid", NULL);
            return 1;
        }
    }
    /* the API reads JSON only: a form's fields would reach no handler (and
     * one that needs no body would act on it), so a form body is refused,
     * except where a route takes uploads (docs/api.md 1.4) */
    if ((flags & HTTP_API) && r->body_len > 0 && ar->json == NULL && !(flags & HTTP_UPLOAD)) {
        edge_error(r, 400, "json_required", NULL);
        return 1;
    }
    return 0;
}

void edge_after(http_req *r)
{
    struct edge_thread *t = r->tctx;
    if (t != NULL)
        store_read_end(t->st);
    struct edge_req *ar = edge_req(r);
    if (ar && ar->json) {
        json_decref(ar->json);
        ar->json = NULL;
    }
    jalloc_use(NULL);
}

void edge_on_send(http_req *r)
{
    struct edge_thread *t = r->tctx;
    if (t == NULL)
        return;
    store_read_end(t->st); /* the answer is made: no more reads */
    /* after a write, the client's next reads (on any server) must see it */
    uint64_t pos = store_take_write_position(t->st);
    if (pos)
        edge_set_cookie(r, COOKIE_WAL, arena_printf(r->a, "%llu", (unsigned long long)pos), 3600);
    uint64_t rep, pri;
    store_read_counts(t->st, &rep, &pri);
    http_metrics_add(g_metric_replica_reads, rep - t->replica_reads);
    http_metrics_add(g_metric_primary_reads, pri - t->primary_reads);
    t->replica_reads = rep;
    t->primary_reads = pri;
    /* the store's time for this request feeds /metrics */
    uint64_t ns = store_time_ns(t->st);
    static __thread uint64_t last;
    if (ns > last)
        http_metrics_add_db_ns(ns - last);
    last = ns;
}

/* The edge as an owner: the session table, the shared strings and page
 * templates (head, foot, error), the static files, and its own routes. */
static const struct http_route *const own_routes[] = {page_routes, api_routes, NULL};
const struct module edge_module = {
    .name = "edge", .dir = "edge", .routes = own_routes, .init = page_init, .fini = page_fini};
