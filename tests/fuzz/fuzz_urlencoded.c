/* URL-encoded bodies and query strings: parse, and every decoded field is
 * valid UTF-8 with no NUL inside (the parser's contract). */
#include <string.h>

#include "core/form.h"
#include "core/utf8.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena *a = arena_new(4096);
    struct form f;
    if (form_parse_urlencoded(a, (const char *)data, size, FORM_MAX_FIELDS, &f) == 0) {
        FUZZ_ASSERT(f.n <= FORM_MAX_FIELDS);
        for (size_t i = 0; i < f.n; i++) {
            FUZZ_ASSERT(utf8_valid(f.fields[i].name, strlen(f.fields[i].name)));
            FUZZ_ASSERT(utf8_valid(f.fields[i].value, strlen(f.fields[i].value)));
            FUZZ_ASSERT(strlen(f.fields[i].value) == f.fields[i].value_len);
        }
    }
    arena_free(a);
    return 0;
}
