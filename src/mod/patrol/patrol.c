/* Patrols: routes, rounds, check-ins, findings, missed checkpoints (see patrol.h). */
#include "mod/patrol/patrol.h"

#include <string.h>

#include "core/time.h"
#include "core/token.h"
#include "mod/patrol/patrol_store.h"
#include "mod/people/people.h"

#define N PERM_NONE
#define S PERM_SUBTREE
const struct perm_action patrol_act_manage = {"manage_patrol", "make patrol routes and rounds", {N, N, S, S, S}};
#undef N
#undef S

int patrol_route_create(dctx *c, int64_t place_id, const char *name, const char *const *points,
                        const int64_t *facilities, int n, int64_t *id)
{
    struct st_place p;
    int rc = place_id > 0 ? place_get(c, place_id, &p) : dctx_fail(c, WG_EINVAL, "place_required", "place_id");
    if (rc || (rc = perm_check(c, &patrol_act_manage, p.path, p.community_id)))
        return rc;
    if (p.community_id == 0)
        return dctx_fail(c, WG_EINVAL, "patrol_place_invalid", "place_id");
    if ((rc = dctx_text(c, name, PATROL_TEXT_MAX, 1, "name", "name_required", "patrol_text_invalid")))
        return rc;
    if (n < 1 || n > PATROL_POINTS_MAX)
        return dctx_fail(c, WG_EINVAL, "patrol_points_invalid", "points");
    for (int i = 0; i < n; i++) {
        struct st_facility f;
        if ((rc = dctx_text(c, points[i], PATROL_TEXT_MAX, 1, "points", "patrol_points_invalid", "patrol_text_invalid")))
            return rc;
        if (facilities && facilities[i] > 0 &&
            (facility_get(c, facilities[i], &f) != 0 || f.community_id != p.community_id))
            return dctx_fail(c, WG_EINVAL, "patrol_facility_invalid", "points");
    }
    struct st_route r = {.community_id = p.community_id, .place_id = p.id, .name = name, .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    rc = patrol_store_route_insert(c->st, &r, c->actor->id);
    for (int i = 0; rc == 0 && i < n; i++) {
        char tok[TOKEN_HEX + 1];
        token_random(tok);
        rc = patrol_store_point_insert(c->st, &r, i, points[i], facilities ? facilities[i] : 0, tok);
    }
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = r.id;
    return 0;
}

int patrol_route_get(dctx *c, int64_t id, struct st_route *out)
{
    struct st_place p;
    int rc = id > 0 ? patrol_store_route_get(c->st, c->a, id, out) : WG_ENOTFOUND;
    if (rc == 0)
        rc = place_get(c, out->place_id, &p);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    return rc;
}

int patrol_routes(dctx *c, int64_t community_id, struct st_route **out, int *n)
{
    struct st_place com;
    int rc = place_get(c, community_id, &com);
    return rc ? rc : patrol_store_routes(c->st, c->a, com.community_id ? com.community_id : com.id, out, n);
}

int patrol_points(dctx *c, int64_t route_id, struct st_point **out, int *n)
{
    return patrol_store_points(c->st, c->a, route_id, out, n);
}

int patrol_round_add(dctx *c, int64_t route_id, const char *phone, const char *starts, const char *ends, int64_t *id)
{
    struct st_route r;
    int64_t person = 0, t0 = 0, t1 = 0;
    const char *name = NULL;
    int rc = patrol_route_get(c, route_id, &r);
    if (rc || (rc = perm_check(c, &patrol_act_manage, r.place_path, r.community_id)))
        return rc;
    if (people_find(c, phone, &patrol_act_manage, &person, &name))
        return dctx_fail(c, WG_EINVAL, "patrol_person_unknown", "phone");
    if (time_parse_local(starts ? starts : "", &t0) || time_parse_local(ends ? ends : "", &t1) || t1 <= t0 ||
        t1 - t0 > PATROL_ROUND_MAX)
        return dctx_fail(c, WG_EINVAL, "patrol_time_invalid", "starts");
    if (t1 <= c->now)
        return dctx_fail(c, WG_EINVAL, "patrol_time_past", "ends");
    struct st_round w = {.route_id = r.id, .community_id = r.community_id, .patroller_id = person, .starts_at = t0,
                         .ends_at = t1};
    if ((rc = store_begin(c->st)))
        return rc;
    rc = patrol_store_round_insert(c->st, &w, c->now);
    if (rc == 0)
        rc = job_schedule(c->st, "patrol.close", arena_printf(c->a, "patrol.close:%lld", (long long)w.id), w.id, t1,
                          c->now);
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = w.id;
    return 0;
}

/* The round is the actor's, open now, and the point is on its route with this code. */
static int at_point(dctx *c, int64_t round_id, int64_t point_id, const char *token, struct st_round *w,
                    struct st_point *p, struct st_route *r)
{
    int rc = round_id > 0 ? patrol_store_round_get(c->st, c->a, round_id, w) : WG_ENOTFOUND;
    if (rc == 0)
        rc = patrol_route_get(c, w->route_id, r);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc)
        return rc;
    if (c->actor->id != w->patroller_id)
        return dctx_fail(c, WG_ECONFLICT, "patrol_not_yours", NULL);
    if (point_id <= 0 || patrol_store_point_get(c->st, c->a, point_id, p) != 0 || p->route_id != w->route_id ||
        token == NULL || strcmp(token, p->token) != 0)
        return dctx_fail(c, WG_EINVAL, "patrol_code_invalid", "t");
    if (w->closed || c->now < w->starts_at || c->now > w->ends_at)
        return dctx_fail(c, WG_ECONFLICT, "patrol_outside_window", NULL);
    return 0;
}

