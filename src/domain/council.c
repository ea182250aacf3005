/*
 * Councils and their meetings: the series and its materialised meetings,
 * notices, agenda, sign-in, attendance, proxies, minutes, outcomes, closing
 * with carry-forward, and the iCalendar feed's access. See council.h.
 */
#include "domain/council.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/md.h"
#include "core/utf8.h"
#include "store/store_vote.h"

#define R(x) (1u << (x))
#define MANAGERS (R(ROLE_GRID_WORKER) | R(ROLE_COMMUNITY_STAFF) | R(ROLE_STREET_ADMIN))
#define DAY 86400
#define TZ_OFFSET (8 * 3600)

static const char *const kinds[] = {"monthly", "quarterly", "yearly", "custom", NULL};
static const char *const outcomes[] = {"decided", "not_decided", "deferred", NULL};

static int in_list(const char *const *list, const char *s)
{
    for (; s && *list; list++)
        if (strcmp(*list, s) == 0)
            return 1;
    return 0;
}

static int text_within(const char *s, size_t min_cp, size_t max_cp)
{
    if (s == NULL)
        return min_cp == 0;
    size_t n = strlen(s);
    if (!utf8_valid(s, n))
        return 0;
    size_t cp = utf8_count(s, n);
    return cp >= min_cp && cp <= max_cp;
}

/* ---- local dates (Asia/Shanghai, UTC+8, no daylight saving) ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int month_days(int64_t y, int m)
{
    static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : md[m - 1];
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* "YYYY-MM-DD" -> UTC seconds of its local midnight */
static int parse_date(const char *s, int64_t *out)
{
    int y, m, d;
    if (s == NULL || strlen(s) < 10 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &m) || s[7] != '-' ||
        digits(s + 8, 2, &d))
        return WG_EINVAL;
    if (y < 2000 || y > 2200 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
        return WG_EINVAL;
    *out = days_from_civil(y, m, d) * DAY - TZ_OFFSET;
    return 0;
}

/* "HH:MM" -> minutes after midnight */
static int parse_hm(const char *s, int *out)
{
    int h, mi;
    if (s == NULL || strlen(s) != 5 || digits(s, 2, &h) || s[2] != ':' || digits(s + 3, 2, &mi) || h > 23 ||
        mi > 59)
        return WG_EINVAL;
    *out = h * 60 + mi;
    return 0;
}

int council_parse_local(const char *s, int64_t *out)
{
    int64_t day;
    int hm;
    if (s == NULL || strlen(s) != 16 || (s[10] != ' ' && s[10] != 'T') || parse_date(s, &day) ||
        parse_hm(s + 11, &hm))
        return WG_EINVAL;
    *out = day + (int64_t)hm * 60;
    return 0;
}

static const char *local_text(dctx *c, int64_t t)
{
    int64_t y;
    int m, d;
    int64_t lt = t + TZ_OFFSET;
    int64_t days = lt >= 0 ? lt / DAY : (lt - DAY + 1) / DAY;
    int64_t sec = lt - days * DAY;
    civil_from_days(days, &y, &m, &d);
    return arena_printf(c->a, "%04lld-%02d-%02d %02d:%02d", (long long)y, m, d, (int)(sec / 3600),
                        (int)(sec % 3600 / 60));
}

/* The start of occurrence k of the series. */
static int64_t occurrence_at(const struct st_council *co, int64_t k)
{
    if (strcmp(co->unit, "week") == 0)
        return co->starts_on + k * co->every_n * 7 * DAY + (int64_t)co->time_min * 60;
    int64_t y;
    int m, d;
    civil_from_days((co->starts_on + TZ_OFFSET) / DAY, &y, &m, &d);
    int64_t mi = y * 12 + (m - 1) + (d > co->day_of_month ? 1 : 0) + k * co->every_n;
    return days_from_civil(mi / 12, (int)(mi % 12) + 1, co->day_of_month) * DAY - TZ_OFFSET +
           (int64_t)co->time_min * 60;
}

/* ---- permission ---- */

int council_may_manage_path(dctx *c, const char *place_path)
{
    return perm_allows_roles(c->actor, ACT_MANAGE_MATTER, place_path, MANAGERS);
}

int meeting_may_run(dctx *c, const struct st_meeting *m)
{
    return c->actor && (council_may_manage_path(c, m->place_path) || c->actor->id == m->facilitator_id);
}

static int deny(dctx *c, const char *target, const char *what, int64_t community)
{
    audit_log(c, "denied", target, what, community);
    return dctx_fail(c, WG_EPERM, "forbidden", NULL);
}

/* ---- notices ---- */

static const char *meeting_url(dctx *c, int64_t id)
{
    return arena_printf(c->a, "/meetings/%lld", (long long)id);
}

static int64_t notice_at(dctx *c, int64_t start, int notice_days)
{
    int64_t t = start - (int64_t)notice_days * DAY;
    return t < c->now ? c->now : t;
}

