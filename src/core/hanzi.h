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
/* Closes the converters (at exit). */
void hanzi_fini(void);

#endif
