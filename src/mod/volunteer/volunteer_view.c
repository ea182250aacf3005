/* Shifts, records and certificates as pages and the API show them. */
#include <stdio.h>
#include <string.h>

#include "core/time.h"
#include "core/token.h"
#include "mod/volunteer/volunteer.h"
#include "mod/volunteer/volunteer_store.h"

static json_t *local(arena *a, int64_t t)
{
    char buf[24];
    if (t == 0 || time_format_local(t, buf, sizeof buf))
        return json_null();
    return json_string(arena_strdup(a, buf));
}

static json_t *signup_json(dctx *c, const struct st_signup *u)
{
    json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:o, s:o}", "id", (json_int_t)u->id, "person_id",
                          (json_int_t)u->person_id, "name", u->person_name ? u->person_name : "", "status", u->status,
                          "checkin", local(c->a, u->checkin_at), "checkout", local(c->a, u->checkout_at));
    json_object_set_new(o, "minutes", u->confirmed_at ? json_integer(u->minutes) : json_null());
    json_object_set_new(o, "confirmed", json_boolean(u->confirmed_at != 0));
    json_object_set_new(o, "override_reason", u->override_reason ? json_string(u->override_reason) : json_null());
    return o;
}

/* "2026-12-05 09:00–12:00" on one day, both times in full otherwise. */
static json_t *when_json(arena *a, int64_t from, int64_t to)
{
    char f[24], t[24];
    if (time_format_local(from, f, sizeof f) || time_format_local(to, t, sizeof t))
        return json_null();
    if (strncmp(f, t, 10) == 0)
        return json_string(arena_printf(a, "%s–%s", f, t + 11));
    return json_string(arena_printf(a, "%s – %s", f, t));
}

json_t *volunteer_shift_json(dctx *c, const struct st_shift *s, int with_roster)
{
    struct st_signup mine;
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:o, s:o, s:I, s:i, s:i, s:I, s:s}", "id", (json_int_t)s->id,
                          "title", s->title, "skill", s->skill, "location", s->location, "place_id",
                          (json_int_t)s->place_id, "place_name", s->place_name, "starts", local(c->a, s->starts_at),
                          "ends", local(c->a, s->ends_at), "capacity", (json_int_t)s->capacity, "confirmed",
                          s->confirmed, "waiting", s->waiting, "window_min", (json_int_t)s->window_min, "status",
                          s->status);
    json_object_set_new(o, "project_id", s->project_id ? json_integer(s->project_id) : json_null());
    json_object_set_new(o, "when", when_json(c->a, s->starts_at, s->ends_at));
    json_object_set_new(o, "places_left",
                        json_integer(s->capacity > s->confirmed ? s->capacity - s->confirmed : 0));
    json_object_set_new(o, "organiser", json_string(s->organiser_name ? s->organiser_name : ""));
    if (c->actor && volunteer_store_signup_of(c->st, c->a, s->id, c->actor->id, &mine) == 0 &&
        strcmp(mine.status, "cancelled") != 0)
        json_object_set_new(o, "mine", signup_json(c, &mine));
    else
        json_object_set_new(o, "mine", json_null());
    int run = volunteer_may_run(c, s);
    json_object_set_new(o, "may_run", json_boolean(run));
    if (with_roster && run) {
        struct st_signup *r = NULL;
        int n = 0;
        json_t *arr = json_array();
        if (volunteer_store_roster(c->st, c->a, s->id, &r, &n) == 0)
            for (int i = 0; i < n; i++)
                json_array_append_new(arr, signup_json(c, &r[i]));
        json_object_set_new(o, "roster", arr);
        json_object_set_new(o, "checkin_url",
                            json_string(arena_printf(c->a, "/shifts/%lld/here?t=%s", (long long)s->id, s->token)));
    }
    return o;
}

int volunteer_hours(dctx *c, int64_t community_id, int64_t before, int limit, struct volunteer_rec **out, int *n)
{
    struct st_place com;
    int rc = place_get(c, community_id, &com);
    if (rc)
        return rc;
    if (strcmp(com.kind, "community") != 0)
        return dctx_fail(c, WG_ENOTFOUND, "not_found", "community");
    if ((rc = perm_check(c, &volunteer_act_manage, com.path, com.id)))
        return rc;
    if (limit < 1 || limit > VOLUNTEER_HOURS_MAX)
        limit = VOLUNTEER_HOURS_MAX;
    return volunteer_store_hours(c->st, c->a, com.id, before, limit, out, n);
}

