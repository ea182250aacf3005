/* The demo's volunteer shifts: two Saturday shifts of 12 places at 凤凰苑's
 * bike shed (its project), 许芳 signed up for the morning. */
#include "mod/people/people.h"
#include "core/time.h"
#include "core/token.h"
#include <stdio.h>
#include "mod/points/points.h"
#include "mod/volunteer/volunteer_int.h"
#include "mod/volunteer/volunteer_store.h"

/* A year of service in the small communities (桃源, 青山, 长丰), for the
 * dashboards: a Saturday-morning shift a month at each, a share of its
 * registered residents (the people module's demo: phones 13800003KII)
 * served and were confirmed, and earned points by the community's rule on
 * the day. The clock is moved back for each, and put back. */
static int year_of_service(dctx *c)
{
    static const char *const comms[] = {"T", "Q", "C"}, *const titles[] = {"环境清扫", "敬老探访", "垃圾分类督导"};
    static const int share[] = {6, 4, 2}; /* residents in ten who serve a month */
    int64_t now = c->now, organiser = people_demo_person(c, "13800000001");
    int rc = 0;
    for (int k = 0; rc == 0 && k < 3; k++)
        for (int m = 0; rc == 0 && m < 12; m++) {
            int64_t day = time_local_day(now) - m * 30 - 12;
            char tok[TOKEN_HEX + 1];
            token_random(tok);
            struct st_shift sh = {.community_id = place_demo_id(comms[k]), .place_id = place_demo_id(comms[k]),
                                  .title = titles[m % 3], .skill = "热心", .location = "社区广场",
                                  .starts_at = day * TIME_DAY - TIME_ZONE_OFFSET + 9 * 3600,
                                  .ends_at = day * TIME_DAY - TIME_ZONE_OFFSET + 11 * 3600, .capacity = 12, .window_min = 30,
                                  .token = arena_strdup(c->a, tok), .organiser_id = organiser,
                                  .created_at = day * TIME_DAY - TIME_ZONE_OFFSET - 7 * TIME_DAY};
            if ((rc = volunteer_store_shift_insert(c->st, &sh)))
                break;
            for (int i = 0; rc == 0 && i < 10; i++) {
                struct st_person p;
                char phone[40];
                snprintf(phone, sizeof phone, "13800003%d%02d", k, i);
                if ((i * 7 + m * 3) % 10 >= share[k] || person_by_phone(c->st, c->a, phone, &p) || p.created_at > sh.created_at)
                    continue;
                int64_t id = 0, granted = 0, txn = 0, minutes = 120 - (i % 2) * 30;
                struct st_signup su = {.shift_id = sh.id, .community_id = sh.community_id, .person_id = p.id,
                                       .status = "confirmed", .created_at = sh.created_at + TIME_DAY};
                if ((rc = volunteer_store_signup_insert(c->st, &su, &id)) ||
                    (rc = volunteer_store_signup_times(c->st, id, sh.starts_at, sh.starts_at + minutes * 60, sh.ends_at)))
                    break;
                su.id = id;
                c->now = sh.ends_at + 3600;
                rc = points_earn(c, su.community_id, p.id, "volunteer_hour", minutes, "volunteer_signup", id,
                                 arena_printf(c->a, "volunteer:%lld", (long long)id), &granted, &txn);
                c->now = now;
                if (rc == 0)
                    rc = volunteer_store_signup_confirm(c->st, id, minutes, organiser, txn, sh.ends_at + 3600);
            }
        }
    return rc;
}

int volunteer_demo(dctx *c)
{
    struct st_matter m;
    struct st_project p;
    int64_t day = time_local_day(c->now), id;
    int64_t saturday = day + (9 - day % 7) % 7; /* 1970-01-01 was a Thursday: Saturdays are day % 7 == 2 */
    if (saturday == day)
        saturday += 7;
    int64_t start = saturday * TIME_DAY - TIME_ZONE_OFFSET;
    int rc = matter_lookup(c, matter_demo_id("shed"), &m);
    if (rc || (rc = project_of_matter(c, m.id, &p)))
        return rc;
    static const struct {
        const char *title;
        int from, to;
    } shifts[] = {{"车棚清理（上午）", 9, 12}, {"车棚粉刷（下午）", 14, 17}};
    for (int i = 0; i < 2 && rc == 0; i++) {
        char tok[TOKEN_HEX + 1];
        token_random(tok);
        struct st_shift sh = {.community_id = p.community_id, .place_id = p.place_id, .project_id = p.id,
                              .title = shifts[i].title, .skill = i ? "会刷漆" : "力气活", .location = "东门车棚",
                              .starts_at = start + shifts[i].from * 3600, .ends_at = start + shifts[i].to * 3600,
                              .capacity = 12, .window_min = 30, .token = arena_strdup(c->a, tok),
                              .organiser_id = people_demo_person(c, "13800002001"), .created_at = c->now};
        rc = volunteer_store_shift_insert(c->st, &sh);
        if (rc == 0)
            rc = job_schedule(c->st, "volunteer.remind", arena_printf(c->a, "volunteer.remind:%lld", (long long)sh.id),
                              sh.id, sh.starts_at - 86400 > c->now ? sh.starts_at - 86400 : c->now, c->now);
        if (rc == 0 && i == 0) {
            struct st_signup su = {.shift_id = sh.id, .community_id = sh.community_id,
                                   .person_id = people_demo_person(c, "13800002201"), .status = "confirmed",
                                   .created_at = c->now};
            rc = volunteer_store_signup_insert(c->st, &su, &id);
        }
    }
    return rc ? rc : year_of_service(c);
}
