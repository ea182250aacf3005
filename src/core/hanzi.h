/*
 * Simplified and Traditional Chinese (簡/繁) through OpenCC: text converted
 * to Simplified (to fold both scripts together for search) or to
 * Traditional (for a reader who chose 繁體). Characters that are not Chinese
 * pass unchanged. The converters are opened on first use (OpenCC loads its
 * dictionaries then) and shared by all threads; when OpenCC cannot start,
 * the text is returned unchanged and the failure logged once.
 */
#ifndef WG_CORE_HANZI_H
#define WG_CORE_HANZI_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

/* s in Simplified characters (OpenCC t2s), a copy in a; NULL gives NULL. */
const char *hanzi_hans(arena *a, const char *s);
/* s in Traditional characters (OpenCC s2t), a copy in a; NULL gives NULL. */
const char *hanzi_hant(arena *a, const char *s);
/* One character in Simplified: the character table of OpenCC t2s, read
 * once (one conversion of every CJK ideograph, each on its own) into a
 * table; characters outside the CJK blocks, and those OpenCC maps to more
 * or fewer than one character, stay as they are. Length-preserving, and a
 * table lookup: what search folding needs. Thread-safe. */
uint32_t hanzi_fold(uint32_t c);
/* A cache of conversions to Traditional of short texts (a page's labels,
 * titles and names come back request after request): HANZI_CACHE_SLOTS
 * texts of at most HANZI_CACHE_TEXT bytes, shared by all threads, the
 * newest kept on a collision. hanzi_hant_cached gives the converted text
 * (a copy in a) or NULL; hanzi_hant_remember stores one. */
#define HANZI_CACHE_SLOTS 8192
#define HANZI_CACHE_TEXT 256
const char *hanzi_hant_cached(arena *a, const char *s, size_t n);
void hanzi_hant_remember(const char *s, size_t n, const char *converted);
/* Closes the converters and empties the cache (at exit). */
void hanzi_fini(void);

#endif
