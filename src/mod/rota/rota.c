/* Duty rotas: rotas, duties, done and missed, swaps, reminders (see rota.h). */
#include "mod/rota/rota.h"

#include <string.h>

#include "core/time.h"
#include "mod/people/people.h"
#include "mod/rota/rota_store.h"

#define N PERM_NONE
#define S PERM_SUBTREE
const struct perm_action rota_act_manage = {"manage_rota", "make duty rotas and their duties", {N, N, S, S, S}};
#undef N
#undef S

static const char *key(dctx *c, const char *kind, int64_t id)
{
    return arena_printf(c->a, "%s:%lld", kind, (long long)id);
}

int rota_create(dctx *c, int64_t place_id, int64_t facility_id, const char *title, const char *task, int64_t *id)
{
    struct st_place p;
    struct st_facility f = {0};
    int rc = 0;
    if (facility_id > 0) {
        if ((rc = facility_get(c, facility_id, &f)))
            return dctx_fail(c, WG_EINVAL, "rota_facility_invalid", "facility_id");
        place_id = f.place_id;
    }
    if (place_id <= 0)
        return dctx_fail(c, WG_EINVAL, "place_required", "place_id");
    if ((rc = place_get(c, place_id, &p)) || (rc = perm_check(c, &rota_act_manage, p.path, p.community_id)))
        return rc;
    if (p.community_id == 0)
        return dctx_fail(c, WG_EINVAL, "rota_place_invalid", "place_id");
    if ((rc = dctx_text(c, title, ROTA_TEXT_MAX, 1, "title", "title_required", "rota_text_invalid")) ||
        (rc = dctx_text(c, task, ROTA_TEXT_MAX, 1, "task", "rota_task_required", "rota_text_invalid")))
        return rc;
    struct st_rota r = {.community_id = p.community_id, .place_id = p.id, .facility_id = facility_id > 0 ? facility_id : 0,
                        .title = title, .task = task, .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    rc = rota_store_insert(c->st, &r, c->actor->id);
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = r.id;
    return 0;
}

int rota_get(dctx *c, int64_t id, struct st_rota *out)
{
    struct st_place p;
    int rc = id > 0 ? rota_store_get(c->st, c->a, id, out) : WG_ENOTFOUND;
    if (rc == 0)
        rc = place_get(c, out->place_id, &p);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    return rc;
}

int rota_list(dctx *c, int64_t community_id, struct st_rota **out, int *n)
{
    struct st_place com;
    int rc = place_get(c, community_id, &com);
    return rc ? rc : rota_store_list(c->st, c->a, com.community_id ? com.community_id : com.id, out, n);
}

static int may_manage(dctx *c, const struct st_rota *r)
{
    return c->actor && perm_allows(c->actor, &rota_act_manage, r->place_path);
}

int rota_duty_add(dctx *c, int64_t rota_id, const char *phone, const char *starts, const char *ends, int64_t *id)
{
    struct st_rota r;
    int64_t person = 0, t0 = 0, t1 = 0;
    const char *name = NULL;
    int rc = rota_get(c, rota_id, &r);
    if (rc || (rc = perm_check(c, &rota_act_manage, r.place_path, r.community_id)))
        return rc;
    if (people_find(c, phone, &rota_act_manage, &person, &name))
        return dctx_fail(c, WG_EINVAL, "rota_person_unknown", "phone");
    if (time_parse_local(starts ? starts : "", &t0) || time_parse_local(ends ? ends : "", &t1) || t1 <= t0 ||
        t1 - t0 > ROTA_DUTY_MAX)
        return dctx_fail(c, WG_EINVAL, "rota_time_invalid", "starts");
    if (t1 <= c->now)
        return dctx_fail(c, WG_EINVAL, "rota_time_past", "ends");
    struct st_duty d = {.rota_id = r.id, .community_id = r.community_id, .person_id = person, .starts_at = t0, .ends_at = t1};
    if ((rc = store_begin(c->st)))
        return rc;
    rc = rota_store_duty_insert(c->st, &d, c->now);
    if (rc == 0) /* the day before, a reminder; then whether it was done */
        rc = job_schedule(c->st, "rota.remind", key(c, "rota.remind", d.id), d.id,
                          t0 - TIME_DAY > c->now ? t0 - TIME_DAY : c->now, c->now);
    if (rc == 0)
        rc = job_schedule(c->st, "rota.check", key(c, "rota.check", d.id), d.id, t1 + ROTA_GRACE, c->now);
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = d.id;
    return 0;
}

/* The duty and its rota, for readers of the rota. */
static int duty_get(dctx *c, int64_t duty_id, struct st_duty *d, struct st_rota *r)
{
    int rc = duty_id > 0 ? rota_store_duty_get(c->st, c->a, duty_id, d) : WG_ENOTFOUND;
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    return rc ? rc : rota_get(c, d->rota_id, r);
}

int rota_duty_done(dctx *c, int64_t duty_id, const char *note)
{
    struct st_duty d;
    struct st_rota r;
    int rc = duty_get(c, duty_id, &d, &r);
    if (rc)
        return rc;
    if (c->actor->id != d.person_id && !may_manage(c, &r))
        return perm_check(c, &rota_act_manage, r.place_path, r.community_id);
    if ((rc = dctx_text(c, note, ROTA_NOTE_MAX, 0, "note", "rota_note_invalid", "rota_note_invalid")))
        return rc;
    if (strcmp(d.status, "done") == 0)
        return dctx_fail(c, WG_ECONFLICT, "rota_duty_done_already", NULL);
    if (c->now < d.starts_at || (c->now > d.ends_at + ROTA_GRACE && !may_manage(c, &r)))
        return dctx_fail(c, WG_ECONFLICT, "rota_duty_not_now", NULL);
    if ((rc = store_begin(c->st)))
        return rc;
    rc = rota_store_duty_lock(c->st, d.id);
    if (rc == 0)
        rc = rota_store_duty_status(c->st, d.id, "done", note, c->now);
    if (rc == 0)
        rc = job_cancel(c->st, key(c, "rota.check", d.id), NULL);
    return store_end(c->st, rc);
}

int rota_swap_ask(dctx *c, int64_t duty_id, int64_t other_duty_id, int64_t *swap_id)
{
    struct st_duty a, b;
    struct st_rota r, r2;
    int rc = duty_get(c, duty_id, &a, &r);
    if (rc || (rc = duty_get(c, other_duty_id, &b, &r2)))
        return rc;
    if (c->actor->id != a.person_id)
        return dctx_fail(c, WG_ECONFLICT, "rota_swap_not_yours", "duty_id");
    if (b.rota_id != a.rota_id || b.person_id == a.person_id || strcmp(a.status, "scheduled") ||
        strcmp(b.status, "scheduled") || a.starts_at <= c->now || b.starts_at <= c->now)
        return dctx_fail(c, WG_EINVAL, "rota_swap_invalid", "other_duty_id");
    struct st_swap w = {.duty_id = a.id, .other_duty_id = b.id, .requester_id = a.person_id,
                        .responder_id = b.person_id, .created_at = c->now};
    struct notify_msg msg = {.kind = "rota_swap_asked", .title = r.title, .detail = a.person_name,
                             .url = arena_printf(c->a, "/rotas/%lld", (long long)r.id), .at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    rc = rota_store_swap_insert(c->st, &w);
    if (rc == 0)
        rc = notify_person(c->st, w.responder_id, &msg);
    if ((rc = store_end(c->st, rc)))
        return rc;
    *swap_id = w.id;
    return 0;
}

int rota_swap_answer(dctx *c, int64_t swap_id, int accept)
{
    struct st_swap w;
    struct st_duty a, b;
    struct st_rota r;
    int rc = swap_id > 0 ? rota_store_swap_get(c->st, c->a, swap_id, &w) : WG_ENOTFOUND;
    if (rc == WG_ENOTFOUND || (rc == 0 && (rc = duty_get(c, w.duty_id, &a, &r)) == WG_ENOTFOUND))
        return dctx_fail(c, WG_ENOTFOUND, "not_found", NULL);
    if (rc)
        return rc;
    if (c->actor->id != w.responder_id)
        return dctx_fail(c, WG_ECONFLICT, "rota_swap_not_yours", NULL);
    if ((rc = store_begin(c->st)))
        return rc;
    rc = rota_store_duty_lock(c->st, w.duty_id);
    if (rc == 0)
        rc = rota_store_duty_lock(c->st, w.other_duty_id);
    if (rc == 0)
        rc = rota_store_swap_decide(c->st, w.id, accept ? "accepted" : "declined", c->now);
    if (rc == WG_ECONFLICT)
        rc = dctx_fail(c, rc, "rota_swap_decided", NULL);
    /* both duties still as they were asked: then the people change places */
    if (rc == 0 && accept && (rc = rota_store_duty_get(c->st, c->a, w.duty_id, &a)) == 0 &&
        (rc = rota_store_duty_get(c->st, c->a, w.other_duty_id, &b)) == 0) {
        if (a.person_id != w.requester_id || b.person_id != w.responder_id || strcmp(a.status, "scheduled") ||
            strcmp(b.status, "scheduled"))
            rc = dctx_fail(c, WG_ECONFLICT, "rota_swap_stale", NULL);
        if (rc == 0 && (rc = rota_store_duty_person(c->st, a.id, b.person_id)) == 0)
            rc = rota_store_duty_person(c->st, b.id, a.person_id);
    }
    if (rc == 0) {
        struct notify_msg msg = {.kind = accept ? "rota_swap_accepted" : "rota_swap_declined", .title = r.title,
                                 .url = arena_printf(c->a, "/rotas/%lld", (long long)r.id), .at = c->now};
        rc = notify_person(c->st, w.requester_id, &msg);
    }
    return store_end(c->st, rc);
}

/* Job rota.remind: the duty's person, the day before. */
int rota_job_remind(dctx *c, const struct job *j)
{
    struct st_duty d;
    struct st_rota r;
    int rc = rota_store_duty_get(c->st, c->a, j->ref_id, &d);
    if (rc == WG_ENOTFOUND || (rc == 0 && strcmp(d.status, "scheduled") != 0))
        return 0;
    if (rc || (rc = rota_store_get(c->st, c->a, d.rota_id, &r)))
        return rc;
    struct notify_msg msg = {.kind = "rota_reminder", .title = r.title, .detail = r.task,
                             .url = arena_printf(c->a, "/rotas/%lld", (long long)r.id), .at = j->due_at};
    return notify_person(c->st, d.person_id, &msg);
}

/* Job rota.check: a duty not done by its end and the grace is missed. */
int rota_job_check(dctx *c, const struct job *j)
{
    struct st_duty d;
    int rc = rota_store_duty_get(c->st, c->a, j->ref_id, &d);
    if (rc == WG_ENOTFOUND || (rc == 0 && strcmp(d.status, "scheduled") != 0))
        return 0;
    return rc ? rc : rota_store_duty_status(c->st, d.id, "missed", d.note, 0);
}

json_t *rota_json(dctx *c, const struct st_rota *r)
{
    json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:{s:I, s:s}, s:s}", "id", (json_int_t)r->id, "community_id",
                          (json_int_t)r->community_id, "title", r->title, "task", r->task, "place", "id",
                          (json_int_t)r->place_id, "name", r->place_name, "url",
                          arena_printf(c->a, "/rotas/%lld", (long long)r->id));
    json_object_set_new(o, "facility", r->facility_id ? json_pack("{s:I, s:s}", "id", (json_int_t)r->facility_id, "name",
                                                                  r->facility_name ? r->facility_name : "")
                                                      : json_null());
    return o;
}

