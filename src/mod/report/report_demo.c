/* The demo's reports in 凤凰苑, one in every state: a new one on the bike
 * shed of building 2 an hour old, confirmed, investigating, in progress,
 * action scheduled, fixed, and closed as a duplicate (of the shed's), not
 * the community's, unable to fix and not fixed; and one nobody answered
 * that escalated and is overdue. And the street's 2026 calendar of
 * holidays and make-up workdays (the State Council's schedule). */
#include <stdio.h>
#include <string.h>

#include "mod/people/people.h"
#include "mod/report/report_int.h"
#include "mod/report/report_store.h"

#define HOUR 3600
#define DAY 86400

struct demo_report {
    const char *place, *facility, *category, *text, *reporter, *state;
    int64_t age;
    int anonymous, escalate;
    const char *note; /* the state change's (NULL: the default) */
    int late;             /* answered after its response limit */
    int score;            /* the household's rating (place: a household), 0: none */
    const char *handler;  /* who moved it (NULL: 凤凰苑's staff) */
};

static int64_t g_first; /* the first report: what the duplicate duplicates */

static int calendar(dctx *c)
{
    static const char *const holidays[] = {"2026-01-01", "2026-01-02", "2026-01-03", "2026-02-15", "2026-02-16",
                                           "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21",
                                           "2026-02-22", "2026-02-23", "2026-04-04", "2026-04-05", "2026-04-06",
                                           "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
                                           "2026-06-19", "2026-06-20", "2026-06-21", "2026-09-25", "2026-09-26",
                                           "2026-09-27", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
                                           "2026-10-05", "2026-10-06", "2026-10-07"};
    static const char *const workdays[] = {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
                                           "2026-10-10"};
    int rc = 0;
    int64_t street = place_demo_id("S");
    for (size_t i = 0; rc == 0 && i < sizeof holidays / sizeof *holidays; i++) {
        int32_t d;
        rc = workcal_parse_day(holidays[i], &d) ? WG_EINVAL : report_store_calendar_add(c->st, street, d, "holiday");
    }
    for (size_t i = 0; rc == 0 && i < sizeof workdays / sizeof *workdays; i++) {
        int32_t d;
        rc = workcal_parse_day(workdays[i], &d) ? WG_EINVAL : report_store_calendar_add(c->st, street, d, "workday");
    }
    return rc;
}

static int add(dctx *c, const struct demo_report *d)
{
    struct st_place p;
    struct report_route rt;
    int64_t response_s, resolution_s, t0 = c->now - d->age;
    int working;
    const struct report_category *cat = report_category_find(d->category);
    int rc = tree_get(c->st, c->a, place_demo_id(d->place), &p);
    if (rc || (rc = report_route(c, p.path, report_level_index(cat->level), &rt)))
        return rc;
    report_limits(c, p.path, cat, &response_s, &resolution_s, &working);
    struct st_report r = {.community_id = p.community_id, .place_id = p.id,
                          .facility_id = d->facility ? facility_demo_id(d->facility) : 0, .category = cat->code,
                          .description = d->text, .reporter_id = people_demo_person(c, d->reporter),
                          .anonymous = d->anonymous, .state = "new", .state_type = "open", .level = rt.level,
                          .responsible_id = rt.person_id, .responsible_place_id = rt.place_id, .created_at = t0};
    r.response_due = report_due(c, p.community_id, t0, response_s, working);
    r.resolution_due = report_due(c, p.community_id, t0, resolution_s, working);
    r.next_due = r.response_due;
    if ((rc = report_store_insert(c->st, &r)))
        return rc;
    if (g_first == 0)
        g_first = r.id;
    if ((rc = report_store_event(c->st, &r, "created", NULL, "new", rt.person_id, r.reporter_id, "", t0)) ||
        (rc = report_store_follow(c->st, r.id, r.reporter_id, r.community_id, 1, t0)))
        return rc;
    if (d->escalate) { /* nobody answered in time: the job moved it to the grid */
        const char *from = r.level;
        struct report_route up;
        if ((rc = report_route(c, p.path, report_level_index(r.level) + 1, &up)))
            return rc;
        r.level = up.level, r.responsible_id = up.person_id, r.responsible_place_id = up.place_id;
        r.overdue = 1, r.escalations = 1, r.next_due = c->now + 12 * HOUR, r.updated_at = r.response_due;
        if ((rc = report_store_update(c->st, &r)) ||
            (rc = report_store_event(c->st, &r, "escalated", NULL, NULL, up.person_id, 0, from, r.response_due)))
            return rc;
    } else if (strcmp(d->state, "new") != 0) {
        const char *type = report_state_type(d->state);
        int64_t staff = people_demo_person(c, d->handler ? d->handler : "13800002001");
        r.state = d->state, r.state_type = type, r.responded_at = t0 + (d->late ? 3 * DAY : 2 * HOUR);
        r.updated_at = r.responded_at;
        r.fixed_at = strcmp(type, "fixed") == 0 ? r.updated_at : 0;
        r.fixes = r.fixed_at != 0;
        r.closed_at = strcmp(type, "closed") == 0 ? r.updated_at : 0;
        r.duplicate_of = strcmp(d->state, "closed_duplicate") == 0 ? g_first : 0;
        r.next_due = r.resolution_due;
        if ((rc = report_store_update(c->st, &r)) ||
            (rc = report_store_event(c->st, &r, "state", "new", d->state, 0, staff, d->note ? d->note : "", r.updated_at)))
            return rc;
        struct satisfaction_subject x = {"report", r.id, r.community_id};
        if (d->score &&
            (rc = satisfaction_subject_record(c, &x, r.place_id, r.reporter_id, d->score, r.updated_at + DAY)))
            return rc;
    }
    return strcmp(r.state_type, "open") == 0 ? job_schedule(c->st, "report.escalate",
                                                            arena_printf(c->a, "report.escalate:%lld", (long long)r.id),
                                                            r.id, r.next_due, c->now)
                                             : 0;
}

