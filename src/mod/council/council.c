/*
 * Councils: the series and its materialised meetings, their notices (a job
 * at each notice's time), the topping up of a series (a job when a
 * generated meeting starts), and the iCalendar feed's access. Meetings
 * themselves are meeting.c. See council.h.
 */
#include "mod/council/council.h"

#include <sodium.h>
#include <string.h>

#include "core/time.h"
#include "core/token.h"
#include "mod/council/council_int.h"
#include "mod/council/council_store.h"
#include "mod/search/search.h"

#define N PERM_NONE
#define S PERM_SUBTREE
/*                                                                              resident leader grid staff street */
const struct perm_action council_act_manage = {
    "manage_council", "create councils of a place and run their meetings", {N, N, S, S, S}};
#undef N
#undef S

static const char *const kinds[] = {"monthly", "quarterly", "yearly", "custom", NULL};

static int in_list(const char *const *list, const char *s)
{
    for (; s && *list; list++)
        if (strcmp(*list, s) == 0)
            return 1;
    return 0;
}

/* The start of occurrence k of the series. */
static int64_t occurrence_at(const struct st_council *co, int64_t k)
{
    if (strcmp(co->unit, "week") == 0)
        return co->starts_on + k * co->every_n * 7 * DAY + (int64_t)co->time_min * 60;
    int64_t y;
    int m, d;
    time_civil_from_days((co->starts_on + TIME_ZONE_OFFSET) / DAY, &y, &m, &d);
    int64_t mi = y * 12 + (m - 1) + (d > co->day_of_month ? 1 : 0) + k * co->every_n;
    return time_days_from_civil(mi / 12, (int)(mi % 12) + 1, co->day_of_month) * DAY - TIME_ZONE_OFFSET +
           (int64_t)co->time_min * 60;
}

/* ---- permission ---- */

int council_may_manage_path(dctx *c, const char *place_path)
{
    return perm_allows(c->actor, &council_act_manage, place_path);
}

int council_deny(dctx *c, const char *target, const char *what, int64_t community)
{
    audit_log(c, "denied", target, what, community);
    return dctx_fail(c, WG_EPERM, "forbidden", NULL);
}

/* ---- notices and the meetings of the series ---- */

static const char *meeting_url(dctx *c, int64_t id)
{
    return arena_printf(c->a, "/meetings/%lld", (long long)id);
}

const char *council_local_text(dctx *c, int64_t t)
{
    char text[32];
    time_format_local(t, text, sizeof text);
    return arena_strdup(c->a, text);
}

int council_notify_place(dctx *c, const struct st_meeting *m, const char *council_name, const char *kind,
                         const char *detail)
{
    struct notify_msg msg = {.kind = kind, .url = meeting_url(c, m->id), .detail = detail, .at = c->now,
                             .title = arena_printf(c->a, "%s · %s", council_name, council_local_text(c, m->start_at))};
    return council_store_notify_place(c->st, &msg, m->place_path, m->community_id);
}

const char *council_notice_key(dctx *c, int64_t meeting_id)
{
    return arena_printf(c->a, "meeting.notice:%lld", (long long)meeting_id);
}

static int schedule_notice(dctx *c, const struct st_council *co, const struct st_meeting *m)
{
    int64_t at = m->start_at - (int64_t)co->notice_days * DAY;
    /* a notice whose day has come goes out with the meeting; else at its time */
    if (at <= c->now)
        return council_notify_place(c, m, co->name, "meeting_notice", m->location);
    return job_schedule(c->st, "meeting.notice", council_notice_key(c, m->id), m->id, at, c->now);
}

/* Inserts a meeting and its notice (inside a write transaction). A meeting
 * of the series tops the series up when it starts (a job). */
