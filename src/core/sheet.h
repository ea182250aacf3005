/*
 * A spreadsheet reader for imports: the first worksheet of an XLSX file
 * (Office Open XML: a zip, read with libzip, of XML parts, read with
 * libxml2's streaming reader) or a CSV file (RFC 4180, UTF-8 with or
 * without a byte-order mark, or GB18030 as saved by Chinese Excel,
 * converted with iconv). The format is told by the content, not the name.
 *
 * What it reads of XLSX: xl/workbook.xml (the first sheet), its
 * relationships (where that sheet is), xl/sharedStrings.xml when present
 * and the sheet's cells: shared strings, inline strings, numbers (an
 * integral number is written without a fraction or exponent, so a phone
 * number stored as a number reads as its digits), booleans, formula results,
 * cell references with gaps ("C12" after "A10"). Styles, dates, merged
 * cells and other sheets are not read. A document with a DTD is refused,
 * entities are never expanded and nothing is fetched from the network.
 *
 * Limits (every one a refusal with its own code, never a truncation):
 * SHEET_FILE_MAX bytes of input, SHEET_UNZIP_MAX bytes inflated from the
 * zip in all, an entry inflating more than SHEET_RATIO_MAX times its
 * compressed size past the first MiB (a zip bomb), SHEET_ROWS_MAX rows,
 * SHEET_COLS_MAX columns, SHEET_CELL_MAX bytes in a cell,
 * SHEET_STRINGS_MAX shared strings, SHEET_ENTRIES_MAX zip entries.
 *
 * Ownership: the result (rows, cells) lives in the caller's arena; the
 * input is only read. Working memory of the zip and XML libraries is freed
 * before returning.
 */
#ifndef WG_CORE_SHEET_H
#define WG_CORE_SHEET_H

#include <stddef.h>

#include "core/arena.h"

#define SHEET_FILE_MAX (20u * 1024 * 1024)  /* bytes of the uploaded file */
#define SHEET_UNZIP_MAX (200u * 1024 * 1024) /* bytes inflated from an XLSX in all */
#define SHEET_RATIO_MAX 200                  /* inflated / compressed, per entry, past the first MiB */
#define SHEET_ROWS_MAX 100000                /* rows with a value (the header included) */
#define SHEET_COLS_MAX 64                    /* columns A..BL */
#define SHEET_CELL_MAX 1024                  /* bytes of text in a cell */
#define SHEET_STRINGS_MAX 2000000            /* entries of the shared-string table */
#define SHEET_ENTRIES_MAX 10000              /* files in the zip */

struct sheet_row {
    int num;           /* the row's number in the sheet (1-based; CSV: the record's) */
    int n;             /* cells, up to the last with a value */
    const char **cell; /* cell[i] of column i (0 = A): UTF-8 text, NULL when empty */
};

struct sheet {
    const char *format;     /* "xlsx" or "csv" */
    const char *encoding;   /* "utf-8" or "gb18030" (csv) */
    struct sheet_row *rows; /* rows with at least one value, in order */
    int nrows;
    int ncols;              /* the widest row's n */
    /* on failure: where, when known (0 otherwise) */
    int err_row, err_col;
};

/* Reads data (n bytes). 0, or WG_EINVAL / WG_ETOOBIG with *why set to a
 * stable code: sheet_empty sheet_too_big sheet_xls_unsupported
 * sheet_format_unknown sheet_encoding sheet_csv_quote sheet_zip_invalid
 * sheet_zip_bomb sheet_no_worksheet sheet_xml_invalid sheet_too_many_rows
 * sheet_too_many_columns sheet_cell_too_long sheet_cell_invalid; out->err_row
 * and err_col say where when the code is about one place. */
int sheet_read(arena *a, const void *data, size_t n, struct sheet *out, const char **why);

/* "A", "B", ... "AA": the letters of column i (0-based) into out (8 bytes). */
const char *sheet_col_name(int i, char out[8]);

#endif
