/* multipart/form-data: the first line of the input is the Content-Type
 * header, the rest the body. Text parts are valid UTF-8; every part's
 * length fits in the body. */
#include <string.h>

#include "core/form.h"
#include "core/utf8.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data, *nl = memchr(s, '\n', size);
    if (nl == NULL)
        return 0;
    arena *a = arena_new(4096);
    char *ct = arena_strndup(a, s, (size_t)(nl - s));
    const char *body = nl + 1;
    size_t n = size - (size_t)(nl - s) - 1;
    struct form f;
    if (form_parse_multipart(a, ct, body, n, FORM_MAX_FIELDS, 4096, &f) == 0) {
        FUZZ_ASSERT(f.n <= FORM_MAX_FIELDS);
        for (size_t i = 0; i < f.n; i++) {
            FUZZ_ASSERT(f.fields[i].value_len <= n && f.fields[i].value_len <= 4096);
            FUZZ_ASSERT(utf8_valid(f.fields[i].name, strlen(f.fields[i].name)));
            if (f.fields[i].filename == NULL)
                FUZZ_ASSERT(utf8_valid(f.fields[i].value, f.fields[i].value_len));
        }
    }
    arena_free(a);
    return 0;
}
