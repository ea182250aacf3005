/*
 * Exports (edge/export.h): the staff check, the walk of a list's pages
 * through its own rule into a sheet, the row limit, the file's name, and the
 * streamed answer.
 */
#include <assert.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/jalloc.h"
#include "core/time.h"
#include "edge/export.h"
#include "kernel/actor.h"
#include "kernel/audit.h"

int export_format(http_req *r)
{
    const char *f = edge_query(r, "format");
    if (f == NULL || *f == '\0')
        return 0;
    if (strcmp(f, "xlsx") == 0)
        return SHEET_XLSX;
    if (strcmp(f, "csv") == 0)
        return SHEET_CSV;
    edge_error(r, 400, "bad_query", NULL);
    return -1;
}

const char *export_tr(http_req *r, const char *prefix, const char *value)
{
    char key[128];
    if (value == NULL || (size_t)snprintf(key, sizeof key, "%s%s", prefix, value) >= sizeof key)
        return value;
    const char *s = edge_t(r, key);
    return s == key ? value : s;
}

static const char *link_to(http_req *r, const char *path, const char *const *pairs, enum sheet_format f)
{
    buf b;
    buf_init(&b, 2048);
    buf_adds(&b, path);
    buf_addf(&b, "%cformat=%s", strchr(path, '?') ? '&' : '?', sheet_extension(f));
    for (; pairs && pairs[0] && pairs[1]; pairs += 2) {
        const char *v = edge_query(r, pairs[1]);
        if (v == NULL || *v == '\0')
            continue;
        buf_addf(&b, "&%s=", pairs[0]);
        buf_add_url(&b, v);
    }
    const char *s = buf_failed(&b) ? path : arena_strndup(r->a, b.data, b.len);
    buf_free(&b);
    return s;
}

void export_links(http_req *r, json_t *c, const char *path, const char *const *pairs)
{
    struct edge_req *ar = edge_req(r);
    if (ar->actor == NULL || !ar->actor->is_staff)
        return;
    json_object_set_new(c, "export", json_pack("{s:s, s:s}", "xlsx", link_to(r, path, pairs, SHEET_XLSX), "csv",
                                               link_to(r, path, pairs, SHEET_CSV)));
}

void export_iso_time(sheet *sh, const char *iso)
{
    int64_t t = 0;
    if (iso == NULL || time_parse_w3c(iso, &t) != 0)
        t = 0;
    sheet_time(sh, t);
}

/* RFC 5987 percent-encoding of a UTF-8 value (attr-char kept as is). */
static void ext_value(buf *b, const char *s)
{
    static const char keep[] = "!#$&+-.^_`|~";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr(keep, *p))
            buf_addc(b, (char)*p);
        else
            buf_addf(b, "%%%02X", *p);
    }
}

/* attachment; filename="reports-2026-12-02.xlsx"; filename*=UTF-8''%E6%8A%A5...-2026-12-02.xlsx */
static const char *disposition(http_req *r, const struct export_list *l, enum sheet_format f, int64_t now)
{
    char day[32];
    if (time_format_local(now, day, sizeof day) != 0)
        snprintf(day, sizeof day, "export");
    day[10] = '\0'; /* the date of "YYYY-MM-DD HH:MM" */
    buf b;
    buf_init(&b, 4096);
    buf_addf(&b, "attachment; filename=\"%s-%s.%s\"; filename*=UTF-8''", l->name, day, sheet_extension(f));
    ext_value(&b, edge_t(r, l->title));
    buf_addf(&b, "-%s.%s", day, sheet_extension(f));
    const char *out = buf_failed(&b) ? arena_printf(r->a, "attachment; filename=\"%s.%s\"", l->name,
                                                    sheet_extension(f))
                                     : arena_strndup(r->a, b.data, b.len);
    buf_free(&b);
    return out;
}

/* Walks the pages into sh: 0, the rule's failure (its code copied to the
 * request's context), or WG_ETOOBIG past the row limit. */
static atomic_int exports_running; /* long exports being written now, over every loop thread */

/* A slot for a long export (0), or none free (-1). */
static int slot_take(void)
{
    int max = edge_options()->exports_max >= 0 ? edge_options()->exports_max : EXPORTS_AT_ONCE;
    if (atomic_fetch_add(&exports_running, 1) < max)
        return 0;
    atomic_fetch_sub(&exports_running, 1);
    return -1;
}

/* Walks the list's pages into sh. The first page runs freely (it also
 * makes the rule's permission check); a list of more pages takes a slot
 * first, and *slot says so (the caller gives it back). *busy when none
 * was free. */
