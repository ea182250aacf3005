/* iCalendar output: escaping, folding and the calendar of meeting events. */
#include "core/ical.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/err.h"

int ical_escape(buf *out, const char *text)
{
    for (const char *p = text ? text : ""; *p; p++) {
        switch (*p) {
        case '\\': buf_adds(out, "\\\\"); break;
        case ';': buf_adds(out, "\\;"); break;
        case ',': buf_adds(out, "\\,"); break;
        case '\n': buf_adds(out, "\\n"); break;
        case '\r': break; /* CRLF in the input becomes one \n */
        case '\t': buf_addc(out, ' '); break;
        default:
            /* RFC 5545 TEXT allows no other control characters */
            if ((unsigned char)*p >= 0x20 && *p != 0x7f)
                buf_addc(out, *p);
        }
    }
    return buf_failed(out) ? WG_ETOOBIG : 0;
}

int ical_line(buf *out, const char *line, size_t len)
{
    size_t i = 0, room = ICAL_LINE_MAX;
    while (len - i > room) {
        size_t cut = i + room;
        /* never split a UTF-8 sequence: back up over continuation bytes */
        while (cut > i && ((unsigned char)line[cut] & 0xC0) == 0x80)
            cut--;
        if (cut == i) /* not UTF-8 at all: cut anyway */
            cut = i + room;
        buf_add(out, line + i, cut - i);
        buf_adds(out, "\r\n ");
        i = cut;
        room = ICAL_LINE_MAX - 1; /* the leading space counts */
    }
    buf_add(out, line + i, len - i);
    buf_adds(out, "\r\n");
    return buf_failed(out) ? WG_ETOOBIG : 0;
}

/* Builds one logical line in tmp, then folds it into out. */
static void prop(buf *out, buf *tmp, const char *name, const char *text)
{
    buf_reset(tmp);
    buf_adds(tmp, name);
    buf_addc(tmp, ':');
    ical_escape(tmp, text);
    ical_line(out, tmp->data, tmp->len);
}

static void raw(buf *out, const char *line)
{
    ical_line(out, line, strlen(line));
}

static void stamp_utc(char *dst, size_t n, int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (gmtime_r(&tt, &tm) == NULL || strftime(dst, n, "%Y%m%dT%H%M%SZ", &tm) == 0)
        snprintf(dst, n, "19700101T000000Z"); /* out of range: never for a stored meeting */
}

static void stamp_local(char *dst, size_t n, int64_t t)
{
    time_t tt = (time_t)(t + 8 * 3600);
    struct tm tm;
    if (gmtime_r(&tt, &tm) == NULL || strftime(dst, n, "%Y%m%dT%H%M%S", &tm) == 0)
        snprintf(dst, n, "19700101T080000");
}

int ical_calendar(buf *out, const char *prodid, const char *name, int64_t stamp, const struct ical_event *ev,
                  int n)
{
    buf tmp;
    buf_init(&tmp, 256 * 1024);
    char t[32], line[96];
    raw(out, "BEGIN:VCALENDAR");
    raw(out, "VERSION:2.0");
    prop(out, &tmp, "PRODID", prodid);
    raw(out, "CALSCALE:GREGORIAN");
    raw(out, "METHOD:PUBLISH");
    if (name)
        prop(out, &tmp, "X-WR-CALNAME", name);
    raw(out, "X-WR-TIMEZONE:Asia/Shanghai");
    raw(out, "BEGIN:VTIMEZONE");
    raw(out, "TZID:Asia/Shanghai");
    raw(out, "BEGIN:STANDARD");
    raw(out, "DTSTART:19700101T000000");
    raw(out, "TZOFFSETFROM:+0800");
    raw(out, "TZOFFSETTO:+0800");
    raw(out, "TZNAME:CST");
    raw(out, "END:STANDARD");
    raw(out, "END:VTIMEZONE");
    for (int i = 0; i < n; i++) {
        const struct ical_event *e = &ev[i];
        raw(out, "BEGIN:VEVENT");
        prop(out, &tmp, "UID", e->uid);
        stamp_utc(t, sizeof t, stamp);
        snprintf(line, sizeof line, "DTSTAMP:%s", t);
        raw(out, line);
        stamp_local(t, sizeof t, e->start);
        snprintf(line, sizeof line, "DTSTART;TZID=Asia/Shanghai:%s", t);
        raw(out, line);
        stamp_local(t, sizeof t, e->end);
        snprintf(line, sizeof line, "DTEND;TZID=Asia/Shanghai:%s", t);
        raw(out, line);
        prop(out, &tmp, "SUMMARY", e->summary);
        if (e->location)
            prop(out, &tmp, "LOCATION", e->location);
        if (e->description)
            prop(out, &tmp, "DESCRIPTION", e->description);
        if (e->url) {
            buf_reset(&tmp);
            buf_adds(&tmp, "URL:");
            buf_adds(&tmp, e->url); /* a URI value: not escaped as text */
            ical_line(out, tmp.data, tmp.len);
        }
        snprintf(line, sizeof line, "SEQUENCE:%d", e->sequence);
        raw(out, line);
        raw(out, e->cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
        stamp_utc(t, sizeof t, e->last_modified);
        snprintf(line, sizeof line, "LAST-MODIFIED:%s", t);
        raw(out, line);
        raw(out, "END:VEVENT");
    }
    raw(out, "END:VCALENDAR");
    int failed = buf_failed(&tmp);
    buf_free(&tmp);
    return failed || buf_failed(out) ? WG_ETOOBIG : 0;
}
