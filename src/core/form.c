#include "core/form.h"

#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/utf8.h"

int form_hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes s[0..n) ('+' and %XX) into a new arena string; *len gets its length. */
static int form_decode(arena *a, const char *s, size_t n, char **res, size_t *len)
{
    char *d = arena_alloc(a, n + 1);
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            if (n - i < 3)
                return WG_EINVAL;
            int h = form_hexval((unsigned char)s[i + 1]), l = form_hexval((unsigned char)s[i + 2]);
            if (h < 0 || l < 0)
                return WG_EINVAL;
            c = (char)(h << 4 | l);
            i += 2;
        }
        d[j++] = c;
    }
    d[j] = '\0';
    if (!utf8_valid(d, j))
        return WG_EINVAL;
    *res = d;
    *len = j;
    return 0;
}

int form_parse_urlencoded(arena *a, const char *s, size_t n, size_t max_fields, struct form *out)
{
    int rc = 0;
    out->fields = NULL;
    out->n = 0;
    if (s == NULL || n == 0)
        return 0;

    /* count the non-empty segments first so the limit costs no allocation */
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        const char *amp = memchr(s + i, '&', n - i);
        size_t end = amp ? (size_t)(amp - s) : n;
        if (end > i)
            count++;
        i = end + 1;
    }
    if (count > max_fields)
        return WG_ETOOBIG;
    if (count == 0)
        return 0;

    struct form_field *fields = arena_calloc(a, count * sizeof *fields);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        const char *amp = memchr(s + i, '&', n - i);
        size_t end = amp ? (size_t)(amp - s) : n;
        if (end > i) {
            const char *seg = s + i;
            size_t seglen = end - i;
            const char *eq = memchr(seg, '=', seglen);
            size_t nlen = eq ? (size_t)(eq - seg) : seglen;
            char *name, *value;
            size_t name_len, value_len;
            rc = form_decode(a, seg, nlen, &name, &name_len);
            if (rc)
                goto out;
            if (eq)
                rc = form_decode(a, eq + 1, seglen - nlen - 1, &value, &value_len);
            else
                rc = form_decode(a, "", 0, &value, &value_len);
            if (rc)
                goto out;
            fields[k].name = name;
            fields[k].value = value;
            fields[k].value_len = value_len;
            k++;
        }
        i = end + 1;
    }
    out->fields = fields;
    out->n = k;
out:
    return rc;
}

/* ---- multipart ---- */

static int form_is_ws(char c)
{
    return c == ' ' || c == '\t';
}

/* Trims spaces and tabs from both ends of [*p, *p + *n). */
static void form_trim(const char **p, size_t *n)
{
    while (*n && form_is_ws(**p)) {
        (*p)++;
        (*n)--;
    }
    while (*n && form_is_ws((*p)[*n - 1]))
        (*n)--;
}

/*
 * Walks "; key=value; key="quoted"" parameters of a header value. At each
 * call, *pos indexes the text after the media type or previous parameter;
 * fills key and the (arena-copied, unquoted) value. Returns 1 for a
 * parameter, 0 at the end, WG_EINVAL on a malformed one.
 */
static int form_next_param(arena *a, const char *s, size_t n, size_t *pos, const char **key,
                           size_t *key_len, char **val)
{
    size_t i = *pos;
    while (i < n && (form_is_ws(s[i]) || s[i] == ';'))
        i++;
    if (i >= n)
        return 0;
    size_t ks = i;
    while (i < n && s[i] != '=' && s[i] != ';')
        i++;
    const char *k = s + ks;
    size_t kl = i - ks;
    form_trim(&k, &kl);
    if (kl == 0)
        return WG_EINVAL;
    *key = k;
    *key_len = kl;
    if (i >= n || s[i] == ';') { /* a bare token without a value */
        *val = arena_strndup(a, "", 0);
        *pos = i;
        return 1;
    }
    i++; /* '=' */
    while (i < n && form_is_ws(s[i]))
        i++;
    if (i < n && s[i] == '"') {
        char *v = arena_alloc(a, n - i + 1);
        size_t j = 0;
        i++;
        for (;;) {
            if (i >= n)
                return WG_EINVAL; /* unterminated quoted string */
            char c = s[i++];
            if (c == '"')
                break;
            if (c == '\\' && i < n)
                c = s[i++];
            v[j++] = c;
        }
        v[j] = '\0';
        *val = v;
    } else {
        size_t vs = i;
        while (i < n && s[i] != ';')
            i++;
        const char *v = s + vs;
        size_t vl = i - vs;
        form_trim(&v, &vl);
        *val = arena_strndup(a, v, vl);
    }
    *pos = i;
    return 1;
}

