#include "t.h"

#include "core/arena.h"
#include "core/err.h"
#include "core/md.h"
#include "core/qr.h"

static const char *md(arena *a, const char *src)
{
    const char *html = NULL;
    int rc = md_render(a, src, strlen(src), &html);
    return rc == 0 ? html : "(error)";
}

static void test_md_basic(void)
{
    arena *a = arena_new(4096);
    CHECK_STR(md(a, "Hello *world* and **bold**"),
              "<p>Hello <em>world</em> and <strong>bold</strong></p>\n");
    CHECK_STR(md(a, "# 公告\n\n- 一\n- 二\n"),
              "<h1>公告</h1>\n<ul>\n<li>一</li>\n<li>二</li>\n</ul>\n");
    CHECK_STR(md(a, "a < b & c"), "<p>a &lt; b &amp; c</p>\n");
    CHECK_STR(md(a, ""), "");
    arena_free(a);
}

static void test_md_safe(void)
{
    arena *a = arena_new(4096);
    const char *h = md(a, "hi <script>alert(1)</script>\n\n<div onclick=\"x()\">block</div>\n\n"
                          "<img src=x onerror=alert(1)>");
    CHECK(strstr(h, "<script") == NULL);
    CHECK(strstr(h, "<div") == NULL);
    CHECK(strstr(h, "<img") == NULL);
    CHECK(strstr(h, "onerror") == NULL);
    h = md(a, "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(2)) ![z](vbscript:x) "
              "<javascript:alert(3)> [ok](https://example.org/?a=1&b=2)");
    CHECK(strcasestr(h, "href=\"javascript") == NULL);
    CHECK(strcasestr(h, "src=\"vbscript") == NULL);
    CHECK(strstr(h, "<a href=\"\">x</a>") != NULL);
    CHECK(strstr(h, "<a href=\"\">y</a>") != NULL);
    CHECK(strstr(h, "href=\"https://example.org/?a=1&amp;b=2\"") != NULL);
    arena_free(a);
}

static void test_md_invalid_utf8(void)
{
    arena *a = arena_new(4096);
    const char *html = "x";
    CHECK_INT(md_render(a, "ok \xC0\xAF", 5, &html), WG_EINVAL);
    CHECK(html == NULL);
    CHECK_INT(md_render(a, "\xED\xA0\x80", 3, &html), WG_EINVAL);
    CHECK_INT(md_render(a, "ab\0cd", 5, &html), WG_EINVAL);
    CHECK_INT(md_render(a, "\xE5\x81", 2, &html), WG_EINVAL);
    arena_free(a);
}

static void test_md_excerpt(void)
{
    arena *a = arena_new(4096);
    CHECK_STR(md_excerpt(a, "# Title\n\nSome *bold*   and `code`\n> quoted", 100),
              "Title Some bold and code quoted");
    CHECK_STR(md_excerpt(a, "See [the docs](https://x.org/a_(b)) and ![pic](p.png) now", 100),
              "See the docs and pic now");
    CHECK_STR(md_excerpt(a, "- one\n- two\n\n1. three", 100), "one two 1. three");
    CHECK_STR(md_excerpt(a, "停車場今天關閉維修", 4), "停車場今…");
    CHECK_STR(md_excerpt(a, "hello world again", 6), "hello…");
    CHECK_STR(md_excerpt(a, "hello", 5), "hello");
    CHECK_STR(md_excerpt(a, "  \n ", 5), "");
    CHECK_STR(md_excerpt(a, "bad \xC0\xAF", 5), "");
    CHECK_STR(md_excerpt(a, NULL, 5), "");
    arena_free(a);
}

static void test_qr_svg(void)
{
    arena *a = arena_new(4096);
    const char *s1 = NULL, *s2 = NULL, *s3 = NULL;
    CHECK_INT(qr_svg(a, "https://wugong.example/p/42", 4, &s1), 0);
    CHECK_INT(qr_svg(a, "https://wugong.example/p/43", 4, &s2), 0);
    CHECK_INT(qr_svg(a, "龍湖社區 https://wugong.example/p/42?x=<y>&z", 2, &s3), 0);
    CHECK(s1 != NULL && s2 != NULL && s3 != NULL);
    if (s1 != NULL && s2 != NULL && s3 != NULL) {
        CHECK(strncmp(s1, "<svg", 4) == 0);
        CHECK(strstr(s1, "viewBox=\"0 0 37 37\"") != NULL); /* version 3 (29) + 2*4 */
        CHECK(strstr(s1, "width=\"148\"") != NULL);
        CHECK(strstr(s1, "<rect") != NULL && strstr(s1, "fill=\"#fff\"") != NULL);
        CHECK(strstr(s1, "<path") != NULL && strstr(s1, "M4 4h7v1h-7z") != NULL); /* finder */
        CHECK(strcmp(s1, s2) != 0);
        CHECK(strcmp(s1, s3) != 0);
        CHECK(strstr(s1, "</svg>") != NULL);
    }
    const char *bad = "x";
    CHECK_INT(qr_svg(a, "", 4, &bad), WG_EINVAL);
    CHECK(bad == NULL);
    CHECK_INT(qr_svg(a, "x", 0, &bad), WG_EINVAL);
    CHECK_INT(qr_svg(a, NULL, 4, &bad), WG_EINVAL);
    static char huge[4000];
    memset(huge, 'x', sizeof huge - 1);
    CHECK_INT(qr_svg(a, huge, 1, &bad), WG_EINVAL); /* over version 40 */
    arena_free(a);
}

int main(void)
{
    T_RUN(test_md_basic);
    T_RUN(test_md_safe);
    T_RUN(test_md_invalid_utf8);
    T_RUN(test_md_excerpt);
    T_RUN(test_qr_svg);
    T_END();
}
