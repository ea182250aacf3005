/* Reports upward, 一表通 (see upward.h). */
#include "mod/upward/upward.h"

#include <ctype.h>
#include <string.h>

#include "core/jalloc.h"
#include "core/time.h"
#include "mod/dashboard/dashboard.h"
#include "mod/place/place.h"
#include "mod/upward/upward_store.h"

#define N PERM_NONE
#define S PERM_SUBTREE
const struct perm_action upward_act_design = {"design_upward", "design the street's reports upward and return them",
                                              {N, N, N, N, S}};
const struct perm_action upward_act_fill = {"fill_upward", "fill, review and submit the community's reports upward",
                                            {N, N, N, S, N}};
#undef N
#undef S

/* The street of a street or of a community under it; *asked (may be NULL)
 * the place as asked, which the actor reads. */
static int street_of(dctx *c, int64_t place_id, struct st_place *street, struct st_place *asked)
{
    struct st_place p;
    int rc = place_id > 0 ? place_get(c, place_id, &p) : dctx_fail(c, WG_EINVAL, "place_required", "street_id");
    if (rc == 0 && asked)
        *asked = p;
    /* a community's street: above what its staff read, named, not read through */
    if (rc == 0 && strcmp(p.kind, "community") == 0)
        rc = tree_get(c->st, c->a, p.parent_id, &p);
    if (rc == 0 && strcmp(p.kind, "street") != 0)
        rc = dctx_fail(c, WG_EINVAL, "upward_street_invalid", "street_id");
    if (rc == 0)
        *street = p;
    return rc;
}

/* The street's staff, or staff of one of its communities. */
static int reads_street(const dctx *c, const char *street_path)
{
    const struct actor *a = c->actor;
    if (a && perm_allows(a, &upward_act_design, street_path))
        return 1;
    for (int i = 0; a && i < a->nroles; i++)
        if (tree_under(a->roles[i].place_path, street_path) &&
            perm_allows(a, &upward_act_fill, a->roles[i].place_path))
            return 1;
    return 0;
}

static int check_items(dctx *c, const struct upward_item *items, int n)
{
    if (n < 1 || n > UPWARD_ITEMS_MAX)
        return dctx_fail(c, WG_EINVAL, "upward_items_invalid", "items");
    for (int i = 0; i < n; i++) {
        enum dashboard_by by;
        int rc = dctx_text(c, items[i].label, UPWARD_LABEL_MAX, 1, "items", "upward_items_invalid", "upward_items_invalid");
        if (rc)
            return rc;
        const struct dashboard_figure *f = items[i].figure ? dashboard_figure_find(items[i].figure) : NULL;
        if (f == NULL)
            return dctx_fail(c, WG_EINVAL, "upward_figure_unknown", "items");
        if (dashboard_by_parse(c, items[i].by, &by) || (by && !(f->by & by)))
            return dctx_fail(c, WG_EINVAL, "upward_by_unsupported", "items");
    }
    return 0;
}

static int kind_valid(const char *k)
{
    return k && (strcmp(k, "month") == 0 || strcmp(k, "quarter") == 0 || strcmp(k, "year") == 0);
}

