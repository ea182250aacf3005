/*
 * The one bounded output buffer, used for every HTML page and JSON document.
 * A buffer grows on the heap up to its max; an append past max fails with
 * WG_ETOOBIG and leaves the buffer "failed" (sticky), so callers can append
 * freely and check once at the end with buf_failed(). The owner frees with
 * buf_free(); buf_reset() keeps the memory for the next use.
 */
#ifndef WG_BUF_H
#define WG_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
    char *data; /* NUL-terminated while not failed; owned by the buffer */
    size_t len, cap, max;
    int failed;
} buf;

void buf_init(buf *b, size_t max);
void buf_free(buf *b);
void buf_reset(buf *b);
static inline int buf_failed(const buf *b) { return b->failed; }

int buf_add(buf *b, const void *p, size_t n);
int buf_adds(buf *b, const char *s);
int buf_addc(buf *b, char c);
int buf_addf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_addvf(buf *b, const char *fmt, va_list ap);
/* HTML-escapes & < > " ' (text and attribute values alike). */
int buf_add_html(buf *b, const char *s, size_t n);
/* A JSON string literal with quotes; control characters and </ escaped so the
 * output is safe inside HTML too. NULL writes null. */
int buf_add_jstr(buf *b, const char *s);
/* Percent-encodes for a URL query value. */
int buf_add_url(buf *b, const char *s);

#endif