json_t *volunteer_records(dctx *c, int64_t person_id, int *rc)
{
    struct volunteer_rec *r = NULL;
    struct volunteer_corr *k = NULL;
    int n = 0, nk = 0;
    int64_t total = 0, confirmed = 0;
    if (person_id == 0)
        person_id = c->actor->id;
    int64_t community;
    if (person_id != c->actor->id && (*rc = actor_check_over(c, &volunteer_act_manage, person_id, &community)))
        return NULL;
    if ((*rc = volunteer_store_records(c->st, c->a, person_id, &r, &n)) ||
        (*rc = volunteer_store_corrections(c->st, c->a, person_id, &k, &nk)))
        return NULL;
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:s}", "id", (json_int_t)r[i].su.id, "service",
                              r[i].sh.title, "skill", r[i].sh.skill, "place", r[i].sh.place_name, "location",
                              r[i].sh.location, "starts", local(c->a, r[i].sh.starts_at), "ends",
                              local(c->a, r[i].sh.ends_at), "organisation", r[i].sh.organiser_name);
        json_object_set_new(o, "checkin", local(c->a, r[i].su.checkin_at));
        json_object_set_new(o, "checkout", local(c->a, r[i].su.checkout_at));
        json_object_set_new(o, "minutes", r[i].su.confirmed_at ? json_integer(r[i].su.minutes) : json_null());
        json_object_set_new(o, "hours", r[i].su.confirmed_at ? json_string(arena_printf(c->a, "%lld.%02lld",
                                                                                       (long long)(r[i].su.minutes / 60),
                                                                                       (long long)(r[i].su.minutes % 60 * 100 / 60)))
                                                             : json_null());
        json_object_set_new(o, "confirmed_at", local(c->a, r[i].su.confirmed_at));
        json_t *corr = json_array();
        for (int j = 0; j < nk; j++)
            if (k[j].signup_id == r[i].su.id)
                json_array_append_new(corr, json_pack("{s:I, s:I, s:s, s:s, s:o}", "old_minutes",
                                                      (json_int_t)k[j].old_minutes, "new_minutes",
                                                      (json_int_t)k[j].new_minutes, "reason", k[j].reason, "by",
                                                      k[j].actor_name, "at", local(c->a, k[j].at)));
        json_object_set_new(o, "corrections", corr);
        json_array_append_new(items, o);
        if (r[i].su.confirmed_at) {
            total += r[i].su.minutes;
            confirmed++;
        }
    }
    return json_pack("{s:I, s:o, s:I, s:I, s:s}", "person_id", (json_int_t)person_id, "items", items, "minutes",
                     (json_int_t)total, "services", (json_int_t)confirmed, "hours",
                     arena_printf(c->a, "%lld.%02lld", (long long)(total / 60), (long long)(total % 60 * 100 / 60)));
}

int volunteer_certify(dctx *c, int64_t person_id, const char **number)
{
    struct volunteer_cert k = {0};
    struct actor *who = NULL;
    int rc;
    if (person_id == 0)
        person_id = c->actor->id;
    if (person_id == c->actor->id) {
        who = (struct actor *)c->actor;
    } else if ((rc = actor_load(c, person_id, &who))) {
        return rc == WG_ENOTFOUND ? dctx_fail(c, rc, "not_found", NULL) : rc;
    }
    int64_t community = actor_community(who);
    struct st_place com;
    if (community <= 0 || (rc = place_get(c, community, &com)))
        return community <= 0 ? dctx_fail(c, WG_ENOTFOUND, "not_found", NULL) : rc;
    if (person_id != c->actor->id && (rc = perm_check(c, &volunteer_act_manage, com.path, com.id)))
        return rc;
    if ((rc = volunteer_store_totals(c->st, person_id, com.id, &k.minutes, &k.services)))
        return rc;
    if (k.services == 0)
        return dctx_fail(c, WG_ECONFLICT, "volunteer_no_service", NULL);
    char tok[TOKEN_HEX + 1];
    token_random(tok);
    k.number = arena_printf(c->a, "WG%lld-%.4s-%.4s-%.4s", (long long)com.id, tok, tok + 4, tok + 8);
    for (char *p = (char *)k.number; *p; p++)
        if (*p >= 'a' && *p <= 'f')
            *p = (char)(*p - 'a' + 'A');
    k.community_id = com.id;
    k.person_id = person_id;
    k.issued_by = c->actor->id;
    k.issued_at = c->now;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = volunteer_store_cert_insert(c->st, &k);
    if ((rc = store_end(c->st, rc)))
        return rc;
    *number = k.number;
    return 0;
}

json_t *volunteer_certificate(dctx *c, const char *number, int *rc)
{
    struct volunteer_cert k;
    if (number == NULL || strlen(number) > 64 || (*rc = volunteer_store_cert_get(c->st, c->a, number, &k)) == WG_ENOTFOUND) {
        *rc = dctx_fail(c, WG_ENOTFOUND, "not_found", "number");
        return NULL;
    }
    if (*rc)
        return NULL;
    char day[24];
    time_format_local(k.issued_at, day, sizeof day);
    return json_pack("{s:s, s:s, s:s, s:I, s:s, s:I, s:s}", "number", k.number, "name", k.person_name,
                     "organisation", k.community_name, "minutes", (json_int_t)k.minutes, "hours",
                     arena_printf(c->a, "%lld.%02lld", (long long)(k.minutes / 60), (long long)(k.minutes % 60 * 100 / 60)),
                     "services", (json_int_t)k.services, "issued_on", arena_strndup(c->a, day, 10));
}
