/* Roster imports: dry run, apply, discard (see roster.h). */
#include "mod/roster/roster.h"

#include <string.h>

#include "core/jalloc.h"
#include "core/sheet.h"
#include "core/time.h"
#include "core/utf8.h"
#include "mod/roster/roster_plan.h"
#include "mod/roster/roster_store.h"

#define N PERM_NONE
#define S PERM_SUBTREE
const struct perm_action roster_act_import = {"import_roster", "import a community's household roster (dry run, then apply)",
                                              {N, N, N, S, S}};
#undef N
#undef S

#define FILENAME_MAX_CP 120

/* The community the actor imports into (0: her own), checked. */
static int target(dctx *c, int64_t community_id, struct st_place *com)
{
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    if (community_id == 0 && (community_id = actor_community(c->actor)) <= 0)
        return dctx_fail(c, WG_EINVAL, "roster_community_required", "community");
    int rc = place_of_kind(c, community_id, "community", "not_found", com);
    if (rc == WG_ENOTFOUND && c->code == NULL)
        c->code = "not_found";
    if (rc)
        return rc;
    return perm_check(c, &roster_act_import, com->path, com->id);
}

static int import_of(dctx *c, int64_t id, struct st_roster_import *im, struct st_place *com)
{
    int rc = id > 0 ? roster_store_get(c->st, c->a, id, im) : WG_ENOTFOUND;
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc)
        return rc;
    /* an import outside the actor's reach is not there for her */
    if ((rc = tree_get(c->st, c->a, im->community_id, com)))
        return rc;
    if (c->actor == NULL || !perm_allows(c->actor, &perm_read, com->path))
        return dctx_fail(c, WG_ENOTFOUND, "not_found", NULL);
    return perm_check(c, &roster_act_import, com->path, com->id);
}

/* A file name fit to show: its last path segment, valid text, bounded. */
static const char *clean_name(arena *a, const char *name)
{
    if (name == NULL || !utf8_valid(name, strlen(name)))
        return "roster";
    const char *slash = strrchr(name, '/'), *back = strrchr(name, '\\');
    if (slash || back)
        name = (slash > back ? slash : back) + 1;
    size_t n = utf8_trim_len(name, strlen(name), FILENAME_MAX_CP);
    return n ? arena_strndup(a, name, n) : "roster";
}

/* A fault the plan found names its field ("phone"): add its column ("F phone"). */
static void error_columns(dctx *c, struct st_roster_row *rows, int n, json_t *columns)
{
    json_t *rec = json_object_get(columns, "recognised"), *k;
    size_t j;
    for (int i = 0; i < n; i++) {
        if (rows[i].err_col == NULL || strchr(rows[i].err_col, ' '))
            continue;
        json_array_foreach(rec, j, k) {
            if (strcmp(json_string_value(json_object_get(k, "field")), rows[i].err_col) == 0) {
                rows[i].err_col = arena_printf(c->a, "%s %s", json_string_value(json_object_get(k, "column")), rows[i].err_col);
                break;
            }
        }
    }
}

/* Writes the import and its rows (in_txn: inside the caller's transaction). */
static int store_import(dctx *c, struct st_roster_import *im, struct st_roster_row *rows, int n, int in_txn)
{
    int rc = in_txn ? 0 : store_begin(c->st);
    if (rc)
        return rc;
    rc = roster_store_insert(c->st, im);
    for (int i = 0; rc == 0 && i < n; i++)
        rc = roster_store_insert_row(c->st, im->id, &rows[i]);
    return in_txn ? rc : store_end(c->st, rc);
}

/* A JSON value as compact text in a. */
static const char *text_of(arena *a, json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT);
    const char *out = arena_strdup(a, s ? s : "{}");
    jalloc_free(s);
    return out;
}

