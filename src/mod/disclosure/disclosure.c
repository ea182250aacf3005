/* The disclosure board: kinds, schedules, items and their rules (see disclosure.h). */
#include "mod/disclosure/disclosure.h"

#include <assert.h>
#include <string.h>

#include "core/time.h"
#include "mod/disclosure/disclosure_int.h"
#include "mod/disclosure/disclosure_store.h"

#define N PERM_NONE
#define S PERM_SUBTREE
const struct perm_action disclosure_act_publish = {
    "publish_disclosure", "publish, edit before publication and withdraw items of the community's disclosure board",
    {N, N, N, S, N}};
const struct perm_action disclosure_act_oversee = {
    "oversee_disclosure", "read the state of every community's disclosure board under a place", {N, N, N, S, S}};
#undef N
#undef S

const char *const disclosure_kinds[] = {"finance", "affairs", "government", "major", NULL};

/* Defaults by common practice of 村务公开 / 居务公开: finances monthly,
 * affairs and government quarterly, major matters within days. */
const struct setting_def disclosure_settings[] = {
    {"disclosure_finance_months", 1, 3, 1},
    {"disclosure_affairs_months", 1, 3, 3},
    {"disclosure_government_months", 1, 3, 3},
    {"disclosure_major_days", 1, 30, 5},
    {"disclosure_grace_days", 1, 28, 10},
    {"disclosure_remind_days", 0, 14, 3},
    {NULL, 0, 0, 0},
};

int disclosure_kind_valid(const char *kind)
{
    for (int i = 0; kind && disclosure_kinds[i]; i++)
        if (strcmp(disclosure_kinds[i], kind) == 0)
            return 1;
    return 0;
}

int disclosure_kind_periodic(const char *kind)
{
    return disclosure_kind_valid(kind) && strcmp(kind, "major") != 0;
}

static long setting(dctx *c, const char *path, const char *key)
{
    const struct setting_def *d = setting_def_find(key);
    assert(d != NULL);
    long v = d->def;
    place_line_setting(c, path, d, &v);
    return v;
}

int disclosure_schedule_of(dctx *c, const struct st_place *com, const char *kind, struct disclosure_schedule *out)
{
    assert(disclosure_kind_valid(kind));
    *out = (struct disclosure_schedule){0};
    if (disclosure_kind_periodic(kind))
        out->months = (int)setting(c, com->path, arena_printf(c->a, "disclosure_%s_months", kind));
    else
        out->days = (int)setting(c, com->path, "disclosure_major_days");
    out->grace_days = (int)setting(c, com->path, "disclosure_grace_days");
    out->remind_days = (int)setting(c, com->path, "disclosure_remind_days");
    return 0;
}

/* ---- periods ---- */

static int64_t local_midnight(int64_t day)
{
    return day * TIME_DAY - TIME_ZONE_OFFSET;
}

static int64_t month_index(int64_t t)
{
    int64_t y;
    int m, d;
    time_civil_from_days(time_local_day(t), &y, &m, &d);
    return y * 12 + (m - 1);
}

static int64_t month_start(int64_t mi)
{
    return local_midnight(time_days_from_civil(mi / 12, (int)(mi % 12) + 1, 1));
}

static void period_of_months(arena *a, int64_t first_month, int months, const struct disclosure_schedule *s,
                             struct disclosure_period *out)
{
    int64_t y = first_month / 12;
    int m = (int)(first_month % 12) + 1;
    out->start = month_start(first_month);
    out->end = month_start(first_month + months);
    out->due_at = out->end + (int64_t)s->grace_days * TIME_DAY;
    out->remind_at = out->due_at - (int64_t)s->remind_days * TIME_DAY;
    if (months == 1)
        out->label = arena_printf(a, "%04lld-%02d", (long long)y, m);
    else if (months == 3)
        out->label = arena_printf(a, "%04lld-Q%d", (long long)y, (m - 1) / 3 + 1);
    else
        out->label = arena_printf(a, "%04lld-%02d/%02d", (long long)y, m, m + months - 1);
}

void disclosure_period_at(arena *a, int64_t t, int months, int shift, const struct disclosure_schedule *s,
                          struct disclosure_period *out)
{
    assert(months >= 1 && 12 % months == 0);
    int64_t q = month_index(t) / months + shift;
    period_of_months(a, q * months, months, s, out);
}

