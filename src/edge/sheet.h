/*
 * A sheet: a table of named, typed columns written row by row to an
 * unlinked temporary file, as CSV or XLSX, for the exports of staff lists
 * (edge/export.h). Nothing of the table stays in memory: CSV rows go
 * through a stdio buffer, XLSX rows through libxlsxwriter in constant_memory
 * mode (one row in memory, the rest in its own temporary files).
 *
 * CSV: UTF-8 with a byte order mark (so that Excel reads Chinese as UTF-8),
 * RFC 4180 (CRLF line ends; a field with a comma, quote, CR or LF is quoted,
 * quotes doubled). A text cell that starts with = + - @, a tab or a CR gets
 * an apostrophe in front, so that a spreadsheet never runs it as a formula
 * (CSV injection); numbers and times are written as figures and never start
 * so (a negative number is a number). Times are "YYYY-MM-DD HH:MM" in local
 * time (core/time.h), percents "85.5%", decimals with two places.
 *
 * XLSX: a bold, frozen header row, the columns' widths, times as real Excel
 * dates (serial days, local time) formatted "yyyy-mm-dd hh:mm", percents as
 * fractions formatted "0.0%", decimals "0.00". Text is always a string
 * cell, never a formula, so it needs no apostrophe.
 *
 * Ownership: sheet_open allocates the sheet; sheet_finish or sheet_abort
 * frees it. Strings passed in are copied (or written) before the call returns.
 */
#ifndef WG_EDGE_SHEET_H
#define WG_EDGE_SHEET_H

#include <stddef.h>
#include <stdint.h>

enum sheet_format { SHEET_CSV = 1, SHEET_XLSX };
enum sheet_type { SHEET_TEXT, SHEET_INT, SHEET_DECIMAL, SHEET_TIME, SHEET_PERCENT };

/* One column: the i18n key of its header, its type, its width in
 * characters (0: 12). */
struct sheet_col {
    const char *key;
    enum sheet_type type;
    int width;
};

typedef struct sheet sheet;

/* Opens a sheet of ncols columns whose headers (translated) are given, in
 * tmpdir (NULL: $TMPDIR or /tmp); name is the XLSX worksheet's name (cut to
 * 31 code points). 0 and *out, or WG_EDB when the file cannot be made. */
int sheet_open(enum sheet_format f, const char *name, const struct sheet_col *cols, const char *const *headers,
               int ncols, const char *tmpdir, sheet **out);
/* The cells of a row, left to right, in the columns' types: text (NULL is
 * blank), an integer, a decimal or a percent (a fraction: 0.855 is 85.5%),
 * a Unix time (0 is blank); blank fits any column. */
void sheet_text(sheet *sh, const char *s);
void sheet_int(sheet *sh, int64_t v);
void sheet_num(sheet *sh, double v);
void sheet_time(sheet *sh, int64_t t);
void sheet_blank(sheet *sh);
/* Ends the row (cells not given are blank). */
void sheet_row_end(sheet *sh);
/* Rows ended so far, the header not counted. */
long sheet_rows(const sheet *sh);
/* Completes the file: 0 with *fd open at its start (unlinked: closing it
 * removes it; the caller closes it) and *len its size; or WG_EDB. Frees sh
 * either way. */
int sheet_finish(sheet *sh, int *fd, size_t *len);
/* Drops the sheet and its file. */
void sheet_abort(sheet *sh);

/* The file's Content-Type and extension. */
const char *sheet_content_type(enum sheet_format f);
const char *sheet_extension(enum sheet_format f);
/* Writes a CSV field (escaped and neutralised as above) to out, which
 * holds at least 2 * strlen(s) + 4 bytes; for tests. Returns its length. */
size_t sheet_csv_field(const char *s, char *out);

#endif
