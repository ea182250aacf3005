/* What the dashboard module's files share (private to mod/dashboard/). */
#ifndef WG_MOD_DASHBOARD_INT_H
#define WG_MOD_DASHBOARD_INT_H

#include "mod/dashboard/dashboard.h"

struct dashboard_row; /* dashboard_store.h */

/* This module's own figures (dashboard_figures.c), listed first by the registry. */
extern const struct dashboard_figures dashboard_builtin;

const char *dashboard_by_name(enum dashboard_by by);
/* Sets the parts known only at run time (the spine's stages); from the module's init. */
void dashboard_figures_init(void);
/* {place: {id, name, kind}, period: {name, from, to, months, starts_at, ends_at}} */
json_t *dashboard_query_json(dctx *c, const struct dashboard_query *q);

/* What the figures of one board read once and share (dashboard_figures.c):
 * the rows of each store source, the report module's rates per breakdown. */
#define DASHBOARD_MEMO_MAX 8
struct dashboard_memo {
    struct {
        int src;
        struct dashboard_row *rows;
        int n;
    } sources[DASHBOARD_MEMO_MAX];
    int nsources;
    struct {
        const char *by;
        json_t *rates; /* owned: released by dashboard_memo_free */
    } rates[DASHBOARD_MEMO_MAX];
    int nrates;
};
void dashboard_memo_free(struct dashboard_memo *m);

/* The figures of a page: the community's or the street's, each with the
 * breakdown the page draws; the API serves the same list. */
struct dashboard_panel {
    const char *figure;
    enum dashboard_by by;
    const char *chart; /* heat bars line columns */
};
/* The panels of a dashboard of this place's kind, ended by a NULL figure. */
const struct dashboard_panel *dashboard_panels(const struct st_place *p);
/* The whole dashboard as JSON: the query and each panel's result (the API's answer, the page's data). */
json_t *dashboard_board(dctx *c, int64_t place_id, const char *period, int *rc);

/* The chart of a panel as the page draws it (dashboard_chart.c): adds
 * "chart" to the figure's JSON: {type: heat|bars|line|columns, width,
 * height, ...geometry} in SVG user units. */
void dashboard_chart(dctx *c, json_t *fig, const char *type);

#endif
