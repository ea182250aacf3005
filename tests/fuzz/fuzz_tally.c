/* `wugong tally` input: any document either gives a result or an error
 * message; never both, never neither; a result is valid JSON. */
#include <jansson.h>
#include <string.h>

#include "algo/tally_json.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20)
        return 0;
    arena *a = arena_new(4096);
    buf out;
    buf_init(&out, 1 << 24);
    char err[512] = "";
    int rc = tally_json_run(a, (const char *)data, size, &out, err, sizeof err);
    if (rc == 0) {
        json_error_t je;
        json_t *v = json_loadb(out.data, out.len, 0, &je);
        FUZZ_ASSERT(v != NULL);
        FUZZ_ASSERT(json_is_object(v));
        json_decref(v);
    } else {
        FUZZ_ASSERT(err[0] != '\0');
    }
    buf_free(&out);
    arena_free(a);
    return 0;
}
