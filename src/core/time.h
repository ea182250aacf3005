/*
 * Local dates and times. China has one time zone and no daylight saving:
 * every local time is UTC+8 (TIME_ZONE_OFFSET). The one parser of dates and
 * times typed into forms, and the one formatter of times for people.
 */
#ifndef WG_CORE_TIME_H
#define WG_CORE_TIME_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#define TIME_ZONE_OFFSET (8 * 3600)
#define TIME_DAY 86400
#define TIME_YEAR_MIN 1970
#define TIME_YEAR_MAX 9999

/* Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant). */
int64_t time_days_from_civil(int64_t y, int m, int d);
void time_civil_from_days(int64_t days, int64_t *y, int *m, int *d);
int time_month_days(int64_t y, int m);
/* The local day of a time, as days since 1970-01-01. */
int64_t time_local_day(int64_t t);

/* "YYYY-MM-DD" (a real date, years TIME_YEAR_MIN..MAX) -> the Unix time of
 * its local midnight; 0 or WG_EINVAL. */
int time_parse_date(const char *s, int64_t *out);
/* "HH:MM" -> minutes after midnight; 0 or WG_EINVAL. */
int time_parse_hm(const char *s, int *minutes);
/* "YYYY-MM-DD HH:MM" or "YYYY-MM-DDTHH:MM" (what <input type=datetime-local>
 * sends), local -> Unix time; 0 or WG_EINVAL. */
int time_parse_local(const char *s, int64_t *out);

/* Unix time -> "YYYY-MM-DD HH:MM" local (out holds at least 17 bytes);
 * 0, or WG_EINVAL (out "") for a time outside years 1970..9999. */
int time_format_local(int64_t t, char *out, size_t n);
/* A W3C datetime (the profile of ISO 8601 in the W3C note that Open311
 * uses): "YYYY-MM-DD" (local midnight), or "YYYY-MM-DDThh:mm[:ss[.s...]]"
 * followed by "Z" or "+hh:mm" / "-hh:mm" (a zone is required) -> Unix
 * time; 0 or WG_EINVAL. */
int time_parse_w3c(const char *s, int64_t *out);
/* Unix time -> "YYYY-MM-DDThh:mm:ss+08:00" (out at least 26 bytes); 0, or
 * WG_EINVAL (out "") outside years 1970..9999. */
int time_format_w3c(int64_t t, char *out, size_t n);
/* Sets o[key] to t as ISO 8601 UTC and o[key "_local"] to "YYYY-MM-DD
 * HH:MM" local; both null for 0 or a time outside years 1970..9999.
 * Returns o. */
json_t *time_json_pair(json_t *o, const char *key, int64_t t);

#endif
