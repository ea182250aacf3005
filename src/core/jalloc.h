/*
 * Where jansson's values live. Installed once at start (jalloc_install),
 * jansson allocates from the arena a thread has named with jalloc_use, and
 * from malloc otherwise. A request names its arena for as long as it runs:
 * its JSON (the parsed body, the page's context, the API's answer) is then
 * released with the arena, and json_decref's frees cost nothing. Past
 * JALLOC_ARENA_MAX bytes in one arena (a vote's whole export, say), the rest
 * comes from malloc again, so a big document is not kept twice.
 *
 * Ownership: a value made while an arena is named must not outlive that
 * arena's next reset; nothing in wugong keeps one (no static json_t). No
 * value may live across jalloc_install (`wugong serve` calls it before any
 * JSON is made). A string from json_dumps is released with jalloc_free,
 * never free.
 */
#ifndef WG_JALLOC_H
#define WG_JALLOC_H

#include <stddef.h>

#include "core/arena.h"

#define JALLOC_ARENA_MAX ((size_t)32 << 20)

/* Routes jansson's allocations through this module (before any thread). */
void jalloc_install(void);
/* This thread's jansson allocations come from a (NULL: from malloc). */
void jalloc_use(arena *a);
/* Releases memory jansson handed out (json_dumps' strings). */
void jalloc_free(void *p);

#endif