int council_meeting_insert(dctx *c, const struct st_council *co, struct st_meeting *m)
{
    char code[TOKEN_HEX + 1];
    token_random(code);
    code[24] = '\0';
    m->council_id = co->id;
    m->place_id = co->place_id;
    m->community_id = co->community_id;
    m->place_path = co->place_path;
    m->signin_code = code;
    m->created_at = c->now;
    int rc = council_store_meeting_insert(c->st, m);
    if (rc == 0)
        rc = search_touch(c, "meeting", m->id);
    if (rc == 0)
        rc = schedule_notice(c, co, m);
    if (rc == 0 && m->occurrence >= 0)
        rc = job_schedule(c->st, "council.topup", arena_printf(c->a, "council.topup:%lld", (long long)m->id), co->id,
                          m->start_at, c->now);
    return rc;
}

/* Materialises occurrences until MEETINGS_AHEAD start at or after now
 * (inside a write transaction; co is current). */
int council_topup_locked(dctx *c, struct st_council *co)
{
    int n = 0, rc = council_store_count_upcoming(c->st, co->id, c->now, &n);
    int64_t k = co->next_k;
    for (int guard = 0; rc == 0 && n < MEETINGS_AHEAD && guard < 2000; guard++) {
        int64_t t = occurrence_at(co, k++);
        if (t < c->now) /* a past occurrence is not generated */
            continue;
        struct st_meeting m = {.occurrence = k - 1, .start_at = t, .end_at = t + (int64_t)co->duration_min * 60,
                               .location = co->location};
        rc = council_meeting_insert(c, co, &m);
        if (rc == WG_ECONFLICT) { /* generated meanwhile */
            rc = 0;
            continue;
        }
        n++;
    }
    if (rc == 0 && k != co->next_k) {
        rc = council_store_set_next_k(c->st, co->id, k);
        co->next_k = k;
    }
    return rc;
}

/* ---- jobs ---- */

/* A meeting's notice, at its time: to the place's participants, unless the
 * meeting is no longer scheduled. */
int council_job_notice(dctx *c, const struct job *j)
{
    struct st_meeting m;
    int rc = council_store_meeting_get(c->st, c->a, j->ref_id, &m);
    if (rc == WG_ENOTFOUND)
        return 0;
    if (rc || strcmp(m.status, "scheduled") != 0)
        return rc;
    /* the notice is dated when it was due, even when the runner is late */
    dctx at = *c;
    at.now = j->due_at;
    return council_notify_place(&at, &m, m.council_name, "meeting_notice", m.location);
}

/* A generated meeting has started: the series gets its next occurrences. */
int council_job_topup(dctx *c, const struct job *j)
{
    struct st_council co;
    int rc = council_store_get(c->st, c->a, j->ref_id, &co);
    if (rc == WG_ENOTFOUND)
        return 0;
    return rc ? rc : council_topup_locked(c, &co);
}

/* ---- councils ---- */

int council_read(dctx *c, int64_t id, struct st_council *out)
{
    int rc = council_store_get(c->st, c->a, id, out);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc)
        return rc;
    return perm_check(c, &perm_read, out->place_path, out->community_id);
}

int council_get(dctx *c, int64_t id, struct st_council *out)
{
    return council_read(c, id, out);
}

int council_list(dctx *c, int64_t place_id, struct st_place *place, struct st_council **out, int *n)
{
    int rc = place_get(c, place_id, place);
    return rc ? rc : council_store_of_place(c->st, c->a, place_id, COUNCILS_PER_PLACE, out, n);
}

int council_meetings(dctx *c, int64_t council_id, int64_t from, struct st_meeting **out, int *n)
{
    struct st_council co;
    int rc = council_get(c, council_id, &co);
    return rc ? rc : council_store_meetings(c->st, c->a, council_id, from, MEETINGS_LIST_MAX, out, n);
}