static int notify_place(dctx *c, const struct st_meeting *m, const char *council_name, const char *kind,
                        const char *detail, int64_t at)
{
    const char *title = arena_printf(c->a, "%s · %s", council_name, local_text(c, m->start_at));
    return store_notify_council_place(c->st, m->place_path, m->community_id, kind, title, meeting_url(c, m->id),
                                      detail, at, NULL);
}

/* Inserts a meeting and its notice (inside a write transaction). */
static int meeting_insert_with_notice(dctx *c, const struct st_council *co, struct st_meeting *m)
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
    int rc = store_meeting_insert(c->st, m);
    if (rc == 0)
        rc = notify_place(c, m, co->name, "meeting_notice", m->location, notice_at(c, m->start_at, co->notice_days));
    return rc;
}

/* Materialises occurrences until MEETINGS_AHEAD start at or after now
 * (inside a write transaction; co is current). */
static int topup_locked(dctx *c, struct st_council *co)
{
    int n = 0, rc = store_meeting_count_upcoming(c->st, co->id, c->now, &n);
    int64_t k = co->next_k;
    for (int guard = 0; rc == 0 && n < MEETINGS_AHEAD && guard < 2000; guard++) {
        int64_t t = occurrence_at(co, k++);
        if (t < c->now) /* a past occurrence nobody read in time is not generated */
            continue;
        struct st_meeting m = {.occurrence = k - 1, .start_at = t, .end_at = t + (int64_t)co->duration_min * 60,
                               .location = co->location};
        rc = meeting_insert_with_notice(c, co, &m);
        if (rc == WG_ECONFLICT) { /* generated meanwhile */
            rc = 0;
            continue;
        }
        n++;
    }
    if (rc == 0 && k != co->next_k) {
        rc = store_council_set_next_k(c->st, co->id, k);
        co->next_k = k;
    }
    return rc;
}

/* Tops up when needed, in its own transaction. */
static int topup(dctx *c, struct st_council *co)
{
    int n = 0, rc = store_meeting_count_upcoming(c->st, co->id, c->now, &n);
    if (rc || n >= MEETINGS_AHEAD)
        return rc;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = store_council_get(c->st, c->a, co->id, co);
    if (rc == 0)
        rc = topup_locked(c, co);
    return store_end(c->st, rc);
}

/* ---- councils ---- */

static int council_read(dctx *c, int64_t id, struct st_council *out)
{
    int rc = store_council_get(c->st, c->a, id, out);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc)
        return rc;
    return perm_check(c, ACT_READ, out->place_path, out->community_id);
}

int council_get(dctx *c, int64_t id, struct st_council *out)
{
    int rc = council_read(c, id, out);
    return rc ? rc : topup(c, out);
}

int council_list(dctx *c, int64_t place_id, struct st_place *place, struct st_council **out, int *n)
{
    int rc = place_get(c, place_id, place);
    return rc ? rc : store_councils_of_place(c->st, c->a, place_id, COUNCILS_PER_PLACE, out, n);
}

