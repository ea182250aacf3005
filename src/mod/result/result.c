/* The result page's data (see result.h). */
#include "mod/result/result.h"

#include <string.h>

#include <stdlib.h>

#include "mod/evaluation/evaluation.h"
#include "mod/facility/facility.h"
#include "mod/matter/matter.h"
#include "mod/opinion/opinion.h"
#include "mod/place/place.h"
#include "mod/project/project.h"
#include "mod/satisfaction/satisfaction.h"
#include "mod/volunteer/volunteer.h"
#include "mod/vote/vote.h"

/* The project in full (the matter's page shows its last events only), its
 * shifts and what it built, with the reports about each. */
static int add_project(dctx *c, const struct st_matter *m, json_t *o)
{
    struct st_project p;
    struct st_shift *ss = NULL;
    struct st_facility *fs = NULL;
    int ns = 0, nf = 0, rc = project_of_matter(c, m->id, &p);
    if (rc == WG_ENOTFOUND)
        return 0;
    json_t *d = rc ? NULL : project_detail(c, p.id, &rc);
    if (d == NULL)
        return rc;
    json_object_set_new(o, "project", d);
    json_t *shifts = json_array(), *built = json_array();
    json_object_set_new(o, "shifts", shifts);
    json_object_set_new(o, "facilities", built);
    if ((rc = volunteer_shifts(c, m->community_id, 0, &ss, &ns)) ||
        (rc = facility_list(c, m->community_id, &fs, &nf)))
        return rc;
    for (int i = 0; i < ns; i++)
        if (ss[i].project_id == p.id)
            json_array_append_new(shifts, volunteer_shift_json(c, &ss[i], 0));
    for (int i = 0; i < nf; i++) {
        if (fs[i].project_id != p.id)
            continue;
        json_t *f = facility_detail(c, fs[i].id, &rc);
        if (f == NULL)
            return rc;
        json_array_append_new(built, f);
    }
    return 0;
}

static int add_evaluations(dctx *c, const struct st_matter *m, json_t *o)
{
    struct st_evaluation *es = NULL;
    int n = 0, rc = evaluation_of_matter(c, m->id, &es, &n);
    json_t *items = json_array();
    json_object_set_new(o, "evaluations", items);
    for (int i = 0; rc == 0 && i < n; i++) {
        json_t *e = evaluation_json(c, &es[i], &rc);
        if (e)
            json_array_append_new(items, e);
    }
    return rc;
}

/* The households that took part, each once, sorted by building. */
struct took_part {
    struct household_ref *h;
    int n, cap;
};

static int cmp_household(const void *x, const void *y)
{
    const struct household_ref *a = x, *b = y;
    return (a->household > b->household) - (a->household < b->household);
}

static int cmp_building(const void *x, const void *y)
{
    const struct household_ref *a = x, *b = y;
    if (a->building != b->building)
        return (a->building > b->building) - (a->building < b->building);
    return cmp_household(x, y);
}

/* Adds one source's households to t; sets by[name] to how many it gave. */
static int took_part_add(dctx *c, struct took_part *t, json_t *by, const char *name,
                         int (*fn)(dctx *, int64_t, struct household_ref **, int *), int64_t id)
{
    struct household_ref *hs = NULL;
    int n = 0, rc = id ? fn(c, id, &hs, &n) : 0;
    if (rc)
        return rc;
    json_object_set_new(by, name, json_integer(n));
    if (t->n + n > t->cap) {
        int cap = t->n + n + 64;
        struct household_ref *grown = arena_alloc(c->a, sizeof *grown * (size_t)cap);
        if (t->n)
            memcpy(grown, t->h, sizeof *grown * (size_t)t->n);
        t->h = grown;
        t->cap = cap;
    }
    if (n)
        memcpy(t->h + t->n, hs, sizeof *hs * (size_t)n);
    t->n += n;
    return 0;
}

/* Everyone who took part in the matter, through each module that knows:
 * supports, opinions taken in, votes, volunteers of its project,
 * assessments and surveys. A household counts once however often. */