/* The day of a decision, due s->days days after it. */
void disclosure_period_decision(arena *a, int64_t day_start, const struct disclosure_schedule *s,
                                struct disclosure_period *out)
{
    char buf[20];
    out->start = day_start;
    out->end = day_start + TIME_DAY;
    out->due_at = day_start + (int64_t)(s->days + 1) * TIME_DAY; /* by the end of the days-th day after */
    out->remind_at = out->due_at - (int64_t)s->remind_days * TIME_DAY;
    time_format_local(day_start, buf, sizeof buf);
    buf[10] = '\0';
    out->label = arena_strdup(a, buf);
}

json_t *disclosure_due_json(json_t *o, int64_t due_at)
{
    char day[20];
    time_format_local(due_at - 1, day, sizeof day); /* due at the end of that day */
    day[10] = '\0';
    json_object_set_new(o, "due_on", json_string(day));
    return time_json_pair(o, "due_at", due_at);
}

int64_t disclosure_days_after(int64_t now, int64_t due)
{
    return now < due ? 0 : (now - due) / TIME_DAY + 1; /* the day after the due day is day 1 */
}

/* ---- communities ---- */

int disclosure_community(dctx *c, int64_t id, struct st_place *out)
{
    int rc = id > 0 ? place_get(c, id, out) : dctx_fail(c, WG_EINVAL, "disclosure_community_invalid", "community_id");
    if (rc == 0 && strcmp(out->kind, "community") != 0)
        rc = dctx_fail(c, WG_EINVAL, "disclosure_community_invalid", "community_id");
    return rc;
}

static const char *tick_key(dctx *c, int64_t community_id, const char *kind)
{
    return arena_printf(c->a, "disclosure.tick:%lld:%s", (long long)community_id, kind);
}

/* Inside a write transaction: opens the board once, and its periodic kinds' jobs. */
static int open_board(dctx *c, const struct st_place *com)
{
    int opened = 0;
    int rc = disclosure_store_board_open(c->st, com->id, c->now, c->actor ? c->actor->id : 0, &opened);
    for (int i = 0; rc == 0 && opened && disclosure_kinds[i]; i++)
        if (disclosure_kind_periodic(disclosure_kinds[i]))
            rc = job_schedule(c->st, "disclosure.tick", tick_key(c, com->id, disclosure_kinds[i]), com->id, c->now,
                              c->now);
    if (rc == 0 && opened && c->actor) {
        struct st_audit e = {.at = c->now, .actor_id = c->actor->id, .ip = c->ip, .action = "disclosure_open",
                             .target = com->path, .detail = "", .community_id = com->id};
        rc = audit_insert(c->st, &e);
    }
    return rc;
}

int disclosure_open(dctx *c, int64_t community_id)
{
    struct st_place com;
    int rc = disclosure_community(c, community_id, &com);
    if (rc || (rc = perm_check(c, &disclosure_act_publish, com.path, com.id)) || (rc = store_begin(c->st)))
        return rc;
    return store_end(c->st, open_board(c, &com));
}

/* ---- items ---- */

/* The period of an item from its input: a month of a periodic kind's
 * period, or the day of a decision. */
static int item_period(dctx *c, const struct st_place *com, const char *kind, const struct disclosure_new *in,
                       struct st_disclosure *d)
{
    struct disclosure_schedule s;
    struct disclosure_period p;
    int64_t day = 0;
    disclosure_schedule_of(c, com, kind, &s);
    if (s.months) {
        const char *v = in->period;
        if (v == NULL || strlen(v) != 7 || time_parse_date(arena_printf(c->a, "%s-01", v), &day) ||
            day > c->now || day < local_midnight(time_days_from_civil(DISCLOSURE_YEAR_MIN, 1, 1)))
            return dctx_fail(c, WG_EINVAL, "disclosure_period_invalid", "period");
        disclosure_period_at(c->a, day, s.months, 0, &s, &p);
    } else {
        if (in->decided_on == NULL || time_parse_date(in->decided_on, &day) || day > c->now ||
            day < c->now - (int64_t)DISCLOSURE_SCHEDULE_DAYS_MAX * TIME_DAY)
            return dctx_fail(c, WG_EINVAL, "disclosure_decided_invalid", "decided_on");
        disclosure_period_decision(c->a, day, &s, &p);
    }
    disclosure_set_period(d, &p, s.months);
    return 0;
}