int council_meetings(dctx *c, int64_t council_id, int64_t from, struct st_meeting **out, int *n)
{
    struct st_council co;
    int rc = council_get(c, council_id, &co);
    return rc ? rc : store_meetings_of_council(c->st, c->a, council_id, from, MEETINGS_LIST_MAX, out, n);
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
    if (rc || (rc = perm_check(c, ACT_READ, p.path, p.community_id)))
        return rc;
    if (!council_may_manage_path(c, p.path))
        return deny(c, arena_printf(c->a, "place:%lld", (long long)p.id), "council_create", p.community_id);
    if (strcmp(p.kind, "building") && strcmp(p.kind, "grid") && strcmp(p.kind, "community"))
        return dctx_fail(c, WG_EINVAL, "place_level_invalid", "place_id");
    if (utf8_blank(in->name))
        return dctx_fail(c, WG_EINVAL, "name_required", "name");
    if (!text_within(in->name, 1, COUNCIL_NAME_MAX))
        return dctx_fail(c, WG_EINVAL, "council_name_invalid", "name");
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
    if (parse_date(in->starts_on, &co.starts_on) || (in->starts_on && strlen(in->starts_on) != 10))
        return dctx_fail(c, WG_EINVAL, "starts_on_invalid", "starts_on");
    if (co.starts_on + DAY <= c->now)
        return dctx_fail(c, WG_EINVAL, "starts_on_past", "starts_on");
    if (co.starts_on > c->now + (int64_t)MEETING_HORIZON_DAYS * DAY)
        return dctx_fail(c, WG_EINVAL, "starts_on_invalid", "starts_on");
    if (strcmp(co.unit, "month") == 0) {
        int64_t y;
        int m, d;
        civil_from_days((co.starts_on + TZ_OFFSET) / DAY, &y, &m, &d);
        co.day_of_month = in->day_of_month ? in->day_of_month : d > COUNCIL_DAY_MAX ? COUNCIL_DAY_MAX : d;
        if (co.day_of_month < 1 || co.day_of_month > COUNCIL_DAY_MAX)
            return dctx_fail(c, WG_EINVAL, "day_invalid", "day_of_month");
    } else if (in->day_of_month) {
        return dctx_fail(c, WG_EINVAL, "day_invalid", "day_of_month");
    }
    if (parse_hm(in->time, &co.time_min))
        return dctx_fail(c, WG_EINVAL, "time_invalid", "time");
    co.duration_min = in->duration_min ? in->duration_min : COUNCIL_DURATION_DEFAULT;
    if (co.duration_min < COUNCIL_DURATION_MIN || co.duration_min > COUNCIL_DURATION_MAX)
        return dctx_fail(c, WG_EINVAL, "duration_invalid", "duration_min");
    if (utf8_blank(in->location))
        return dctx_fail(c, WG_EINVAL, "location_required", "location");
    if (!text_within(in->location, 1, COUNCIL_LOCATION_MAX))
        return dctx_fail(c, WG_EINVAL, "location_invalid", "location");
    co.location = in->location;
    co.notice_days = in->notice_days < 0 ? MEETING_NOTICE_DAYS_DEFAULT : in->notice_days;
    if (co.notice_days > MEETING_NOTICE_DAYS_MAX)
        return dctx_fail(c, WG_EINVAL, "notice_days_invalid", "notice_days");
    co.facilitator_id = in->facilitator_id ? in->facilitator_id : c->actor->id;
    if (in->facilitator_id) {
        int yes = 0;
        if ((rc = store_council_participant(c->st, p.path, p.community_id, in->facilitator_id, &yes, NULL)))
            return rc;
        if (!yes)
            return dctx_fail(c, WG_EINVAL, "facilitator_invalid", "facilitator_id");
    }
    int count = 0;
    if ((rc = store_begin(c->st)))
        return rc;
    /* counted under the place's lock: racing creations cannot pass the limit */
    if ((rc = store_lock_row(c->st, STORE_ROW_PLACE, p.id)) == 0 &&
        (rc = store_council_count(c->st, p.id, &count)) == 0 && count >= COUNCILS_PER_PLACE)
        rc = dctx_fail(c, WG_ECONFLICT, "council_limit", NULL);
    if (rc == 0)
        rc = store_council_insert(c->st, &co);
    if (rc == 0)
        rc = topup_locked(c, &co);
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = co.id;
    return 0;
}

/* ---- meetings ---- */

int meeting_get(dctx *c, int64_t id, struct st_meeting *out)
{
    int rc = store_meeting_get(c->st, c->a, id, out);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc)
        return rc;
    return perm_check(c, ACT_READ, out->place_path, out->community_id);
}

/* The meeting, visible, run by the actor (else 403, audited). */
static int meeting_run(dctx *c, int64_t id, struct st_meeting *m, const char *what)
{
    int rc = meeting_get(c, id, m);
    if (rc)
        return rc;
    if (!meeting_may_run(c, m))
        return deny(c, arena_printf(c->a, "meeting:%lld", (long long)id), what, m->community_id);
    return 0;
}

static int scheduled(dctx *c, const struct st_meeting *m)
{
    if (strcmp(m->status, "cancelled") == 0)
        return dctx_fail(c, WG_ECONFLICT, "meeting_cancelled", NULL);
    if (strcmp(m->status, "held") == 0)
        return dctx_fail(c, WG_ECONFLICT, "meeting_closed", NULL);
    return 0;
}

static int start_ok(dctx *c, int64_t start)
{
    if (start < c->now)
        return dctx_fail(c, WG_EINVAL, "start_past", "start");
    if (start > c->now + (int64_t)MEETING_HORIZON_DAYS * DAY)
        return dctx_fail(c, WG_EINVAL, "start_invalid", "start");
    return 0;
}

int meeting_add(dctx *c, int64_t council_id, const char *start, int duration_min, const char *location,
                int64_t *id)
{
    struct st_council co;
    int rc = council_read(c, council_id, &co);
    if (rc)
        return rc;
    if (!council_may_manage_path(c, co.place_path) && co.facilitator_id != c->actor->id)
        return deny(c, arena_printf(c->a, "council:%lld", (long long)council_id), "meeting_add", co.community_id);
    int64_t t;
    if (council_parse_local(start, &t))
        return dctx_fail(c, WG_EINVAL, "start_invalid", "start");
    if ((rc = start_ok(c, t)))
        return rc;
    if (duration_min == 0)
        duration_min = co.duration_min;
    if (duration_min < COUNCIL_DURATION_MIN || duration_min > COUNCIL_DURATION_MAX)
        return dctx_fail(c, WG_EINVAL, "duration_invalid", "duration_min");
    if (location && !text_within(location, 1, COUNCIL_LOCATION_MAX))
        return dctx_fail(c, WG_EINVAL, "location_invalid", "location");
    if (location && utf8_blank(location))
        return dctx_fail(c, WG_EINVAL, "location_required", "location");
    struct st_meeting m = {.occurrence = -1, .start_at = t, .end_at = t + (int64_t)duration_min * 60,
                           .location = location ? location : co.location};
    if ((rc = store_begin(c->st)))
        return rc;
    if ((rc = store_end(c->st, meeting_insert_with_notice(c, &co, &m))))
        return rc;
    *id = m.id;
    return 0;
}