int upward_template_create(dctx *c, int64_t street_id, const char *name, const char *period_kind,
                           const struct upward_item *items, int n, int64_t *id)
{
    struct st_place street, asked;
    int count = 0, rc = street_of(c, street_id, &street, &asked);
    if (rc == 0 && !perm_allows(c->actor, &upward_act_design, street.path))
        rc = perm_check(c, &upward_act_design, asked.path, asked.community_id); /* 403: she reads what she named */
    if (rc ||
        (rc = dctx_text(c, name, UPWARD_NAME_MAX, 1, "name", "upward_name_required", "upward_name_invalid")))
        return rc;
    if (!kind_valid(period_kind))
        return dctx_fail(c, WG_EINVAL, "upward_period_kind_invalid", "period_kind");
    if ((rc = check_items(c, items, n)))
        return rc;
    struct st_upward_template t = {.street_id = street.id, .name = name, .period_kind = period_kind,
                                   .items = (struct upward_item *)items, .nitems = n, .created_by = c->actor->id,
                                   .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    if ((rc = upward_store_template_count(c->st, street.id, &count)) == 0 && count >= UPWARD_TEMPLATES_MAX)
        rc = dctx_fail(c, WG_ECONFLICT, "upward_templates_full", NULL);
    if (rc == 0 && (rc = upward_store_template_insert(c->st, &t)) == WG_ECONFLICT)
        rc = dctx_fail(c, rc, "upward_template_exists", "name");
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = t.id;
    return 0;
}

int upward_templates(dctx *c, int64_t place_id, struct st_upward_template **out, int *n)
{
    struct st_place street, asked;
    *n = 0;
    int rc = street_of(c, place_id, &street, &asked);
    if (rc)
        return rc;
    if (!reads_street(c, street.path))
        return perm_check(c, &upward_act_design, asked.path, asked.community_id);
    return upward_store_templates(c->st, c->a, street.id, UPWARD_TEMPLATES_MAX, out, n);
}

int upward_template_get(dctx *c, int64_t id, struct st_upward_template *out)
{
    int rc = id > 0 ? upward_store_template_get(c->st, c->a, id, out) : WG_ENOTFOUND;
    if (rc == 0 && !reads_street(c, out->street_path))
        rc = WG_ENOTFOUND;
    return rc == WG_ENOTFOUND ? dctx_fail(c, rc, "not_found", NULL) : rc;
}

/* "YYYY-MM", "YYYY-Qn" or "YYYY" as the template's kind asks. */
static int period_fits(const char *kind, const char *p)
{
    size_t n = p ? strlen(p) : 0;
    for (size_t i = 0; i < 4 && i < n; i++)
        if (!isdigit((unsigned char)p[i]))
            return 0;
    if (strcmp(kind, "year") == 0)
        return n == 4;
    if (strcmp(kind, "quarter") == 0)
        return n == 7 && p[4] == '-' && p[5] == 'Q' && p[6] >= '1' && p[6] <= '4';
    return n == 7 && p[4] == '-' && isdigit((unsigned char)p[5]) && isdigit((unsigned char)p[6]);
}

/* Every item computed for the community and period, as the data kept. */
static int compute(dctx *c, const struct st_upward_template *t, const struct st_place *com, const char *period,
                   const char **data)
{
    json_t *items = json_array();
    int rc = 0;
    for (int i = 0; rc == 0 && i < t->nitems; i++) {
        struct dashboard_query q;
        struct dashboard_result res;
        const struct dashboard_figure *f = dashboard_figure_find(t->items[i].figure);
        if (f == NULL)
            rc = dctx_fail(c, WG_ECONFLICT, "upward_figure_unknown", NULL);
        else if ((rc = dashboard_query_make(c, com->id, period, t->items[i].by, &q)) == 0 &&
                 (rc = dashboard_compute(c, f, &q, &res)) == 0) {
            json_t *o = dashboard_result_json(c, &res);
            json_object_set_new(o, "pos", json_integer(t->items[i].pos));
            json_object_set_new(o, "label", json_string(t->items[i].label));
            json_array_append_new(items, o);
        }
    }
    if (rc)
        return json_decref(items), rc;
    json_t *doc = json_pack("{s:s, s:o}", "period", period, "items", items);
    char *s = json_dumps(doc, JSON_COMPACT);
    *data = arena_strdup(c->a, s ? s : "{}");
    jalloc_free(s);
    json_decref(doc);
    return 0;
}

int upward_fill(dctx *c, int64_t template_id, int64_t community_id, const char *period, int64_t *id)
{
    struct st_upward_template t;
    struct st_place com;
    struct dashboard_period dp;
    int rc = upward_template_get(c, template_id, &t);
    if (rc)
        return rc;
    rc = community_id > 0 ? place_get(c, community_id, &com) : dctx_fail(c, WG_EINVAL, "community_required", "community_id");
    if (rc)
        return rc;
    if (strcmp(com.kind, "community") != 0 || !tree_under(com.path, t.street_path))
        return dctx_fail(c, WG_EINVAL, "upward_community_invalid", "community_id");
    if ((rc = perm_check(c, &upward_act_fill, com.path, com.id)))
        return rc;
    if (!period_fits(t.period_kind, period) || dashboard_period_parse(c, period, &dp))
        return dctx_fail(c, WG_EINVAL, "upward_period_invalid", "period");
    struct st_upward_report r = {.template_id = t.id, .community_id = com.id, .period = period,
                                 .filled_by = c->actor->id, .filled_at = c->now};
    if ((rc = compute(c, &t, &com, period, &r.data)) || (rc = store_begin(c->st)))
        return rc;
    if ((rc = upward_store_report_fill(c->st, c->a, &r)) == WG_ECONFLICT)
        rc = dctx_fail(c, rc, "upward_submitted", NULL);
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = r.id;
    return 0;
}

/* The community's staff or the street's. */
static int may_read(const dctx *c, const struct st_upward_report *r)
{
    return c->actor && (perm_allows(c->actor, &upward_act_fill, r->community_path) ||
                        perm_allows(c->actor, &upward_act_design, r->community_path));
}

int upward_report_get(dctx *c, int64_t id, struct st_upward_report *out)
{
    int rc = id > 0 ? upward_store_report_get(c->st, c->a, id, out) : WG_ENOTFOUND;
    if (rc == 0 && !may_read(c, out))
        rc = WG_ENOTFOUND;
    return rc == WG_ENOTFOUND ? dctx_fail(c, rc, "not_found", NULL) : rc;
}

static int move(dctx *c, int64_t id, const struct perm_action *act, const char *from, const char *to, const char *note,
                const char *conflict)
{
    struct st_upward_report r;
    int rc = upward_report_get(c, id, &r);
    if (rc || (rc = perm_check(c, act, r.community_path, r.community_id)) ||
        (rc = dctx_text(c, note, UPWARD_NOTE_MAX, strcmp(to, "draft") == 0, "note", "upward_reason_required",
                        "upward_note_invalid")))
        return rc;
    if (note && note[strspn(note, " \t\r\n")] == '\0')
        note = NULL;
    if ((rc = store_begin(c->st)))
        return rc;
    if ((rc = upward_store_report_move(c->st, r.id, from, to, c->actor->id, c->now, note)) == WG_ECONFLICT)
        rc = dctx_fail(c, rc, conflict, NULL);
    struct st_audit e = {.at = c->now, .actor_id = c->actor->id, .ip = c->ip, .action = arena_printf(c->a, "upward_%s", to),
                         .target = arena_printf(c->a, "/upward/reports/%lld", (long long)r.id), .detail = note,
                         .community_id = r.community_id};
    if (rc == 0)
        rc = audit_insert(c->st, &e);
    if (rc == 0 && strcmp(to, "submitted") == 0) {
        struct notify_msg msg = {.kind = "upward_submitted", .title = r.template_name, .detail = r.community_name,
                                 .url = arena_printf(c->a, "/upward/reports/%lld", (long long)r.id), .at = c->now};
        rc = upward_store_notify_street(c->st, &msg, r.community_path, r.community_id);
    }
    return store_end(c->st, rc);
}

int upward_review(dctx *c, int64_t id, const char *note)
{
    return move(c, id, &upward_act_fill, "draft", "reviewed", note, "upward_not_draft");
}

int upward_submit(dctx *c, int64_t id)
{
    return move(c, id, &upward_act_fill, "reviewed", "submitted", NULL, "upward_not_reviewed");
}

int upward_return(dctx *c, int64_t id, const char *reason)
{
    return move(c, id, &upward_act_design, "submitted", "draft", reason, "upward_not_submitted");
}

json_t *upward_template_json(dctx *c, const struct st_upward_template *t)
{
    json_t *items = json_array();
    for (int i = 0; i < t->nitems; i++)
        json_array_append_new(items, json_pack("{s:i, s:s, s:s, s:s}", "pos", t->items[i].pos, "label", t->items[i].label,
                                               "figure", t->items[i].figure, "by", t->items[i].by));
    json_t *o = json_pack("{s:I, s:s, s:s, s:{s:I, s:s}, s:o}", "id", (json_int_t)t->id, "name", t->name, "period_kind",
                          t->period_kind, "street", "id", (json_int_t)t->street_id, "name", t->street_name, "items",
                          items);
    json_object_set_new(o, "may_design", json_boolean(c->actor && perm_allows(c->actor, &upward_act_design, t->street_path)));
    return time_json_pair(o, "created_at", t->created_at);
}

static json_t *person_ref(int64_t id, const char *name)
{
    return id ? json_pack("{s:I, s:s}", "id", (json_int_t)id, "name", name ? name : "") : json_null();
}

json_t *upward_report_json(dctx *c, const struct st_upward_report *r)
{
    json_t *data = json_loads(r->data, 0, NULL);
    int fill = c->actor && perm_allows(c->actor, &upward_act_fill, r->community_path);
    int design = c->actor && perm_allows(c->actor, &upward_act_design, r->community_path);
    json_t *o = json_pack("{s:I, s:I, s:s, s:{s:I, s:s}, s:s, s:s, s:o, s:o, s:o}", "id", (json_int_t)r->id,
                          "template_id", (json_int_t)r->template_id, "template", r->template_name, "community", "id",
                          (json_int_t)r->community_id, "name", r->community_name, "period", r->period, "state", r->state,
                          "items", data ? json_incref(json_object_get(data, "items")) : json_array(), "filled_by",
                          person_ref(r->filled_by, r->filled_by_name), "reviewed_by",
                          person_ref(r->reviewed_by, r->reviewed_by_name));
    json_decref(data);
    json_object_set_new(o, "note", r->note ? json_string(r->note) : json_null());
    json_object_set_new(o, "may_fill", json_boolean(fill && strcmp(r->state, "submitted") != 0));
    json_object_set_new(o, "may_review", json_boolean(fill && strcmp(r->state, "draft") == 0));
    json_object_set_new(o, "may_submit", json_boolean(fill && strcmp(r->state, "reviewed") == 0));
    json_object_set_new(o, "may_return", json_boolean(design && strcmp(r->state, "submitted") == 0));
    time_json_pair(o, "filled_at", r->filled_at);
    time_json_pair(o, "reviewed_at", r->reviewed_at);
    return time_json_pair(o, "submitted_at", r->submitted_at);
}

/* One community's row: its report's state and each item's total as written. */
static json_t *row_json(dctx *c, const struct st_upward_template *t, const struct st_place *com, const char *period,
                        int *rc)
{
    struct st_upward_report r;
    json_t *values = json_array(), *numbers = json_array(),
           *row = json_pack("{s:{s:I, s:s}}", "community", "id", (json_int_t)com->id, "name", com->name);
    *rc = upward_store_report_find(c->st, c->a, t->id, com->id, period, &r);
    if (*rc == WG_ENOTFOUND) {
        *rc = 0;
        json_object_set_new(row, "report", json_null());
    } else if (*rc == 0) {
        json_t *rj = upward_report_json(c, &r), *items = json_object_get(rj, "items"), *it;
        size_t i;
        json_array_foreach(items, i, it) {
            json_t *tot = json_object_get(it, "total");
            json_array_append_new(values, json_incref(json_object_get(tot, "text")));
            json_array_append_new(numbers, json_incref(json_object_get(tot, "value")));
        }
        json_object_del(rj, "items");
        json_object_set_new(row, "report", rj);
    }
    json_object_set_new(row, "values", values);
    json_object_set_new(row, "numbers", numbers);
    return row;
}

json_t *upward_compare(dctx *c, int64_t template_id, const char *period, int *rc)
{
    struct st_upward_template t;
    struct st_place street, *coms = NULL;
    struct dashboard_period dp;
    int n = 0, total = 0;
    /* the street itself: named by a template its reader may read (upward_template_get checked) */
    if ((*rc = upward_template_get(c, template_id, &t)) || (*rc = tree_get(c->st, c->a, t.street_id, &street)))
        return NULL;
    if (!period_fits(t.period_kind, period) || dashboard_period_parse(c, period, &dp)) {
        *rc = dctx_fail(c, WG_EINVAL, "upward_period_invalid", "period");
        return NULL;
    }
    if ((*rc = place_children(c, &street, UPWARD_COMMUNITIES_MAX, 0, &coms, &n, &total)))
        return NULL;
    json_t *rows = json_array();
    int design = perm_allows(c->actor, &upward_act_design, street.path);
    for (int i = 0; i < n && *rc == 0; i++) {
        if (strcmp(coms[i].kind, "community") != 0 ||
            (!design && !perm_allows(c->actor, &upward_act_fill, coms[i].path)))
            continue;
        json_t *row = row_json(c, &t, &coms[i], period, rc);
        json_array_append_new(rows, row);
    }
    if (*rc)
        return json_decref(rows), NULL;
    return json_pack("{s:o, s:s, s:o}", "template", upward_template_json(c, &t), "period", period, "communities", rows);
}