void disclosure_set_period(struct st_disclosure *d, const struct disclosure_period *p, int months)
{
    int64_t y;
    int m, dd;
    time_civil_from_days(time_local_day(p->start), &y, &m, &dd);
    d->period_start = p->start;
    d->period_end = p->end;
    d->due_at = p->due_at;
    d->period_label = p->label;
    d->period_months = months;
    d->period_year = (int)y;
}

/* The publication time: a draft (0), now, or a time within the schedule's reach; never in the past. */
static int publish_time(dctx *c, const char *publish, int64_t at, int64_t *out)
{
    if (publish == NULL || strcmp(publish, "now") == 0)
        return *out = c->now, 0;
    if (strcmp(publish, "draft") == 0)
        return *out = 0, 0;
    if (strcmp(publish, "at") != 0)
        return dctx_fail(c, WG_EINVAL, "disclosure_publish_invalid", "publish");
    if (at < c->now - DISCLOSURE_CLOCK_SKEW || at > c->now + (int64_t)DISCLOSURE_SCHEDULE_DAYS_MAX * TIME_DAY)
        return dctx_fail(c, WG_EINVAL, "disclosure_publish_invalid", "publish_at");
    *out = at < c->now ? c->now : at;
    return 0;
}

static int texts(dctx *c, const char *title, const char *body, int required)
{
    int rc = dctx_text(c, title, DISCLOSURE_TITLE_MAX, required, "title", "disclosure_title_required",
                       "disclosure_title_invalid");
    return rc ? rc
              : dctx_text(c, body, DISCLOSURE_BODY_MAX, required, "body", "disclosure_body_required",
                          "disclosure_body_invalid");
}

void disclosure_from_form(const struct form *f, struct disclosure_new *in)
{
    in->kind = form_get(f, "kind");
    in->title = form_get(f, "title");
    in->body = form_get(f, "body");
    in->period = form_get(f, "period");
    in->decided_on = form_get(f, "decided_on");
    in->publish = form_get(f, "publish");
    if (in->period && *in->period == '\0') /* a form's empty input: not given */
        in->period = NULL;
    if (in->decided_on && *in->decided_on == '\0')
        in->decided_on = NULL;
}

/* Whether a text holds more than white space. */
static int given(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return 1;
    return 0;
}

/* Decodes the uploads outside any transaction (libvips). */
static int prepare_photos(dctx *c, const struct disclosure_new *in, int have, struct photo_image *img)
{
    if (in->nphotos < 0 || have + in->nphotos > DISCLOSURE_PHOTOS_MAX)
        return dctx_fail(c, WG_EINVAL, "disclosure_too_many_photos", "photos");
    int rc = 0;
    for (int i = 0; rc == 0 && i < in->nphotos; i++)
        rc = photo_prepare(c, in->photos[i].data, in->photos[i].len, &img[i]);
    return rc;
}

static int add_photos(dctx *c, const struct st_disclosure *d, int have, const struct photo_image *img, int n)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < n; i++) {
        int64_t pid = 0;
        if ((rc = photo_insert(c, d->community_id, &img[i], &pid)) == 0)
            rc = disclosure_store_photo_add(c->st, d->id, have + i, pid, d->community_id);
    }
    return rc;
}

/* A major item not yet published waits for its reminder and due time. */
static int schedule_item(dctx *c, const struct st_disclosure *d, const struct st_place *com)
{
    if (strcmp(d->kind, "major") != 0 || (d->publish_at && d->publish_at <= c->now))
        return 0;
    struct disclosure_schedule s;
    disclosure_schedule_of(c, com, d->kind, &s);
    int64_t remind = d->due_at - (int64_t)s.remind_days * TIME_DAY;
    int64_t at = s.remind_days && remind > c->now ? remind : d->due_at;
    return job_schedule(c->st, "disclosure.item", arena_printf(c->a, "disclosure.item:%lld", (long long)d->id), d->id,
                        at < c->now ? c->now : at, c->now);
}