int meeting_move(dctx *c, int64_t id, const char *start, int duration_min, const char *location)
{
    struct st_meeting m;
    struct st_council co;
    int rc = meeting_run(c, id, &m, "meeting_move");
    if (rc || (rc = scheduled(c, &m)))
        return rc;
    int64_t t = m.start_at;
    if (start && council_parse_local(start, &t))
        return dctx_fail(c, WG_EINVAL, "start_invalid", "start");
    if (start && (rc = start_ok(c, t)))
        return rc;
    int dur = duration_min ? duration_min : (int)((m.end_at - m.start_at) / 60);
    if (dur < COUNCIL_DURATION_MIN || dur > COUNCIL_DURATION_MAX)
        return dctx_fail(c, WG_EINVAL, "duration_invalid", "duration_min");
    if (location && utf8_blank(location))
        return dctx_fail(c, WG_EINVAL, "location_required", "location");
    if (location && !text_within(location, 1, COUNCIL_LOCATION_MAX))
        return dctx_fail(c, WG_EINVAL, "location_invalid", "location");
    const char *loc = location ? location : m.location;
    int64_t end = t + (int64_t)dur * 60;
    if (t == m.start_at && end == m.end_at && strcmp(loc, m.location) == 0)
        return dctx_fail(c, WG_EINVAL, "no_change", NULL);
    if ((rc = store_council_get(c->st, c->a, m.council_id, &co)))
        return rc;
    const char *url = meeting_url(c, id);
    if ((rc = store_begin(c->st)))
        return rc;
    rc = store_meeting_update(c->st, id, t, end, loc, "scheduled", c->now);
    if (rc == 0)
        rc = store_notices_move(c->st, url, "meeting_notice", c->now, notice_at(c, t, co.notice_days));
    m.start_at = t;
    if (rc == 0)
        rc = notify_place(c, &m, co.name, "meeting_changed", loc, c->now);
    rc = store_end(c->st, rc);
    return rc == WG_ECONFLICT ? dctx_fail(c, rc, "meeting_changed", NULL) : rc;
}

int meeting_cancel(dctx *c, int64_t id, const char *reason)
{
    struct st_meeting m;
    int rc = meeting_run(c, id, &m, "meeting_cancel");
    if (rc || (rc = scheduled(c, &m)))
        return rc;
    if (reason && !text_within(reason, 0, REASON_MAX))
        return dctx_fail(c, WG_EINVAL, "reason_invalid", "reason");
    if ((rc = store_begin(c->st)))
        return rc;
    rc = store_meeting_update(c->st, id, m.start_at, m.end_at, m.location, "cancelled", c->now);
    if (rc == 0)
        rc = store_notices_drop(c->st, meeting_url(c, id), "meeting_notice", c->now);
    if (rc == 0)
        rc = notify_place(c, &m, m.council_name, "meeting_cancelled", reason && *reason ? reason : NULL, c->now);
    rc = store_end(c->st, rc);
    return rc == WG_ECONFLICT ? dctx_fail(c, rc, "meeting_changed", NULL) : rc;
}

/* ---- agenda ---- */

int meeting_agenda(dctx *c, int64_t meeting_id, struct st_agenda **out, int *n)
{
    struct st_meeting m;
    int rc = meeting_get(c, meeting_id, &m);
    return rc ? rc : store_agenda_of(c->st, c->a, meeting_id, out, n);
}

