/* The working-day clock (see workcal.h). */
#include "algo/workcal.h"

#include <stdio.h>

#include "core/err.h"
#include "core/time.h"

static int in_list(const int32_t *list, size_t n, int32_t day)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (list[mid] == day)
            return 1;
        if (list[mid] < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static int sorted(const int32_t *list, size_t n)
{
    if (n > WORKCAL_DAYS_MAX || (n > 0 && list == NULL))
        return 0;
    for (size_t i = 1; i < n; i++)
        if (list[i - 1] >= list[i])
            return 0;
    return 1;
}

int workcal_check(const struct workcal *w)
{
    if (!sorted(w->holidays, w->nholidays) || !sorted(w->workdays, w->nworkdays))
        return WG_EINVAL;
    for (size_t i = 0; i < w->nworkdays; i++)
        if (in_list(w->holidays, w->nholidays, w->workdays[i]))
            return WG_EINVAL;
    return 0;
}

int workcal_is_workday(const struct workcal *w, int32_t day)
{
    if (in_list(w->workdays, w->nworkdays, day))
        return 1;
    if (in_list(w->holidays, w->nholidays, day))
        return 0;
    int dow = (int)(((int64_t)day % 7 + 7 + 3) % 7); /* 1970-01-01 was a Thursday: 0 = Monday */
    return dow < 5;
}

/* The instant a day starts at. */
static int64_t day_start(int32_t day)
{
    return (int64_t)day * WORKCAL_DAY - TIME_ZONE_OFFSET;
}

int64_t workcal_add(const struct workcal *w, int64_t start, int64_t seconds)
{
    int64_t cur = start;
    int32_t day = (int32_t)time_local_day(start);
    if (seconds <= 0)
        return start;
    for (int32_t n = 0; n < WORKCAL_SPAN_DAYS; n++, day++) {
        int64_t end = day_start(day + 1);
        if (workcal_is_workday(w, day)) {
            if (seconds <= end - cur)
                return cur + seconds;
            seconds -= end - cur;
        }
        cur = end;
    }
    return -1;
}

int64_t workcal_between(const struct workcal *w, int64_t from, int64_t to)
{
    int64_t sum = 0, cur = from;
    if (to <= from)
        return 0;
    for (int32_t day = (int32_t)time_local_day(from); cur < to; day++) {
        int64_t end = day_start(day + 1);
        if (end > to)
            end = to;
        if (workcal_is_workday(w, day))
            sum += end - cur;
        cur = end;
    }
    return sum;
}

int workcal_parse_day(const char *s, int32_t *day)
{
    int64_t t;
    if (s == NULL || time_parse_date(s, &t))
        return WG_EINVAL;
    *day = (int32_t)time_local_day(t);
    return 0;
}

void workcal_format_day(int32_t day, char *out, size_t n)
{
    int64_t y;
    int m, d;
    time_civil_from_days(day, &y, &m, &d);
    snprintf(out, n, "%04lld-%02d-%02d", (long long)y, m, d);
}
