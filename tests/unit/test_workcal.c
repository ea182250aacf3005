/*
 * The working-day clock (src/algo/workcal.c) across China's 2026 National
 * Day week: holidays 1-7 October, make-up workdays Sunday 20 September and
 * Saturday 10 October. Limits that start before the week end after it; a
 * weekend that is a make-up workday counts; dates parse and print back;
 * and workcal_add and workcal_between agree with a brute-force count hour
 * by hour over random starts and lengths.
 */
#include <stdlib.h>
#include <string.h>

#include "algo/workcal.h"
#include "core/err.h"
#include "core/time.h"
#include "t.h"

static int32_t H[8], M[2];
static struct workcal cal;

static int32_t day(const char *s)
{
    int32_t d = 0;
    CHECK_INT(workcal_parse_day(s, &d), 0);
    return d;
}

/* Unix time of "YYYY-MM-DD" at hh:mm China time. */
static int64_t at(const char *date, int hh, int mm)
{
    return (int64_t)day(date) * WORKCAL_DAY - (8 * 3600) + hh * 3600 + mm * 60;
}

static void setup(void)
{
    static const char *const hol[] = {"2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
                                      "2026-10-05", "2026-10-06", "2026-10-07"};
    for (int i = 0; i < 7; i++)
        H[i] = day(hol[i]);
    M[0] = day("2026-09-20");
    M[1] = day("2026-10-10");
    cal = (struct workcal){.holidays = H, .nholidays = 7, .workdays = M, .nworkdays = 2};
    CHECK_INT(workcal_check(&cal), 0);
}

static void test_days(void)
{
    setup();
    char buf[16];
    workcal_format_day(day("2026-10-01"), buf, sizeof buf);
    CHECK_STR(buf, "2026-10-01");
    workcal_format_day(day("2000-02-29"), buf, sizeof buf);
    CHECK_STR(buf, "2000-02-29");
    CHECK_INT(day("1970-01-01"), 0);
    int32_t d;
    static const char *const bad[] = {"2026-02-29", "2026-13-01", "2026-1-01", "2026-01-01x", "1969-12-31", "", "abcd-ef-gh"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK_INT(workcal_parse_day(bad[i], &d), WG_EINVAL);
    CHECK(workcal_is_workday(&cal, day("2026-09-30")));  /* Wednesday */
    CHECK(!workcal_is_workday(&cal, day("2026-10-01"))); /* National Day, a Thursday */
    CHECK(!workcal_is_workday(&cal, day("2026-10-07")));
    CHECK(workcal_is_workday(&cal, day("2026-10-08")));
    CHECK(workcal_is_workday(&cal, day("2026-09-20")));  /* a Sunday worked */
    CHECK(workcal_is_workday(&cal, day("2026-10-10")));  /* a Saturday worked */
    CHECK(!workcal_is_workday(&cal, day("2026-10-11"))); /* a plain Sunday */
    CHECK(!workcal_is_workday(&cal, day("2026-09-19"))); /* a plain Saturday */
    CHECK_INT(time_local_day(at("2026-10-01", 0, 0)), day("2026-10-01"));
    CHECK_INT(time_local_day(at("2026-10-01", 0, 0) - 1), day("2026-09-30"));
}

static void test_across_the_holiday(void)
{
    setup();
    /* one working day from Wednesday 30 September 10:00: 14 h that day, the week off, 10 h on Thursday the 8th */
    CHECK_INT(workcal_add(&cal, at("2026-09-30", 10, 0), WORKCAL_DAY), at("2026-10-08", 10, 0));
    /* 7 working days from Friday 18 September 15:00: the Sunday the 20th counts, the weekend of the 26th does not */
    CHECK_INT(workcal_add(&cal, at("2026-09-18", 15, 0), 7 * WORKCAL_DAY), at("2026-09-28", 15, 0));
    /* 24 working hours from Friday 9 October 15:00: Saturday the 10th is worked */
    CHECK_INT(workcal_add(&cal, at("2026-10-09", 15, 0), WORKCAL_DAY), at("2026-10-10", 15, 0));
    /* filed on a holiday: the clock starts when work does */
    CHECK_INT(workcal_add(&cal, at("2026-10-03", 20, 0), 3600), at("2026-10-08", 1, 0));
    /* a limit that ends exactly at midnight ends there, not a workday later */
    CHECK_INT(workcal_add(&cal, at("2026-09-30", 10, 0), 14 * 3600), at("2026-10-01", 0, 0));
    CHECK_INT(workcal_add(&cal, at("2026-09-30", 10, 0), 0), at("2026-09-30", 10, 0));
    /* the time between counts the same days */
    CHECK_INT(workcal_between(&cal, at("2026-09-30", 10, 0), at("2026-10-08", 10, 0)), WORKCAL_DAY);
    CHECK_INT(workcal_between(&cal, at("2026-10-02", 0, 0), at("2026-10-05", 0, 0)), 0);
    CHECK_INT(workcal_between(&cal, at("2026-10-05", 0, 0), at("2026-10-02", 0, 0)), 0);
}

static void test_checks(void)
{
    int32_t unsorted[] = {5, 3}, both[] = {7};
    struct workcal w = {.holidays = unsorted, .nholidays = 2};
    CHECK_INT(workcal_check(&w), WG_EINVAL);
    w = (struct workcal){.holidays = both, .nholidays = 1, .workdays = both, .nworkdays = 1};
    CHECK_INT(workcal_check(&w), WG_EINVAL);
    /* a calendar of holidays only never reaches the end of a limit */
    static int32_t all[WORKCAL_DAYS_MAX];
    for (int i = 0; i < WORKCAL_DAYS_MAX; i++)
        all[i] = 20000 + i;
    w = (struct workcal){.holidays = all, .nholidays = WORKCAL_DAYS_MAX};
    CHECK_INT(workcal_check(&w), 0);
    CHECK(workcal_add(&w, (int64_t)20000 * WORKCAL_DAY, 3600) > (int64_t)(20000 + WORKCAL_DAYS_MAX) * WORKCAL_DAY - 4 * WORKCAL_DAY);
}

/* Brute force: working seconds counted in steps of a minute. */
static int64_t slow_between(int64_t from, int64_t to)
{
    int64_t s = 0;
    for (int64_t t = from; t < to; t += 60)
        s += workcal_is_workday(&cal, time_local_day(t)) ? (to - t < 60 ? to - t : 60) : 0;
    return s;
}

static void test_random_cross_check(void)
{
    setup();
    srand(12);
    int64_t base = at("2026-09-10", 0, 0);
    for (int i = 0; i < 300; i++) {
        int64_t start = base + (int64_t)(rand() % (40 * 24 * 60)) * 60;
        int64_t len = (int64_t)(rand() % (12 * 24 * 60) + 1) * 60;
        int64_t end = workcal_add(&cal, start, len);
        CHECK(end >= start);
        CHECK_INT(workcal_between(&cal, start, end), len);
        CHECK_INT(slow_between(start, end), len);
        /* the end is the first such instant: a minute earlier is not enough */
        CHECK(slow_between(start, end - 60) < len);
    }
}

int main(void)
{
    T_RUN(test_days);
    T_RUN(test_across_the_holiday);
    T_RUN(test_checks);
    T_RUN(test_random_cross_check);
    T_END();
}