int agenda_add(dctx *c, int64_t meeting_id, int64_t matter_id, const char *title, int64_t *id)
{
    struct st_meeting m;
    int rc = meeting_run(c, meeting_id, &m, "agenda_add");
    if (rc || (rc = scheduled(c, &m)))
        return rc;
    if ((matter_id != 0) == (title != NULL))
        return dctx_fail(c, WG_EINVAL, "agenda_item_invalid", matter_id ? "title" : "matter_id");
    if (matter_id) {
        struct st_matter mt;
        rc = matter_get(c, matter_id, &mt);
        if (rc == WG_ENOTFOUND || rc == WG_EPERM || (rc == 0 && mt.community_id != m.community_id))
            return dctx_fail(c, WG_EINVAL, "matter_invalid", "matter_id");
        if (rc)
            return rc;
        title = mt.title;
    } else {
        if (utf8_blank(title))
            return dctx_fail(c, WG_EINVAL, "title_required", "title");
        if (!text_within(title, 1, AGENDA_TITLE_MAX))
            return dctx_fail(c, WG_EINVAL, "title_invalid", "title");
    }
    int n = 0;
    struct st_agenda g = {.meeting_id = meeting_id, .community_id = m.community_id, .matter_id = matter_id,
                          .title = title, .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    /* counted under the meeting's lock: racing adds cannot pass the limit */
    if ((rc = store_lock_row(c->st, STORE_ROW_MEETING, meeting_id)) == 0 &&
        (rc = store_agenda_count(c->st, meeting_id, &n)) == 0 && n >= AGENDA_ITEMS_MAX)
        rc = dctx_fail(c, WG_ECONFLICT, "agenda_full", NULL);
    if ((rc = store_end(c->st, rc ? rc : store_agenda_insert(c->st, &g))))
        return rc;
    *id = g.id;
    return 0;
}

int agenda_reorder(dctx *c, int64_t meeting_id, const int64_t *ids, int n)
{
    struct st_meeting m;
    struct st_agenda *items;
    int have = 0, rc = meeting_run(c, meeting_id, &m, "agenda_reorder");
    if (rc || (rc = scheduled(c, &m)) || (rc = store_agenda_of(c->st, c->a, meeting_id, &items, &have)))
        return rc;
    if (n != have)
        return dctx_fail(c, WG_EINVAL, "order_invalid", "order");
    for (int i = 0; i < n; i++) {
        int found = 0;
        for (int j = 0; j < have; j++)
            found += items[j].id == ids[i];
        for (int j = 0; j < i; j++)
            found += ids[j] == ids[i] ? 10 : 0;
        if (found != 1)
            return dctx_fail(c, WG_EINVAL, "order_invalid", "order");
    }
    if ((rc = store_begin(c->st)))
        return rc;
    for (int i = 0; rc == 0 && i < n; i++)
        rc = store_agenda_set_position(c->st, ids[i], i + 1);
    return store_end(c->st, rc);
}

/* The item, its meeting run by the actor and still open. */
static int item_run(dctx *c, int64_t item_id, struct st_agenda *g, struct st_meeting *m, const char *what)
{
    int rc = store_agenda_get(c->st, c->a, item_id, g);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc || (rc = meeting_run(c, g->meeting_id, m, what)))
        return rc;
    return scheduled(c, m);
}

int agenda_remove(dctx *c, int64_t item_id)
{
    struct st_agenda g;
    struct st_meeting m;
    int votes = 0;
    int rc = item_run(c, item_id, &g, &m, "agenda_remove");
    if (rc || (rc = store_begin(c->st)))
        return rc;
    /* a vote taken on the item keeps it: cancel the vote first */
    if ((rc = store_vote_count_for_item(c->st, item_id, &votes)) == 0 && votes > 0)
        rc = dctx_fail(c, WG_ECONFLICT, "agenda_item_has_vote", NULL);
    if (rc == 0)
        rc = store_agenda_delete(c->st, item_id);
    return store_end(c->st, rc);
}

int agenda_outcome(dctx *c, int64_t item_id, const char *outcome, const char *text)
{
    struct st_agenda g;
    struct st_meeting m;
    int rc = item_run(c, item_id, &g, &m, "agenda_outcome");
    if (rc)
        return rc;
    if (!in_list(outcomes, outcome))
        return dctx_fail(c, WG_EINVAL, "outcome_invalid", "outcome");
    if (!text_within(text, 0, OUTCOME_TEXT_MAX))
        return dctx_fail(c, WG_EINVAL, "outcome_text_invalid", "text");
    if ((rc = store_begin(c->st)))
        return rc;
    return store_end(c->st, store_agenda_set_outcome(c->st, item_id, outcome, text && *text ? text : NULL));
}

/* ---- sign-in, attendance, proxies ---- */

static int signin_open(dctx *c, const struct st_meeting *m)
{
    int rc = scheduled(c, m);
    if (rc)
        return rc;
    if (c->now < m->start_at - SIGNIN_OPEN_BEFORE)
        return dctx_fail(c, WG_ECONFLICT, "signin_not_open", NULL);
    return 0;
}

static int record_present(dctx *c, const struct st_meeting *m, int64_t person, const char *how, int *changed)
{
    int held = 0, given = 0, rc = store_proxy_counts(c->st, m->id, person, &held, &given);
    if (rc)
        return rc;
    if (given)
        return dctx_fail(c, WG_ECONFLICT, "proxy_given", NULL);
    if ((rc = store_begin(c->st)))
        return rc;
    return store_end(c->st, store_attendance_add(c->st, m->id, person, m->community_id, how, c->actor->id, c->now,
                                                 changed));
}

