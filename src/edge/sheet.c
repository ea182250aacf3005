/*
 * The sheet writer (edge/sheet.h): CSV by hand, XLSX through libxlsxwriter.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "core/err.h"
#include "core/log.h"
#include "core/time.h"
#include "edge/sheet.h"

#define SHEET_NAME_MAX 31        /* code points in an XLSX worksheet's name (Excel's limit) */
#define SHEET_CELL_MAX 32767     /* characters in an XLSX cell (Excel's limit): longer text is cut */
#define SHEET_WIDTH_DEFAULT 12
#define SHEET_CSV_BUFFER (256 * 1024)
#define SHEET_EXCEL_EPOCH 25569  /* Excel's serial day of 1970-01-01 */

struct sheet {
    enum sheet_format format;
    const struct sheet_col *cols;
    int ncols, col;
    long rows;
    int fd;            /* the file, open from sheet_open to sheet_finish */
    char path[4096];   /* XLSX: where libxlsxwriter writes it (unlinked at the end) */
    int linked;        /* path still names the file */
    FILE *csv;         /* CSV: the buffered writer */
    lxw_workbook *wb;  /* XLSX */
    lxw_worksheet *ws;
    lxw_format *f_head, *f_time, *f_pct, *f_dec;
};

const char *sheet_content_type(enum sheet_format f)
{
    return f == SHEET_XLSX ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                           : "text/csv; charset=utf-8";
}

const char *sheet_extension(enum sheet_format f)
{
    return f == SHEET_XLSX ? "xlsx" : "csv";
}

/* ---- CSV ---- */

size_t sheet_csv_field(const char *s, char *out)
{
    size_t n = 0;
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        out[n++] = '"';
    if (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r')
        out[n++] = '\''; /* a formula in a spreadsheet: shown as text instead */
    for (; *s; s++) {
        if (*s == '"')
            out[n++] = '"';
        out[n++] = *s;
    }
    if (quote)
        out[n++] = '"';
    out[n] = '\0';
    return n;
}

static void csv_sep(sheet *sh)
{
    if (sh->col > 0)
        fputc(',', sh->csv);
}

static void csv_text(sheet *sh, const char *s)
{
    csv_sep(sh);
    size_t len = strlen(s);
    char small[512];
    char *out = 2 * len + 4 <= sizeof small ? small : malloc(2 * len + 4);
    if (out == NULL)
        abort(); /* as the arena does: no sane answer without memory */
    fwrite(out, 1, sheet_csv_field(s, out), sh->csv);
    if (out != small)
        free(out);
}

/* ---- XLSX ---- */

/* The worksheet's name: at most SHEET_NAME_MAX code points, none of the
 * characters Excel refuses in it. */
static void xlsx_name(const char *name, char *out, size_t cap)
{
    size_t n = 0;
    int cps = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p && n + 4 < cap; p++) {
        if ((*p & 0xC0) != 0x80 && ++cps > SHEET_NAME_MAX)
            break;
        out[n++] = strchr("[]:*?/\\", *p) ? '_' : (char)*p;
    }
    out[n] = '\0';
}

static int xlsx_open(sheet *sh, const char *name, const char *const *headers, const char *tmpdir)
{
    lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = (char *)tmpdir};
    sh->wb = workbook_new_opt(sh->path, &o);
    if (sh->wb == NULL)
        return WG_EDB;
    char ws_name[128];
    xlsx_name(name ? name : "", ws_name, sizeof ws_name);
    sh->ws = workbook_add_worksheet(sh->wb, ws_name[0] ? ws_name : NULL);
    if (sh->ws == NULL && (sh->ws = workbook_add_worksheet(sh->wb, NULL)) == NULL)
        return WG_EDB;
    sh->f_head = workbook_add_format(sh->wb);
    format_set_bold(sh->f_head);
    sh->f_time = workbook_add_format(sh->wb);
    format_set_num_format(sh->f_time, "yyyy-mm-dd hh:mm");
    sh->f_pct = workbook_add_format(sh->wb);
    format_set_num_format(sh->f_pct, "0.0%");
    sh->f_dec = workbook_add_format(sh->wb);
    format_set_num_format(sh->f_dec, "0.00");
    for (int i = 0; i < sh->ncols; i++) {
        int w = sh->cols[i].width > 0 ? sh->cols[i].width : SHEET_WIDTH_DEFAULT;
        worksheet_set_column(sh->ws, (lxw_col_t)i, (lxw_col_t)i, w, NULL);
        worksheet_write_string(sh->ws, 0, (lxw_col_t)i, headers[i], sh->f_head);
    }
    worksheet_freeze_panes(sh->ws, 1, 0);
    return 0;
}

/* The cell being written: row (after the header) and column. */
static lxw_row_t xrow(const sheet *sh)
{
    return (lxw_row_t)(sh->rows + 1);
}

static void xlsx_text(sheet *sh, const char *s)
{
    size_t len = strlen(s);
    if (len <= SHEET_CELL_MAX) {
        worksheet_write_string(sh->ws, xrow(sh), (lxw_col_t)sh->col, s, NULL);
        return;
    }
    char *cut = strndup(s, SHEET_CELL_MAX); /* bytes, so at most as many characters */
    if (cut == NULL)
        abort();
    size_t n = SHEET_CELL_MAX;
    while (n > 0 && ((unsigned char)cut[n] & 0xC0) == 0x80)
        n--; /* not inside a character */
    cut[n] = '\0';
    worksheet_write_string(sh->ws, xrow(sh), (lxw_col_t)sh->col, cut, NULL);
    free(cut);
}

/* ---- the interface ---- */

