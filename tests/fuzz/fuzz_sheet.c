/* The spreadsheet reader of imports (core/sheet.h): XLSX (zip + XML) and
 * CSV bytes. Whatever it accepts keeps its limits: rows, columns, cell
 * length, UTF-8 text; whatever it refuses says why. */
#include <string.h>

#include "core/sheet.h"
#include "core/utf8.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena *a = arena_new(65536);
    struct sheet s;
    const char *why = NULL;
    if (sheet_read(a, data, size, &s, &why) == 0) {
        FUZZ_ASSERT(s.nrows > 0 && s.nrows <= SHEET_ROWS_MAX && s.ncols <= SHEET_COLS_MAX);
        int prev = 0;
        for (int i = 0; i < s.nrows; i++) {
            FUZZ_ASSERT(s.rows[i].num > prev && s.rows[i].n > 0 && s.rows[i].n <= s.ncols);
            prev = s.rows[i].num;
            for (int k = 0; k < s.rows[i].n; k++) {
                const char *c = s.rows[i].cell[k];
                FUZZ_ASSERT(c == NULL || (strlen(c) <= SHEET_CELL_MAX && utf8_valid(c, strlen(c))));
            }
        }
    } else
        FUZZ_ASSERT(why != NULL);
    arena_free(a);
    return 0;
}