int meeting_sign_in(dctx *c, int64_t meeting_id, const char *code, int *changed)
{
    struct st_meeting m;
    int rc = meeting_get(c, meeting_id, &m), yes = 0;
    if (rc)
        return rc;
    if (code == NULL || strlen(code) != strlen(m.signin_code) ||
        sodium_memcmp(code, m.signin_code, strlen(m.signin_code)) != 0)
        return dctx_fail(c, WG_EPERM, "signin_code_invalid", "code");
    if ((rc = signin_open(c, &m)))
        return rc;
    /* the code of a photographed QR stops working after the meeting: only
     * the facilitator records attendance then */
    if (c->now > m.end_at + SIGNIN_CLOSE_AFTER)
        return dctx_fail(c, WG_ECONFLICT, "signin_closed", NULL);
    if ((rc = store_council_participant(c->st, m.place_path, m.community_id, c->actor->id, &yes, NULL)))
        return rc;
    if (!yes)
        return dctx_fail(c, WG_EPERM, "not_participant", NULL);
    return record_present(c, &m, c->actor->id, "self", changed);
}

int meeting_attend(dctx *c, int64_t meeting_id, int64_t person_id, int *changed)
{
    struct st_meeting m;
    int rc = meeting_run(c, meeting_id, &m, "meeting_attend"), yes = 0;
    if (rc || (rc = signin_open(c, &m)))
        return rc;
    if (person_id <= 0)
        return dctx_fail(c, WG_EINVAL, "person_invalid", "person_id");
    if ((rc = store_council_participant(c->st, m.place_path, m.community_id, person_id, &yes, NULL)))
        return rc;
    if (!yes)
        return dctx_fail(c, WG_EINVAL, "person_invalid", "person_id");
    return record_present(c, &m, person_id, "facilitator", changed);
}

int meeting_proxy_add(dctx *c, int64_t meeting_id, int64_t principal_id, int64_t holder_id)
{
    struct st_meeting m;
    int rc = meeting_run(c, meeting_id, &m, "meeting_proxy"), yes = 0, elector = 0;
    if (rc || (rc = signin_open(c, &m)))
        return rc;
    if (principal_id <= 0 || (rc = store_council_participant(c->st, m.place_path, m.community_id, principal_id,
                                                              &yes, &elector)) != 0 || !elector)
        return rc ? rc : dctx_fail(c, WG_EINVAL, "principal_invalid", "principal_id");
    if (holder_id <= 0 || (rc = store_council_participant(c->st, m.place_path, m.community_id, holder_id, &yes,
                                                           &elector)) != 0 || !elector)
        return rc ? rc : dctx_fail(c, WG_EINVAL, "holder_invalid", "holder_id");
    if (principal_id == holder_id)
        return dctx_fail(c, WG_EINVAL, "proxy_self", "holder_id");
    int present = 0, held = 0, given = 0;
    if ((rc = store_is_present(c->st, meeting_id, principal_id, &present)))
        return rc;
    if (present)
        return dctx_fail(c, WG_ECONFLICT, "principal_present", "principal_id");
    if ((rc = store_is_present(c->st, meeting_id, holder_id, &present)))
        return rc;
    if (!present)
        return dctx_fail(c, WG_ECONFLICT, "holder_absent", "holder_id");
    if ((rc = store_proxy_counts(c->st, meeting_id, principal_id, &held, &given)))
        return rc;
    if (given)
        return dctx_fail(c, WG_ECONFLICT, "proxy_exists", "principal_id");
    if ((rc = store_begin(c->st)))
        return rc;
    /* counted under the meeting's lock: racing proxies cannot pass the limit */
    if ((rc = store_lock_row(c->st, STORE_ROW_MEETING, meeting_id)) == 0 &&
        (rc = store_proxy_counts(c->st, meeting_id, holder_id, &held, &given)) == 0 && held >= PROXIES_PER_HOLDER)
        rc = dctx_fail(c, WG_ECONFLICT, "proxy_limit", "holder_id");
    if (rc == 0)
        rc = store_proxy_add(c->st, meeting_id, principal_id, holder_id, m.community_id, c->actor->id, c->now);
    rc = store_end(c->st, rc);
    return rc == WG_ECONFLICT && c->code == NULL ? dctx_fail(c, rc, "proxy_exists", "principal_id") : rc;
}

int meeting_attendance(dctx *c, int64_t meeting_id, struct st_attendee **att, int *natt, struct st_proxy **px,
                       int *npx)
{
    struct st_meeting m;
    int rc = meeting_get(c, meeting_id, &m);
    if (rc || (rc = store_attendance_of(c->st, c->a, meeting_id, att, natt)))
        return rc;
    return store_proxies_of(c->st, c->a, meeting_id, px, npx);
}

