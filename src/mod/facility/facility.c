/* Facilities: the registry, upkeep, and the panels of later modules (see facility.h). */
#include "mod/facility/facility.h"

#include <string.h>

#include "core/time.h"
#include "mod/facility/facility_store.h"
#include "mod/people/people.h"
#include "mod/project/project.h"

#define N PERM_NONE
#define S PERM_SUBTREE
const struct perm_action facility_act_manage = {"manage_facility", "register a facility and record its upkeep",
                                                {N, N, N, S, S}};
#undef N
#undef S

const char *const facility_kinds[] = {"bike_shed", "charging", "lights", "fitness", "playground", "seating",
                                      "door",      "camera",   "waste",  "garden",  "other",      NULL};
const char *const facility_upkeep_kinds[] = {"clean", "repair", "check", "other", NULL};

static int one_of(const char *v, const char *const *list)
{
    for (; v && *list; list++)
        if (strcmp(v, *list) == 0)
            return 1;
    return 0;
}

/* Where a facility stands: a community, grid or building the actor reads. */
static int facility_place(dctx *c, int64_t place_id, struct st_place *p)
{
    if (place_id <= 0)
        return dctx_fail(c, WG_EINVAL, "place_required", "place_id");
    int rc = place_get(c, place_id, p);
    if (rc == 0 && strcmp(p->kind, "community") && strcmp(p->kind, "grid") && strcmp(p->kind, "building"))
        rc = dctx_fail(c, WG_EINVAL, "facility_place_invalid", "place_id");
    return rc;
}

/* A project it comes from: of the same community, and finished. */
static int from_project(dctx *c, int64_t project_id, int64_t *place_id, const char **title)
{
    struct st_project pr;
    int permille = 0, done = 0, total = 0;
    int rc = project_get(c, project_id, &pr);
    if (rc || (rc = project_progress_of(c, pr.id, &permille, &done, &total)))
        return rc;
    if (permille < 1000)
        return dctx_fail(c, WG_ECONFLICT, "facility_project_unfinished", "project_id");
    if (*place_id == 0)
        *place_id = pr.place_id;
    if (*title == NULL || **title == '\0')
        *title = pr.title;
    return 0;
}

static int validate(dctx *c, const struct facility_new *in)
{
    int rc;
    if (!one_of(in->kind, facility_kinds))
        return dctx_fail(c, WG_EINVAL, "facility_kind_invalid", "kind");
    if ((rc = dctx_text(c, in->description, FACILITY_TEXT_MAX, 0, "description", "description_required",
                        "facility_text_invalid")))
        return rc;
    if (in->nphotos < 0 || in->nphotos > FACILITY_PHOTOS_MAX)
        return dctx_fail(c, WG_EINVAL, "too_many_photos", "photos");
    return 0;
}

