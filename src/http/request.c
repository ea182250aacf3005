/*
 * The request as the application reads it: headers, cookies, route
 * parameters, response headers; and the check of an HTTP/1 request head's
 * framing (RFC 9112) that h2o does not make.
 */
#include <string.h>
#include <strings.h>

#include "h2o.h"

#include "core/form.h"
#include "http/internal.h"

/* ---- accessors ---- */

const char *http_header(http_req *r, const char *name)
{
    h2o_req_t *req = r->h2o;
    if (r->job != NULL)
        return http_job_header(r, name, 0, NULL);
    ssize_t i = h2o_find_header_by_str(&req->headers, name, strlen(name), -1);
    if (i < 0)
        return NULL;
    h2o_iovec_t v = req->headers.entries[i].value;
    return arena_strndup(r->a, v.base, v.len);
}

const char *http_cookie(http_req *r, const char *name)
{
    h2o_req_t *req = r->h2o;
    if (r->job != NULL) {
        const char *v;
        for (size_t at = 0; (v = http_job_header(r, "cookie", at, &at)) != NULL; at++) {
            const char *c = form_cookie(r->a, v, strlen(v), name);
            if (c != NULL)
                return c;
        }
        return NULL;
    }
    /* browsers send one Cookie header over HTTP/1.1; HTTP/2 may split it */
    for (ssize_t i = -1; (i = h2o_find_header(&req->headers, H2O_TOKEN_COOKIE, i)) != -1;) {
        h2o_iovec_t v = req->headers.entries[i].value;
        const char *c = form_cookie(r->a, v.base, v.len, name);
        if (c != NULL)
            return c;
    }
    return NULL;
}

const char *http_param(http_req *r, const char *name)
{
    for (int i = 0; i < r->nparam; i++)
        if (strcmp(r->param_name[i], name) == 0)
            return r->param[i];
    return NULL;
}

int64_t http_param_id(http_req *r, const char *name)
{
    const char *v = http_param(r, name);
    if (v == NULL || *v == '\0' || strlen(v) > 15)
        return 0;
    int64_t id = 0;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        id = id * 10 + (*p - '0');
    }
    return id;
}

void http_add_header(http_req *r, const char *name, const char *value)
{
    h2o_req_t *req = r->h2o;
    if (r->job != NULL) {
        http_job_add_header(r, name, value);
        return;
    }
    size_t nl = strlen(name), vl = strlen(value);
    char *n = h2o_mem_alloc_pool(&req->pool, nl + 1);
    char *v = h2o_mem_alloc_pool(&req->pool, vl + 1);
    memcpy(n, name, nl + 1);
    memcpy(v, value, vl + 1);
    h2o_add_header_by_str(&req->pool, &req->res.headers, n, nl, 1, NULL, v, vl);
}

/* ---- framing ---- */

/* picohttpparser's interface: h2o parses HTTP/1 with it, and libh2o exports
 * it without a header (tests/fuzz/fuzz_http.c declares it the same way). */
struct phr_header {
    const char *name;
    size_t name_len;
    const char *value;
    size_t value_len;
};
int phr_parse_request(const char *buf, size_t len, const char **method, size_t *method_len, const char **path,
                      size_t *path_len, int *minor_version, struct phr_header *headers, size_t *num_headers,
                      size_t last_len);

static int header_is(const struct phr_header *h, const char *name)
{
    return h->name_len == strlen(name) && strncasecmp(h->name, name, h->name_len) == 0;
}

/* h2o 2.2 keeps Host, Content-Length and Transfer-Encoding out of
 * req->headers and looks at one line of each (the last Host, the first
 * Content-Length, the last Transfer-Encoding, which wins over any
 * Content-Length), so what it refuses is not enough and the handler cannot see
 * the rest: the head is parsed again here, with h2o's own parser, and the
 * lines counted. */
int http_framing_check(const char *head, size_t len, const char **why)
{
    const char *method, *path;
    size_t method_len, path_len, nh = H2O_MAX_HEADERS;
    struct phr_header hs[H2O_MAX_HEADERS];
    int minor;
    *why = NULL;
    if (len > H2O_MAX_REQLEN) /* as h2o reads it */
        len = H2O_MAX_REQLEN;
    if (phr_parse_request(head, len, &method, &method_len, &path, &path_len, &minor, hs, &nh, 0) <= 0) {
        *why = "unreadable request head";
        return HTTP_FRAMING_BAD;
    }
    size_t host = 0, cl = 0, te = 0;
    for (size_t i = 0; i < nh; i++) {
        if (header_is(&hs[i], "host"))
            host++;
        else if (header_is(&hs[i], "content-length"))
            cl++;
        else if (header_is(&hs[i], "transfer-encoding"))
            te++;
    }
    /* RFC 9112 6.1: both may be a smuggling attempt (a proxy in front may
     * frame by Content-Length where h2o frames by chunked); the server MAY
     * refuse it and MUST close the connection after answering */
    if (cl > 0 && te > 0)
        *why = "content-length with transfer-encoding";
    /* h2o only reads the last line of a list of codings, and refuses any
     * coding but a lone "chunked": more than one line is such a list */
    else if (te > 1)
        *why = "more than one transfer-encoding";
    /* RFC 9112 6.3 (5): differing values are an unrecoverable framing error;
     * identical repeats MAY be accepted, but h2o frames by the first line
     * only, so every repeat is refused (a list value in one line h2o itself
     * refuses with a 400 and closes) */
    else if (cl > 1)
        *why = "more than one content-length";
    /* RFC 9112 3.2: 400 for an HTTP/1.1 request without Host, and for any
     * request with more than one (HTTP/1.0 may omit it) */
    else if (host > 1)
        *why = "more than one host";
    else if (host == 0 && minor >= 1)
        *why = "no host";
    if (*why != NULL)
        return HTTP_FRAMING_BAD;
    /* RFC 9112 6.1: an HTTP/1.0 message with Transfer-Encoding has faulty
     * framing: the connection is closed after the answer */
    if (te > 0 && minor == 0)
        return HTTP_FRAMING_CLOSE;
    return HTTP_FRAMING_OK;
}

