/* The spreadsheet reader (see sheet.h): XLSX through libzip and libxml2, CSV by hand. */
#include "core/sheet.h"

#include <errno.h>
#include <iconv.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/err.h"
#include "core/utf8.h"

#define MIB (1024u * 1024)
#define TOOLONG ((const char *)1) /* a shared string over SHEET_CELL_MAX: refused where it is used */

const char *sheet_col_name(int i, char out[8])
{
    char tmp[8];
    int n = 0;
    for (i++; i > 0 && n < 7; i = (i - 1) / 26)
        tmp[n++] = (char)('A' + (i - 1) % 26);
    for (int k = 0; k < n; k++)
        out[k] = tmp[n - 1 - k];
    out[n] = '\0';
    return out;
}

/* ---- building the result: rows grow by doubling in the arena ---- */

struct builder {
    arena *a;
    struct sheet *s;
    int cap;
    const char *cell[SHEET_COLS_MAX];
    int n;   /* cells of the row being built, up to its last value */
    int num; /* its number */
};

static void row_start(struct builder *b, int num)
{
    memset(b->cell, 0, sizeof b->cell);
    b->n = 0;
    b->num = num;
}

static int fail(struct sheet *s, const char **why, const char *code, int row, int col, int err)
{
    *why = code;
    s->err_row = row;
    s->err_col = col;
    return err;
}

/* A cell's text (n bytes, copied); empty text is no value. */
static int cell_set(struct builder *b, int col, const char *text, size_t n, const char **why)
{
    if (n == 0)
        return 0;
    if (col >= SHEET_COLS_MAX)
        return fail(b->s, why, "sheet_too_many_columns", b->num, col + 1, WG_ETOOBIG);
    if (n > SHEET_CELL_MAX)
        return fail(b->s, why, "sheet_cell_too_long", b->num, col + 1, WG_ETOOBIG);
    if (!utf8_valid(text, n) || memchr(text, '\0', n))
        return fail(b->s, why, "sheet_cell_invalid", b->num, col + 1, WG_EINVAL);
    b->cell[col] = arena_strndup(b->a, text, n);
    if (col + 1 > b->n)
        b->n = col + 1;
    return 0;
}

static int row_end(struct builder *b, const char **why)
{
    struct sheet *s = b->s;
    if (b->n == 0)
        return 0;
    if (s->nrows >= SHEET_ROWS_MAX)
        return fail(s, why, "sheet_too_many_rows", b->num, 0, WG_ETOOBIG);
    if (s->nrows == b->cap) {
        int cap = b->cap ? b->cap * 2 : 256;
        struct sheet_row *rows = arena_alloc(b->a, (size_t)cap * sizeof *rows);
        if (s->nrows)
            memcpy(rows, s->rows, (size_t)s->nrows * sizeof *rows);
        s->rows = rows;
        b->cap = cap;
    }
    struct sheet_row *r = &s->rows[s->nrows++];
    r->num = b->num;
    r->n = b->n;
    r->cell = arena_alloc(b->a, (size_t)b->n * sizeof *r->cell);
    memcpy(r->cell, b->cell, (size_t)b->n * sizeof *r->cell);
    if (b->n > s->ncols)
        s->ncols = b->n;
    b->n = 0;
    return 0;
}

/* ---- CSV ---- */