int facility_create(dctx *c, const struct facility_new *in, int64_t *id)
{
    struct st_place p;
    struct photo_image img[FACILITY_PHOTOS_MAX];
    int64_t place_id = in->place_id, keeper = 0;
    const char *name = in->name, *keeper_name = NULL;
    int rc = 0;
    if (in->project_id > 0)
        rc = from_project(c, in->project_id, &place_id, &name);
    if (rc || (rc = facility_place(c, place_id, &p)) ||
        (rc = perm_check(c, &facility_act_manage, p.path, p.community_id)) || (rc = validate(c, in)) ||
        (rc = dctx_text(c, name, FACILITY_NAME_MAX, 1, "name", "name_required", "facility_name_invalid")))
        return rc;
    if (in->keeper_phone && *in->keeper_phone &&
        (rc = people_find(c, in->keeper_phone, &facility_act_manage, &keeper, &keeper_name)))
        return dctx_fail(c, WG_EINVAL, "facility_keeper_unknown", "keeper");
    for (int i = 0; i < in->nphotos; i++) /* decoded outside the transaction */
        if ((rc = photo_prepare(c, in->photos[i].data, in->photos[i].len, &img[i])))
            return rc;
    struct st_facility f = {.community_id = p.community_id, .place_id = p.id, .project_id = in->project_id,
                            .keeper_id = keeper, .kind = in->kind, .name = name,
                            .description = in->description ? in->description : "", .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    rc = facility_store_insert(c->st, &f, c->actor->id);
    if (rc == WG_ECONFLICT)
        rc = dctx_fail(c, rc, "facility_project_taken", "project_id");
    for (int i = 0; rc == 0 && i < in->nphotos; i++) {
        int64_t pid = 0;
        if ((rc = photo_insert(c, p.community_id, &img[i], &pid)) == 0)
            rc = facility_store_photo(c->st, f.id, pid, p.community_id, i);
    }
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = f.id;
    return 0;
}

int facility_get(dctx *c, int64_t id, struct st_facility *out)
{
    struct st_place p;
    int rc = id > 0 ? facility_store_get(c->st, c->a, id, out) : WG_ENOTFOUND;
    if (rc == 0)
        rc = place_get(c, out->place_id, &p); /* readers of its place */
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    return rc;
}

int facility_list(dctx *c, int64_t community_id, struct st_facility **out, int *n)
{
    struct st_place com;
    int rc = place_get(c, community_id, &com);
    if (rc)
        return rc;
    return facility_store_list(c->st, c->a, com.community_id ? com.community_id : com.id, out, n);
}

int facility_may_manage(dctx *c, const struct st_facility *f)
{
    return c->actor && perm_allows(c->actor, &facility_act_manage, f->place_path);
}

int facility_may_keep(dctx *c, const struct st_facility *f)
{
    return c->actor && (c->actor->id == f->keeper_id || facility_may_manage(c, f));
}

int facility_upkeep(dctx *c, int64_t id, const char *kind, const char *note, int64_t *upkeep_id)
{
    struct st_facility f;
    int rc = facility_get(c, id, &f);
    if (rc)
        return rc;
    if (!facility_may_keep(c, &f))
        return perm_check(c, &facility_act_manage, f.place_path, f.community_id); /* audited, 403 */
    if (!one_of(kind, facility_upkeep_kinds))
        return dctx_fail(c, WG_EINVAL, "facility_upkeep_kind_invalid", "kind");
    if ((rc = dctx_text(c, note, FACILITY_TEXT_MAX, 1, "note", "facility_note_required", "facility_text_invalid")))
        return rc;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = facility_store_upkeep(c->st, f.id, f.community_id, kind, note, c->actor->id, c->now, upkeep_id);
    return store_end(c->st, rc);
}

int facility_upkeep_list(dctx *c, const struct st_facility *f, struct st_upkeep **out, int *n)
{
    return facility_store_upkeeps(c->st, c->a, f->id, out, n);
}

json_t *facility_json(dctx *c, const struct st_facility *f)
{
    json_t *photos = json_array();
    for (int i = 0; i < f->nphotos; i++)
        json_array_append_new(photos, photo_json(c->a, f->photos[i]));
    json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:{s:I, s:s}, s:o}", "id", (json_int_t)f->id, "community_id",
                          (json_int_t)f->community_id, "kind", f->kind, "name", f->name, "description",
                          f->description, "place", "id", (json_int_t)f->place_id, "name", f->place_name, "photos",
                          photos);
    json_object_set_new(o, "keeper", f->keeper_id ? json_pack("{s:I, s:s}", "id", (json_int_t)f->keeper_id, "name",
                                                             f->keeper_name ? f->keeper_name : "")
                                                  : json_null());
    json_object_set_new(o, "project", f->project_id ? json_pack("{s:I, s:s}", "id", (json_int_t)f->project_id,
                                                               "title", f->project_title ? f->project_title : "")
                                                    : json_null());
    json_object_set_new(o, "url", json_string(arena_printf(c->a, "/facilities/%lld", (long long)f->id)));
    time_json_pair(o, "created_at", f->created_at);
    return o;
}

struct panel_call {
    dctx *c;
    const struct st_facility *f;
    json_t *o;
};

static int panel_one(const void *impl, void *ud)
{
    const struct facility_ext *x = impl;
    struct panel_call *pc = ud;
    int rc = 0;
    json_t *p = x->panel ? x->panel(pc->c, pc->f, &rc) : NULL;
    if (p)
        json_object_update(pc->o, p), json_decref(p);
    return rc;
}

json_t *facility_detail(dctx *c, int64_t id, int *rc)
{
    struct st_facility f;
    struct st_upkeep *u = NULL;
    int n = 0;
    if ((*rc = facility_get(c, id, &f)) || (*rc = facility_upkeep_list(c, &f, &u, &n)))
        return NULL;
    json_t *o = facility_json(c, &f), *list = json_array();
    for (int i = 0; i < n; i++) {
        json_t *x = json_pack("{s:I, s:s, s:s, s:{s:I, s:s}}", "id", (json_int_t)u[i].id, "kind", u[i].kind, "note",
                              u[i].note, "by", "id", (json_int_t)u[i].actor_id, "name", u[i].actor_name);
        json_array_append_new(list, time_json_pair(x, "at", u[i].at));
    }
    json_object_set_new(o, "upkeep", list);
    json_object_set_new(o, "may_keep", json_boolean(facility_may_keep(c, &f)));
    json_object_set_new(o, "may_manage", json_boolean(facility_may_manage(c, &f)));
    if ((*rc = module_each_ext("facility", panel_one, &(struct panel_call){c, &f, o}))) {
        json_decref(o);
        return NULL;
    }
    return o;
}
