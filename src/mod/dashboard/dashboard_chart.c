/*
 * The geometry of a panel's chart, in SVG user units, for the page's
 * templates to draw (the server draws every chart; no script). Each shape
 * carries its figure as text and its link, so a chart reads without
 * colour and in print.
 *   heat     a grid of cells, one per place, coloured by share (5 classes)
 *   bars     one horizontal bar per group, its label and value above it
 *   line     a share per month, 0–100 %
 *   columns  a count per month
 */
#include <string.h>

#include "mod/dashboard/dashboard_int.h"

#define CHART_W 320
#define HEAT_COLS 4
#define HEAT_CELL_W 78
#define HEAT_CELL_H 56
#define HEAT_GAP 2
#define BAR_ROW 44
#define PLOT_X0 34
#define PLOT_X1 312
#define PLOT_Y0 14
#define PLOT_Y1 150
#define PLOT_H 176

static double value_of(json_t *g)
{
    json_t *v = json_object_get(g, "value");
    return json_is_number(v) ? json_number_value(v) : 0.0;
}

static const char *heat_class(json_t *g)
{
    static const char *const cls[] = {"heat-0", "heat-1", "heat-2", "heat-3", "heat-4"};
    json_t *v = json_object_get(g, "value");
    if (!json_is_number(v))
        return "heat-none";
    int k = (int)(json_number_value(v) / 20.0);
    return cls[k < 0 ? 0 : k > 4 ? 4 : k];
}

/* Cells in rows of HEAT_COLS; a street's buildings under a heading per community. */
static json_t *heat(json_t *groups)
{
    json_t *cells = json_array(), *heads = json_array(), *g;
    size_t i;
    int col = 0, y = -(HEAT_CELL_H + HEAT_GAP);
    const char *section = NULL;
    json_array_foreach(groups, i, g) {
        const char *sec = json_string_value(json_object_get(g, "section"));
        if (i == 0 || col == HEAT_COLS || (sec && (!section || strcmp(sec, section)))) {
            col = 0;
            y += HEAT_CELL_H + HEAT_GAP;
        }
        if (sec && (!section || strcmp(sec, section))) {
            json_array_append_new(heads, json_pack("{s:i, s:s}", "y", y + 16, "name", sec));
            y += 22;
        }
        section = sec;
        int x = col++ * (HEAT_CELL_W + HEAT_GAP);
        const char *cls = heat_class(g);
        json_array_append_new(cells, json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:s, s:b, s:O, s:O, s:O}", "x", x, "y", y,
                                               "w", HEAT_CELL_W, "h", HEAT_CELL_H, "tx", x + HEAT_CELL_W / 2, "ty1",
                                               y + 22, "ty2", y + 44, "cls", cls,
                                               "dark", strcmp(cls, "heat-3") == 0 || strcmp(cls, "heat-4") == 0,
                                               "name", json_object_get(g, "name"), "text", json_object_get(g, "text"),
                                               "link", json_object_get(g, "link")));
    }
    int h = y + HEAT_CELL_H + HEAT_GAP;
    return json_pack("{s:o, s:o, s:i, s:i}", "cells", cells, "heads", heads, "width", HEAT_COLS * (HEAT_CELL_W + HEAT_GAP), "height", h);
}

static json_t *bars(json_t *groups, int share)
{
    double max = share ? 100.0 : 0.0;
    json_t *rows = json_array(), *g;
    size_t i;
    json_array_foreach(groups, i, g) if (value_of(g) > max) max = value_of(g);
    json_array_foreach(groups, i, g) {
        int y = (int)i * BAR_ROW, w = max > 0 ? (int)(value_of(g) * (CHART_W - 2) / max + 0.5) : 0;
        json_array_append_new(rows, json_pack("{s:i, s:i, s:i, s:i, s:O, s:O, s:O}", "ty", y + 16, "bary", y + 22, "w",
                                              w > 0 ? w : 1, "h", 14, "name", json_object_get(g, "name"), "text",
                                              json_object_get(g, "text"), "link", json_object_get(g, "link")));
    }
    size_t n = json_array_size(groups);
    return json_pack("{s:o, s:i, s:i}", "rows", rows, "width", CHART_W, "height", (int)(n ? n : 1) * BAR_ROW);
}

/* The months along the x axis: their centre, and a short label ("07") on every other month past six. */
static json_t *month_axis(json_t *groups, double *step)
{
    size_t n = json_array_size(groups), i;
    json_t *ticks = json_array(), *g;
    *step = n ? (double)(PLOT_X1 - PLOT_X0) / (double)n : 0;
    json_array_foreach(groups, i, g) {
        const char *key = json_string_value(json_object_get(g, "key"));
        int x = PLOT_X0 + (int)(*step * ((double)i + 0.5));
        if (n <= 6 || i % 2 == 0)
            json_array_append_new(ticks, json_pack("{s:i, s:s}", "x", x, "label", key && strlen(key) == 7 ? key + 5 : ""));
    }
    return ticks;
}

static json_t *plot(json_t *groups, int share)
{
    double step, max = share ? 100.0 : 0.0;
    json_t *ticks = month_axis(groups, &step), *marks = json_array(), *g;
    size_t i;
    json_array_foreach(groups, i, g) if (value_of(g) > max) max = value_of(g);
    if (max <= 0)
        max = 1;
    char pts[2048] = "";
    size_t len = 0;
    json_array_foreach(groups, i, g) {
        int x = PLOT_X0 + (int)(step * ((double)i + 0.5));
        int y = PLOT_Y1 - (int)(value_of(g) * (PLOT_Y1 - PLOT_Y0) / max + 0.5);
        int has = json_is_number(json_object_get(g, "value"));
        int bw = (int)(step * 0.7);
        if (has && share && len + 24 < sizeof pts)
            len += (size_t)snprintf(pts + len, sizeof pts - len, "%s%d,%d", len ? " " : "", x, y);
        json_array_append_new(marks, json_pack("{s:i, s:i, s:i, s:i, s:i, s:b, s:O, s:O, s:O}", "x", x, "y", y, "bx",
                                               x - bw / 2, "bw", bw > 1 ? bw : 1, "bh", PLOT_Y1 - y, "has", has, "name",
                                               json_object_get(g, "name"), "text", json_object_get(g, "text"), "link",
                                               json_object_get(g, "link")));
    }
    json_t *o = json_pack("{s:o, s:o, s:s, s:i, s:i, s:i, s:i, s:i, s:i}", "marks", marks, "ticks", ticks, "points", pts,
                          "width", CHART_W, "height", PLOT_H, "x0", PLOT_X0, "x1", PLOT_X1, "y0", PLOT_Y0, "y1", PLOT_Y1);
    json_object_set_new(o, "ymax", json_integer((json_int_t)(max + 0.5)));
    json_object_set_new(o, "ymid", json_integer((json_int_t)(max / 2 + 0.5)));
    json_object_set_new(o, "ymid_y", json_integer((PLOT_Y0 + PLOT_Y1) / 2));
    json_object_set_new(o, "label_y", json_integer(PLOT_Y1 + 18));
    return o;
}

void dashboard_chart(dctx *c, json_t *fig, const char *type)
{
    (void)c;
    json_t *groups = json_object_get(fig, "groups");
    int share = strcmp(json_string_value(json_object_get(fig, "kind")), "share") == 0;
    json_t *ch = strcmp(type, "heat") == 0 ? heat(groups) : strcmp(type, "bars") == 0 ? bars(groups, share) : plot(groups, share);
    json_object_set_new(ch, type, json_true());
    json_object_set_new(fig, "chart", ch);
}
