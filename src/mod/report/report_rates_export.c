/*
 * The three rates as a sheet (docs/api.md "Exports"): GET
 * /api/v1/reports/rates?format=xlsx|csv. A row for the total, then a row
 * per group of the breakdown asked (?by=), each rate with its parts
 * (numerator, denominator, the percent): the figures of report_rates, the
 * rule the JSON and the page call, so they are the JSON's.
 */
#include <stdlib.h>
#include <string.h>

#include "edge/api.h"
#include "edge/export.h"
#include "mod/report/report_int.h"

struct rates_query {
    int64_t place;
    const char *from, *to, *by;
};

static const struct sheet_col rates_cols[] = {
    {"rates_col_group", SHEET_TEXT, 18},      {"rates_col_received", SHEET_INT, 8},
    {"rates_col_answered", SHEET_INT, 10},    {"rates_response", SHEET_PERCENT, 10},
    {"rates_col_fixed", SHEET_INT, 8},        {"rates_col_resolution_base", SHEET_INT, 10},
    {"rates_resolution", SHEET_PERCENT, 10},  {"rates_col_satisfied", SHEET_INT, 10},
    {"rates_col_rated", SHEET_INT, 10},       {"rates_satisfaction", SHEET_PERCENT, 10},
};

/* A rate's parts: numerator, (denominator,) the percent as a fraction (blank without one). */
static void rate_cells(sheet *sh, json_t *rate, int with_den)
{
    const char *pct = json_string_value(json_object_get(rate, "percent"));
    sheet_int(sh, json_integer_value(json_object_get(rate, "numerator")));
    if (with_den)
        sheet_int(sh, json_integer_value(json_object_get(rate, "denominator")));
    if (pct)
        sheet_num(sh, strtod(pct, NULL) / 100);
    else
        sheet_blank(sh);
}

static void rates_row(sheet *sh, const char *label, json_t *g)
{
    sheet_text(sh, label);
    sheet_int(sh, json_integer_value(json_object_get(g, "received")));
    rate_cells(sh, json_object_get(g, "response"), 0); /* its denominator is the reports received */
    rate_cells(sh, json_object_get(g, "resolution"), 1);
    rate_cells(sh, json_object_get(g, "satisfaction"), 1);
    sheet_row_end(sh);
}

static int rates_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    const struct rates_query *q = ud;
    int rc = 0;
    json_t *o = report_rates(c, q->place, q->from, q->to, q->by, &rc), *g;
    size_t i;
    (void)more;
    if (o == NULL)
        return rc;
    rates_row(sh, edge_t(r, "rates_col_total"), json_object_get(o, "total"));
    json_array_foreach(json_object_get(o, "groups"), i, g) {
        const char *key = json_string_value(json_object_get(g, "key")), *name = json_string_value(json_object_get(g, "name"));
        rates_row(sh, strcmp(q->by, "category") == 0 ? export_tr(r, "report_cat_", key)
                      : *name                       ? name
                                                    : edge_t(r, "rates_nobody"),
                  g);
    }
    return 0;
}

static const struct export_list rates_export_list = EXPORT_LIST("rates", "rates_title", rates_cols, rates_page);

int report_rates_export(http_req *r, int format, int64_t place)
{
    struct rates_query q = {place, edge_query(r, "from"), edge_query(r, "to"), edge_query(r, "by")};
    q.by = q.by ? q.by : "";
    return export_send(r, (enum sheet_format)format, &rates_export_list, &q);
}