int council_create(dctx *c, const struct council_new *in, int64_t *id)
{
    struct st_place p;
    int rc;
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    rc = tree_get(c->st, c->a, in->place_id, &p);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", "place_id");
    if (rc || (rc = perm_check(c, &perm_read, p.path, p.community_id)))
        return rc;
    if (!council_may_manage_path(c, p.path))
        return council_deny(c, arena_printf(c->a, "place:%lld", (long long)p.id), "council_create", p.community_id);
    if (strcmp(p.kind, "building") && strcmp(p.kind, "grid") && strcmp(p.kind, "community"))
        return dctx_fail(c, WG_EINVAL, "place_level_invalid", "place_id");
    if ((rc = dctx_text(c, in->name, COUNCIL_NAME_MAX, 1, "name", "name_required", "council_name_invalid")))
        return rc;
    if (!in_list(kinds, in->kind))
        return dctx_fail(c, WG_EINVAL, "council_kind_invalid", "kind");
    struct st_council co = {.place_id = p.id, .community_id = p.community_id, .place_name = p.name,
                            .place_kind = p.kind, .place_path = p.path, .name = in->name, .kind = in->kind,
                            .created_by = c->actor->id, .created_at = c->now};
    if (strcmp(in->kind, "custom") == 0) {
        if (in->unit == NULL || (strcmp(in->unit, "week") && strcmp(in->unit, "month")))
            return dctx_fail(c, WG_EINVAL, "unit_invalid", "unit");
        if (in->every_n < 1 || in->every_n > COUNCIL_EVERY_MAX)
            return dctx_fail(c, WG_EINVAL, "every_invalid", "every");
        co.unit = in->unit;
        co.every_n = in->every_n;
    } else {
        if (in->unit || in->every_n)
            return dctx_fail(c, WG_EINVAL, "unit_invalid", in->unit ? "unit" : "every");
        co.unit = "month";
        co.every_n = strcmp(in->kind, "monthly") == 0 ? 1 : strcmp(in->kind, "quarterly") == 0 ? 3 : 12;
    }
    if (time_parse_date(in->starts_on, &co.starts_on))
        return dctx_fail(c, WG_EINVAL, "starts_on_invalid", "starts_on");
    if (co.starts_on + DAY <= c->now)
        return dctx_fail(c, WG_EINVAL, "starts_on_past", "starts_on");
    if (co.starts_on > c->now + (int64_t)MEETING_HORIZON_DAYS * DAY)
        return dctx_fail(c, WG_EINVAL, "starts_on_invalid", "starts_on");
    if (strcmp(co.unit, "month") == 0) {
        int64_t y;
        int m, d;
        time_civil_from_days((co.starts_on + TIME_ZONE_OFFSET) / DAY, &y, &m, &d);
        co.day_of_month = in->day_of_month ? in->day_of_month : d > COUNCIL_DAY_MAX ? COUNCIL_DAY_MAX : d;
        if (co.day_of_month < 1 || co.day_of_month > COUNCIL_DAY_MAX)
            return dctx_fail(c, WG_EINVAL, "day_invalid", "day_of_month");
    } else if (in->day_of_month) {
        return dctx_fail(c, WG_EINVAL, "day_invalid", "day_of_month");
    }
    if (time_parse_hm(in->time, &co.time_min))
        return dctx_fail(c, WG_EINVAL, "time_invalid", "time");
    co.duration_min = in->duration_min ? in->duration_min : COUNCIL_DURATION_DEFAULT;
    if (co.duration_min < COUNCIL_DURATION_MIN || co.duration_min > COUNCIL_DURATION_MAX)
        return dctx_fail(c, WG_EINVAL, "duration_invalid", "duration_min");
    if ((rc = dctx_text(c, in->location, COUNCIL_LOCATION_MAX, 1, "location", "location_required",
                        "location_invalid")))
        return rc;
    co.location = in->location;
    co.notice_days = in->notice_days < 0 ? MEETING_NOTICE_DAYS_DEFAULT : in->notice_days;
    if (co.notice_days > MEETING_NOTICE_DAYS_MAX)
        return dctx_fail(c, WG_EINVAL, "notice_days_invalid", "notice_days");
    co.facilitator_id = in->facilitator_id ? in->facilitator_id : c->actor->id;
    if (in->facilitator_id) {
        int yes = 0;
        if ((rc = council_store_participant(c->st, p.path, p.community_id, in->facilitator_id, &yes, NULL)))
            return rc;
        if (!yes)
            return dctx_fail(c, WG_EINVAL, "facilitator_invalid", "facilitator_id");
    }
    int count = 0;
    if ((rc = store_begin(c->st)))
        return rc;
    /* counted under the place's lock: racing creations cannot pass the limit */
    if ((rc = council_store_lock_place(c->st, p.id)) == 0 &&
        (rc = council_store_count(c->st, p.id, &count)) == 0 && count >= COUNCILS_PER_PLACE)
        rc = dctx_fail(c, WG_ECONFLICT, "council_limit", NULL);
    if (rc == 0)
        rc = council_store_insert(c->st, &co);
    if (rc == 0)
        rc = council_topup_locked(c, &co);
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = co.id;
    return 0;
}