static int took_part_collect(dctx *c, const struct st_matter *m, int64_t project_id, struct took_part *t, json_t *by)
{
    int rc;
    if ((rc = took_part_add(c, t, by, "supported", matter_households, m->id)) ||
        (rc = took_part_add(c, t, by, "opinions", opinion_households, m->id)) ||
        (rc = took_part_add(c, t, by, "voted", vote_households, m->id)) ||
        (rc = took_part_add(c, t, by, "volunteered", volunteer_households, project_id)) ||
        (rc = took_part_add(c, t, by, "assessed", evaluation_households, m->id)) ||
        (rc = took_part_add(c, t, by, "surveyed", satisfaction_households, m->id)))
        return rc;
    if (t->n == 0)
        return 0;
    qsort(t->h, (size_t)t->n, sizeof *t->h, cmp_household);
    int u = 1;
    for (int i = 1; i < t->n; i++)
        if (t->h[i].household != t->h[u - 1].household)
            t->h[u++] = t->h[i];
    t->n = u;
    qsort(t->h, (size_t)t->n, sizeof *t->h, cmp_building);
    return 0;
}

/* How many of the households that took part live in building b. */
static int took_part_in(const struct took_part *t, int64_t b)
{
    int lo = 0, hi = t->n, n = 0;
    while (lo < hi) { /* the first of building b */
        int mid = lo + (hi - lo) / 2;
        if (t->h[mid].building < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    while (lo + n < t->n && t->h[lo + n].building == b)
        n++;
    return n;
}

/* The buildings under the place (itself, when it is one) with their
 * households and how many of them took part. */
static int collect_buildings(dctx *c, const struct st_place *p, const struct took_part *t, json_t *out,
                             int *households)
{
    struct st_place *kids = NULL;
    int n = 0, total = 0, rc;
    if (strcmp(p->kind, "building") == 0) {
        if ((rc = place_children(c, p, 1, 0, &kids, &n, &total)))
            return rc;
        *households += total;
        json_array_append_new(out, json_pack("{s:I, s:s, s:i, s:i}", "id", (json_int_t)p->id, "name", p->name,
                                             "households", total, "took_part", took_part_in(t, p->id)));
        return 0;
    }
    if (strcmp(p->kind, "grid") && strcmp(p->kind, "community"))
        return 0;
    if ((rc = place_children(c, p, RESULT_BUILDINGS_MAX, 0, &kids, &n, &total)))
        return rc;
    for (int i = 0; rc == 0 && i < n && json_array_size(out) < RESULT_BUILDINGS_MAX; i++)
        rc = collect_buildings(c, &kids[i], t, out, households);
    return rc;
}

static int add_beneficiaries(dctx *c, const struct st_matter *m, json_t *o)
{
    struct st_place p;
    struct st_project pr;
    struct took_part t = {0};
    json_t *by = json_object(), *buildings = json_array();
    int households = 0, rc = project_of_matter(c, m->id, &pr);
    if (rc == WG_ENOTFOUND)
        rc = 0, pr.id = 0;
    if (rc == 0)
        rc = took_part_collect(c, m, pr.id, &t, by);
    if (rc == 0)
        rc = place_get(c, m->place_id, &p);
    if (rc == 0)
        rc = collect_buildings(c, &p, &t, buildings, &households);
    json_object_set_new(o, "benefited",
                        json_pack("{s:{s:I, s:s, s:s}, s:o, s:i, s:i, s:i, s:o}", "place", "id",
                                  (json_int_t)(rc ? 0 : p.id), "name", rc ? "" : p.name, "kind", rc ? "" : p.kind,
                                  "buildings", buildings, "building_count", (int)json_array_size(buildings),
                                  "households", households, "took_part", t.n, "took_part_by", by));
    return rc;
}

json_t *result_json(dctx *c, int64_t matter_id, int *rc)
{
    struct matter_detail d;
    if ((*rc = matter_detail(c, matter_id, 1, &d)))
        return NULL;
    json_t *o = matter_view_detail(c, &d);
    struct st_matter m = d.m;
    matter_detail_free(&d);
    json_object_del(o, "transitions"); /* a record, not a desk */
    if ((*rc = add_project(c, &m, o)) || (*rc = add_evaluations(c, &m, o)) || (*rc = add_beneficiaries(c, &m, o)))
        return json_decref(o), NULL;
    json_object_set_new(o, "result_url", json_string(arena_printf(c->a, "/matters/%lld/result", (long long)m.id)));
    return o;
}