int patrol_checkin(dctx *c, int64_t round_id, int64_t point_id, const char *token)
{
    struct st_round w;
    struct st_point p;
    struct st_route r;
    int rc = at_point(c, round_id, point_id, token, &w, &p, &r);
    if (rc || (rc = store_begin(c->st)))
        return rc;
    rc = patrol_store_checkin(c->st, w.id, p.id, w.community_id, c->now, 0);
    if (rc == WG_ECONFLICT)
        rc = dctx_fail(c, rc, "patrol_checked_in", NULL);
    return store_end(c->st, rc);
}

int patrol_finding(dctx *c, int64_t round_id, int64_t point_id, const char *token, const struct report_new *in,
                   int64_t *report_id)
{
    struct st_round w;
    struct st_point p;
    struct st_route r;
    int rc = at_point(c, round_id, point_id, token, &w, &p, &r);
    if (rc)
        return rc;
    struct report_new rn = *in;
    rn.facility_id = p.facility_id;
    rn.place_id = p.facility_id ? 0 : r.place_id;
    if ((rc = report_create(c, &rn, report_id))) /* its own transaction: the report stands even if this point was checked */
        return rc;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = patrol_store_checkin(c->st, w.id, p.id, w.community_id, c->now, *report_id);
    if (rc == WG_ECONFLICT) /* checked in already: the report is the finding of that check-in */
        rc = 0;
    return store_end(c->st, rc);
}

int patrol_my_round(dctx *c, int64_t point_id, int64_t *round_id, const char **name)
{
    struct st_point p;
    struct st_route route;
    *round_id = 0;
    int rc = patrol_store_point_get(c->st, c->a, point_id, &p);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc || (rc = patrol_route_get(c, p.route_id, &route))) /* readers of its community only */
        return rc;
    *name = p.name;
    return patrol_store_open_round(c->st, p.route_id, c->actor ? c->actor->id : 0, c->now, round_id);
}

int patrol_job_close(dctx *c, const struct job *j)
{
    return patrol_store_close(c->st, j->ref_id);
}

json_t *patrol_route_detail(dctx *c, int64_t id, int with_tokens, int *rc)
{
    struct st_route r;
    struct st_point *p = NULL;
    struct st_round *w = NULL;
    int np = 0, nw = 0;
    if ((*rc = patrol_route_get(c, id, &r)) || (*rc = patrol_points(c, r.id, &p, &np)) ||
        (*rc = patrol_store_rounds(c->st, c->a, r.id, &w, &nw)))
        return NULL;
    int manage = c->actor && perm_allows(c->actor, &patrol_act_manage, r.place_path);
    json_t *points = json_array(), *rounds = json_array(), *missed = json_object();
    for (int i = 0; i < np; i++) {
        json_t *x = json_pack("{s:I, s:i, s:s}", "id", (json_int_t)p[i].id, "position", p[i].position, "name", p[i].name);
        json_object_set_new(x, "facility_id", p[i].facility_id ? json_integer(p[i].facility_id) : json_null());
        if (with_tokens && manage)
            json_object_set_new(x, "checkin_url", json_string(arena_printf(c->a, "/patrol-points/%lld?t=%s",
                                                                           (long long)p[i].id, p[i].token)));
        json_array_append_new(points, x);
    }
    for (int i = 0; i < nw; i++) {
        json_t *x = json_pack("{s:I, s:{s:I, s:s}, s:b, s:i, s:i}", "id", (json_int_t)w[i].id, "patroller", "id",
                              (json_int_t)w[i].patroller_id, "name", w[i].patroller_name, "closed", w[i].closed != 0,
                              "checked", w[i].checked, "missed", w[i].missed);
        time_json_pair(x, "starts_at", w[i].starts_at);
        time_json_pair(x, "ends_at", w[i].ends_at);
        json_array_append_new(rounds, x);
        json_t *m = json_object_get(missed, w[i].patroller_name);
        json_object_set_new(missed, w[i].patroller_name, json_integer((m ? json_integer_value(m) : 0) + w[i].missed));
    }
    return json_pack("{s:I, s:I, s:s, s:{s:I, s:s}, s:o, s:o, s:o, s:b}", "id", (json_int_t)r.id, "community_id",
                     (json_int_t)r.community_id, "name", r.name, "place", "id", (json_int_t)r.place_id, "name",
                     r.place_name, "points", points, "rounds", rounds, "missed", missed, "may_manage", manage);
}