static int audit_item(dctx *c, const struct st_disclosure *d, const char *action, const char *detail)
{
    struct st_audit e = {.at = c->now, .actor_id = c->actor->id, .ip = c->ip, .action = action,
                         .target = arena_printf(c->a, "disclosure:%lld", (long long)d->id), .detail = detail,
                         .community_id = d->community_id};
    return audit_insert(c->st, &e);
}

int disclosure_create(dctx *c, const struct disclosure_new *in, int64_t *id)
{
    struct st_place com;
    struct photo_image img[DISCLOSURE_PHOTOS_MAX];
    struct st_disclosure d = {0};
    int rc = disclosure_community(c, in->community_id, &com);
    if (rc || (rc = perm_check(c, &disclosure_act_publish, com.path, com.id)))
        return rc;
    if (!disclosure_kind_valid(in->kind))
        return dctx_fail(c, WG_EINVAL, "disclosure_kind_invalid", "kind");
    if ((rc = texts(c, in->title, in->body, 1)) || (rc = item_period(c, &com, in->kind, in, &d)) ||
        (rc = publish_time(c, in->publish, in->publish_at, &d.publish_at)) || (rc = prepare_photos(c, in, 0, img)))
        return rc;
    d.community_id = com.id;
    d.kind = in->kind;
    d.title = in->title;
    d.body = in->body;
    d.created_by = c->actor->id;
    d.created_at = c->now;
    if ((rc = store_begin(c->st)))
        return rc;
    if ((rc = open_board(c, &com)) == 0 && (rc = disclosure_store_insert(c->st, &d)) == 0 &&
        (rc = add_photos(c, &d, 0, img, in->nphotos)) == 0 && (rc = schedule_item(c, &d, &com)) == 0)
        rc = audit_item(c, &d, "disclosure_create", d.kind);
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = d.id;
    return 0;
}

/* ---- a matter's decision: a major item drafted at once ---- */

/* Matter m (at the stage it left) moved to `to`. Leaving its public notice
 * for co-building, its decision stands: the community's board gets a draft
 * major item for it at once, decided today and due disclosure_major_days
 * later, so that the decision cannot go unpublished unnoticed. The
 * community's staff are told (disclosure_draft); they complete and publish
 * it; until then the jobs remind them and flag it overdue in public, as
 * any major item. One per matter; inside the move's transaction (matter.h,
 * struct matter_ext). */
int disclosure_on_matter_moved(dctx *c, const struct st_matter *m, const char *to)
{
    if (strcmp(m->stage, "notice") != 0 || strcmp(to, "building") != 0)
        return 0;
    int64_t have = 0;
    struct st_place com;
    struct disclosure_schedule s;
    struct disclosure_period p;
    int rc = disclosure_store_by_matter(c->st, m->id, &have);
    if (rc != WG_ENOTFOUND)
        return rc; /* 0: drafted already */
    if ((rc = tree_get(c->st, c->a, m->community_id, &com)))
        return rc;
    disclosure_schedule_of(c, &com, "major", &s);
    disclosure_period_decision(c->a, local_midnight(time_local_day(c->now)), &s, &p);
    struct st_disclosure d = {
        .community_id = com.id, .kind = "major", .title = m->title, .created_by = c->actor->id,
        .created_at = c->now, .matter_id = m->id,
        .body = arena_printf(c->a, "%s%s%s", i18n_get(LANG_HANS, "disclosure_draft_lead"), m->title,
                             i18n_get(LANG_HANS, "disclosure_draft_tail"))};
    disclosure_set_period(&d, &p, 0);
    if ((rc = open_board(c, &com)) || (rc = disclosure_store_insert(c->st, &d)) || (rc = schedule_item(c, &d, &com)))
        return rc;
    struct notify_msg msg = {.kind = "disclosure_draft", .title = m->title, .detail = "major", /* links to the draft */
                             .url = arena_printf(c->a, "/disclosure/items/%lld", (long long)d.id), .at = c->now};
    if ((rc = disclosure_store_tell_staff(c->st, com.id, &msg, NULL)))
        return rc;
    return audit_item(c, &d, "disclosure_draft", arena_printf(c->a, "matter:%lld", (long long)m->id));
}

