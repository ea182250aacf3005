/* What the upward reports' handlers share (private to mod/upward/). */
#ifndef WG_MOD_UPWARD_INT_H
#define WG_MOD_UPWARD_INT_H

#include "edge/edge.h"
#include "edge/sheet.h"
#include "mod/upward/upward.h"

/* ?period=, or the last whole period of the template's kind before today
 * ("2026-Q3" in November 2026; the template unread: this month's). */
const char *upward_period_or_default(http_req *r, int64_t template_id);
/* The side-by-side table as a sheet: a row per community, a column per item. */
int upward_export_compare(http_req *r, enum sheet_format f, int64_t template_id, const char *period);

#endif
