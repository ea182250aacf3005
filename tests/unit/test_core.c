#include "t.h"

#include <stdint.h>
#include <stdlib.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/jalloc.h"

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

int main(void)
{
    T_RUN(test_arena_alloc_and_reset);
    T_RUN(test_buf_limit_is_sticky);
    T_RUN(test_buf_html_escape);
    T_RUN(test_buf_json_string);
    T_RUN(test_jalloc_arena_and_malloc);
    T_END();
}
