/* JSON request bodies as edge_before reads them: valid UTF-8 first, then
 * jansson with duplicate keys refused; whatever parses dumps and parses
 * again to an equal value. */
#include <jansson.h>

#include "core/utf8.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!utf8_valid((const char *)data, size))
        return 0;
    json_error_t err;
    json_t *v = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &err);
    if (v == NULL)
        return 0;
    char *dump = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    FUZZ_ASSERT(dump != NULL);
    json_t *again = json_loads(dump, JSON_DECODE_ANY, &err);
    FUZZ_ASSERT(again != NULL && json_equal(v, again));
    json_decref(again);
    free(dump);
    json_decref(v);
    return 0;
}
