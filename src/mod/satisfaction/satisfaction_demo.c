/* The demo's surveys: a year of them in the small communities (桃源, 青山,
 * 长丰), for the dashboards: each quarter the street asks every household
 * how satisfied it is with the community's work; the households with a
 * registered resident (the people module's demo: phones 13800003KII)
 * answered, 桃源 the most content, 长丰 the least. */
#include <stdio.h>

#include "core/time.h"
#include "mod/people/people.h"
#include "mod/satisfaction/satisfaction.h"
#include "mod/satisfaction/satisfaction_store.h"

int satisfaction_demo(dctx *c);
int satisfaction_demo(dctx *c)
{
    static const char *const comms[] = {"T", "Q", "C"};
    static const int scores[3][5] = {{5, 4, 5, 4, 3}, {4, 3, 5, 2, 4}, {3, 2, 4, 1, 3}};
    int64_t street_admin = people_demo_person(c, "13800000001");
    int rc = 0;
    for (int k = 0; rc == 0 && k < 3; k++)
        for (int q = 0; rc == 0 && q < 4; q++) {
            int64_t opens = c->now - (int64_t)(q * 91 + 40) * TIME_DAY;
            struct st_survey v = {.community_id = place_demo_id(comms[k]), .place_id = place_demo_id(comms[k]),
                                  .question = "您家对本季度社区的工作满意吗？", .threshold = 60, .opens_at = opens,
                                  .closes_at = opens + 14 * TIME_DAY, .created_by = street_admin, .created_at = opens};
            if ((rc = satisfaction_store_insert(c->st, &v)))
                break;
            for (int i = 0; rc == 0 && i < 10; i++) {
                struct st_person p;
                char phone[40];
                snprintf(phone, sizeof phone, "13800003%d%02d", k, i);
                if (person_by_phone(c->st, c->a, phone, &p) || p.created_at > opens || (i + q) % 4 == 3)
                    continue;
                int unit = i / 2;
                char hk[64];
                snprintf(hk, sizeof hk, "%s.b%d.%d%02d", comms[k], i % 2 + 1, unit / 2 + 1, unit % 2 + 1);
                rc = satisfaction_store_respond(c->st, &v, place_demo_id(hk), p.id, scores[k][(i + q) % 5],
                                                opens + (1 + i % 10) * TIME_DAY);
            }
        }
    return rc;
}
