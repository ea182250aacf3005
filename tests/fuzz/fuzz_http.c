/*
 * The HTTP request path up to the handler: the raw request is parsed by
 * h2o's HTTP/1 parser (picohttpparser, inside libh2o), the path is split
 * from the query and matched against wugong's real route table (every module's rows),
 * then the query, the cookies and the body are parsed as edge_before does.
 * Properties: a matched route's parameters are NUL-free and at most
 * HTTP_MAX_PARAMS; a method mismatch is reported only without a route; the
 * server's framing check (http_framing_check) reads every head that parses.
 */
#include <jansson.h>
#include <string.h>

#include "core/form.h"
#include "core/utf8.h"
#include "fuzz.h"
#include "edge/edge.h"
#include "http/http.h"

/* picohttpparser's interface (libh2o exports it without a header) */
struct phr_header {
    const char *name;
    size_t name_len;
    const char *value;
    size_t value_len;
};
int phr_parse_request(const char *buf, size_t len, const char **method, size_t *method_len, const char **path,
                      size_t *path_len, int *minor_version, struct phr_header *headers, size_t *num_headers,
                      size_t last_len);

#include "modules.h"

/* Every module's routes, installed once. */
static const struct http_route *wugong_routes(size_t *n)
{
    static int installed;
    if (!installed) {
        FUZZ_ASSERT(modules_install() == 0);
        installed = 1;
    }
    return edge_routes(n);
}

static const char *header(const struct phr_header *h, size_t n, const char *name)
{
    (void)h;
    for (size_t i = 0; i < n; i++)
        if (h[i].name_len == strlen(name) && strncasecmp(h[i].name, name, h[i].name_len) == 0)
            return h[i].value;
    return NULL;
}

static size_t header_len(const struct phr_header *h, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (h[i].name_len == strlen(name) && strncasecmp(h[i].name, name, h[i].name_len) == 0)
            return h[i].value_len;
    return 0;
}

static void parse_body(arena *a, const char *ct, const char *body, size_t n)
{
    struct form f;
    if (ct == NULL)
        return;
    if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0) {
        form_parse_urlencoded(a, body, n, FORM_MAX_FIELDS, &f);
    } else if (strncasecmp(ct, "multipart/form-data", 19) == 0) {
        form_parse_multipart(a, ct, body, n, FORM_MAX_FIELDS, n, &f);
    } else if (strncasecmp(ct, "application/json", 16) == 0 && utf8_valid(body, n)) {
        json_error_t err;
        json_t *v = json_loadb(body, n, JSON_REJECT_DUPLICATES, &err);
        json_decref(v);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *method, *path;
    size_t method_len, path_len, nh = 32;
    int minor;
    struct phr_header hs[32];
    int hlen = phr_parse_request((const char *)data, size, &method, &method_len, &path, &path_len, &minor, hs,
                                 &nh, 0);
    if (hlen <= 0)
        return 0;
    /* the server's framing check parses the same head again: it must read
     * whatever picohttpparser read here, and say why when it refuses */
    const char *why = NULL;
    int framing = http_framing_check((const char *)data, size, &why);
    FUZZ_ASSERT(framing == HTTP_FRAMING_OK || framing == HTTP_FRAMING_CLOSE || framing == HTTP_FRAMING_BAD);
    FUZZ_ASSERT((framing == HTTP_FRAMING_BAD) == (why != NULL));
    FUZZ_ASSERT(why == NULL || strcmp(why, "unreadable request head") != 0);
    arena *a = arena_new(4096);
    const char *q = memchr(path, '?', path_len);
    size_t plen = q ? (size_t)(q - path) : path_len;
    http_req r = {0};
    r.a = a;
    r.method = arena_strndup(a, method, method_len);
    r.path = arena_strndup(a, path, plen);
    r.query = q ? arena_strndup(a, q + 1, path_len - plen - 1) : "";
    size_t nroutes;
    const struct http_route *routes = wugong_routes(&nroutes);
    int mismatch = 0;
    const struct http_route *rt = http_route_match(routes, nroutes, r.method, r.path, &r, &mismatch);
    if (rt) {
        FUZZ_ASSERT(r.nparam >= 0 && r.nparam <= HTTP_MAX_PARAMS);
        for (int i = 0; i < r.nparam; i++)
            FUZZ_ASSERT(r.param[i] != NULL && r.param_name[i] != NULL);
    }
    struct form qf;
    form_parse_urlencoded(a, r.query, strlen(r.query), FORM_MAX_FIELDS, &qf);
    const char *cookie = header(hs, nh, "cookie");
    if (cookie)
        form_cookie(a, cookie, header_len(hs, nh, "cookie"), "wg_sid");
    const char *ct = header(hs, nh, "content-type");
    parse_body(a, ct ? arena_strndup(a, ct, header_len(hs, nh, "content-type")) : NULL,
               (const char *)data + hlen, size - (size_t)hlen);
    arena_free(a);
    return 0;
}