static int form_key_is(const char *key, size_t key_len, const char *want)
{
    return strlen(want) == key_len && strncasecmp(key, want, key_len) == 0;
}

/* Parses the header block of one part into f. */
static int form_part_headers(arena *a, const char *h, size_t n, struct form_field *f)
{
    int seen_disp = 0;
    if (!utf8_valid(h, n)) /* no NUL or control bytes in names or filenames */
        return WG_EINVAL;
    size_t i = 0;
    while (i < n) {
        const char *eol = memchr(h + i, '\r', n - i);
        size_t end = eol ? (size_t)(eol - h) : n;
        if (eol && (end + 1 >= n || h[end + 1] != '\n'))
            return WG_EINVAL;
        const char *line = h + i;
        size_t len = end - i;
        i = eol ? end + 2 : n;
        if (len == 0)
            continue;
        const char *colon = memchr(line, ':', len);
        if (colon == NULL)
            return WG_EINVAL;
        const char *hn = line;
        size_t hn_len = (size_t)(colon - line);
        const char *hv = colon + 1;
        size_t hv_len = len - hn_len - 1;
        form_trim(&hv, &hv_len);
        if (form_key_is(hn, hn_len, "Content-Disposition")) {
            if (seen_disp)
                return WG_EINVAL;
            seen_disp = 1;
            size_t tl = 0;
            while (tl < hv_len && hv[tl] != ';')
                tl++;
            const char *t = hv;
            form_trim(&t, &tl);
            if (!form_key_is(t, tl, "form-data"))
                return WG_EINVAL;
            size_t pos = tl;
            for (;;) {
                const char *key;
                size_t key_len;
                char *val;
                int r = form_next_param(a, hv, hv_len, &pos, &key, &key_len, &val);
                if (r < 0)
                    return r;
                if (r == 0)
                    break;
                if (form_key_is(key, key_len, "name"))
                    f->name = val;
                else if (form_key_is(key, key_len, "filename"))
                    f->filename = val;
            }
        } else if (form_key_is(hn, hn_len, "Content-Type")) {
            f->content_type = arena_strndup(a, hv, hv_len);
        }
    }
    if (!seen_disp || f->name == NULL)
        return WG_EINVAL;
    return 0;
}

/* The boundary parameter of a multipart/form-data Content-Type, or NULL. */
static const char *form_boundary(arena *a, const char *ct)
{
    if (ct == NULL)
        return NULL;
    size_t n = strlen(ct);
    size_t tl = 0;
    while (tl < n && ct[tl] != ';')
        tl++;
    const char *t = ct;
    form_trim(&t, &tl);
    if (!form_key_is(t, tl, "multipart/form-data"))
        return NULL;
    size_t pos = tl;
    for (;;) {
        const char *key;
        size_t key_len;
        char *val;
        if (form_next_param(a, ct, n, &pos, &key, &key_len, &val) <= 0)
            return NULL;
        if (form_key_is(key, key_len, "boundary")) {
            size_t bl = strlen(val);
            if (bl == 0 || bl > 70) /* RFC 2046 */
                return NULL;
            return val;
        }
    }
}

#define FORM_MAX_HEADERS 8192

