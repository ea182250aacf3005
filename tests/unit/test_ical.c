/* core/ical: text escaping, line folding at 75 octets without splitting
 * UTF-8, CRLF line ends, and the calendar around the events. */
#include "t.h"

#include "core/buf.h"
#include "core/err.h"
#include "core/ical.h"

static const char *esc(buf *b, const char *s)
{
    buf_reset(b);
    ical_escape(b, s);
    return b->data ? b->data : "";
}

static void test_ical_escape(void)
{
    buf b;
    buf_init(&b, 4096);
    CHECK_STR(esc(&b, "plain 文字"), "plain 文字");
    CHECK_STR(esc(&b, "a,b;c\\d"), "a\\,b\\;c\\\\d");
    CHECK_STR(esc(&b, "line1\nline2\r\nline3"), "line1\\nline2\\nline3");
    CHECK_STR(esc(&b, ":colon stays"), ":colon stays");
    CHECK_STR(esc(&b, NULL), "");
    CHECK_STR(esc(&b, "tab\there\x01\x1b[31m\x7f!"), "tab here[31m!"); /* no control characters */
    buf_free(&b);
}

/* every physical line of out: at most 75 octets, CRLF-terminated, and no
 * line starts with a UTF-8 continuation byte after its folding space */
static int lines_ok(const buf *b)
{
    const char *p = b->data, *end = b->data + b->len;
    while (p < end) {
        const char *crlf = strstr(p, "\r\n");
        if (crlf == NULL || crlf - p > ICAL_LINE_MAX)
            return 0;
        if (*p == ' ' && ((unsigned char)p[1] & 0xC0) == 0x80)
            return 0;
        if (crlf > p && ((unsigned char)crlf[-1] & 0xC0) == 0xC0) /* a lead byte left alone */
            return 0;
        p = crlf + 2;
    }
    return 1;
}

/* unfolds: removes every CRLF followed by a space */
static void unfold(const buf *b, buf *out)
{
    buf_reset(out);
    for (size_t i = 0; i < b->len; i++) {
        if (b->data[i] == '\r' && i + 2 < b->len && b->data[i + 1] == '\n' && b->data[i + 2] == ' ') {
            i += 2;
            continue;
        }
        buf_addc(out, b->data[i]);
    }
}

static void test_ical_fold(void)
{
    buf b, u;
    buf_init(&b, 64 * 1024);
    buf_init(&u, 64 * 1024);
    /* short: as is */
    ical_line(&b, "SUMMARY:hi", 10);
    CHECK_STR(b.data, "SUMMARY:hi\r\n");
    /* exactly 75 octets: one line */
    char l75[76];
    memset(l75, 'x', 75);
    l75[75] = '\0';
    buf_reset(&b);
    ical_line(&b, l75, 75);
    CHECK_INT(b.len, 77);
    /* 76 octets: 75 + CRLF + space + 1 */
    char l76[77];
    memset(l76, 'y', 76);
    l76[76] = '\0';
    buf_reset(&b);
    ical_line(&b, l76, 76);
    CHECK_INT(b.len, 75 + 2 + 1 + 1 + 2);
    CHECK(b.data[75] == '\r' && b.data[77] == ' ');
    CHECK(lines_ok(&b));
    /* Chinese text (3 octets per character) with a 1-octet offset: cuts
     * fall between characters */
    buf line;
    buf_init(&line, 4096);
    buf_adds(&line, "DESCRIPTION:x");
    for (int i = 0; i < 100; i++)
        buf_adds(&line, "议");
    buf_reset(&b);
    ical_line(&b, line.data, line.len);
    CHECK(lines_ok(&b));
    CHECK(b.len > line.len + 6);
    unfold(&b, &u);
    CHECK_INT(u.len, line.len + 2);
    CHECK(memcmp(u.data, line.data, line.len) == 0);
    /* four-octet characters too */
    buf_reset(&line);
    buf_adds(&line, "SUMMARY:ab");
    for (int i = 0; i < 60; i++)
        buf_adds(&line, "😀");
    buf_reset(&b);
    ical_line(&b, line.data, line.len);
    CHECK(lines_ok(&b));
    unfold(&b, &u);
    CHECK(memcmp(u.data, line.data, line.len) == 0);
    buf_free(&line);
    buf_free(&b);
    buf_free(&u);
}

static void test_ical_calendar(void)
{
    buf b;
    buf_init(&b, 64 * 1024);
    struct ical_event ev[2] = {
        {.uid = "meeting-1@wugong.invalid", .start = 1767225600, .end = 1767229200, .last_modified = 1767000000,
         .summary = "第1网格议事会, 每月一商议", .location = "小区红凳子;东门", .description = "1. 停车\n2. 绿化",
         .sequence = 2},
        {.uid = "meeting-2@wugong.invalid", .start = 1769904000, .end = 1769907600, .last_modified = 1767000000,
         .summary = "x", .cancelled = 1},
    };
    CHECK_INT(ical_calendar(&b, "-//wugong//meetings//ZH", "龙湖", 1767000000, ev, 2), 0);
    const char *s = b.data;
    CHECK(strncmp(s, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 30) == 0);
    CHECK(strstr(s, "METHOD:PUBLISH\r\n") != NULL);
    CHECK(strstr(s, "CALSCALE:GREGORIAN\r\n") != NULL);
    CHECK(strstr(s, "TZID:Asia/Shanghai\r\n") != NULL);
    CHECK(strstr(s, "TZOFFSETTO:+0800\r\n") != NULL);
    /* 1767225600 = 2026-01-01T00:00Z = 08:00 in Shanghai */
    CHECK(strstr(s, "DTSTART;TZID=Asia/Shanghai:20260101T080000\r\n") != NULL);
    CHECK(strstr(s, "DTEND;TZID=Asia/Shanghai:20260101T090000\r\n") != NULL);
    CHECK(strstr(s, "DTSTAMP:20251229T092000Z\r\n") != NULL);
    CHECK(strstr(s, "SUMMARY:第1网格议事会\\, 每月一商议\r\n") != NULL);
    CHECK(strstr(s, "LOCATION:小区红凳子\\;东门\r\n") != NULL);
    CHECK(strstr(s, "DESCRIPTION:1. 停车\\n2. 绿化\r\n") != NULL);
    CHECK(strstr(s, "SEQUENCE:2\r\nSTATUS:CONFIRMED\r\n") != NULL);
    CHECK(strstr(s, "STATUS:CANCELLED\r\n") != NULL);
    CHECK(strstr(s, "UID:meeting-2@wugong.invalid\r\n") != NULL);
    CHECK(strstr(s, "LAST-MODIFIED:20251229T092000Z\r\n") != NULL);
    CHECK(b.len > 17 && strcmp(s + b.len - 15, "END:VCALENDAR\r\n") == 0);
    CHECK(lines_ok(&b));
    /* no bare LF anywhere */
    for (size_t i = 0; i < b.len; i++)
        if (s[i] == '\n')
            CHECK(i > 0 && s[i - 1] == '\r');
    buf_free(&b);
    /* a buffer too small fails cleanly */
    buf small;
    buf_init(&small, 64);
    CHECK_INT(ical_calendar(&small, "-//wugong//meetings//ZH", NULL, 0, ev, 2), WG_ETOOBIG);
    buf_free(&small);
}

int main(void)
{
    T_RUN(test_ical_escape);
    T_RUN(test_ical_fold);
    T_RUN(test_ical_calendar);
    T_END();
}
