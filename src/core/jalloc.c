/* jansson's allocator: the named arena of the thread, or malloc (jalloc.h).
 * Each block carries a 16-byte header saying where it came from, so that a
 * free knows what to do whichever way it was made. */
#include "core/jalloc.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#define HDR 16 /* keeps the 16-byte alignment of both sources */
enum { FROM_MALLOC = 0x6d, FROM_ARENA = 0x61 };

static int g_installed; /* else jansson uses plain malloc and free */
static __thread arena *t_arena;
static __thread size_t t_start; /* arena_used when it was named */

static void *jalloc_malloc(size_t n)
{
    unsigned char *p;
    if (t_arena != NULL && arena_used(t_arena) - t_start + n <= JALLOC_ARENA_MAX) {
        p = arena_alloc(t_arena, n + HDR);
        p[0] = FROM_ARENA;
    } else {
        p = malloc(n + HDR);
        if (p == NULL)
            return NULL;
        p[0] = FROM_MALLOC;
    }
    return p + HDR;
}

void jalloc_free(void *ptr)
{
    if (ptr == NULL)
        return;
    if (!g_installed) {
        free(ptr);
        return;
    }
    unsigned char *p = (unsigned char *)ptr - HDR;
    if (p[0] == FROM_MALLOC)
        free(p);
}

void jalloc_install(void)
{
    json_set_alloc_funcs(jalloc_malloc, jalloc_free);
    g_installed = 1;
}

void jalloc_use(arena *a)
{
    t_arena = a;
    t_start = a ? arena_used(a) : 0;
}