/* Reads, plans and stores a file for the community, by person `by`. */
static int dry_run(dctx *c, const struct st_place *com, int64_t by, const char *filename, const void *data, size_t n,
                   int in_txn, int64_t *id)
{
    struct sheet sh;
    const char *why;
    int rc = sheet_read(c->a, data, n, &sh, &why);
    if (rc) {
        char name[8];
        const char *where = sh.err_row && sh.err_col ? arena_printf(c->a, "file:%s%d", sheet_col_name(sh.err_col - 1, name), sh.err_row)
                            : sh.err_row             ? arena_printf(c->a, "file:%d", sh.err_row)
                                                     : "file";
        return dctx_fail(c, rc, why, where);
    }
    struct st_roster_row *rows;
    int nrows;
    json_t *columns;
    if ((rc = roster_read_rows(c, &sh, &rows, &nrows, &columns)))
        return rc;
    struct roster_plan *plan;
    struct roster_counts k;
    if ((rc = roster_plan_make(c, com, rows, nrows, &plan))) {
        json_decref(columns);
        return rc;
    }
    roster_plan_counts(plan, &k);
    error_columns(c, rows, nrows, columns);
    json_t *counts = roster_counts_json(&k);
    struct st_roster_import im = {.community_id = com->id, .created_by = by, .created_at = c->now,
                                  .filename = clean_name(c->a, filename), .format = sh.format,
                                  .digest = roster_plan_digest(plan), .nrows = k.rows, .nerrors = k.errors};
    im.counts = text_of(c->a, counts);
    im.columns = text_of(c->a, columns);
    json_decref(counts);
    json_decref(columns);
    rc = store_import(c, &im, rows, nrows, in_txn);
    if (rc == 0)
        *id = im.id;
    return rc;
}

int roster_upload(dctx *c, int64_t community_id, const char *filename, const void *data, size_t n, int64_t *id)
{
    struct st_place com;
    int rc = target(c, community_id, &com);
    return rc ? rc : dry_run(c, &com, c->actor->id, filename, data, n, 0, id);
}

int roster_demo_import(dctx *c, int64_t community_id, int64_t by, const char *filename, const char *csv)
{
    struct st_place com;
    int64_t id;
    int rc = tree_get(c->st, c->a, community_id, &com);
    return rc ? rc : dry_run(c, &com, by, filename, csv, strlen(csv), 1, &id);
}

int roster_get(dctx *c, int64_t id, struct st_roster_import *out)
{
    struct st_place com;
    return import_of(c, id, out, &com);
}

int roster_rows(dctx *c, const struct st_roster_import *im, const char *filter, int limit, int offset,
                struct st_roster_row **out, int *n, int *total)
{
    if (filter == NULL)
        filter = "all";
    if (strcmp(filter, "all") && strcmp(filter, "changes") && strcmp(filter, "errors"))
        return dctx_fail(c, WG_EINVAL, "roster_filter_invalid", "filter");
    return roster_store_rows(c->st, c->a, im->id, filter, limit, offset, out, n, total);
}

/* Plans the stored rows again, inside the write transaction. */
static int replan(dctx *c, const struct st_roster_import *im, const struct st_place *com, struct roster_plan **plan)
{
    struct st_roster_row *rows;
    int n, rc = roster_store_all_rows(c->st, c->a, im->id, im->nrows, &rows, &n);
    if (rc)
        return rc;
    return roster_plan_make(c, com, rows, n, plan);
}

