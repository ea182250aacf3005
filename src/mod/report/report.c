/* Problem reports: categories, limits, routing, creation, reading (see report.h). */
#include "mod/report/report.h"

#include <string.h>

#include "core/time.h"
#include "mod/report/report_int.h"
#include "mod/report/report_store.h"

#define N PERM_NONE
#define S PERM_SUBTREE
#define C PERM_COMMUNITY
const struct perm_action report_act_handle = {"handle_report", "answer, route, fix and close problem reports",
                                              {N, S, S, S, S}};
const struct perm_action report_act_rate = {"rate_report", "rate how a report of one's community was handled",
                                            {C, C, C, C, N}};
#undef N
#undef S
#undef C

const struct report_state report_states[] = {
    {"new", "open"},        {"confirmed", "open"},        {"investigating", "open"},
    {"in_progress", "open"}, {"action_scheduled", "open"}, {"fixed", "fixed"},
    {"closed_duplicate", "closed"}, {"closed_not_ours", "closed"}, {"closed_unable", "closed"},
    {"closed_not_fixed", "closed"}, {NULL, NULL},
};

const struct report_category report_categories[] = {
    {"safety", "urgent", "grid"},          {"water", "utilities", "building"},  {"power", "utilities", "building"},
    {"gas", "utilities", "building"},      {"heating", "utilities", "building"}, {"environment", "general", "building"},
    {"facility", "general", "building"},   {"greening", "general", "grid"},     {"parking", "general", "grid"},
    {"noise", "general", "grid"},          {"neighbour", "complex", "grid"},    {"property", "complex", "community"},
    {"other", "general", "grid"},          {NULL, NULL, NULL},
};

/* Per class: response and resolution limits (hours), and whether they count working time. */
const struct setting_def report_settings[] = {
    {"report_urgent_response_h", 1, 8760, 2},      {"report_urgent_resolution_h", 1, 8760, 2},
    {"report_urgent_working", 0, 1, 0},            {"report_utilities_response_h", 1, 8760, 24},
    {"report_utilities_resolution_h", 1, 8760, 24}, {"report_utilities_working", 0, 1, 0},
    {"report_general_response_h", 1, 8760, 168},   {"report_general_resolution_h", 1, 8760, 168},
    {"report_general_working", 0, 1, 1},           {"report_complex_response_h", 1, 8760, 360},
    {"report_complex_resolution_h", 1, 8760, 360}, {"report_complex_working", 0, 1, 1},
    {NULL, 0, 0, 0},
};

const char *const report_levels[] = {"building", "grid", "community", "street", NULL};
static const char *const level_roles[] = {"building_leader", "grid_worker", "community_staff", "street_admin"};

const struct report_category *report_category_find(const char *code)
{
    for (const struct report_category *k = report_categories; code && k->code; k++)
        if (strcmp(k->code, code) == 0)
            return k;
    return NULL;
}

const char *report_state_type(const char *state)
{
    for (const struct report_state *s = report_states; state && s->code; s++)
        if (strcmp(s->code, state) == 0)
            return s->type;
    return NULL;
}

int report_level_index(const char *level)
{
    for (int i = 0; report_levels[i]; i++)
        if (strcmp(report_levels[i], level) == 0)
            return i;
    return -1;
}

static long setting(dctx *c, const char *path, const char *key)
{
    const struct setting_def *d = NULL;
    for (const struct setting_def *x = report_settings; x->key; x++)
        if (strcmp(x->key, key) == 0)
            d = x;
    assert(d != NULL);
    long v = d->def;
    place_line_setting(c, path, d, &v);
    return v;
}

void report_limits(dctx *c, const char *place_path, const struct report_category *cat, int64_t *response_s,
                   int64_t *resolution_s, int *working)
{
    *response_s = (int64_t)setting(c, place_path, arena_printf(c->a, "report_%s_response_h", cat->class)) * 3600;
    *resolution_s = (int64_t)setting(c, place_path, arena_printf(c->a, "report_%s_resolution_h", cat->class)) * 3600;
    *working = setting(c, place_path, arena_printf(c->a, "report_%s_working", cat->class)) != 0;
}