/* The item for one who may publish at its community, locked in the open transaction. */
static int item_for_staff(dctx *c, int64_t id, struct st_disclosure *d, struct st_place *com)
{
    int rc = disclosure_get(c, id, d);
    if (rc || (rc = perm_check(c, &disclosure_act_publish, d->community_path, d->community_id)) ||
        (rc = tree_get(c->st, c->a, d->community_id, com)))
        return rc;
    return 0;
}

int disclosure_edit(dctx *c, int64_t id, const struct disclosure_new *in)
{
    struct st_disclosure d;
    struct st_place com;
    struct photo_image img[DISCLOSURE_PHOTOS_MAX];
    int rc = item_for_staff(c, id, &d, &com);
    if (rc)
        return rc;
    if (d.withdrawn_at || (d.publish_at && d.publish_at <= c->now))
        return dctx_fail(c, WG_ECONFLICT, "disclosure_published", NULL);
    if (in->kind && strcmp(in->kind, d.kind) != 0)
        return dctx_fail(c, WG_EINVAL, "disclosure_kind_fixed", "kind");
    if ((rc = texts(c, in->title, in->body, 0)))
        return rc;
    if (given(in->title)) /* blank: kept as it is */
        d.title = in->title;
    if (given(in->body))
        d.body = in->body;
    if ((in->period || in->decided_on) && (rc = item_period(c, &com, d.kind, in, &d)))
        return rc;
    if (in->publish && (rc = publish_time(c, in->publish, in->publish_at, &d.publish_at)))
        return rc;
    if ((rc = prepare_photos(c, in, d.nphotos, img)))
        return rc;
    d.updated_at = c->now;
    if ((rc = store_begin(c->st)))
        return rc;
    struct st_disclosure now;
    /* the item as it is under the lock: published or withdrawn meanwhile, it is no longer editable */
    if ((rc = disclosure_store_lock(c->st, id)) == 0 && (rc = disclosure_store_get(c->st, c->a, id, &now)) == 0 &&
        (now.withdrawn_at || (now.publish_at && now.publish_at <= c->now) || now.nphotos != d.nphotos))
        rc = dctx_fail(c, WG_ECONFLICT, "disclosure_published", NULL);
    if (rc == 0 && (rc = disclosure_store_update(c->st, &d)) == 0 &&
        (rc = add_photos(c, &d, d.nphotos, img, in->nphotos)) == 0 && (rc = schedule_item(c, &d, &com)) == 0)
        rc = audit_item(c, &d, "disclosure_edit", "");
    return store_end(c->st, rc);
}

int disclosure_withdraw(dctx *c, int64_t id, const char *reason)
{
    struct st_disclosure d;
    struct st_place com;
    int rc = item_for_staff(c, id, &d, &com);
    if (rc || (rc = dctx_text(c, reason, REASON_MAX, 1, "reason", "reason_required", "reason_invalid")))
        return rc;
    if (d.withdrawn_at)
        return dctx_fail(c, WG_ECONFLICT, "disclosure_withdrawn", NULL);
    if ((rc = store_begin(c->st)))
        return rc;
    rc = disclosure_store_withdraw(c->st, id, c->now, c->actor->id, reason);
    if (rc == WG_ECONFLICT)
        rc = dctx_fail(c, rc, "disclosure_withdrawn", NULL);
    if (rc == 0)
        rc = audit_item(c, &d, "disclosure_withdraw", reason);
    return store_end(c->st, rc);
}

int disclosure_may_publish(dctx *c, const char *community_path)
{
    return c->actor && perm_allows(c->actor, &disclosure_act_publish, community_path);
}

int disclosure_get(dctx *c, int64_t id, struct st_disclosure *out)
{
    int rc = id > 0 ? disclosure_store_get(c->st, c->a, id, out) : WG_ENOTFOUND;
    if (rc == 0 && (c->actor == NULL || !perm_allows(c->actor, &perm_read, out->community_path)))
        rc = WG_ENOTFOUND;
    /* drafts and scheduled items only for those who write them */
    if (rc == 0 && (out->publish_at == 0 || out->publish_at > c->now) && !disclosure_may_publish(c, out->community_path))
        rc = WG_ENOTFOUND;
    return rc == WG_ENOTFOUND ? dctx_fail(c, rc, "not_found", NULL) : rc;
}

