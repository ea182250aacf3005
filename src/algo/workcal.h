/*
 * The working-day clock (STAGES.md, co-manage: "limits count working time
 * where the category says so, on a working-day calendar with holidays and
 * make-up workdays"). China moves weekends around its holidays: a day is a
 * working day when it is a make-up workday (调休上班), or when it is Monday
 * to Friday and not a holiday. Working time is the time of working days,
 * whole days in China time: a report filed on a Saturday starts
 * its clock at 00:00 on Monday; one filed at 15:00 on a Friday with a
 * 24-hour working limit is due at 15:00 on Monday; one filed the day
 * before the National Day week is due after it.
 *
 * Days are numbered from 1970-01-01 in China time (core/time.h: UTC+8,
 * no summer time; time_local_day gives the day of an instant). The holiday and make-up lists are sorted ascending,
 * without repeats (workcal_check).
 *
 * Pure: no clock, no I/O, no allocation.
 */
#ifndef WG_ALGO_WORKCAL_H
#define WG_ALGO_WORKCAL_H

#include <stddef.h>
#include <stdint.h>

#define WORKCAL_DAY 86400
#define WORKCAL_DAYS_MAX 2000          /* holidays or make-up days one calendar holds */
#define WORKCAL_SPAN_DAYS (20 * 366)   /* how far workcal_add looks before it gives up */

struct workcal {
    const int32_t *holidays;   /* day numbers, sorted */
    size_t nholidays;
    const int32_t *workdays;   /* make-up workdays, sorted */
    size_t nworkdays;
};

/* 0 when the lists are sorted, distinct, within WORKCAL_DAYS_MAX, and no
 * day is both a holiday and a make-up workday; else WG_EINVAL. */
int workcal_check(const struct workcal *w);
/* 1 when the day is a working day. */
int workcal_is_workday(const struct workcal *w, int32_t day);
/* The instant reached after `seconds` of working time from start (start
 * itself when seconds is 0 or less); -1 when no such instant lies within
 * WORKCAL_SPAN_DAYS (a calendar of holidays only). */
int64_t workcal_add(const struct workcal *w, int64_t start, int64_t seconds);
/* The working seconds in [from, to) (0 when to <= from). */
int64_t workcal_between(const struct workcal *w, int64_t from, int64_t to);
/* "YYYY-MM-DD" (a real date, years 1970-9999) -> day number; WG_EINVAL. */
int workcal_parse_day(const char *s, int32_t *day);
/* day number -> "YYYY-MM-DD" in out (at least 11 bytes). */
void workcal_format_day(int32_t day, char *out, size_t n);

#endif