/* data as UTF-8: itself, or converted from GB18030 into the arena. */
static int csv_utf8(arena *a, const char *data, size_t n, const char **out, size_t *len, struct sheet *s,
                    const char **why)
{
    if (n >= 2 && ((data[0] == '\xff' && data[1] == '\xfe') || (data[0] == '\xfe' && data[1] == '\xff')))
        return fail(s, why, "sheet_encoding", 0, 0, WG_EINVAL); /* UTF-16: save as UTF-8 */
    if (n >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
        data += 3, n -= 3;
    s->encoding = "utf-8";
    if (utf8_valid(data, n)) {
        *out = data;
        *len = n;
        return 0;
    }
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return fail(s, why, "sheet_encoding", 0, 0, WG_EINVAL);
    size_t cap = n * 2 + 16, inleft = n, outleft = cap;
    char *dst = arena_alloc(a, cap), *in = (char *)data, *o = dst;
    size_t r = iconv(cd, &in, &inleft, &o, &outleft);
    iconv_close(cd);
    if (r == (size_t)-1 || inleft != 0 || !utf8_valid(dst, (size_t)(o - dst)))
        return fail(s, why, "sheet_encoding", 0, 0, WG_EINVAL);
    s->encoding = "gb18030";
    *out = dst;
    *len = (size_t)(o - dst);
    return 0;
}

static int read_csv(arena *a, const char *data, size_t n, struct sheet *s, const char **why)
{
    const char *p;
    size_t len;
    int rc = csv_utf8(a, data, n, &p, &len, s, why);
    if (rc)
        return rc;
    if (memchr(p, '\0', len))
        return fail(s, why, "sheet_format_unknown", 0, 0, WG_EINVAL);
    struct builder b = {.a = a, .s = s};
    char *field = arena_alloc(a, SHEET_CELL_MAX + 1);
    size_t i = 0;
    int num = 0;
    while (i < len) {
        int col = 0, at_end = 0;
        row_start(&b, ++num);
        while (!at_end) {
            size_t fl = 0;
            int too_long = 0;
            if (i < len && p[i] == '"') {
                i++;
                for (;;) {
                    if (i >= len)
                        return fail(s, why, "sheet_csv_quote", num, col + 1, WG_EINVAL);
                    if (p[i] == '"') {
                        if (i + 1 < len && p[i + 1] == '"')
                            i++;
                        else {
                            i++;
                            break;
                        }
                    }
                    if (fl < SHEET_CELL_MAX)
                        field[fl++] = p[i];
                    else
                        too_long = 1;
                    i++;
                }
            }
            /* the rest of the field up to a comma or the end of the line (text after a closing quote is kept) */
            while (i < len && p[i] != ',' && p[i] != '\n' && p[i] != '\r') {
                if (fl < SHEET_CELL_MAX)
                    field[fl++] = p[i];
                else
                    too_long = 1;
                i++;
            }
            if (too_long)
                return fail(s, why, "sheet_cell_too_long", num, col + 1, WG_ETOOBIG);
            if ((rc = cell_set(&b, col, field, fl, why)))
                return rc;
            if (i < len && p[i] == ',')
                i++, col++;
            else {
                if (i < len && p[i] == '\r')
                    i++;
                if (i < len && p[i] == '\n')
                    i++;
                at_end = 1;
            }
        }
        if ((rc = row_end(&b, why)))
            return rc;
    }
    return 0;
}

/* ---- XLSX ---- */

struct zipped {
    zip_t *z;
    size_t total; /* inflated so far, all entries */
    const char *why;
};

/* One entry being read by libxml2 through read_cb. */
struct entry {
    struct zipped *zp;
    zip_file_t *f;
    uint64_t comp, got;
    int bomb;
};

static int read_cb(void *ctx, char *buffer, int len)
{
    struct entry *e = ctx;
    zip_int64_t n = zip_fread(e->f, buffer, (zip_uint64_t)len);
    if (n < 0)
        return -1;
    e->got += (uint64_t)n;
    e->zp->total += (size_t)n;
    if (e->zp->total > SHEET_UNZIP_MAX || (e->got > MIB && e->got / SHEET_RATIO_MAX > e->comp)) {
        e->bomb = 1;
        return -1;
    }
    return (int)n;
}

static int close_cb(void *ctx)
{
    (void)ctx;
    return 0;
}

/* A streaming reader of a zip entry, or NULL when there is none (*missing) or it cannot be opened. */
static xmlTextReaderPtr entry_open(struct zipped *zp, const char *name, struct entry *e, int *missing)
{
    zip_stat_t st;
    memset(e, 0, sizeof *e);
    e->zp = zp;
    *missing = 0;
    if (zip_stat(zp->z, name, 0, &st) != 0) {
        *missing = 1;
        return NULL;
    }
    e->comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    if ((e->f = zip_fopen(zp->z, name, 0)) == NULL)
        return NULL;
    /* no DTD loading, no entity substitution, no network; errors stay quiet */
    xmlTextReaderPtr r = xmlReaderForIO(read_cb, close_cb, e, name, NULL,
                                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (r == NULL) {
        zip_fclose(e->f);
        e->f = NULL;
    }
    return r;
}

static void entry_close(xmlTextReaderPtr r, struct entry *e)
{
    if (r)
        xmlFreeTextReader(r);
    if (e->f)
        zip_fclose(e->f);
    e->f = NULL;
}

/* The next node: 1, 0 at the end, -1 on an error (a DTD is one). */
static int next(xmlTextReaderPtr r)
{
    int rc = xmlTextReaderRead(r);
    if (rc == 1 && (xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE ||
                    xmlTextReaderNodeType(r) == XML_READER_TYPE_ENTITY_REFERENCE))
        return -1;
    return rc;
}

static int is_elem(xmlTextReaderPtr r, const char *local)
{
    const xmlChar *n = xmlTextReaderConstLocalName(r);
    return xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && n && strcmp((const char *)n, local) == 0;
}

static int is_end(xmlTextReaderPtr r, const char *local)
{
    const xmlChar *n = xmlTextReaderConstLocalName(r);
    return xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT && n && strcmp((const char *)n, local) == 0;
}

static int xml_error(struct sheet *s, const struct entry *e, const char **why, int row, int col)
{
    if (e->bomb)
        return fail(s, why, "sheet_zip_bomb", 0, 0, WG_ETOOBIG);
    return fail(s, why, "sheet_xml_invalid", row, col, WG_EINVAL);
}

/* The path in the zip of the workbook's first sheet. */
static int first_sheet(arena *a, struct zipped *zp, struct sheet *s, const char **path, const char **why)
{
    struct entry e;
    int missing, rc;
    char *rid = NULL;
    xmlTextReaderPtr r = entry_open(zp, "xl/workbook.xml", &e, &missing);
    if (r == NULL)
        return fail(s, why, missing ? "sheet_no_worksheet" : "sheet_zip_invalid", 0, 0, WG_EINVAL);
    while ((rc = next(r)) == 1 && rid == NULL)
        if (is_elem(r, "sheet")) {
            xmlChar *v = xmlTextReaderGetAttributeNs(
                r, BAD_CAST "id", BAD_CAST "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
            if (v) {
                rid = arena_strdup(a, (const char *)v);
                xmlFree(v);
            }
        }
    if (rc < 0 && rid == NULL) {
        rc = xml_error(s, &e, why, 0, 0);
        entry_close(r, &e);
        return rc;
    }
    entry_close(r, &e);
    if (rid == NULL)
        return fail(s, why, "sheet_no_worksheet", 0, 0, WG_EINVAL);
    r = entry_open(zp, "xl/_rels/workbook.xml.rels", &e, &missing);
    if (r == NULL)
        return fail(s, why, missing ? "sheet_no_worksheet" : "sheet_zip_invalid", 0, 0, WG_EINVAL);
    const char *target = NULL;
    while ((rc = next(r)) == 1 && target == NULL)
        if (is_elem(r, "Relationship")) {
            xmlChar *id = xmlTextReaderGetAttribute(r, BAD_CAST "Id"), *t = xmlTextReaderGetAttribute(r, BAD_CAST "Target");
            if (id && t && strcmp((const char *)id, rid) == 0)
                target = t[0] == '/' ? arena_strdup(a, (const char *)t + 1) : arena_printf(a, "xl/%s", (const char *)t);
            xmlFree(id);
            xmlFree(t);
        }
    if (rc < 0 && target == NULL) {
        rc = xml_error(s, &e, why, 0, 0);
        entry_close(r, &e);
        return rc;
    }
    entry_close(r, &e);
    if (target == NULL)
        return fail(s, why, "sheet_no_worksheet", 0, 0, WG_EINVAL);
    *path = target;
    return 0;
}

/* Appends the text of the current node to t (bounded: past SHEET_CELL_MAX sets *over). */
static void text_add(xmlTextReaderPtr r, char *t, size_t *n, int *over)
{
    int type = xmlTextReaderNodeType(r);
    if (type != XML_READER_TYPE_TEXT && type != XML_READER_TYPE_SIGNIFICANT_WHITESPACE &&
        type != XML_READER_TYPE_CDATA)
        return;
    const char *v = (const char *)xmlTextReaderConstValue(r);
    size_t k = v ? strlen(v) : 0;
    if (*n + k > SHEET_CELL_MAX) {
        *over = 1;
        return;
    }
    memcpy(t + *n, v, k);
    *n += k;
}

struct strings {
    const char **s;
    int n, cap;
};

static int strings_add(arena *a, struct strings *ss, const char *t, size_t n, int over)
{
    if (ss->n >= SHEET_STRINGS_MAX)
        return -1;
    if (ss->n == ss->cap) {
        int cap = ss->cap ? ss->cap * 2 : 1024;
        const char **s = arena_alloc(a, (size_t)cap * sizeof *s);
        if (ss->n)
            memcpy(s, ss->s, (size_t)ss->n * sizeof *s);
        ss->s = s;
        ss->cap = cap;
    }
    ss->s[ss->n++] = over ? TOOLONG : arena_strndup(a, t, n);
    return 0;
}

/* xl/sharedStrings.xml: the text of each <si>, phonetic runs (<rPh>) left out. */
static int shared_strings(arena *a, struct zipped *zp, struct strings *ss, struct sheet *s, const char **why)
{
    struct entry e;
    int missing, rc, in_si = 0, in_rph = 0, in_t = 0, over = 0;
    size_t n = 0;
    char *t = arena_alloc(a, SHEET_CELL_MAX + 1);
    xmlTextReaderPtr r = entry_open(zp, "xl/sharedStrings.xml", &e, &missing);
    if (r == NULL)
        return missing ? 0 : fail(s, why, "sheet_zip_invalid", 0, 0, WG_EINVAL);
    while ((rc = next(r)) == 1) {
        int empty = xmlTextReaderIsEmptyElement(r);
        if (is_elem(r, "si")) {
            in_si = 1, n = 0, over = 0;
            if (empty && (rc = strings_add(a, ss, t, 0, 0)) < 0)
                break;
            if (empty)
                in_si = 0;
        } else if (in_si && is_end(r, "si")) {
            in_si = 0;
            if ((rc = strings_add(a, ss, t, n, over)) < 0)
                break;
        } else if (is_elem(r, "rPh"))
            in_rph = !empty;
        else if (is_end(r, "rPh"))
            in_rph = 0;
        else if (is_elem(r, "t"))
            in_t = !empty;
        else if (is_end(r, "t"))
            in_t = 0;
        else if (in_si && in_t && !in_rph)
            text_add(r, t, &n, &over);
    }
    if (rc < 0) {
        rc = ss->n >= SHEET_STRINGS_MAX ? fail(s, why, "sheet_too_many_rows", 0, 0, WG_ETOOBIG)
                                        : xml_error(s, &e, why, 0, 0);
    }
    entry_close(r, &e);
    return rc;
}

/* "C12" -> column 2 (0-based) and row 12; -1 when malformed. Letters may be
 * absent (then *col is -1). */
static int parse_ref(const char *ref, int *col, long *row)
{
    long c = 0, rw = 0;
    const char *p = ref;
    for (; *p >= 'A' && *p <= 'Z'; p++)
        if ((c = c * 26 + (*p - 'A' + 1)) > 16384)
            return -1;
    for (; *p >= '0' && *p <= '9'; p++)
        if ((rw = rw * 10 + (*p - '0')) > 1048576)
            return -1;
    if (*p || rw == 0)
        return -1;
    *col = (int)c - 1;
    *row = rw;
    return 0;
}

/* A number's text as people typed it: 13800138000, not 1.3800138E10 nor 13800138000.0. */
static const char *number_text(arena *a, const char *v, size_t n)
{
    char tmp[64], *end;
    if (n == 0 || n >= sizeof tmp)
        return NULL;
    memcpy(tmp, v, n);
    tmp[n] = '\0';
    errno = 0;
    double d = strtod(tmp, &end);
    if (*end || errno || !isfinite(d))
        return NULL;
    if (d == floor(d) && fabs(d) < 1e15)
        return arena_printf(a, "%.0f", d);
    return NULL;
}

struct cell_state {
    int col;
    char type[16];
    int in_v, in_is, in_t, in_rph, over;
    size_t n;
    char *t;
};

/* The value of a finished cell into the row. */
static int cell_done(struct builder *b, struct cell_state *c, const struct strings *ss, const char **why)
{
    if (c->over)
        return fail(b->s, why, "sheet_cell_too_long", b->num, c->col + 1, WG_ETOOBIG);
    if (strcmp(c->type, "s") == 0) {
        char *end;
        c->t[c->n] = '\0';
        long k = c->n ? strtol(c->t, &end, 10) : -1;
        if (c->n == 0 || *end || k < 0 || k >= ss->n)
            return fail(b->s, why, "sheet_xml_invalid", b->num, c->col + 1, WG_EINVAL);
        if (ss->s[k] == TOOLONG)
            return fail(b->s, why, "sheet_cell_too_long", b->num, c->col + 1, WG_ETOOBIG);
        return cell_set(b, c->col, ss->s[k], strlen(ss->s[k]), why);
    }
    if (strcmp(c->type, "b") == 0 && c->n == 1)
        return cell_set(b, c->col, c->t[0] == '1' ? "TRUE" : "FALSE", c->t[0] == '1' ? 4 : 5, why);
    if (c->type[0] == '\0' || strcmp(c->type, "n") == 0) {
        const char *num = number_text(b->a, c->t, c->n);
        if (num)
            return cell_set(b, c->col, num, strlen(num), why);
    }
    return cell_set(b, c->col, c->t, c->n, why);
}

/* A <c> element starts: its column and type. */
static int cell_open(xmlTextReaderPtr r, struct builder *b, struct cell_state *c, int prev_col, const char **why)
{
    xmlChar *ref = xmlTextReaderGetAttribute(r, BAD_CAST "r"), *t = xmlTextReaderGetAttribute(r, BAD_CAST "t");
    long rw = b->num;
    int col = prev_col + 1, bad = 0;
    if (ref && (parse_ref((const char *)ref, &col, &rw) || rw != b->num))
        bad = 1;
    if (ref && col < 0)
        col = prev_col + 1;
    if (col <= prev_col)
        bad = 1;
    snprintf(c->type, sizeof c->type, "%s", t ? (const char *)t : "");
    xmlFree(ref);
    xmlFree(t);
    c->col = col;
    c->n = 0;
    c->over = c->in_v = c->in_is = c->in_t = c->in_rph = 0;
    return bad ? fail(b->s, why, "sheet_xml_invalid", b->num, prev_col + 2, WG_EINVAL) : 0;
}

/* A <row> element starts: its number. */
static int row_open(xmlTextReaderPtr r, struct builder *b, const char **why)
{
    xmlChar *v = xmlTextReaderGetAttribute(r, BAD_CAST "r");
    long num = b->num + 1;
    if (v) {
        char *end;
        num = strtol((const char *)v, &end, 10);
        if (*end || end == (char *)v)
            num = -1;
        xmlFree(v);
    }
    if (num <= b->num || num > 1048576)
        return fail(b->s, why, "sheet_xml_invalid", b->num + 1, 0, WG_EINVAL);
    row_start(b, (int)num);
    return 0;
}

static int worksheet(arena *a, struct zipped *zp, const char *path, const struct strings *ss, struct sheet *s,
                     const char **why)
{
    struct entry e;
    struct builder b = {.a = a, .s = s};
    struct cell_state c = {.t = arena_alloc(a, SHEET_CELL_MAX + 1)};
    int missing, rc = 0, st = 0, in_data = 0, in_row = 0, in_c = 0, prev_col = -1, done = 0;
    xmlTextReaderPtr r = entry_open(zp, path, &e, &missing);
    if (r == NULL)
        return fail(s, why, missing ? "sheet_no_worksheet" : "sheet_zip_invalid", 0, 0, WG_EINVAL);
    while (!done && rc == 0 && (st = next(r)) == 1) {
        int empty = xmlTextReaderIsEmptyElement(r);
        if (is_elem(r, "sheetData"))
            in_data = !empty, done = empty;
        else if (is_end(r, "sheetData"))
            in_data = 0, done = 1;
        else if (!in_data)
            continue;
        else if (is_elem(r, "row")) {
            if ((rc = row_open(r, &b, why)))
                continue;
            in_row = 1, prev_col = -1;
            if (empty)
                in_row = 0;
        } else if (in_row && is_end(r, "row")) {
            in_row = 0;
            rc = row_end(&b, why);
        } else if (in_row && is_elem(r, "c")) {
            if ((rc = cell_open(r, &b, &c, prev_col, why)))
                continue;
            prev_col = c.col;
            in_c = !empty;
        } else if (in_c && is_end(r, "c")) {
            in_c = 0;
            rc = cell_done(&b, &c, ss, why);
        } else if (in_c) {
            if (is_elem(r, "v"))
                c.in_v = !empty;
            else if (is_end(r, "v"))
                c.in_v = 0;
            else if (is_elem(r, "is"))
                c.in_is = !empty;
            else if (is_end(r, "is"))
                c.in_is = 0;
            else if (is_elem(r, "t"))
                c.in_t = !empty;
            else if (is_end(r, "t"))
                c.in_t = 0;
            else if (is_elem(r, "rPh"))
                c.in_rph = !empty;
            else if (is_end(r, "rPh"))
                c.in_rph = 0;
            else if ((c.in_v && !c.in_is) || (c.in_is && c.in_t && !c.in_rph))
                text_add(r, c.t, &c.n, &c.over);
        }
    }
    if (rc == 0 && st < 0)
        rc = xml_error(s, &e, why, b.num, 0);
    else if (rc == 0 && !done)
        rc = fail(s, why, "sheet_xml_invalid", b.num, 0, WG_EINVAL); /* no or unfinished sheetData */
    entry_close(r, &e);
    return rc;
}

static int read_xlsx(arena *a, const void *data, size_t n, struct sheet *s, const char **why)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, n, 0, &ze);
    struct zipped zp = {0};
    int rc;
    if (src == NULL || (zp.z = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        return fail(s, why, "sheet_zip_invalid", 0, 0, WG_EINVAL);
    }
    zip_error_fini(&ze);
    const char *path = NULL;
    struct strings ss = {0};
    if (zip_get_num_entries(zp.z, 0) > SHEET_ENTRIES_MAX)
        rc = fail(s, why, "sheet_zip_invalid", 0, 0, WG_ETOOBIG);
    else if ((rc = first_sheet(a, &zp, s, &path, why)) == 0 && (rc = shared_strings(a, &zp, &ss, s, why)) == 0)
        rc = worksheet(a, &zp, path, &ss, s, why);
    zip_discard(zp.z); /* frees the source too */
    return rc;
}

static pthread_once_t g_xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
    xmlInitParser(); /* once, before any thread parses (libxml2 2.9) */
}

int sheet_read(arena *a, const void *data, size_t n, struct sheet *out, const char **why)
{
    const unsigned char *d = data;
    pthread_once(&g_xml_once, xml_init);
    memset(out, 0, sizeof *out);
    *why = NULL;
    if (n == 0)
        return fail(out, why, "sheet_empty", 0, 0, WG_EINVAL);
    if (n > SHEET_FILE_MAX)
        return fail(out, why, "sheet_too_big", 0, 0, WG_ETOOBIG);
    int rc;
    if (n >= 4 && memcmp(d, "PK\x03\x04", 4) == 0) {
        out->format = "xlsx";
        rc = read_xlsx(a, data, n, out, why);
    } else if (n >= 4 && memcmp(d, "\xd0\xcf\x11\xe0", 4) == 0)
        return fail(out, why, "sheet_xls_unsupported", 0, 0, WG_EINVAL);
    else if (n >= 2 && d[0] == 'P' && d[1] == 'K')
        return fail(out, why, "sheet_zip_invalid", 0, 0, WG_EINVAL);
    else {
        out->format = "csv";
        rc = read_csv(a, data, n, out, why);
    }
    if (rc == 0 && out->nrows == 0)
        return fail(out, why, "sheet_empty", 0, 0, WG_EINVAL);
    return rc;
}
