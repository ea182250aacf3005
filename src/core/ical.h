/*
 * iCalendar (RFC 5545) output for meeting feeds: one VCALENDAR with a fixed
 * VTIMEZONE for Asia/Shanghai (UTC+8, no daylight saving since 1991) and one
 * VEVENT per event. Pure: no clock, no I/O; the caller passes every time.
 *
 * Text values are escaped (backslash, semicolon, comma; newlines as \n;
 * carriage returns dropped), every content line is folded at 75 octets
 * (continuation lines start with one space) without splitting a UTF-8
 * sequence, and lines end in CRLF.
 *
 * Ownership: everything is appended to the caller's buf; inputs are only
 * read during the call.
 */
#ifndef WG_ICAL_H
#define WG_ICAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

#define ICAL_LINE_MAX 75 /* octets per physical line, without the CRLF */

struct ical_event {
    const char *uid;          /* stable: "meeting-7@wugong.invalid" */
    int64_t start, end;       /* Unix seconds; written in Asia/Shanghai local time */
    int64_t last_modified;    /* Unix seconds, written in UTC */
    const char *summary, *location, *description; /* plain text, NULL for none */
    const char *url;          /* NULL for none */
    int sequence;             /* SEQUENCE: bumps on every change */
    int cancelled;            /* STATUS:CANCELLED, else CONFIRMED */
};

/* Appends text escaped as an iCalendar TEXT value (no folding). */
int ical_escape(buf *out, const char *text);
/* Appends one content line (len octets, no line break in it) folded at
 * ICAL_LINE_MAX octets, then CRLF. */
int ical_line(buf *out, const char *line, size_t len);
/* Appends a whole calendar: prodid ("-//wugong//meetings//ZH"), name (the
 * X-WR-CALNAME, may be NULL), stamp (DTSTAMP of every event, UTC) and n
 * events. 0, or WG_ETOOBIG when out overflows. */
int ical_calendar(buf *out, const char *prodid, const char *name, int64_t stamp, const struct ical_event *ev,
                  int n);

#endif
