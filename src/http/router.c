/*
 * The route table is data: http_route_match() walks it segment by segment.
 * Tables are small (tens of rows), so a linear scan beats any index here.
 */
#include <string.h>

#include "core/form.h"
#include "http/http.h"

/* Percent-decodes one path segment into the arena; NULL if malformed or if it
 * decodes to a slash, NUL or control byte. */
static const char *decode_segment(arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1);
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '%') {
            if (i + 2 >= n)
                return NULL;
            int hi = form_hexval((unsigned char)s[i + 1]), lo = form_hexval((unsigned char)s[i + 2]);
            if (hi < 0 || lo < 0)
                return NULL;
            c = hi * 16 + lo;
            i += 2;
        }
        if (c < 0x20 || c == '/' || c == 0x7f)
            return NULL;
        out[j++] = (char)c;
    }
    out[j] = '\0';
    return out;
}

/* Matches one pattern against a path; 1 on match with params filled. */
static int match_pattern(const char *pat, const char *path, http_req *r)
{
    int np = 0;
    while (*pat && *path) {
        if (*pat != '/' || *path != '/')
            return 0;
        pat++;
        path++;
        const char *pend = strchr(pat, '/');
        const char *send = strchr(path, '/');
        size_t plen = pend ? (size_t)(pend - pat) : strlen(pat);
        size_t slen = send ? (size_t)(send - path) : strlen(path);
        if (plen >= 2 && pat[0] == '{' && pat[plen - 1] == '}') {
            if (slen == 0 || np >= HTTP_MAX_PARAMS)
                return 0;
            const char *v = decode_segment(r->a, path, slen);
            if (v == NULL)
                return 0;
            r->param_name[np] = arena_strndup(r->a, pat + 1, plen - 2);
            r->param[np] = v;
            np++;
        } else if (plen != slen || memcmp(pat, path, plen) != 0) {
            return 0;
        }
        pat += plen;
        path += slen;
    }
    if (*pat || *path)
        return 0;
    r->nparam = np;
    return 1;
}

const struct http_route *http_route_match(const struct http_route *routes, size_t n,
                                          const char *method, const char *path,
                                          http_req *r, int *method_mismatch)
{
    *method_mismatch = 0;
    /* HEAD is answered like GET (h2o drops the body) */
    const char *m = strcmp(method, "HEAD") == 0 ? "GET" : method;
    for (size_t i = 0; i < n; i++) {
        if (!match_pattern(routes[i].pattern, path, r))
            continue;
        if (strcmp(routes[i].method, m) == 0)
            return &routes[i];
        *method_mismatch = 1;
    }
    r->nparam = 0;
    return NULL;
}
