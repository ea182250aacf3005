/* The result page's data (see result.h). */
#include "mod/result/result.h"

#include <string.h>

#include "mod/evaluation/evaluation.h"
#include "mod/facility/facility.h"
#include "mod/matter/matter.h"
#include "mod/place/place.h"
#include "mod/project/project.h"
#include "mod/volunteer/volunteer.h"

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

/* The buildings under the place (itself, when it is one) with their households. */
static int collect_buildings(dctx *c, const struct st_place *p, json_t *out, int *households)
{
    struct st_place *kids = NULL;
    int n = 0, total = 0, rc;
    if (strcmp(p->kind, "building") == 0) {
        if ((rc = place_children(c, p, 1, 0, &kids, &n, &total)))
            return rc;
        *households += total;
        json_array_append_new(out, json_pack("{s:I, s:s, s:i}", "id", (json_int_t)p->id, "name", p->name,
                                             "households", total));
        return 0;
    }
    if (strcmp(p->kind, "grid") && strcmp(p->kind, "community"))
        return 0;
    if ((rc = place_children(c, p, RESULT_BUILDINGS_MAX, 0, &kids, &n, &total)))
        return rc;
    for (int i = 0; rc == 0 && i < n && json_array_size(out) < RESULT_BUILDINGS_MAX; i++)
        rc = collect_buildings(c, &kids[i], out, households);
    return rc;
}

static int add_beneficiaries(dctx *c, const struct st_matter *m, json_t *o)
{
    struct st_place p;
    int households = 0, rc = place_get(c, m->place_id, &p);
    json_t *buildings = json_array();
    if (rc == 0)
        rc = collect_buildings(c, &p, buildings, &households);
    json_object_set_new(o, "benefited", json_pack("{s:{s:I, s:s, s:s}, s:o, s:i, s:i}", "place", "id", (json_int_t)p.id,
                                                  "name", rc ? "" : p.name, "kind", rc ? "" : p.kind, "buildings",
                                                  buildings, "building_count", (int)json_array_size(buildings),
                                                  "households", households));
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
