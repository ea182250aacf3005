/*
 * UTF-8 checks for untrusted input. Nothing here allocates; callers own the
 * bytes they pass in.
 */
#ifndef WG_UTF8_H
#define WG_UTF8_H

#include <stddef.h>

/* 1 if s[0..n) is well-formed UTF-8 (no overlong forms, no surrogates,
 * nothing above U+10FFFF) and holds no NUL byte and no C0 control character
 * other than \t \n \r; otherwise 0. */
int utf8_valid(const char *s, size_t n);
/* The number of code points in s[0..n); s must be valid UTF-8. */
size_t utf8_count(const char *s, size_t n);
/* The byte length of the longest prefix of s[0..n) with at most max_cp code
 * points, never splitting a code point. */
/* 1 when s is NULL or holds only ASCII spaces, tabs, CR/LF or U+3000
 * (the ideographic space of Chinese input methods). */
int utf8_blank(const char *s);
size_t utf8_trim_len(const char *s, size_t n, size_t max_cp);

#endif
