/*
 * Markdown for user-written text, rendered with libcmark in safe mode: raw
 * HTML is omitted and links or images with unsafe schemes (javascript:,
 * vbscript:, file:, most data:) get an empty URL.
 *
 * Ownership: results live in the caller's arena; inputs are only read.
 */
#ifndef WG_MD_H
#define WG_MD_H

#include <stddef.h>

#include "core/arena.h"

/* Renders src[0..n) to HTML in *html_out (NUL-terminated, in the arena).
 * Returns 0, or WG_EINVAL when src is not utf8_valid (*html_out is then NULL). */
int md_render(arena *a, const char *src, size_t n, const char **html_out);

/* A plain-text excerpt of the NUL-terminated markdown src: markup characters
 * (# * _ ` > [ ] ( ) and the like, link targets) roughly stripped and
 * whitespace collapsed to single spaces. The text keeps at most max_cp code
 * points; when it had to be cut, "…" is appended after them. Invalid UTF-8 or
 * NULL gives "". Never NULL; the result lives in the arena and is not
 * HTML-escaped. */
char *md_excerpt(arena *a, const char *src, size_t max_cp);

#endif
