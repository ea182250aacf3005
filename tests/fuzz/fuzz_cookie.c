/* Cookie headers: any header, any name; a value found is a NUL-terminated
 * arena copy no longer than the header. */
#include <string.h>

#include "core/form.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"wg_sid", "wg_anon", "wg_lang", "wg_elder", "wg_wal", "", "a"};
    arena *a = arena_new(4096);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = form_cookie(a, (const char *)data, size, names[i]);
        if (v)
            FUZZ_ASSERT(strlen(v) <= size);
    }
    arena_free(a);
    return 0;
}
