/*
 * Exports of staff lists as XLSX or CSV (docs/api.md "Exports"). A list
 * opts in by describing its columns once (struct export_list) and a page
 * function that calls the list's own rule, the one the list's JSON and page
 * call, so an export is scoped by the same permission checks; its handler
 * answers `?format=xlsx` or `?format=csv` with export_send. The export
 * walks the whole list (the list's filters kept, its paging ignored), page
 * after page, into a sheet on disk (edge/sheet.h), then streams the file
 * (http_send_file): neither the rows nor the file are held in memory.
 *
 *     static const struct sheet_col cols[] = {{"report_col_id", SHEET_INT, 8}, ...};
 *     static int page(http_req *r, dctx *c, sheet *sh, void *ud, int *more) { ... }
 *     static const struct export_list xl = {"reports", "reports_export_title", cols, 9, page};
 *     ...in the list's handler:
 *     int f = export_format(r);
 *     if (f < 0) return 0;
 *     if (f) return export_send(r, f, &xl, &state);
 */
#ifndef WG_EDGE_EXPORT_H
#define WG_EDGE_EXPORT_H

#include "edge/edge.h"
#include "edge/sheet.h"

/* Rows of one export at most (the default of --export-max-rows): past it
 * the export answers 413 export_too_large and nothing is sent. */
#define EXPORT_ROWS_MAX 200000
/* Long exports (more than one page of their list) written at once (the
 * default of --exports-at-once): an export holds its event loop thread
 * while it writes (about 4 s for 100,000 XLSX rows), so one at a time
 * keeps the other loops answering; another long one meanwhile answers 503
 * export_busy with Retry-After once its first page is written (the rule's
 * permission check has run). --exports-at-once 0 turns long exports off. */
#define EXPORTS_AT_ONCE 1
#define EXPORT_RETRY_SECONDS 10

struct export_list {
    const char *name;  /* ASCII stem of the file name ("reports") */
    const char *title; /* i18n key of the translated stem, also the worksheet's name */
    const struct sheet_col *cols;
    int ncols;
    /* Writes the next page of the list into sh through the list's own rule,
     * called with c, a copy of the request's context whose arena is emptied
     * after each page (the page allocates in c->a only, never in r->a;
     * JSON a rule makes meanwhile goes with the page as well);
     * ud is the handler's state (its filters and where the next page
     * starts). 0 with *more set when another page follows, or a WG_E* code
     * with c->code set. */
    int (*page)(http_req *r, dctx *c, sheet *sh, void *ud, int *more);
};

/* A list's description from its column array (counted here). */
#define EXPORT_LIST(name, title, cols, page) {(name), (title), (cols), (int)(sizeof(cols) / sizeof((cols)[0])), (page)}

/* The format a list's query asks for: 0 (none: the list as usual),
 * SHEET_CSV or SHEET_XLSX; -1 for another ?format=, answered 400 bad_query. */
int export_format(http_req *r);
/* Answers the whole list l as a file of format f, named after l's title
 * and today's local date (Content-Disposition with an RFC 5987 filename*).
 * Every export is a row of the audit log (action "export": the path, the
 * format, the rows and the query). Staff only (403 forbidden, audited, as HTTP_STAFF); a failure of the
 * list's rule is answered as the list answers it (404, 422...); more rows
 * than --export-max-rows is 413 export_too_large; more long exports at once
 * than --exports-at-once is 503 export_busy (Retry-After). A GET: no state changes. */
int export_send(http_req *r, enum sheet_format f, const struct export_list *l, void *ud);
/* For a staff member's page of a list: sets c.export to {xlsx, csv}, the
 * links to path (the list's API route) with ?format= and the page's
 * filters: pairs lists, NULL-terminated, an API query key then the page's
 * query key it takes its value from ({"place_id", "place", NULL}). The
 * partial {{>export_links}} shows them, after c.export.export_what when a
 * page sets it (what is exported, where the page holds more than one
 * list). Nothing for others. */
void export_links(http_req *r, json_t *c, const char *path, const char *const *pairs);
/* A time cell from the ISO 8601 text a rule's JSON holds (time_json_pair:
 * "2026-12-02T02:00:00Z"); blank for NULL or text that is not one. */
void export_iso_time(sheet *sh, const char *iso);
/* The reader's word for a code: the string of key prefix+value (the
 * value itself when there is none), without allocating (a page's rows
 * call it for every cell). */
const char *export_tr(http_req *r, const char *prefix, const char *value);

/* Where a list's rule answers JSON: a column's value is the field at key
 * (a dotted path, "assessors.score") of a row's object; prefix, when set,
 * translates a text code through export_tr. */
struct export_field {
    const char *key, *prefix;
};
/* Writes o's fields as a row, one per column of cols (n of each), by the
 * column's type: SHEET_INT an integer; SHEET_TEXT a string (true is
 * export_yes); SHEET_DECIMAL a number or a figure as text ("12.50");
 * SHEET_PERCENT the same as a fraction, an integer being a whole percent
 * (85 is 85 %); SHEET_TIME the ISO 8601 text of time_json_pair or Unix
 * seconds. A field that is missing, null, false or of another JSON type is
 * a blank cell. */
void export_json_row(http_req *r, sheet *sh, const struct sheet_col *cols, const struct export_field *fields, int n,
                     json_t *o);
/* The same with the columns counted, for arrays cols and fields of one
 * length (EXPORT_FIELDS checks it where they are defined). */
#define EXPORT_JSON_ROW(r, sh, cols, fields, o) \
    export_json_row((r), (sh), (cols), (fields), (int)(sizeof(cols) / sizeof((cols)[0])), (o))
#define EXPORT_FIELDS(cols, fields) \
    _Static_assert(sizeof(cols) / sizeof((cols)[0]) == sizeof(fields) / sizeof((fields)[0]), "a field per column")

#endif
