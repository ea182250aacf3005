/*
 * The roster's plan (private to mod/roster/): the rows of a sheet read
 * under its header, checked, and matched against one community's places and
 * people; then, inside the caller's write transaction, done.
 *
 * A plan holds the community's grids, buildings and households (nodes with
 * an id, or 0 for one the plan adds), the people it meets (by phone) and
 * their memberships, all in the caller's arena; it is used once.
 */
#ifndef WG_MOD_ROSTER_PLAN_H
#define WG_MOD_ROSTER_PLAN_H

#include <jansson.h>

#include "core/sheet.h"
#include "mod/roster/roster.h"

struct roster_counts {
    int rows, errors;
    int grids_add, buildings_add, households_add, households_leave;
    int people_add, people_leave, members_add, members_change, members_leave;
};

struct roster_plan;

/* The header (the sheet's first row) -> the rows to plan (st_roster_row
 * with the file's text, trimmed, acts unset), and the columns as JSON
 * {recognised: [{column, header, field}], ignored: [{column, header}],
 * id_number_ignored: bool}. WG_EINVAL roster_columns_missing (no building
 * or room column) or roster_no_rows. */
int roster_read_rows(dctx *c, const struct sheet *sh, struct st_roster_row **rows, int *n, json_t **columns);

/* Plans rows (sets their acts and errors) for the community. */
int roster_plan_make(dctx *c, const struct st_place *community, struct st_roster_row *rows, int n,
                     struct roster_plan **out);
void roster_plan_counts(const struct roster_plan *p, struct roster_counts *out);
/* The plan's digest (16 hex digits): equal plans have equal digests. */
const char *roster_plan_digest(const struct roster_plan *p);
json_t *roster_counts_json(const struct roster_counts *k);
/* Inside the caller's write transaction: adds and changes what the plan says. */
int roster_plan_apply(dctx *c, struct roster_plan *p);

#endif