int form_parse_multipart(arena *a, const char *content_type, const char *body, size_t n,
                         size_t max_fields, size_t max_part, struct form *out)
{
    int rc = 0;
    out->fields = NULL;
    out->n = 0;
    const char *boundary = form_boundary(a, content_type);
    if (boundary == NULL || body == NULL)
        return WG_EINVAL;

    /* delim is "\r\n--boundary"; the first one may come without the CRLF */
    size_t blen = strlen(boundary);
    size_t dlen = blen + 4;
    char *delim = arena_alloc(a, dlen + 1);
    memcpy(delim, "\r\n--", 4);
    memcpy(delim + 4, boundary, blen);
    delim[dlen] = '\0';

    size_t i;
    if (n >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0) {
        i = dlen - 2;
    } else {
        const char *d = memmem(body, n, delim, dlen); /* after a preamble */
        if (d == NULL)
            return WG_EINVAL;
        i = (size_t)(d - body) + dlen;
    }

    struct form_field *fields = NULL;
    size_t count = 0, cap = 0;
    for (;;) {
        /* i is just past a delimiter: "--" closes, else CRLF starts a part */
        if (n - i >= 2 && body[i] == '-' && body[i + 1] == '-')
            break;
        while (i < n && form_is_ws(body[i])) /* transport padding */
            i++;
        if (n - i < 2 || body[i] != '\r' || body[i + 1] != '\n') {
            rc = WG_EINVAL;
            goto out;
        }
        i += 2;
        if (count == max_fields) {
            rc = WG_ETOOBIG;
            goto out;
        }

        /* headers end at an empty line; a part may have no headers at all
         * (which then fails for want of a Content-Disposition) */
        size_t hstart = i, hend;
        if (n - i >= 2 && body[i] == '\r' && body[i + 1] == '\n') {
            hend = i;
            i += 2;
        } else {
            size_t lim = n - i < FORM_MAX_HEADERS + 4 ? n - i : FORM_MAX_HEADERS + 4;
            const char *e = memmem(body + i, lim, "\r\n\r\n", 4);
            if (e == NULL) {
                rc = lim < n - i ? WG_ETOOBIG : WG_EINVAL;
                goto out;
            }
            hend = (size_t)(e - body);
            i = hend + 4;
        }

        const char *d = memmem(body + i, n - i, delim, dlen);
        if (d == NULL) {
            rc = WG_EINVAL; /* unterminated */
            goto out;
        }
        size_t vlen = (size_t)(d - body) - i;
        if (vlen > max_part) {
            rc = WG_ETOOBIG;
            goto out;
        }

        if (count == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            if (ncap > max_fields)
                ncap = max_fields;
            struct form_field *nf = arena_calloc(a, ncap * sizeof *nf);
            if (count)
                memcpy(nf, fields, count * sizeof *nf);
            fields = nf;
            cap = ncap;
        }
        struct form_field *f = &fields[count];
        rc = form_part_headers(a, body + hstart, hend - hstart, f);
        if (rc)
            goto out;
        if (f->filename == NULL && !utf8_valid(body + i, vlen)) {
            rc = WG_EINVAL;
            goto out;
        }
        f->value = arena_strndup(a, body + i, vlen);
        f->value_len = vlen;
        count++;
        i = (size_t)(d - body) + dlen;
    }
    out->fields = fields;
    out->n = count;
out:
    return rc;
}

const struct form_field *form_get_field(const struct form *f, const char *name)
{
    if (f == NULL || name == NULL)
        return NULL;
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->fields[i].name, name) == 0)
            return &f->fields[i];
    return NULL;
}

const char *form_get(const struct form *f, const char *name)
{
    const struct form_field *fld = form_get_field(f, name);
    return fld ? fld->value : NULL;
}

const char *form_cookie(arena *a, const char *header, size_t n, const char *name)
{
    if (header == NULL || name == NULL)
        return NULL;
    size_t name_len = strlen(name);
    for (size_t i = 0; i < n;) {
        const char *semi = memchr(header + i, ';', n - i);
        size_t end = semi ? (size_t)(semi - header) : n;
        const char *p = header + i;
        size_t len = end - i;
        i = end + 1;
        form_trim(&p, &len);
        const char *eq = memchr(p, '=', len);
        if (eq == NULL)
            continue;
        const char *k = p;
        size_t kl = (size_t)(eq - p);
        form_trim(&k, &kl);
        if (kl != name_len || memcmp(k, name, kl) != 0)
            continue;
        const char *v = eq + 1;
        size_t vl = len - (size_t)(eq - p) - 1;
        form_trim(&v, &vl);
        if (vl >= 2 && v[0] == '"' && v[vl - 1] == '"') {
            v++;
            vl -= 2;
        }
        return arena_strndup(a, v, vl);
    }
    return NULL;
}
