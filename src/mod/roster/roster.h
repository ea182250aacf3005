/*
 * The roster module (花名册导入): community staff import the household
 * roster they keep as a spreadsheet (XLSX or CSV, read by core/sheet.h).
 * An upload is a dry run: the file is read, every row checked and planned
 * against the community's places and people (a grid, building and
 * household to add or leave as they are; a person to add or leave; a
 * membership to add, change or leave), and the import stored as pending
 * with its rows, bad rows marked by row and column. Applying it does the
 * plan in one transaction, after planning again and finding the same plan
 * (else 409: the places or people changed since the dry run). Matching is
 * by the place path (grid, building, household number) and the person's
 * phone, so importing the same file twice changes nothing the second time.
 * ID-card numbers are never read: the column is recognised and ignored.
 * People added by an import have no password until they set one.
 *
 * Who: the perm action import_roster (community staff, street admins) at
 * the community; places are only ever added under that community.
 *
 * Every function returns 0 or a WG_E* code with c->code set; results live
 * in c->a; json_t values are the caller's.
 */
#ifndef WG_MOD_ROSTER_H
#define WG_MOD_ROSTER_H

#include <jansson.h>

#include "kernel/kernel.h"
#include "mod/people/people.h"

#define ROSTER_TEXT_MAX 40   /* code points in a grid, building, unit, room or name */
#define ROSTER_NOTE_MAX 200  /* code points in a note */
#define ROSTER_LIST_MAX 50   /* imports listed */
#define ROSTER_ROWS_PAGE_MAX 200

extern const struct perm_action roster_act_import;

/* The fields a roster column may hold. */
enum roster_field { RF_GRID, RF_BUILDING, RF_UNIT, RF_ROOM, RF_NAME, RF_PHONE, RF_RELATION, RF_NOTE, RF_IDCARD, RF_COUNT };
/* "grid" ... "id_number" */
const char *roster_field_name(int f);

struct st_roster_import {
    int64_t id, community_id, created_by, applied_by, created_at, applied_at;
    const char *community_name, *filename, *format, *status, *digest, *counts, *columns;
    int nrows, nerrors;
};

struct st_roster_row {
    int seq, row_no;
    const char *grid, *building, *unit, *room, *name, *phone, *relation, *note;
    const char *act_grid, *act_building, *act_household, *act_person, *act_member;
    int changed;
    const char *err_col, *err_code;
};

/* A dry run of an uploaded file (data, n bytes) into community_id (0: the
 * actor's): the stored pending import's id. A file that cannot be read at
 * all is WG_EINVAL / WG_ETOOBIG with the reader's code (and c->field
 * "file"); bad rows do not fail the dry run, they are in the plan. */
int roster_upload(dctx *c, int64_t community_id, const char *filename, const void *data, size_t n, int64_t *id);
int roster_get(dctx *c, int64_t id, struct st_roster_import *out);
/* filter: "all", "changes" (rows that add or change something) or "errors". */
int roster_rows(dctx *c, const struct st_roster_import *im, const char *filter, int limit, int offset,
                struct st_roster_row **out, int *n, int *total);
/* Applies a pending import without bad rows; WG_ECONFLICT roster_stale when
 * the plan is no longer what the dry run showed, roster_not_pending when
 * applied or discarded. */
int roster_apply(dctx *c, int64_t id);
int roster_discard(dctx *c, int64_t id);
/* The community's imports, newest first (community_id 0: the actor's). */
int roster_list(dctx *c, int64_t community_id, struct st_roster_import **out, int *n, struct st_place *com);
json_t *roster_import_json(dctx *c, const struct st_roster_import *im);
json_t *roster_row_json(dctx *c, const struct st_roster_row *r);

/* The template (header row only) and the demo's sample roster, as CSV
 * with a byte-order mark (Excel opens it as UTF-8). */
const char *roster_template_csv(arena *a);
/* For the demo, inside its transaction and without a check: a pending dry
 * run of csv for the community, by person `by`. */
int roster_demo_import(dctx *c, int64_t community_id, int64_t by, const char *filename, const char *csv);
const char *roster_sample_csv(arena *a);

extern const struct module roster_module;

#endif