int sheet_open(enum sheet_format f, const char *name, const struct sheet_col *cols, const char *const *headers,
               int ncols, const char *tmpdir, sheet **out)
{
    assert(ncols > 0 && (f == SHEET_CSV || f == SHEET_XLSX));
    sheet *sh = calloc(1, sizeof *sh);
    if (sh == NULL)
        return WG_EDB;
    *sh = (sheet){.format = f, .cols = cols, .ncols = ncols, .fd = -1};
    if (tmpdir == NULL && (tmpdir = getenv("TMPDIR")) == NULL)
        tmpdir = "/tmp";
    if ((size_t)snprintf(sh->path, sizeof sh->path, "%s/wugong-sheet-XXXXXX", tmpdir) >= sizeof sh->path ||
        (sh->fd = mkostemp(sh->path, O_CLOEXEC)) < 0) {
        log_error("sheet: cannot make a file in %s: %s", tmpdir, strerror(errno));
        free(sh);
        return WG_EDB;
    }
    int rc = 0;
    sh->linked = 1;
    if (f == SHEET_CSV) {
        unlink(sh->path); /* written through the descriptor only */
        sh->linked = 0;
        int dupfd = dup(sh->fd);
        sh->csv = dupfd >= 0 ? fdopen(dupfd, "w") : NULL;
        if (sh->csv == NULL) {
            if (dupfd >= 0)
                close(dupfd);
            rc = WG_EDB;
        }
        else {
            setvbuf(sh->csv, NULL, _IOFBF, SHEET_CSV_BUFFER);
            fputs("\xEF\xBB\xBF", sh->csv);
            for (sh->col = 0; sh->col < ncols; sh->col++)
                csv_text(sh, headers[sh->col]);
            fputs("\r\n", sh->csv);
            sh->col = 0;
        }
    }
    else
        rc = xlsx_open(sh, name, headers, tmpdir); /* libxlsxwriter rewrites the same file at the end */
    if (rc) {
        sheet_abort(sh);
        return rc;
    }
    *out = sh;
    return 0;
}

void sheet_text(sheet *sh, const char *s)
{
    assert(sh->col < sh->ncols);
    if (s != NULL && *s) {
        if (sh->format == SHEET_CSV)
            csv_text(sh, s);
        else
            xlsx_text(sh, s);
    }
    else if (sh->format == SHEET_CSV)
        csv_sep(sh);
    sh->col++;
}

void sheet_blank(sheet *sh)
{
    sheet_text(sh, NULL);
}

void sheet_int(sheet *sh, int64_t v)
{
    assert(sh->col < sh->ncols);
    if (sh->format == SHEET_CSV) {
        csv_sep(sh);
        fprintf(sh->csv, "%lld", (long long)v);
    }
    else
        worksheet_write_number(sh->ws, xrow(sh), (lxw_col_t)sh->col, (double)v, NULL);
    sh->col++;
}

void sheet_num(sheet *sh, double v)
{
    assert(sh->col < sh->ncols);
    int pct = sh->cols[sh->col].type == SHEET_PERCENT;
    if (sh->format == SHEET_CSV) {
        csv_sep(sh);
        if (pct)
            fprintf(sh->csv, "%.1f%%", v * 100.0);
        else
            fprintf(sh->csv, "%.2f", v);
    }
    else
        worksheet_write_number(sh->ws, xrow(sh), (lxw_col_t)sh->col, v, pct ? sh->f_pct : sh->f_dec);
    sh->col++;
}

void sheet_time(sheet *sh, int64_t t)
{
    assert(sh->col < sh->ncols);
    char s[32];
    if (t == 0 || time_format_local(t, s, sizeof s) != 0) {
        sheet_blank(sh);
        return;
    }
    if (sh->format == SHEET_CSV) {
        csv_sep(sh);
        fputs(s, sh->csv);
    }
    else {
        double serial = (double)(t + TIME_ZONE_OFFSET) / TIME_DAY + SHEET_EXCEL_EPOCH;
        worksheet_write_number(sh->ws, xrow(sh), (lxw_col_t)sh->col, serial, sh->f_time);
    }
    sh->col++;
}

void sheet_row_end(sheet *sh)
{
    while (sh->col < sh->ncols)
        sheet_blank(sh);
    if (sh->format == SHEET_CSV)
        fputs("\r\n", sh->csv);
    sh->col = 0;
    sh->rows++;
}

long sheet_rows(const sheet *sh)
{
    return sh->rows;
}

int sheet_finish(sheet *sh, int *fd, size_t *len)
{
    int rc = 0;
    if (sh->format == SHEET_CSV) {
        FILE *f = sh->csv;
        sh->csv = NULL;
        if (fclose(f) != 0) /* flushes */
            rc = WG_EDB;
    }
    else {
        lxw_error e = workbook_close(sh->wb);
        sh->wb = NULL;
        unlink(sh->path);
        sh->linked = 0;
        if (e != LXW_NO_ERROR) {
            log_error("sheet: %s", lxw_strerror(e));
            rc = WG_EDB;
        }
    }
    struct stat st;
    if (rc == 0 && (fstat(sh->fd, &st) != 0 || lseek(sh->fd, 0, SEEK_SET) != 0))
        rc = WG_EDB;
    if (rc) {
        sheet_abort(sh);
        return rc;
    }
    *fd = sh->fd;
    *len = (size_t)st.st_size;
    free(sh);
    return 0;
}

void sheet_abort(sheet *sh)
{
    if (sh == NULL)
        return;
    if (sh->csv != NULL)
        fclose(sh->csv);
    if (sh->wb != NULL)
        workbook_close(sh->wb); /* frees it (and its temporary files) */
    if (sh->linked)
        unlink(sh->path);
    if (sh->fd >= 0)
        close(sh->fd);
    free(sh);
}
