/*
 * Request input parsing with explicit limits: url-encoded forms and query
 * strings, multipart/form-data bodies, and Cookie headers.
 *
 * Ownership: every result (the field array, names, values, filenames) is
 * allocated in the caller's arena and lives until that arena is reset or
 * freed; nothing here needs freeing on its own. Inputs are only read and may
 * be released once a function returns. On error *out is left empty.
 */
#ifndef WG_FORM_H
#define WG_FORM_H

#include <stddef.h>

#include "core/arena.h"

struct form_field {
    const char *name;         /* NUL-terminated, valid UTF-8 */
    const char *value;        /* NUL-terminated; binary for file parts, so use value_len */
    size_t value_len;
    const char *filename;     /* multipart file parts only, else NULL */
    const char *content_type; /* multipart parts with a Content-Type, else NULL */
};

struct form {
    struct form_field *fields; /* in input order */
    size_t n;
};

/* A sensible default for max_fields. */
#define FORM_MAX_FIELDS 64

/* application/x-www-form-urlencoded (also used for query strings): '+' is a
 * space, %XX is decoded, '&' separates fields (empty segments are skipped), a
 * field without '=' has the value "". Returns 0; WG_EINVAL on a bad percent
 * escape or when a decoded name or value is not utf8_valid (so %00 and control
 * characters are refused); WG_ETOOBIG over max_fields fields. */
int form_parse_urlencoded(arena *a, const char *s, size_t n, size_t max_fields, struct form *out);

/* multipart/form-data. content_type is the request's Content-Type header
 * value, whose boundary parameter may be quoted or not. Each part needs
 * "Content-Disposition: form-data; name=..."; filename=... and a part
 * Content-Type are optional. Non-file parts must be utf8_valid; file parts
 * (those with a filename, possibly "") are binary. Returns 0; WG_EINVAL on
 * malformed input (no boundary, missing name, unterminated body...);
 * WG_ETOOBIG over max_fields parts or when a part's content exceeds max_part
 * bytes. */
int form_parse_multipart(arena *a, const char *content_type, const char *body, size_t n,
                         size_t max_fields, size_t max_part, struct form *out);

/* The first value of name, or NULL. The pointer is the field's own. */
const char *form_get(const struct form *f, const char *name);
/* The value of one hex digit, or -1. */
int form_hexval(unsigned char c);
/* The first field called name, or NULL. */
const struct form_field *form_get_field(const struct form *f, const char *name);

/* Cookie header value "a=1; b=2" -> the value of cookie name (an arena copy,
 * surrounding double quotes removed), or NULL when absent. header may be NULL. */
const char *form_cookie(arena *a, const char *header, size_t n, const char *name);

#endif