const char *disclosure_state(dctx *c, const struct st_disclosure *d)
{
    if (d->withdrawn_at)
        return "withdrawn";
    if (d->publish_at == 0)
        return "draft";
    return d->publish_at > c->now ? "scheduled" : "published";
}

json_t *disclosure_json(dctx *c, const struct st_disclosure *d)
{
    const char *state = disclosure_state(c, d);
    int may = disclosure_may_publish(c, d->community_path), published = strcmp(state, "published") == 0;
    json_t *photos = json_array();
    for (int i = 0; i < d->nphotos; i++)
        json_array_append_new(photos, photo_json(c->a, d->photos[i]));
    char start[20], last[20];
    time_format_local(d->period_start, start, sizeof start);
    time_format_local(d->period_end - TIME_DAY, last, sizeof last);
    start[10] = last[10] = '\0';
    json_t *o = json_pack("{s:I, s:{s:I, s:s}, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:i}, s:s, s:o, s:b, s:b, s:s}",
                          "id", (json_int_t)d->id, "community", "id", (json_int_t)d->community_id, "name",
                          d->community_name, "kind", d->kind, "title", d->title, "body", d->body, "period", "label",
                          d->period_label, "start", start, "last_day", last, "months", d->period_months, "state",
                          state, "photos", photos, "may_edit",
                          may && (!strcmp(state, "draft") || !strcmp(state, "scheduled")), "may_withdraw",
                          may && strcmp(state, "withdrawn") != 0, "url",
                          arena_printf(c->a, "/disclosure/items/%lld", (long long)d->id));
    int64_t late = published && d->publish_at > d->due_at ? disclosure_days_after(d->publish_at, d->due_at) : 0;
    json_object_set_new(o, "late_days", json_integer(late));
    json_object_set_new(o, "withdrawn",
                        d->withdrawn_at ? time_json_pair(json_pack("{s:s}", "reason", d->withdraw_reason ? d->withdraw_reason : ""),
                                                         "at", d->withdrawn_at)
                                        : json_null());
    disclosure_due_json(o, d->due_at);
    json_object_set_new(o, "matter", d->matter_id ? json_pack("{s:I, s:s}", "id", (json_int_t)d->matter_id, "url",
                                                              arena_printf(c->a, "/matters/%lld", (long long)d->matter_id))
                                                  : json_null());
    time_json_pair(o, "publish_at", d->publish_at);
    time_json_pair(o, "created_at", d->created_at);
    return time_json_pair(o, "updated_at", d->updated_at);
}

int disclosure_list(dctx *c, const struct disclosure_query *q, struct st_disclosure **out, int *n, int *total)
{
    struct st_place com;
    *n = *total = 0;
    int rc = disclosure_community(c, q->community_id, &com);
    if (rc)
        return rc;
    if (q->kind && !disclosure_kind_valid(q->kind))
        return dctx_fail(c, WG_EINVAL, "disclosure_kind_invalid", "kind");
    if (q->q && dctx_text(c, q->q, DISCLOSURE_QUERY_MAX, 0, "q", "disclosure_query_invalid", "disclosure_query_invalid"))
        return WG_EINVAL;
    struct disclosure_query x = *q;
    if (x.q) { /* a LIKE pattern matches the text as typed: escape its wildcards */
        char *e = arena_alloc(c->a, strlen(x.q) * 2 + 1), *p = e;
        for (const char *s = x.q; *s; s++) {
            if (*s == '\\' || *s == '%' || *s == '_')
                *p++ = '\\';
            *p++ = *s;
        }
        *p = '\0';
        x.q = e;
    }
    return disclosure_store_list(c->st, c->a, &x, disclosure_may_publish(c, com.path), c->now, out, n, total);
}

int disclosure_years(dctx *c, int64_t community_id, int **years, int *n)
{
    struct st_place com;
    *n = 0;
    int rc = disclosure_community(c, community_id, &com);
    return rc ? rc
              : disclosure_store_years(c->st, c->a, com.id, disclosure_may_publish(c, com.path), c->now, years, n);
}
