/* Local dates and times, UTC+8 (see time.h). */
#include "core/time.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/err.h"

/* 9999-12-31 23:59:59 local: beyond it (or before 1970) a time is unknown */
#define TIME_LAST (253402300799LL - TIME_ZONE_OFFSET)

int64_t time_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void time_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
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

int time_month_days(int64_t y, int m)
{
    static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : md[m - 1];
}

int64_t time_local_day(int64_t t)
{
    int64_t lt = t + TIME_ZONE_OFFSET;
    return lt >= 0 ? lt / TIME_DAY : (lt - TIME_DAY + 1) / TIME_DAY;
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

/* The date at the start of s, which must be at least 10 bytes. */
static int date_prefix(const char *s, int64_t *out)
{
    int y, m, d;
    if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &m) || s[7] != '-' || digits(s + 8, 2, &d))
        return WG_EINVAL;
    if (y < TIME_YEAR_MIN || y > TIME_YEAR_MAX || m < 1 || m > 12 || d < 1 || d > time_month_days(y, m))
        return WG_EINVAL;
    *out = time_days_from_civil(y, m, d) * TIME_DAY - TIME_ZONE_OFFSET;
    return 0;
}

int time_parse_date(const char *s, int64_t *out)
{
    if (s == NULL || strlen(s) != 10)
        return WG_EINVAL;
    return date_prefix(s, out);
}

int time_parse_hm(const char *s, int *minutes)
{
    int h, mi;
    if (s == NULL || strlen(s) != 5 || digits(s, 2, &h) || s[2] != ':' || digits(s + 3, 2, &mi) || h > 23 ||
        mi > 59)
        return WG_EINVAL;
    *minutes = h * 60 + mi;
    return 0;
}

int time_parse_local(const char *s, int64_t *out)
{
    int64_t day;
    int hm;
    if (s == NULL || strlen(s) != 16 || (s[10] != ' ' && s[10] != 'T') || date_prefix(s, &day) ||
        time_parse_hm(s + 11, &hm))
        return WG_EINVAL;
    *out = day + (int64_t)hm * 60;
    return 0;
}

/* v as width zero-padded digits at p; the end. */
static char *put_digits(char *p, int64_t v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + width;
}

/* "YYYY-MM-DD?HH:MM" (utc: "YYYY-MM-DDTHH:MM:SSZ") of t, shifted by offset
 * seconds, into out (at least 21 bytes); t within 0..TIME_LAST. Written by
 * hand: a list of a hundred matters formats hundreds of these. */
static void format_time(int64_t t, int64_t offset, int utc, char *out)
{
    int64_t lt = t + offset, days = lt / TIME_DAY, sec = lt - days * TIME_DAY, y;
    int m, d;
    time_civil_from_days(days, &y, &m, &d);
    char *p = put_digits(out, y, 4);
    *p++ = '-';
    p = put_digits(p, m, 2);
    *p++ = '-';
    p = put_digits(p, d, 2);
    *p++ = utc ? 'T' : ' ';
    p = put_digits(p, sec / 3600, 2);
    *p++ = ':';
    p = put_digits(p, sec % 3600 / 60, 2);
    if (utc) {
        *p++ = ':';
        p = put_digits(p, sec % 60, 2);
        *p++ = 'Z';
    }
    *p = '\0';
}

int time_format_local(int64_t t, char *out, size_t n)
{
    char buf[32];
    if (n > 0)
        out[0] = '\0';
    if (t < 0 || t > TIME_LAST)
        return WG_EINVAL;
    format_time(t, TIME_ZONE_OFFSET, 0, buf);
    snprintf(out, n, "%s", buf);
    return 0;
}

/* "Z", "+hh:mm" or "-hh:mm" and nothing after it: the offset in seconds east of UTC. */
static int zone_suffix(const char *z, int64_t *offset)
{
    int h, mi;
    if (z[0] == 'Z' && z[1] == '\0') {
        *offset = 0;
        return 0;
    }
    if ((z[0] != '+' && z[0] != '-') || strlen(z) != 6 || digits(z + 1, 2, &h) || z[3] != ':' ||
        digits(z + 4, 2, &mi) || h > 14 || mi > 59)
        return WG_EINVAL;
    *offset = (z[0] == '-' ? -1 : 1) * (int64_t)(h * 3600 + mi * 60);
    return 0;
}

int time_parse_w3c(const char *s, int64_t *out)
{
    int64_t day, offset;
    int hm, sec = 0;
    if (s == NULL || strlen(s) < 10 || date_prefix(s, &day))
        return WG_EINVAL;
    if (s[10] == '\0') {
        *out = day;
        return 0;
    }
    char hmbuf[6];
    if (s[10] != 'T' || strlen(s) < 17)
        return WG_EINVAL;
    memcpy(hmbuf, s + 11, 5);
    hmbuf[5] = '\0';
    if (time_parse_hm(hmbuf, &hm))
        return WG_EINVAL;
    const char *p = s + 16;
    if (*p == ':') {
        if (digits(p + 1, 2, &sec) || sec > 59)
            return WG_EINVAL;
        p += 3;
        if (*p == '.') {
            if (!isdigit((unsigned char)p[1]))
                return WG_EINVAL;
            for (p++; isdigit((unsigned char)*p); p++)
                ;
        }
    }
    if (zone_suffix(p, &offset))
        return WG_EINVAL;
    /* day is local midnight: back to the UTC date's midnight, then the wall time less its zone */
    *out = day + TIME_ZONE_OFFSET + (int64_t)hm * 60 + sec - offset;
    return 0;
}

int time_format_w3c(int64_t t, char *out, size_t n)
{
    char buf[32];
    if (n > 0)
        out[0] = '\0';
    if (t < 0 || t > TIME_LAST)
        return WG_EINVAL;
    format_time(t, TIME_ZONE_OFFSET, 1, buf); /* "YYYY-MM-DDThh:mm:ssZ" of the local wall time */
    buf[19] = '\0';
    _Static_assert(TIME_ZONE_OFFSET == 8 * 3600, "the zone written is +08:00");
    snprintf(out, n, "%s+08:00", buf);
    return 0;
}

json_t *time_json_pair(json_t *o, const char *key, int64_t t)
{
    char iso[32], local[32], k2[64];
    int ok = t > 0 && t <= TIME_LAST;
    if (ok) {
        format_time(t, 0, 1, iso);
        format_time(t, TIME_ZONE_OFFSET, 0, local);
    }
    json_object_set_new(o, key, ok ? json_string(iso) : json_null());
    size_t kl = strlen(key);
    if (kl + sizeof "_local" > sizeof k2)
        kl = sizeof k2 - sizeof "_local";
    memcpy(k2, key, kl);
    memcpy(k2 + kl, "_local", sizeof "_local");
    json_object_set_new(o, k2, ok ? json_string(local) : json_null());
    return o;
}
