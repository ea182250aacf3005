/* Owners grouped into electors (algo/owners.h): several units, co-owners,
 * the developer's units, and bad input. */
#include "t.h"

#include "algo/owners.h"
#include "core/err.h"

static arena *g_a;

/* The group a person votes in, or NULL. */
static const struct owners_group *group_of(const struct owners_result *r, int64_t person)
{
    for (size_t i = 0; i < r->npersons; i++)
        if (r->persons[i].person_id == person)
            return &r->groups[r->persons[i].group];
    return NULL;
}

/* Owner 1 has three units (1000 + 1200 + 800); owners 2 and 3 co-own one
 * (900); owner 4 has one (1100); unit 15 has nobody registered. */
static void test_owners_several_units_and_co_owners(void)
{
    const struct owners_unit u[] = {{13, 800, 0}, {11, 1000, 0}, {12, 1200, 0}, {14, 900, 0}, {15, 700, 0}, {16, 1100, 0}};
    const struct owners_link l[] = {{11, 1}, {12, 1}, {13, 1}, {14, 2}, {14, 3}, {16, 4}, {99, 5}};
    struct owners_result r;
    CHECK_INT(owners_group(g_a, u, 6, l, 7, &r), 0);
    CHECK_INT(r.ngroups, 3); /* heads: the owner of three, the co-owners, owner 4 */
    CHECK_INT(r.groups[0].key, 11);
    CHECK_INT(r.groups[0].area_dm2, 3000);
    CHECK_INT(r.groups[0].units, 3);
    CHECK_INT(r.groups[1].key, 14);
    CHECK_INT(r.groups[1].area_dm2, 900);
    CHECK_INT(r.groups[2].key, 16);
    CHECK_INT(r.npersons, 4); /* person 5 owns no unit listed */
    CHECK(group_of(&r, 2) == group_of(&r, 3));
    CHECK(group_of(&r, 1) != group_of(&r, 2));
    CHECK(group_of(&r, 5) == NULL);
    int64_t area = 0;
    for (size_t i = 0; i < r.ngroups; i++)
        area += r.groups[i].area_dm2;
    CHECK_INT(area, 5000); /* unit 15 (nobody registered) is in no elector */
}

/* A common owner joins units: 1 owns 21 and co-owns 22 with 2, so 21 and
 * 22 are one elector and 2 votes in it. */
static void test_owners_joined_by_a_common_owner(void)
{
    const struct owners_unit u[] = {{21, 500, 0}, {22, 600, 0}, {23, 700, 0}};
    const struct owners_link l[] = {{22, 2}, {21, 1}, {22, 1}, {23, 3}};
    struct owners_result r;
    CHECK_INT(owners_group(g_a, u, 3, l, 4, &r), 0);
    CHECK_INT(r.ngroups, 2);
    CHECK_INT(group_of(&r, 2)->key, 21);
    CHECK_INT(group_of(&r, 2)->area_dm2, 1100);
    CHECK_INT(group_of(&r, 3)->area_dm2, 700);
}

/* The developer's unsold units are one head with all their area, with or
 * without an agent; an agent who owns a flat votes for the flat. */
static void test_owners_developer(void)
{
    const struct owners_unit u[] = {{31, 1000, 1}, {32, 1000, 1}, {33, 1500, 1}, {34, 900, 0}, {35, 800, 0}};
    const struct owners_link none[] = {{34, 7}};
    struct owners_result r;
    CHECK_INT(owners_group(g_a, u, 5, none, 1, &r), 0);
    CHECK_INT(r.ngroups, 2);
    CHECK_INT(r.groups[0].key, 31);
    CHECK(r.groups[0].developer);
    CHECK_INT(r.groups[0].area_dm2, 3500);
    CHECK_INT(r.groups[0].units, 3);
    CHECK_INT(r.npersons, 1);
    const struct owners_link agents[] = {{31, 8}, {32, 8}, {33, 9}, {35, 9}};
    CHECK_INT(owners_group(g_a, u, 5, agents, 4, &r), 0);
    CHECK_INT(r.ngroups, 2); /* the developer, and 9's flat 35; 34 has nobody */
    CHECK(group_of(&r, 8)->developer);
    CHECK(!group_of(&r, 9)->developer);
    CHECK_INT(group_of(&r, 9)->key, 35);
    CHECK_INT(group_of(&r, 8)->area_dm2, 3500);
}

static void test_owners_bad_input(void)
{
    struct owners_result r;
    const struct owners_unit dup[] = {{1, 10, 0}, {1, 20, 0}};
    CHECK_INT(owners_group(g_a, dup, 2, NULL, 0, &r), WG_EINVAL);
    const struct owners_unit neg[] = {{1, -1, 0}};
    CHECK_INT(owners_group(g_a, neg, 1, NULL, 0, &r), WG_EINVAL);
    CHECK_INT(owners_group(g_a, NULL, 0, NULL, 0, &r), 0);
    CHECK_INT(r.ngroups, 0);
    CHECK_INT(r.npersons, 0);
}

int main(void)
{
    g_a = arena_new(64 * 1024);
    T_RUN(test_owners_several_units_and_co_owners);
    T_RUN(test_owners_joined_by_a_common_owner);
    T_RUN(test_owners_developer);
    T_RUN(test_owners_bad_input);
    arena_free(g_a);
    T_END();
}