int meeting_participants(dctx *c, const struct st_meeting *m, struct st_attendee **out, int *n)
{
    if (!meeting_may_run(c, m))
        return deny(c, arena_printf(c->a, "meeting:%lld", (long long)m->id), "meeting_participants",
                    m->community_id);
    return store_council_participants(c->st, c->a, m->place_path, m->community_id, PARTICIPANTS_LIST_MAX, out, n);
}

int meeting_presence(dctx *c, int64_t meeting_id, struct st_presence *out)
{
    struct st_meeting m;
    int rc = meeting_get(c, meeting_id, &m);
    return rc ? rc : store_meeting_presence(c->st, meeting_id, m.place_path, out);
}

/* ---- minutes, closing ---- */

int meeting_minutes_set(dctx *c, int64_t meeting_id, const char *minutes_md)
{
    struct st_meeting m;
    int rc = meeting_run(c, meeting_id, &m, "meeting_minutes");
    if (rc || (rc = scheduled(c, &m)))
        return rc;
    if (minutes_md == NULL)
        return dctx_fail(c, WG_EINVAL, "minutes_required", "minutes");
    if (!text_within(minutes_md, 0, MINUTES_MAX))
        return dctx_fail(c, WG_EINVAL, "minutes_invalid", "minutes");
    if ((rc = store_begin(c->st)))
        return rc;
    rc = store_end(c->st, store_meeting_set_minutes(c->st, meeting_id, minutes_md, c->now));
    return rc == WG_ECONFLICT ? dctx_fail(c, rc, "meeting_closed", NULL) : rc;
}

int meeting_close(dctx *c, int64_t meeting_id, int64_t *next_id, int *carried)
{
    struct st_meeting m, next;
    struct st_council co;
    struct st_agenda *items;
    int n = 0, rc = meeting_run(c, meeting_id, &m, "meeting_close");
    *next_id = 0;
    *carried = 0;
    if (rc || (rc = scheduled(c, &m)))
        return rc;
    if (c->now < m.start_at)
        return dctx_fail(c, WG_ECONFLICT, "meeting_not_started", NULL);
    if ((rc = store_agenda_of(c->st, c->a, meeting_id, &items, &n)))
        return rc;
    if ((rc = store_begin(c->st)))
        return rc;
    /* a vote at the meeting is closed or cancelled first: its presence and
     * hands come from this meeting */
    int open_votes = 0;
    if ((rc = store_vote_open_at_meeting(c->st, meeting_id, &open_votes)) == 0 && open_votes > 0)
        rc = dctx_fail(c, WG_ECONFLICT, "meeting_votes_open", NULL);
    if (rc == 0)
        rc = store_meeting_hold(c->st, meeting_id, c->now);
    if (rc == 0)
        rc = store_council_get(c->st, c->a, m.council_id, &co);
    if (rc == 0)
        rc = topup_locked(c, &co);
    int have_next = 0;
    if (rc == 0) {
        rc = store_meeting_next(c->st, c->a, m.council_id, m.start_at, &next);
        if (rc == 0)
            have_next = 1;
        else if (rc == WG_ENOTFOUND)
            rc = 0;
    }
    for (int i = 0; rc == 0 && have_next && i < n; i++) {
        if (items[i].outcome && strcmp(items[i].outcome, "decided") == 0)
            continue;
        struct st_agenda g = {.meeting_id = next.id, .community_id = m.community_id,
                              .matter_id = items[i].matter_id, .title = items[i].title,
                              .carried_from = items[i].id, .created_at = c->now};
        rc = store_agenda_insert(c->st, &g);
        ++*carried;
    }
    rc = store_end(c->st, rc);
    if (rc == WG_ECONFLICT && c->code == NULL)
        return dctx_fail(c, rc, "meeting_closed", NULL);
    if (rc == 0 && have_next)
        *next_id = next.id;
    return rc;
}

/* ---- the feed ---- */

static void key_hash(const char *key, unsigned char out[32])
{
    crypto_generichash(out, 32, (const unsigned char *)key, strlen(key), NULL, 0);
}

int feed_key_new(dctx *c, char out[FEED_KEY_HEX + 1])
{
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    unsigned char h[32];
    token_random(out);
    key_hash(out, h);
    int rc = store_begin(c->st);
    if (rc)
        return rc;
    return store_end(c->st, store_feed_key_set(c->st, c->actor->id, h, actor_community(c->actor), c->now));
}

