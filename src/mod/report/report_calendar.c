/* The working-day calendar of a street: holidays and make-up workdays,
 * which report limits that count working time follow (see report.h and
 * src/algo/workcal.h). Set by those who change the street's settings. */
#include <string.h>

#include "mod/report/report.h"
#include "mod/report/report_store.h"

/* The street above a community (or the place itself when it is one). */
static int street_of(dctx *c, int64_t place_id, struct st_place *street)
{
    int rc = tree_get(c->st, c->a, place_id, street);
    while (rc == 0 && strcmp(street->kind, "street") != 0) {
        if (street->parent_id == 0)
            return WG_ENOTFOUND;
        rc = tree_get(c->st, c->a, street->parent_id, street);
    }
    return rc;
}

int report_workcal(dctx *c, int64_t community_id, struct workcal *out)
{
    struct st_place street;
    int32_t *h = NULL, *w = NULL;
    int nh = 0, nw = 0;
    int rc = street_of(c, community_id, &street);
    if (rc || (rc = report_store_calendar(c->st, c->a, street.id, "holiday", &h, &nh)) ||
        (rc = report_store_calendar(c->st, c->a, street.id, "workday", &w, &nw)))
        return rc;
    *out = (struct workcal){.holidays = h, .nholidays = (size_t)nh, .workdays = w, .nworkdays = (size_t)nw};
    return workcal_check(out);
}

static json_t *days_json(const int32_t *days, int n)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        char buf[16];
        workcal_format_day(days[i], buf, sizeof buf);
        json_array_append_new(arr, json_string(buf));
    }
    return arr;
}

json_t *report_calendar_json(dctx *c, int64_t street_id, int *rc)
{
    struct st_place p;
    int32_t *h = NULL, *w = NULL;
    int nh = 0, nw = 0;
    struct st_place mine;
    /* the street's readers, and the people of its communities */
    int ours = c->actor && street_of(c, actor_community(c->actor), &mine) == 0 && mine.id == street_id;
    if (ours ? (*rc = tree_get(c->st, c->a, street_id, &p)) != 0 : (*rc = place_get(c, street_id, &p)) != 0)
        return NULL;
    if (strcmp(p.kind, "street") != 0) {
        *rc = dctx_fail(c, WG_EINVAL, "report_calendar_street", "place");
        return NULL;
    }
    if ((*rc = report_store_calendar(c->st, c->a, p.id, "holiday", &h, &nh)) ||
        (*rc = report_store_calendar(c->st, c->a, p.id, "workday", &w, &nw)))
        return NULL;
    return json_pack("{s:I, s:o, s:o}", "street_id", (json_int_t)p.id, "holidays", days_json(h, nh), "workdays",
                     days_json(w, nw));
}

/* A JSON list of "YYYY-MM-DD" into sorted distinct days. */
static int parse_days(dctx *c, json_t *list, const char *field, int32_t *out, int *n)
{
    json_t *e;
    size_t i;
    *n = 0;
    if (list == NULL)
        return 0;
    if (!json_is_array(list) || json_array_size(list) > WORKCAL_DAYS_MAX)
        return dctx_fail(c, WG_EINVAL, "report_calendar_invalid", field);
    json_array_foreach(list, i, e) {
        int32_t d;
        if (!json_is_string(e) || workcal_parse_day(json_string_value(e), &d))
            return dctx_fail(c, WG_EINVAL, "report_calendar_invalid", field);
        int k = *n;
        while (k > 0 && out[k - 1] > d) /* insertion: lists are short and mostly sorted */
            k--;
        if (k > 0 && out[k - 1] == d)
            continue;
        memmove(out + k + 1, out + k, (size_t)(*n - k) * sizeof *out);
        out[k] = d;
        (*n)++;
    }
    return 0;
}

int report_calendar_set(dctx *c, int64_t street_id, json_t *holidays, json_t *workdays)
{
    struct st_place p;
    int32_t *h = arena_alloc(c->a, WORKCAL_DAYS_MAX * sizeof *h), *w = arena_alloc(c->a, WORKCAL_DAYS_MAX * sizeof *w);
    int nh = 0, nw = 0;
    int rc = place_get(c, street_id, &p);
    if (rc || (rc = perm_check(c, &place_act_settings, p.path, 0)))
        return rc;
    if (strcmp(p.kind, "street") != 0)
        return dctx_fail(c, WG_EINVAL, "report_calendar_street", "place");
    if ((rc = parse_days(c, holidays, "holidays", h, &nh)) || (rc = parse_days(c, workdays, "workdays", w, &nw)))
        return rc;
    struct workcal cal = {.holidays = h, .nholidays = (size_t)nh, .workdays = w, .nworkdays = (size_t)nw};
    if (workcal_check(&cal))
        return dctx_fail(c, WG_EINVAL, "report_calendar_both", "workdays");
    if ((rc = store_begin(c->st)))
        return rc;
    rc = report_store_calendar_clear(c->st, p.id);
    for (int i = 0; rc == 0 && i < nh; i++)
        rc = report_store_calendar_add(c->st, p.id, h[i], "holiday");
    for (int i = 0; rc == 0 && i < nw; i++)
        rc = report_store_calendar_add(c->st, p.id, w[i], "workday");
    if (rc == 0) { /* in the same transaction: it stands or falls with the change */
        struct st_audit e = {.at = c->now, .actor_id = c->actor->id, .ip = c->ip, .action = "setting",
                             .target = p.path, .detail = arena_printf(c->a, "calendar: %d holidays, %d workdays", nh, nw)};
        rc = audit_insert(c->st, &e);
    }
    return store_end(c->st, rc);
}
