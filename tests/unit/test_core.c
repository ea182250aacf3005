#include "t.h"

#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/jalloc.h"
#include "core/time.h"

#include <jansson.h>

static void test_arena_alloc_and_reset(void)
{
    arena *a = arena_new(1024);
    char *s = arena_strdup(a, "龍湖社區");
    CHECK_STR(s, "龍湖社區");
    char *big = arena_alloc(a, 10000); /* larger than a block */
    memset(big, 'x', 10000);
    CHECK(((uintptr_t)big & 15) == 0);
    CHECK_STR(arena_printf(a, "%d-%s", 42, "x"), "42-x");
    CHECK(arena_used(a) >= 10000);
    arena_reset(a);
    CHECK_INT(arena_used(a), 0);
    CHECK_STR(arena_strndup(a, "abcdef", 3), "abc");
    CHECK(arena_strdup(a, NULL) == NULL);
    /* released after a big use (the memory given back), and usable again */
    for (int i = 0; i < 64; i++)
        memset(arena_alloc(a, 100000), 'y', 100000);
    CHECK(arena_used(a) >= 6400000);
    arena_release(a, 1000000);
    CHECK_INT(arena_used(a), 0);
    CHECK_STR(arena_strdup(a, "又能用"), "又能用");
    arena_release(a, 1000000); /* below the mark: emptied only */
    CHECK_INT(arena_used(a), 0);
    arena_free(a);
}

static void test_buf_limit_is_sticky(void)
{
    buf b;
    buf_init(&b, 8);
    CHECK_INT(buf_adds(&b, "12345"), 0);
    CHECK_INT(buf_adds(&b, "6789"), WG_ETOOBIG);
    CHECK(buf_failed(&b));
    CHECK_INT(buf_adds(&b, "1"), WG_ETOOBIG);
    CHECK_INT(b.len, 5);
    buf_reset(&b);
    CHECK(!buf_failed(&b));
    CHECK_INT(buf_addf(&b, "%d", 1234567), 0);
    CHECK_STR(b.data, "1234567");
    buf_free(&b);
}

static void test_buf_html_escape(void)
{
    buf b;
    buf_init(&b, 1024);
    const char *in = "<a href=\"x\">'&'</a>";
    buf_add_html(&b, in, strlen(in));
    CHECK_STR(b.data, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    buf_free(&b);
}

static void test_buf_json_string(void)
{
    buf b;
    buf_init(&b, 1024);
    buf_add_jstr(&b, "a\"b\\c\n</script>\x01停车");
    CHECK_STR(b.data, "\"a\\\"b\\\\c\\n\\u003c/script\\u003e\\u0001停车\"");
    buf_reset(&b);
    buf_add_jstr(&b, NULL);
    CHECK_STR(b.data, "null");
    buf_reset(&b);
    buf_add_url(&b, "a b/停");
    CHECK_STR(b.data, "a%20b%2F%E5%81%9C");
    buf_free(&b);
}

/* Before install: plain malloc, and jalloc_free is free. After: a named
 * arena holds the values (up to JALLOC_ARENA_MAX), malloc otherwise; every
 * free goes where its block came from (ASan's leak check sees the rest). */
static void test_jalloc_arena_and_malloc(void)
{
    json_t *pre = json_pack("{s:i}", "a", 1);
    char *text = json_dumps(pre, JSON_COMPACT);
    CHECK_STR(text, "{\"a\":1}");
    jalloc_free(text);
    json_decref(pre); /* a value must not live across the install */
    jalloc_install();
    arena *a = arena_new(4096);
    jalloc_use(a);
    size_t before = arena_used(a);
    json_t *o = json_pack("{s:s, s:[i,i]}", "name", "龍湖", "n", 1, 2);
    CHECK(arena_used(a) > before);
    text = json_dumps(o, JSON_COMPACT);
    CHECK_STR(text, "{\"name\":\"龍湖\",\"n\":[1,2]}");
    jalloc_free(text);
    json_decref(o);
    /* past the cap, from malloc: the arena grows no further */
    char *big = malloc(JALLOC_ARENA_MAX + 1);
    memset(big, 'x', JALLOC_ARENA_MAX);
    big[JALLOC_ARENA_MAX] = '\0';
    size_t mid = arena_used(a);
    json_t *s = json_string(big);
    CHECK(s != NULL && arena_used(a) - mid < 1024); /* only the small string value */
    json_decref(s);
    free(big);
    jalloc_use(NULL);
    size_t after = arena_used(a);
    json_t *m = json_string("malloc");
    CHECK(arena_used(a) == after);
    json_decref(m);
    arena_free(a);
}

/* The one formatter against the C library, over times from 1970 to 9999. */
static void test_time_format_matches_libc(void)
{
    uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int64_t t = i == 0 ? 1 : i == 1 ? 253402300799LL - TIME_ZONE_OFFSET : (int64_t)(x % 253402271999ull) + 1;
        char want_iso[32], want_local[32], got[32];
        time_t tt = (time_t)t, lt = (time_t)(t + TIME_ZONE_OFFSET);
        struct tm tm;
        strftime(want_iso, sizeof want_iso, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&tt, &tm));
        strftime(want_local, sizeof want_local, "%Y-%m-%d %H:%M", gmtime_r(&lt, &tm));
        json_t *o = time_json_pair(json_object(), "at", t);
        CHECK_STR(json_string_value(json_object_get(o, "at")), want_iso);
        CHECK_STR(json_string_value(json_object_get(o, "at_local")), want_local);
        json_decref(o);
        CHECK_INT(time_format_local(t, got, sizeof got), 0);
        CHECK_STR(got, want_local);
        int64_t back = 0;
        CHECK_INT(time_parse_local(got, &back), 0);
        CHECK_INT(back, t - t % 60); /* minutes: the seconds go */
    }
    json_t *o = time_json_pair(json_object(), "at", 0);
    CHECK(json_is_null(json_object_get(o, "at")) && json_is_null(json_object_get(o, "at_local")));
    json_decref(o);
    char out[8];
    CHECK_INT(time_format_local(-1, out, sizeof out), WG_EINVAL);
    CHECK_STR(out, "");
}