/* A year of reports in the small communities (桃源, 青山, 长丰), for the
 * dashboards: each month a few from their residents' homes (the people
 * module's demo: phones 13800003KII), handled by the street, all fixed or
 * closed by now, some answered late, most fixed ones rated. */
static int year_of_reports(dctx *c)
{
    static const char *const comms[] = {"T", "Q", "C"};
    static const int residents[] = {10, 8, 5}, per_month[] = {3, 2, 1};
    static const struct {
        const char *category, *text, *state;
    } kinds[] = {
        {"power", "楼道灯不亮了。", "fixed"},          {"environment", "垃圾桶旁边堆了杂物。", "fixed"},
        {"water", "楼下水管漏水。", "closed_not_fixed"}, {"greening", "草坪里的树该修剪了。", "fixed"},
        {"facility", "单元门的门禁坏了。", "fixed"},   {"property", "电梯年检合格证没有张贴。", "closed_unable"},
    };
    static const int scores[] = {5, 4, 0, 5, 3, 2, 4};
    int rc = 0;
    for (int k = 0; rc == 0 && k < 3; k++)
        for (int m = 0; rc == 0 && m < 12; m++)
            for (int j = 0; rc == 0 && j < per_month[k] + (m % 3 == 0); j++) {
                int i = (m * 3 + j * 5) % residents[k], unit = i / 2, n = k * 5 + m * 2 + j;
                char phone[40], hk[64];
                snprintf(phone, sizeof phone, "13800003%d%02d", k, i);
                snprintf(hk, sizeof hk, "%s.b%d.%d%02d", comms[k], i % 2 + 1, unit / 2 + 1, unit % 2 + 1);
                struct st_person who;
                int64_t age = (int64_t)(m * 30 + 5 + j * 7) * DAY;
                if (person_by_phone(c->st, c->a, phone, &who) || who.created_at > c->now - age)
                    continue;
                const char *state = kinds[n % 6].state;
                struct demo_report d = {arena_strdup(c->a, hk), NULL, kinds[n % 6].category, kinds[n % 6].text,
                                        arena_strdup(c->a, phone), state, age, 0, 0, "已处理",
                                        (m + j) % 4 == 0, strcmp(state, "fixed") == 0 ? scores[n % 7] : 0,
                                        "13800000001"};
                rc = add(c, &d);
            }
    return rc;
}

int report_demo(dctx *c);
int report_demo(dctx *c)
{
    static const struct demo_report reports[] = {
        {"F.b2", "2栋自行车棚", "power", "2栋自行车棚的灯不亮了，晚上停车看不见。", "13800002201", "new", HOUR, 0, 0},
        {"F.b1", NULL, "environment", "东门垃圾桶满了，两天没人清。", "13800002201", "in_progress", 20 * HOUR, 0, 0},
        {"F.b3", NULL, "power", "3栋二楼楼道灯坏了。", "13800002201", "fixed", 5 * DAY, 1, 0},
        {"F.g2", NULL, "parking", "小区外路边有车长期占道。", "13800002201", "closed_not_ours", 8 * DAY, 0, 0,
         "属于市政道路，已转交城管"},
        {"F.b1", NULL, "water", "1栋外墙渗水，一楼墙面发霉。", "13800002201", "new", 2 * DAY, 0, 1, NULL},
        {"F.b4", NULL, "greening", "4栋门前的树枝压到电线了。", "13800002201", "confirmed", 6 * HOUR, 0, 0,
         "已看过，树枝确实搭在电线上"},
        {"F.b5", NULL, "noise", "5栋楼上深夜装修，吵得睡不着。", "13800002201", "investigating", 30 * HOUR, 1, 0,
         "正在了解是哪一户"},
        {"F.b6", NULL, "facility", "6栋单元门的闭门器坏了，门关不上。", "13800002201", "action_scheduled", 26 * HOUR, 0, 0,
         "已约物业周四上午更换"},
        {"F.b2", "2栋自行车棚", "power", "车棚的灯晚上不亮。", "13800002202", "closed_duplicate", 50 * 60, 0, 0,
         "和前一条说的是同一件事"},
        {"F.g1", NULL, "property", "物业费涨价没有公示。", "13800002201", "closed_unable", 12 * DAY, 0, 0,
         "收费属物业合同约定，社区无权调整；已请业委会答复"},
        {"F.b3", NULL, "water", "3栋地下室积水。", "13800002201", "closed_not_fixed", 10 * DAY, 0, 0,
         "排水泵要整体更换，维修资金未到位，暂未解决"},
    };
    g_first = 0;
    int rc = calendar(c);
    for (size_t i = 0; rc == 0 && i < sizeof reports / sizeof *reports; i++)
        rc = add(c, &reports[i]);
    return rc ? rc : year_of_reports(c);
}