int64_t report_due(dctx *c, int64_t community_id, int64_t start, int64_t seconds, int working)
{
    struct workcal w;
    if (!working || report_workcal(c, community_id, &w) != 0)
        return start + seconds;
    int64_t t = workcal_add(&w, start, seconds);
    return t < 0 ? start + seconds : t;
}

int report_route(dctx *c, const char *path, int from_level, struct report_route *out)
{
    /* the line of the report's place, read once (no permission check: the job runs without an actor) */
    int64_t ids[16];
    struct st_place line[16];
    int n = tree_path_ids(path, ids, 16);
    for (int i = 0; i < n; i++) {
        int rc = tree_get(c->st, c->a, ids[i], &line[i]);
        if (rc)
            return rc;
    }
    for (int l = from_level < 0 ? 0 : from_level; report_levels[l]; l++) {
        const struct st_place *p = NULL;
        struct st_role *rs = NULL;
        int nr = 0, rc;
        for (int i = 0; i < n && p == NULL; i++)
            if (strcmp(line[i].kind, report_levels[l]) == 0)
                p = &line[i];
        if (p == NULL)
            continue;
        if ((rc = role_holders(c->st, c->a, p->id, level_roles[l], &rs, &nr)))
            return rc;
        out->level = report_levels[l];
        out->place_id = p->id;
        out->person_id = nr > 0 ? rs[0].person_id : 0;
        if (nr > 0 || report_levels[l + 1] == NULL)
            return 0;
    }
    return WG_ENOTFOUND;
}

/* Where a report stands: a building, grid or community the actor reads, or a facility's place. */
static int report_place(dctx *c, const struct report_new *in, struct st_place *p, const char **facility_name)
{
    int rc;
    if (in->facility_id > 0) {
        struct st_facility f;
        if ((rc = facility_get(c, in->facility_id, &f)))
            return dctx_fail(c, WG_EINVAL, "report_facility_invalid", "facility_id");
        *facility_name = f.name;
        return place_get(c, f.place_id, p);
    }
    if (in->place_id <= 0)
        return dctx_fail(c, WG_EINVAL, "place_required", "place_id");
    if ((rc = place_get(c, in->place_id, p)))
        return rc;
    if (strcmp(p->kind, "household") == 0) /* one's own home: its building */
        return place_get(c, p->parent_id, p);
    if (strcmp(p->kind, "building") && strcmp(p->kind, "grid") && strcmp(p->kind, "community"))
        return dctx_fail(c, WG_EINVAL, "report_place_invalid", "place_id");
    return 0;
}

static int validate(dctx *c, const struct report_new *in)
{
    int rc;
    if (report_category_find(in->category) == NULL)
        return dctx_fail(c, WG_EINVAL, "report_category_invalid", "category");
    if ((rc = dctx_text(c, in->description, REPORT_TEXT_MAX, 1, "description", "report_description_required",
                        "report_description_invalid")))
        return rc;
    if (in->has_point && (in->lat_e6 < -90000000 || in->lat_e6 > 90000000 || in->lon_e6 < -180000000 ||
                          in->lon_e6 > 180000000))
        return dctx_fail(c, WG_EINVAL, "report_point_invalid", "lat");
    if (in->nphotos < 0 || in->nphotos > REPORT_PHOTOS_MAX)
        return dctx_fail(c, WG_EINVAL, "too_many_photos", "photos");
    return 0;
}

/* Decodes the uploads outside any transaction. */
int report_photos_prepare(dctx *c, const struct photo_upload *photos, int n, struct photo_image *img)
{
    for (int i = 0; i < n; i++) {
        int rc = photo_prepare(c, photos[i].data, photos[i].len, &img[i]);
        if (rc)
            return rc;
    }
    return 0;
}

int report_photos_insert(dctx *c, const struct st_report *r, const struct photo_image *img, int n, int first)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < n; i++) {
        int64_t pid = 0;
        if ((rc = photo_insert(c, r->community_id, &img[i], &pid)) == 0)
            rc = report_store_photo(c->st, r->id, pid, r->community_id, c->actor->id, first + i);
    }
    return rc;
}