/* W3C datetimes (Open311): the spec's own examples, a round trip, and what is refused. */
static void test_time_w3c(void)
{
    int64_t a = 0, b = 0;
    CHECK_INT(time_parse_w3c("1994-11-05T08:15:30-05:00", &a), 0);
    CHECK_INT(time_parse_w3c("1994-11-05T13:15:30Z", &b), 0);
    CHECK_INT(a, 784041330);
    CHECK_INT(b, a);
    CHECK_INT(time_parse_w3c("2010-01-01T00:00:00Z", &a), 0);
    CHECK_INT(a, 1262304000);
    CHECK_INT(time_parse_w3c("2010-04-14T06:37:38-08:00", &a), 0);
    CHECK_INT(a, 1271255858);
    CHECK_INT(time_parse_w3c("2010-04-14T06:37-08:00", &b), 0);
    CHECK_INT(b, a - 38);
    CHECK_INT(time_parse_w3c("2010-04-14T06:37:38.25+08:00", &b), 0);
    CHECK_INT(b, a - 16 * 3600);
    CHECK_INT(time_parse_w3c("2026-12-02", &a), 0); /* a date alone: local midnight */
    CHECK_INT(time_parse_date("2026-12-02", &b), 0);
    CHECK_INT(a, b);
    char out[32];
    CHECK_INT(time_format_w3c(1262304000, out, sizeof out), 0);
    CHECK_STR(out, "2010-01-01T08:00:00+08:00");
    CHECK_INT(time_parse_w3c(out, &a), 0);
    CHECK_INT(a, 1262304000);
    const char *bad[] = {"", "2010-01-01T00:00:00", "2010-01-01 00:00:00Z", "2010-13-01T00:00:00Z",
                         "2010-01-01T24:00:00Z", "2010-01-01T00:00:60Z", "2010-01-01T00:00:00+8:00",
                         "2010-01-01T00:00:00+08:00x", "2010-01-01T00:00:00.Z", "2010-01-01T00:00Zx",
                         "2010-01-01T", "2010-02-30T00:00:00Z", "2010-01-01T00:00:00+15:00", NULL};
    for (int i = 0; bad[i]; i++)
        CHECK_INT(time_parse_w3c(bad[i], &a), WG_EINVAL);
    CHECK_INT(time_format_w3c(-1, out, sizeof out), WG_EINVAL);
}

static void test_time_parse_rejects(void)
{
    int64_t t;
    int m;
    const char *bad[] = {"", "2026-02-30 10:00", "2026-13-01 10:00", "2026-1-01 10:00", "2026-01-01 24:00",
                         "2026-01-01 10:60", "2026-01-01 10:00x", "1969-12-31 23:59", "2026-01-01"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK_INT(time_parse_local(bad[i], &t), WG_EINVAL);
    CHECK_INT(time_parse_local("2026-01-01T08:00", &t), 0);
    CHECK_INT(t, 1767225600); /* 2026-01-01 00:00 UTC */
    CHECK_INT(time_parse_date("2024-02-29", &t), 0);
    CHECK_INT(time_parse_date("2023-02-29", &t), WG_EINVAL);
    CHECK_INT(time_parse_hm("23:59", &m), 0);
    CHECK_INT(m, 23 * 60 + 59);
    CHECK_INT(time_parse_hm("7:00", &m), WG_EINVAL);
}

int main(void)
{
    T_RUN(test_arena_alloc_and_reset);
    T_RUN(test_buf_limit_is_sticky);
    T_RUN(test_buf_html_escape);
    T_RUN(test_buf_json_string);
    T_RUN(test_jalloc_arena_and_malloc);
    T_RUN(test_time_format_matches_libc);
    T_RUN(test_time_parse_rejects);
    T_RUN(test_time_w3c);
    T_END();
}