int meeting_feed(dctx *c, int64_t place_id, const char *key, struct st_place *place, struct st_meeting **out,
                 int *n)
{
    int rc = tree_get(c->st, c->a, place_id, place);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc)
        return rc;
    int ok = c->actor && perm_allows(c->actor, ACT_READ, place->path);
    if (!ok && key && strlen(key) == FEED_KEY_HEX) {
        unsigned char h[32];
        int64_t person = 0;
        struct actor *who;
        key_hash(key, h);
        rc = store_feed_key_person(c->st, h, &person);
        if (rc && rc != WG_ENOTFOUND)
            return rc;
        if (rc == 0 && (rc = actor_load(c, person, &who)) == 0)
            ok = perm_allows(who, ACT_READ, place->path);
        else if (rc && rc != WG_ENOTFOUND)
            return rc;
    }
    if (!ok)
        return dctx_fail(c, WG_ENOTFOUND, "not_found", NULL);
    struct st_council *cs;
    int nc = 0;
    if ((rc = store_councils_of_place(c->st, c->a, place_id, COUNCILS_PER_PLACE, &cs, &nc)))
        return rc;
    for (int i = 0; rc == 0 && i < nc; i++)
        rc = topup(c, &cs[i]);
    if (rc)
        return rc;
    return store_meetings_of_place(c->st, c->a, place_id, c->now - (int64_t)FEED_DAYS_BACK * DAY, FEED_MEETINGS_MAX,
                                   out, n);
}

/* ---- views ---- */

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *view_council(dctx *c, const struct st_council *co)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:i, s:i, s:s, s:i, s:s, s:i}", "id", (json_int_t)co->id, "name",
                          co->name, "kind", co->kind, "unit", co->unit, "every", co->every_n, "day_of_month",
                          co->day_of_month, "time",
                          arena_printf(c->a, "%02d:%02d", co->time_min / 60, co->time_min % 60), "duration_min",
                          co->duration_min, "location", co->location, "notice_days", co->notice_days);
    json_object_set_new(o, "place", json_pack("{s:I, s:o, s:o}", "id", (json_int_t)co->place_id, "name",
                                              str_or_null(co->place_name), "kind", str_or_null(co->place_kind)));
    json_object_set_new(o, "community_id", json_integer(co->community_id));
    /* local_text gives "YYYY-MM-DD 00:00" for a local midnight: the date part */
    json_object_set_new(o, "starts_on", json_string(arena_strndup(c->a, local_text(c, co->starts_on), 10)));
    json_object_set_new(o, "facilitator", co->facilitator_id ? json_pack("{s:I, s:o}", "id",
                                                                         (json_int_t)co->facilitator_id, "name",
                                                                         str_or_null(co->facilitator_name))
                                                             : json_null());
    return time_pair(o, "created_at", co->created_at);
}

json_t *view_meeting(dctx *c, const struct st_meeting *m, int with_code)
{
    json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:i, s:b}", "id", (json_int_t)m->id, "council_id",
                          (json_int_t)m->council_id, "location", m->location, "status", m->status, "sequence",
                          m->sequence, "ad_hoc", m->occurrence < 0);
    json_object_set_new(o, "council", json_pack("{s:I, s:o}", "id", (json_int_t)m->council_id, "name",
                                                str_or_null(m->council_name)));
    json_object_set_new(o, "place", json_pack("{s:I, s:o}", "id", (json_int_t)m->place_id, "name",
                                              str_or_null(m->place_name)));
    json_object_set_new(o, "community_id", json_integer(m->community_id));
    json_object_set_new(o, "duration_min", json_integer((m->end_at - m->start_at) / 60));
    time_pair(o, "start_at", m->start_at);
    time_pair(o, "end_at", m->end_at);
    time_pair(o, "held_at", m->held_at);
    time_pair(o, "updated_at", m->updated_at);
    json_object_set_new(o, "minutes", json_string(m->minutes_md ? m->minutes_md : ""));
    const char *html = NULL;
    if (m->minutes_md && *m->minutes_md && md_render(c->a, m->minutes_md, strlen(m->minutes_md), &html) == 0)
        json_object_set_new(o, "minutes_html", json_string(html));
    if (with_code)
        json_object_set_new(o, "signin_code", json_string(m->signin_code));
    return o;
}

json_t *view_agenda_item(dctx *c, const struct st_agenda *g)
{
    (void)c;
    json_t *o = json_pack("{s:I, s:i, s:s, s:o, s:o}", "id", (json_int_t)g->id, "position", g->position, "title",
                          g->title, "outcome", str_or_null(g->outcome), "outcome_text", str_or_null(g->outcome_text));
    json_object_set_new(o, "matter", g->matter_id ? json_pack("{s:I, s:o}", "id", (json_int_t)g->matter_id, "title",
                                                              str_or_null(g->matter_title))
                                                  : json_null());
    json_object_set_new(o, "carried_from", g->carried_from ? json_integer(g->carried_from) : json_null());
    return o;
}

json_t *view_presence(dctx *c, const struct st_presence *p)
{
    (void)c;
    return json_pack("{s:i, s:i, s:i, s:I, s:f, s:i, s:i}", "heads", p->heads, "households", p->households, "owners",
                     p->owners, "owner_area_dm2", (json_int_t)p->owner_area_dm2, "owner_area_m2",
                     (double)p->owner_area_dm2 / 100.0, "attendees", p->attendees, "proxies", p->proxies);
}