/* The report's people in the same transaction: the person responsible. */
static int tell_responsible(dctx *c, const struct st_report *r, const char *kind)
{
    if (r->responsible_id == 0)
        return 0;
    struct notify_msg msg = {.kind = kind, .title = report_title(c, r),
                             .url = arena_printf(c->a, "/reports/%lld", (long long)r->id), .at = c->now};
    return notify_person(c->st, r->responsible_id, &msg);
}

int report_create(dctx *c, const struct report_new *in, int64_t *id)
{
    struct st_place p;
    struct photo_image img[REPORT_PHOTOS_MAX];
    struct report_route rt;
    const char *facility_name = NULL;
    int rc = report_place(c, in, &p, &facility_name);
    if (rc || (rc = perm_check(c, &perm_read, p.path, p.community_id)) || (rc = validate(c, in)))
        return rc;
    const struct report_category *cat = report_category_find(in->category);
    int64_t response_s, resolution_s;
    int working;
    report_limits(c, p.path, cat, &response_s, &resolution_s, &working);
    if ((rc = report_route(c, p.path, report_level_index(cat->level), &rt)) ||
        (rc = report_photos_prepare(c, in->photos, in->nphotos, img)))
        return rc;
    struct st_report r = {.community_id = p.community_id, .place_id = p.id, .facility_id = in->facility_id,
                          .has_point = in->has_point, .lat_e6 = in->lat_e6, .lon_e6 = in->lon_e6,
                          .category = cat->code, .description = in->description, .reporter_id = c->actor->id,
                          .anonymous = in->anonymous != 0, .state = "new", .state_type = "open", .level = rt.level,
                          .responsible_id = rt.person_id, .responsible_place_id = rt.place_id,
                          .created_at = c->now, .facility_name = facility_name, .place_name = p.name};
    r.response_due = report_due(c, p.community_id, c->now, response_s, working);
    r.resolution_due = report_due(c, p.community_id, c->now, resolution_s, working);
    r.next_due = r.response_due < r.resolution_due ? r.response_due : r.resolution_due;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = report_store_insert(c->st, &r);
    if (rc == 0)
        rc = report_photos_insert(c, &r, img, in->nphotos, 0);
    int64_t event_id = 0;
    if (rc == 0)
        rc = report_store_event_id(c->st, &r, "created", NULL, "new", rt.person_id, c->actor->id, "", c->now, &event_id);
    if (rc == 0 && !(in->also && in->also->no_follow))
        rc = report_store_follow(c->st, r.id, c->actor->id, r.community_id, 1, c->now);
    if (rc == 0 && in->also)
        rc = in->also->fn(c, r.id, event_id, in->also->ud);
    if (rc == 0)
        rc = report_schedule(c, &r);
    if (rc == 0)
        rc = tell_responsible(c, &r, "report_assigned");
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = r.id;
    return 0;
}

int report_get(dctx *c, int64_t id, struct st_report *out)
{
    int rc = id > 0 ? report_store_get(c->st, c->a, id, out) : WG_ENOTFOUND;
    if (rc == 0 && (c->actor == NULL || !perm_allows(c->actor, &perm_read, out->place_path)))
        rc = WG_ENOTFOUND;
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    return rc;
}

int report_may_handle(dctx *c, const struct st_report *r)
{
    return c->actor && (c->actor->id == r->responsible_id || perm_allows(c->actor, &report_act_handle, r->place_path));
}

int report_similar(dctx *c, const struct report_new *in, struct st_report **out, int *n)
{
    struct st_place p;
    const char *facility_name = NULL;
    *n = 0;
    int rc = report_place(c, in, &p, &facility_name);
    if (rc || (rc = perm_check(c, &perm_read, p.path, p.community_id)))
        return rc;
    if (report_category_find(in->category) == NULL && in->facility_id <= 0)
        return dctx_fail(c, WG_EINVAL, "report_category_invalid", "category");
    /* REPORT_NEAR_M as degrees: 1e-6 degree of latitude is 0.111 m; longitude shrinks by cos(lat), ~0.85 at 31 N */
    int64_t dlat = REPORT_NEAR_M * 1000000 / 111000, dlon = dlat * 100 / 85;
    return report_store_similar(c->st, c->a, p.community_id, in->facility_id, in->category ? in->category : "",
                                p.id, in->has_point, in->lat_e6, in->lon_e6, dlat, dlon, out, n);
}