static int walk(http_req *r, const struct export_list *l, sheet *sh, void *ud, int *slot, int *busy)
{
    struct edge_req *ar = edge_req(r);
    long max = edge_options()->export_rows_max > 0 ? edge_options()->export_rows_max : EXPORT_ROWS_MAX;
    arena *scratch = arena_new(64 * 1024);
    int rc = 0, more = 1;
    while (more && rc == 0) {
        if (sheet_rows(sh) > 0 && !*slot) {
            if (slot_take() != 0) {
                *busy = 1;
                rc = dctx_fail(&ar->dc, WG_ERATE, "export_busy", NULL);
                break;
            }
            *slot = 1;
        }
        dctx pc = ar->dc;
        pc.a = scratch;
        long before = sheet_rows(sh);
        more = 0;
        jalloc_use(scratch); /* a rule's JSON goes with the page too */
        rc = l->page(r, &pc, sh, ud, &more);
        jalloc_use(r->a);
        if (rc) {
            ar->dc.code = pc.code;
            ar->dc.field = pc.field;
        }
        else if (sheet_rows(sh) > max)
            rc = dctx_fail(&ar->dc, WG_ETOOBIG, "export_too_large", NULL);
        else if (more && sheet_rows(sh) == before)
            more = 0; /* a page that adds nothing ends the walk */
        arena_reset(scratch);
    }
    arena_free(scratch);
    return rc;
}

/* Writes the whole list into a sheet file (*fd, *len, *rows); 0, or
 * answered (an error status) and -1. */
static int write_sheet(http_req *r, enum sheet_format f, const struct export_list *l, void *ud, int *fd, size_t *len,
                       long *rows, int *slot)
{
    const char *headers[64];
    assert(l->ncols > 0 && l->ncols <= 64);
    for (int i = 0; i < l->ncols; i++)
        headers[i] = edge_t(r, l->cols[i].key);
    sheet *sh = NULL;
    if (sheet_open(f, edge_t(r, l->title), l->cols, headers, l->ncols, NULL, &sh) != 0)
        return edge_error(r, 500, "export_failed", NULL), -1;
    int busy = 0, rc = walk(r, l, sh, ud, slot, &busy);
    if (rc) {
        sheet_abort(sh);
        if (busy) {
            http_add_header(r, "retry-after", arena_printf(r->a, "%d", EXPORT_RETRY_SECONDS));
            return edge_error(r, 503, "export_busy", NULL), -1;
        }
        return edge_fail(r, rc), -1;
    }
    *rows = sheet_rows(sh);
    if (sheet_finish(sh, fd, len) != 0) /* frees sh */
        return edge_error(r, 500, "export_failed", NULL), -1;
    return 0;
}

int export_send(http_req *r, enum sheet_format f, const struct export_list *l, void *ud)
{
    struct edge_req *ar = edge_req(r);
    if (ar->actor == NULL || !ar->actor->is_staff) {
        audit_log(&ar->dc, "denied", r->path, "export", actor_community(ar->actor));
        edge_error(r, 403, "forbidden", NULL);
        return 0;
    }
    int fd = -1, slot = 0;
    size_t len = 0;
    long rows = 0;
    int rc = write_sheet(r, f, l, ud, &fd, &len, &rows, &slot);
    if (slot)
        atomic_fetch_sub(&exports_running, 1); /* the file is then sent in chunks, without holding the loop */
    if (rc)
        return 0;
    /* who took which list out, and how much of it (after the walk: a write
     * ends the request's read snapshot) */
    audit_log(&ar->dc, "export", r->path,
              arena_printf(r->a, "%s %ld rows; %.300s", sheet_extension(f), rows, r->query ? r->query : ""),
              actor_community(ar->actor));
    http_add_header(r, "content-disposition", disposition(r, l, f, ar->dc.now));
    http_add_header(r, "cache-control", "no-store");
    http_add_header(r, "x-export-rows", arena_printf(r->a, "%ld", rows));
    return http_send_file(r, 200, sheet_content_type(f), fd, len);
}

/* The value at a dotted path of o, or NULL. */
static json_t *field_at(json_t *o, const char *path)
{
    char seg[64];
    while (o != NULL && path != NULL) {
        const char *dot = strchr(path, '.');
        size_t len = dot ? (size_t)(dot - path) : strlen(path);
        if (len >= sizeof seg)
            return NULL;
        memcpy(seg, path, len);
        seg[len] = '\0';
        o = json_object_get(o, seg);
        path = dot ? dot + 1 : NULL;
    }
    return o;
}

static void json_cell(http_req *r, sheet *sh, enum sheet_type type, const struct export_field *f, json_t *v)
{
    const char *s = json_string_value(v);
    if (type == SHEET_INT && json_is_integer(v))
        sheet_int(sh, json_integer_value(v));
    else if (type == SHEET_TEXT && s)
        sheet_text(sh, f->prefix ? export_tr(r, f->prefix, s) : s);
    else if (type == SHEET_TEXT && json_is_true(v))
        sheet_text(sh, edge_t(r, "export_yes"));
    else if (type == SHEET_PERCENT && json_is_integer(v))
        sheet_num(sh, (double)json_integer_value(v) / 100);
    else if ((type == SHEET_DECIMAL || type == SHEET_PERCENT) && (json_is_number(v) || s))
        sheet_num(sh, s ? strtod(s, NULL) : json_number_value(v));
    else if (type == SHEET_TIME && s)
        export_iso_time(sh, s);
    else if (type == SHEET_TIME && json_is_integer(v))
        sheet_time(sh, json_integer_value(v));
    else
        sheet_blank(sh);
}

void export_json_row(http_req *r, sheet *sh, const struct sheet_col *cols, const struct export_field *fields, int n,
                     json_t *o)
{
    for (int i = 0; i < n; i++)
        json_cell(r, sh, cols[i].type, &fields[i], field_at(o, fields[i].key));
    sheet_row_end(sh);
}
