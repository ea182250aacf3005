/*
 * A bump allocator. Everything a request allocates comes from one arena and
 * is released at once by arena_reset() or arena_free(). Allocation never
 * returns NULL: running out of memory aborts the process, which is the only
 * sane answer for a server that cannot tell which request to sacrifice.
 */
#ifndef WG_ARENA_H
#define WG_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct arena arena;

/* A new arena whose blocks are at least block_size bytes. Caller frees with arena_free. */
arena *arena_new(size_t block_size);
void arena_free(arena *a);
/* Release everything allocated, keeping the first block for reuse. */
void arena_reset(arena *a);
/* arena_reset, and when the arena held more than `above` bytes the freed
 * memory goes back to the system (malloc keeps it in its heaps otherwise:
 * malloc_trim). */
void arena_release(arena *a, size_t above);

/* n bytes aligned to 16, uninitialised; lives until reset/free. */
void *arena_alloc(arena *a, size_t n);
/* n zeroed bytes. */
void *arena_calloc(arena *a, size_t n);
/* Copies of strings; the results live in the arena. NULL in gives NULL out. */
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Bytes currently handed out (for tests and metrics). */
size_t arena_used(const arena *a);

#endif