int report_add(dctx *c, int64_t id, const char *note, const struct photo_upload *photos, int nphotos)
{
    return report_add_also(c, id, note, photos, nphotos, NULL);
}

int report_add_also(dctx *c, int64_t id, const char *note, const struct photo_upload *photos, int nphotos,
                    const struct report_also *also)
{
    int64_t event_id = 0;
    struct st_report r;
    struct photo_image img[REPORT_PHOTOS_MAX];
    int have = 0;
    int rc = report_get(c, id, &r);
    if (rc)
        return rc;
    if (strcmp(r.state_type, "open") != 0)
        return dctx_fail(c, WG_ECONFLICT, "report_not_open", NULL);
    if ((rc = dctx_text(c, note, REPORT_NOTE_MAX, nphotos == 0, "note", "report_note_required", "report_note_invalid")))
        return rc;
    if (nphotos < 0 || nphotos > REPORT_PHOTOS_MAX)
        return dctx_fail(c, WG_EINVAL, "too_many_photos", "photos");
    if ((rc = report_photos_prepare(c, photos, nphotos, img)))
        return rc;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = report_store_lock(c->st, r.id);
    if (rc == 0)
        rc = report_store_photo_count(c->st, r.id, &have);
    if (rc == 0 && have + nphotos > REPORT_PHOTOS_ALL)
        rc = dctx_fail(c, WG_EINVAL, "too_many_photos", "photos");
    if (rc == 0)
        rc = report_photos_insert(c, &r, img, nphotos, have);
    if (rc == 0)
        rc = report_store_event_id(c->st, &r, "added", NULL, NULL, 0, c->actor->id, note && *note ? note : "", c->now,
                                   &event_id);
    if (rc == 0 && !(also && also->no_follow))
        rc = report_store_follow(c->st, r.id, c->actor->id, r.community_id, 1, c->now);
    if (rc == 0 && also)
        rc = also->fn(c, r.id, event_id, also->ud);
    return store_end(c->st, rc);
}

int report_follow(dctx *c, int64_t id, int on)
{
    struct st_report r;
    int rc = report_get(c, id, &r);
    if (rc || (rc = store_begin(c->st)))
        return rc;
    rc = report_store_follow(c->st, r.id, c->actor->id, r.community_id, on, c->now);
    return store_end(c->st, rc);
}

int report_is_following(dctx *c, int64_t id)
{
    int yes = 0;
    return c->actor && report_store_following(c->st, id, c->actor->id, &yes) == 0 && yes > 0;
}

/* "YYYY-MM" (a year from 1970) -> the first second of the month (China time) and of the next, and
 * the month's number (year * 12 + month); -1 when malformed. */
static int month_span(const char *s, int64_t *t0, int64_t *t1, int64_t *index)
{
    if (s == NULL || strlen(s) != 7 || s[4] != '-')
        return -1;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int64_t y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    if (y < 1970 || m < 1 || m > 12)
        return -1;
    *index = y * 12 + m;
    *t0 = time_days_from_civil(y, m, 1) * TIME_DAY - TIME_ZONE_OFFSET;
    *t1 = time_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) * TIME_DAY - TIME_ZONE_OFFSET;
    return 0;
}

int report_where_months(const char *month, const char *from, const char *to, struct report_where *w)
{
    int64_t a0, a1, b0, b1, ia, ib;
    month = month && *month ? month : NULL, from = from && *from ? from : NULL, to = to && *to ? to : NULL;
    w->t0 = w->t1 = 0;
    if (month == NULL && from == NULL && to == NULL)
        return 0;
    if (month && (from || to))
        return -1;
    if (month)
        from = to = month;
    if (month_span(from, &a0, &a1, &ia) || month_span(to, &b0, &b1, &ib) || ib < ia || ib - ia + 1 > REPORT_RATES_MONTHS)
        return -1;
    w->t0 = a0, w->t1 = b1;
    return 0;
}

