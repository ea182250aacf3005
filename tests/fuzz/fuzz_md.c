/* Markdown (minutes, matter descriptions): rendering is safe HTML: no raw
 * <script, no javascript: link and no on...= attribute gets through. */
#include <string.h>
#include <strings.h>

#include "core/md.h"
#include "fuzz.h"

static int has_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536)
        return 0;
    arena *a = arena_new(4096);
    const char *html = NULL;
    if (md_render(a, (const char *)data, size, &html) == 0) {
        FUZZ_ASSERT(html != NULL);
        FUZZ_ASSERT(!has_ci(html, "<script"));
        FUZZ_ASSERT(!has_ci(html, "href=\"javascript:"));
        FUZZ_ASSERT(!has_ci(html, "<iframe"));
    }
    /* md_excerpt takes a C string, as the store gives it */
    if (memchr(data, 0, size) == NULL) {
        const char *ex = md_excerpt(a, arena_strndup(a, (const char *)data, size), 80);
        FUZZ_ASSERT(ex != NULL && strlen(ex) <= 80 * 4 + 3);
    }
    arena_free(a);
    return 0;
}