/* ---- the feed ---- */

static void key_hash(const char *key, unsigned char out[32])
{
    crypto_generichash(out, 32, (const unsigned char *)key, strlen(key), NULL, 0);
}

int council_feed_key(dctx *c, char out[FEED_KEY_HEX + 1])
{
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    unsigned char h[32];
    token_random(out);
    key_hash(out, h);
    int rc = store_begin(c->st);
    if (rc)
        return rc;
    return store_end(c->st, council_store_feed_key_set(c->st, c->actor->id, h, actor_community(c->actor), c->now));
}

int council_feed(dctx *c, int64_t place_id, const char *key, struct st_place *place, struct council_feed_item **out,
                 int *n)
{
    int rc = tree_get(c->st, c->a, place_id, place);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc)
        return rc;
    int ok = c->actor && perm_allows(c->actor, &perm_read, place->path);
    if (!ok && key && strlen(key) == FEED_KEY_HEX) {
        unsigned char h[32];
        int64_t person = 0;
        struct actor *who;
        key_hash(key, h);
        rc = council_store_feed_key_person(c->st, h, &person);
        if (rc && rc != WG_ENOTFOUND)
            return rc;
        if (rc == 0 && (rc = actor_load(c, person, &who)) == 0)
            ok = perm_allows(who, &perm_read, place->path);
        else if (rc && rc != WG_ENOTFOUND)
            return rc;
    }
    if (!ok)
        return dctx_fail(c, WG_ENOTFOUND, "not_found", NULL);
    struct st_meeting *ms;
    if ((rc = council_store_meetings_of_place(c->st, c->a, place_id, c->now - (int64_t)FEED_DAYS_BACK * DAY,
                                              FEED_MEETINGS_MAX, &ms, n)))
        return rc;
    *out = arena_calloc(c->a, sizeof **out * (size_t)(*n ? *n : 1));
    for (int i = 0; rc == 0 && i < *n; i++) {
        (*out)[i].m = ms[i];
        rc = council_store_agenda(c->st, c->a, ms[i].id, &(*out)[i].agenda, &(*out)[i].nagenda);
    }
    return rc;
}

/* ---- panels of later modules ---- */

struct panel_call {
    dctx *c;
    const struct st_meeting *m;
    int run;
    json_t *o;
};

static int panel_one(const void *impl, void *ud)
{
    const struct council_ext *x = impl;
    struct panel_call *p = ud;
    int rc = 0;
    if (x->panel == NULL)
        return 0;
    json_t *data = x->panel(p->c, p->m, p->run, &rc);
    if (data)
        json_object_update(p->o, data);
    json_decref(data);
    return data ? 0 : rc;
}

int council_panels(dctx *c, const struct st_meeting *m, int run, json_t *o)
{
    return module_each_ext("council", panel_one, &(struct panel_call){c, m, run, o});
}
