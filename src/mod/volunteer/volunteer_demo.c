/* The demo's volunteer shifts: two Saturday shifts of 12 places at 凤凰苑's
 * bike shed (its project), 许芳 signed up for the morning. */
#include "mod/people/people.h"
#include "core/time.h"
#include "core/token.h"
#include "mod/volunteer/volunteer_int.h"
#include "mod/volunteer/volunteer_store.h"

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
    return rc;
}