/* The place and path a list with a place looks under; its community (0 above communities). */
static int list_where(dctx *c, int64_t community_id, const struct report_where *w, const char **path, int64_t *com)
{
    struct st_place p;
    int rc = place_get(c, w->place_id ? w->place_id : community_id, &p);
    if (rc)
        return rc;
    *path = p.path;
    *com = strcmp(p.kind, "street") && strcmp(p.kind, "district") ? (p.community_id ? p.community_id : p.id) : 0;
    return 0;
}

int report_list(dctx *c, int64_t community_id, const struct report_where *where, const char *filter,
                const char *category, int mine, int64_t before, int limit, struct st_report **out, int *n)
{
    const char *path = NULL;
    int64_t com = 0, t0 = 0, t1 = INT64_MAX;
    int rc;
    if (where && (where->place_id || where->t1)) {
        if ((rc = list_where(c, community_id, where, &path, &com)))
            return rc;
        if (where->t1)
            t0 = where->t0, t1 = where->t1;
    } else {
        struct st_place p;
        if ((rc = place_get(c, community_id, &p)))
            return rc;
        com = p.community_id ? p.community_id : p.id;
    }
    if (filter && *filter && strcmp(filter, "open") && strcmp(filter, "fixed") && strcmp(filter, "closed") &&
        strcmp(filter, "overdue"))
        return dctx_fail(c, WG_EINVAL, "report_filter_invalid", "state");
    if (category && *category && report_category_find(category) == NULL)
        return dctx_fail(c, WG_EINVAL, "report_category_invalid", "category");
    if (limit < 1 || limit > REPORT_LIST_MAX)
        limit = REPORT_LIST_MAX;
    return report_store_list(c->st, c->a, com, path, t0, t1, filter, category, mine && c->actor ? c->actor->id : 0,
                             before, limit, out, n);
}

/* The community (its place, readable by the actor) a window reads. */
static int window_community(dctx *c, int64_t community_id, int64_t t0, int64_t t1, int *limit, int64_t *com_id)
{
    struct st_place com;
    int rc = place_get(c, community_id, &com);
    if (rc)
        return rc;
    if (strcmp(com.kind, "community") != 0)
        return dctx_fail(c, WG_ENOTFOUND, "not_found", NULL);
    assert(t0 <= t1);
    if (*limit < 1 || *limit > REPORT_WINDOW_MAX)
        *limit = REPORT_WINDOW_MAX;
    *com_id = com.id;
    return 0;
}

int report_window(dctx *c, int64_t community_id, int64_t t0, int64_t t1, const char *cats, int want, int limit,
                  struct st_report **out, int *n)
{
    int64_t com = 0;
    int rc = window_community(c, community_id, t0, t1, &limit, &com);
    return rc ? rc : report_store_window(c->st, c->a, com, t0, t1, cats, want, limit, out, n);
}

int report_events_window(dctx *c, int64_t community_id, int64_t t0, int64_t t1, int limit,
                         struct st_report_event **out, int *n)
{
    int64_t com = 0;
    int rc = window_community(c, community_id, t0, t1, &limit, &com);
    return rc ? rc : report_store_events_window(c->st, c->a, com, t0, t1, limit, out, n);
}

int report_events(dctx *c, const struct st_report *r, struct st_report_event **out, int *n)
{
    return report_store_events(c->st, c->a, r->id, out, n);
}

int report_photos(dctx *c, int64_t id, int64_t **out, int *n)
{
    return report_store_photos(c->st, c->a, id, out, n);
}

const char *report_title(dctx *c, const struct st_report *r)
{
    size_t len = 0;
    const char *d = r->description ? r->description : "";
    while (d[len] && d[len] != '\n' && len < 60)
        len++;
    while (len > 0 && (d[len] & 0xC0) == 0x80) /* never cut a character */
        len--;
    return arena_strndup(c->a, d, len);
}