/* For managers: each duty's latest swap, asked by or of its person
 * ({id, with_duty_id, status}), or null. */
static int swaps_of_duties(dctx *c, int64_t rota_id, json_t *duties)
{
    struct st_swap *w = NULL;
    int nw = 0, rc = rota_store_swaps_of(c->st, c->a, rota_id, &w, &nw);
    size_t i;
    json_t *x;
    json_array_foreach(duties, i, x) {
        int64_t id = json_integer_value(json_object_get(x, "id"));
        json_t *swap = json_null();
        for (int k = 0; rc == 0 && k < nw && json_is_null(swap); k++) /* newest first */
            if (w[k].duty_id == id || w[k].other_duty_id == id)
                swap = json_pack("{s:I, s:I, s:s}", "id", (json_int_t)w[k].id, "with_duty_id",
                                 (json_int_t)(w[k].duty_id == id ? w[k].other_duty_id : w[k].duty_id), "status", w[k].status);
        json_object_set_new(x, "last_swap", swap);
    }
    return rc;
}

json_t *rota_detail(dctx *c, int64_t id, int *rc)
{
    struct st_rota r;
    struct st_duty *d = NULL;
    struct st_swap *w = NULL;
    int n = 0, nw = 0;
    if ((*rc = rota_get(c, id, &r)) || (*rc = rota_store_duties(c->st, c->a, r.id, &d, &n)) ||
        (*rc = rota_store_swaps_for(c->st, c->a, r.id, c->actor ? c->actor->id : 0, &w, &nw)))
        return NULL;
    json_t *o = rota_json(c, &r), *duties = json_array(), *missed = json_object(), *swaps = json_array();
    int manage = may_manage(c, &r);
    for (int i = 0; i < n; i++) {
        int mine = c->actor && d[i].person_id == c->actor->id;
        json_t *x = json_pack("{s:I, s:{s:I, s:s}, s:s, s:s, s:b}", "id", (json_int_t)d[i].id, "person", "id",
                              (json_int_t)d[i].person_id, "name", d[i].person_name, "status", d[i].status, "note",
                              d[i].note, "mine", mine);
        time_json_pair(x, "starts_at", d[i].starts_at);
        time_json_pair(x, "ends_at", d[i].ends_at);
        time_json_pair(x, "done_at", d[i].done_at);
        json_object_set_new(x, "may_mark_done", json_boolean(strcmp(d[i].status, "done") && c->now >= d[i].starts_at &&
                                                             ((mine && c->now <= d[i].ends_at + ROTA_GRACE) || manage)));
        json_array_append_new(duties, x);
        if (strcmp(d[i].status, "missed") == 0) {
            json_t *m = json_object_get(missed, d[i].person_name);
            json_object_set_new(missed, d[i].person_name, json_integer(m ? json_integer_value(m) + 1 : 1));
        }
    }
    for (int i = 0; i < nw; i++)
        json_array_append_new(swaps, json_pack("{s:I, s:I, s:I, s:b}", "id", (json_int_t)w[i].id, "duty_id",
                                               (json_int_t)w[i].duty_id, "other_duty_id", (json_int_t)w[i].other_duty_id,
                                               "asked_of_me", c->actor && w[i].responder_id == c->actor->id));
    if (manage && (*rc = swaps_of_duties(c, r.id, duties)))
        return json_decref(o), json_decref(duties), json_decref(missed), json_decref(swaps), NULL;
    json_object_set_new(o, "duties", duties);
    json_object_set_new(o, "missed", missed);
    json_object_set_new(o, "swaps", swaps);
    json_object_set_new(o, "may_manage", json_boolean(manage));
    return o;
}