int roster_apply(dctx *c, int64_t id)
{
    struct st_roster_import im;
    struct st_place com;
    struct roster_plan *plan;
    int rc = import_of(c, id, &im, &com);
    if (rc)
        return rc;
    if (strcmp(im.status, "pending") != 0)
        return dctx_fail(c, WG_ECONFLICT, "roster_not_pending", NULL);
    if (im.nerrors > 0)
        return dctx_fail(c, WG_EINVAL, "roster_has_errors", NULL);
    if ((rc = store_begin(c->st)))
        return rc;
    rc = store_bulk(c->st);
    if (rc == 0)
        rc = replan(c, &im, &com, &plan);
    if (rc == 0 && strcmp(roster_plan_digest(plan), im.digest) != 0)
        rc = dctx_fail(c, WG_ECONFLICT, "roster_stale", NULL);
    if (rc == 0)
        rc = roster_plan_apply(c, plan);
    if (rc == 0 && (rc = roster_store_finish(c->st, im.id, "applied", c->actor->id, c->now)) == WG_ECONFLICT)
        dctx_fail(c, rc, "roster_not_pending", NULL);
    if (rc == 0) {
        struct st_audit e = {.at = c->now, .actor_id = c->actor->id, .ip = c->ip, .action = "roster_apply",
                             .target = arena_printf(c->a, "roster_import:%lld", (long long)im.id),
                             .detail = im.counts, .community_id = im.community_id};
        rc = audit_insert(c->st, &e);
    }
    return store_end(c->st, rc);
}

int roster_discard(dctx *c, int64_t id)
{
    struct st_roster_import im;
    struct st_place com;
    int rc = import_of(c, id, &im, &com);
    if (rc)
        return rc;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = roster_store_finish(c->st, im.id, "discarded", c->actor->id, c->now);
    if (rc == WG_ECONFLICT)
        dctx_fail(c, rc, "roster_not_pending", NULL);
    return store_end(c->st, rc);
}

int roster_list(dctx *c, int64_t community_id, struct st_roster_import **out, int *n, struct st_place *com)
{
    *n = 0;
    int rc = target(c, community_id, com);
    return rc ? rc : roster_store_list(c->st, c->a, com->id, ROSTER_LIST_MAX, out, n);
}

json_t *roster_import_json(dctx *c, const struct st_roster_import *im)
{
    (void)c; /* times are shown in the deployment's zone, not per reader */
    json_error_t err;
    json_t *counts = json_loads(im->counts, 0, &err), *columns = json_loads(im->columns, 0, &err);
    json_t *o = json_pack("{s:I, s:{s:I, s:s}, s:s, s:s, s:s, s:o, s:o, s:i, s:i, s:b}", "id", (json_int_t)im->id,
                          "community", "id", (json_int_t)im->community_id, "name", im->community_name, "filename",
                          im->filename, "format", im->format, "status", im->status, "counts",
                          counts ? counts : json_object(), "columns", columns ? columns : json_object(), "rows",
                          im->nrows, "errors", im->nerrors, "may_apply",
                          strcmp(im->status, "pending") == 0 && im->nerrors == 0);
    time_json_pair(o, "created_at", im->created_at);
    if (im->applied_at)
        time_json_pair(o, "applied_at", im->applied_at);
    else
        json_object_set_new(o, "applied_at", json_null());
    return o;
}

json_t *roster_row_json(dctx *c, const struct st_roster_row *r)
{
    json_t *o = json_pack("{s:i, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:b}", "row", r->row_no, "grid", r->grid,
                          "building", r->building, "unit", r->unit, "room", r->room, "name", r->name, "phone",
                          r->phone ? person_phone_mask(c->a, r->phone) : NULL, "relation", r->relation, "note",
                          r->note, "changed", r->changed);
    json_object_set_new(o, "actions", json_pack("{s:s, s:s, s:s, s:s, s:s}", "grid", r->act_grid, "building",
                                                r->act_building, "household", r->act_household, "person",
                                                r->act_person, "member", r->act_member));
    if (r->err_code) {
        const char *sp = r->err_col ? strchr(r->err_col, ' ') : NULL;
        json_object_set_new(o, "error", json_pack("{s:s, s:s?, s:s?}", "code", r->err_code, "column",
                                                  sp ? arena_strndup(c->a, r->err_col, (size_t)(sp - r->err_col)) : NULL,
                                                  "field", sp ? sp + 1 : r->err_col));
    } else
        json_object_set_new(o, "error", json_null());
    return o;
}
