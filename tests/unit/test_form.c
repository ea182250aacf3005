#include "t.h"

#include "core/arena.h"
#include "core/err.h"
#include "core/form.h"
#include "core/utf8.h"

static void test_utf8_valid(void)
{
    CHECK(utf8_valid("", 0));
    CHECK(utf8_valid("abc\t\r\n", 6));
    CHECK(utf8_valid("龍湖社區 é 😀", strlen("龍湖社區 é 😀")));
    CHECK(!utf8_valid("\xC0\xAF", 2));         /* overlong '/' */
    CHECK(!utf8_valid("\xE0\x80\xAF", 3));     /* overlong, 3 bytes */
    CHECK(!utf8_valid("\xF0\x80\x80\xAF", 4)); /* overlong, 4 bytes */
    CHECK(!utf8_valid("\xED\xA0\x80", 3));     /* lone surrogate */
    CHECK(!utf8_valid("\xF4\x90\x80\x80", 4)); /* above U+10FFFF */
    CHECK(!utf8_valid("\xE9\xBE", 2));         /* truncated */
    CHECK(!utf8_valid("\x80", 1));             /* stray continuation */
    CHECK(!utf8_valid("\xFF", 1));
    CHECK(!utf8_valid("a\0b", 3));
    CHECK(!utf8_valid("a\x1b", 2));
    CHECK(utf8_valid("\xF4\x8F\xBF\xBF", 4)); /* U+10FFFF */
    CHECK(utf8_valid("\xED\x9F\xBF", 3));     /* U+D7FF */
}

static void test_utf8_count_trim(void)
{
    const char *s = "a龍b😀";
    size_t n = strlen(s);
    CHECK_INT(utf8_count(s, n), 4);
    CHECK_INT(utf8_trim_len(s, n, 0), 0);
    CHECK_INT(utf8_trim_len(s, n, 1), 1);
    CHECK_INT(utf8_trim_len(s, n, 2), 4);
    CHECK_INT(utf8_trim_len(s, n, 3), 5);
    CHECK_INT(utf8_trim_len(s, n, 4), n);
    CHECK_INT(utf8_trim_len(s, n, 99), n);
}

static int parse(arena *a, const char *s, struct form *f)
{
    return form_parse_urlencoded(a, s, strlen(s), FORM_MAX_FIELDS, f);
}

static void test_urlencoded_decoding(void)
{
    arena *a = arena_new(4096);
    struct form f;
    CHECK_INT(parse(a, "title=Hello+world%21&body=%E5%81%9C%e8%bd%a6&&flag&empty=", &f), 0);
    CHECK_INT(f.n, 4);
    CHECK_STR(form_get(&f, "title"), "Hello world!");
    CHECK_STR(form_get(&f, "body"), "停车");
    CHECK_STR(form_get(&f, "flag"), "");
    CHECK_STR(form_get(&f, "empty"), "");
    CHECK(form_get(&f, "nope") == NULL);
    CHECK_INT(form_get_field(&f, "body")->value_len, 6);
    CHECK(form_get_field(&f, "body")->filename == NULL);
    CHECK_INT(parse(a, "a%2Bb=1%3D2&a%2Bb=second", &f), 0);
    CHECK_STR(form_get(&f, "a+b"), "1=2");
    CHECK_INT(parse(a, "", &f), 0);
    CHECK_INT(f.n, 0);
    CHECK(form_get(&f, "x") == NULL);
    arena_free(a);
}

static void test_urlencoded_rejects(void)
{
    arena *a = arena_new(4096);
    struct form f;
    CHECK_INT(parse(a, "a=%zz", &f), WG_EINVAL);
    CHECK_INT(parse(a, "a=%4", &f), WG_EINVAL);
    CHECK_INT(parse(a, "a=%", &f), WG_EINVAL);
    CHECK_INT(parse(a, "a%=1", &f), WG_EINVAL);
    CHECK_INT(parse(a, "a=%C0%AF", &f), WG_EINVAL);    /* overlong */
    CHECK_INT(parse(a, "a=%ED%A0%80", &f), WG_EINVAL); /* lone surrogate */
    CHECK_INT(parse(a, "a=%E5%81", &f), WG_EINVAL);    /* truncated */
    CHECK_INT(parse(a, "a=x%00y", &f), WG_EINVAL);     /* NUL */
    CHECK_INT(parse(a, "n%00=1", &f), WG_EINVAL);
    CHECK_INT(parse(a, "a=%1B", &f), WG_EINVAL); /* ESC */
    CHECK_INT(parse(a, "a=\xff", &f), WG_EINVAL);
    CHECK_INT(f.n, 0);
    CHECK(f.fields == NULL);
    CHECK_INT(form_parse_urlencoded(a, "a=1\0b=2", 7, 8, &f), WG_EINVAL);
    arena_free(a);
}

static void test_urlencoded_field_limit(void)
{
    arena *a = arena_new(4096);
    struct form f;
    CHECK_INT(form_parse_urlencoded(a, "a=1&b=2&c=3", 11, 3, &f), 0);
    CHECK_INT(f.n, 3);
    CHECK_INT(form_parse_urlencoded(a, "a=1&b=2&c=3&d", 13, 3, &f), WG_ETOOBIG);
    CHECK_INT(form_parse_urlencoded(a, "a=1&&&b=2&", 10, 2, &f), 0);
    char big[FORM_MAX_FIELDS * 4 + 8];
    size_t n = 0;
    for (int i = 0; i <= FORM_MAX_FIELDS; i++)
        n += (size_t)snprintf(big + n, sizeof big - n, "x=%d&", i % 10);
    CHECK_INT(form_parse_urlencoded(a, big, n, FORM_MAX_FIELDS, &f), WG_ETOOBIG);
    arena_free(a);
}

#define CT "multipart/form-data; boundary=----WgB0und"
#define DASH "------WgB0und"

static const char mp_body[] =
    "preamble is ignored\r\n" DASH "\r\n"
    "Content-Disposition: form-data; name=\"title\"\r\n"
    "\r\n"
    "停车 <b>\r\nline2\r\n" DASH "\r\n"
    "Content-Disposition: form-data; name=\"photo\"; filename=\"a b.png\"\r\n"
    "Content-Type: image/png\r\n"
    "\r\n"
    "\x89PNG\r\n\x1a\n\0\0\xff\xfe\r\n--not-it\r\n" DASH "\r\n"
    "content-disposition: form-data; name=empty\r\n"
    "\r\n"
    "\r\n" DASH "--\r\n"
    "epilogue";

static void test_multipart_ok(void)
{
    arena *a = arena_new(4096);
    struct form f;
    CHECK_INT(form_parse_multipart(a, CT, mp_body, sizeof mp_body - 1, 8, 1024, &f), 0);
    CHECK_INT(f.n, 3);
    CHECK_STR(form_get(&f, "title"), "停车 <b>\r\nline2");
    const struct form_field *p = form_get_field(&f, "photo");
    CHECK(p != NULL);
    if (p != NULL) {
        CHECK_STR(p->filename, "a b.png");
        CHECK_STR(p->content_type, "image/png");
        static const char png[] = "\x89PNG\r\n\x1a\n\0\0\xff\xfe\r\n--not-it";
        CHECK_INT(p->value_len, sizeof png - 1);
        CHECK(memcmp(p->value, png, sizeof png - 1) == 0);
    }
    CHECK_STR(form_get(&f, "empty"), "");
    CHECK(form_get_field(&f, "title")->filename == NULL);

    /* quoted boundary, no preamble */
    static const char b2[] = "--x y\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n--x y--";
    CHECK_INT(form_parse_multipart(a, "Multipart/Form-Data;boundary=\"x y\"", b2, sizeof b2 - 1,
                                   4, 16, &f),
              0);
    CHECK_INT(f.n, 1);
    CHECK_STR(form_get(&f, "k"), "v");
    arena_free(a);
}

static void test_multipart_errors(void)
{
    arena *a = arena_new(4096);
    struct form f;
    size_t n = sizeof mp_body - 1;
    /* missing or empty boundary, wrong type */
    CHECK_INT(form_parse_multipart(a, "multipart/form-data", mp_body, n, 8, 1024, &f), WG_EINVAL);
    CHECK_INT(form_parse_multipart(a, "multipart/form-data; boundary=", mp_body, n, 8, 1024, &f),
              WG_EINVAL);
    CHECK_INT(form_parse_multipart(a, "text/plain; boundary=----WgB0und", mp_body, n, 8, 1024, &f),
              WG_EINVAL);
    CHECK_INT(form_parse_multipart(a, NULL, mp_body, n, 8, 1024, &f), WG_EINVAL);
    /* boundary not in body */
    CHECK_INT(form_parse_multipart(a, "multipart/form-data; boundary=zzz", mp_body, n, 8, 1024, &f),
              WG_EINVAL);
    /* part over the size limit, too many parts */
    CHECK_INT(form_parse_multipart(a, CT, mp_body, n, 8, 10, &f), WG_ETOOBIG);
    CHECK_INT(form_parse_multipart(a, CT, mp_body, n, 2, 1024, &f), WG_ETOOBIG);
    /* unterminated: no closing delimiter, or cut inside a part */
    static const char u1[] = DASH "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue";
    CHECK_INT(form_parse_multipart(a, CT, u1, sizeof u1 - 1, 8, 1024, &f), WG_EINVAL);
    static const char u2[] = DASH "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n" DASH;
    CHECK_INT(form_parse_multipart(a, CT, u2, sizeof u2 - 1, 8, 1024, &f), WG_EINVAL);
    static const char u3[] = DASH "\r\nContent-Disposition: form-data; name=\"a\"";
    CHECK_INT(form_parse_multipart(a, CT, u3, sizeof u3 - 1, 8, 1024, &f), WG_EINVAL);
    CHECK_INT(form_parse_multipart(a, CT, mp_body, n - 12, 8, 1024, &f), WG_EINVAL);
    /* no name, not form-data, unterminated quote */
    static const char m1[] = DASH "\r\nContent-Disposition: form-data\r\n\r\nv\r\n" DASH "--";
    CHECK_INT(form_parse_multipart(a, CT, m1, sizeof m1 - 1, 8, 1024, &f), WG_EINVAL);
    static const char m2[] = DASH "\r\nContent-Disposition: attachment; name=a\r\n\r\nv\r\n" DASH "--";
    CHECK_INT(form_parse_multipart(a, CT, m2, sizeof m2 - 1, 8, 1024, &f), WG_EINVAL);
    static const char m3[] = DASH "\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n" DASH "--";
    CHECK_INT(form_parse_multipart(a, CT, m3, sizeof m3 - 1, 8, 1024, &f), WG_EINVAL);
    /* a text field must be valid UTF-8 */
    static const char m4[] = DASH "\r\nContent-Disposition: form-data; name=a\r\n\r\n\xC0\xAF\r\n" DASH "--";
    CHECK_INT(form_parse_multipart(a, CT, m4, sizeof m4 - 1, 8, 1024, &f), WG_EINVAL);
    CHECK_INT(f.n, 0);
    arena_free(a);
}

static void test_cookies(void)
{
    arena *a = arena_new(4096);
    const char *h = "  theme=dark;sid=abc123 ;  lang = \"zh-TW\" ;flag; empty=";
    size_t n = strlen(h);
    CHECK_STR(form_cookie(a, h, n, "sid"), "abc123");
    CHECK_STR(form_cookie(a, h, n, "theme"), "dark");
    CHECK_STR(form_cookie(a, h, n, "lang"), "zh-TW");
    CHECK_STR(form_cookie(a, h, n, "empty"), "");
    CHECK(form_cookie(a, h, n, "flag") == NULL);
    CHECK(form_cookie(a, h, n, "si") == NULL);
    CHECK(form_cookie(a, h, n, "missing") == NULL);
    CHECK(form_cookie(a, "", 0, "sid") == NULL);
    CHECK(form_cookie(a, NULL, 0, "sid") == NULL);
    CHECK_STR(form_cookie(a, "sid=1; sid=2", 12, "sid"), "1");
    CHECK_STR(form_cookie(a, "sid=abcdef", 7, "sid"), "abc"); /* honours n */
    arena_free(a);
}

int main(void)
{
    T_RUN(test_utf8_valid);
    T_RUN(test_utf8_count_trim);
    T_RUN(test_urlencoded_decoding);
    T_RUN(test_urlencoded_rejects);
    T_RUN(test_urlencoded_field_limit);
    T_RUN(test_multipart_ok);
    T_RUN(test_multipart_errors);
    T_RUN(test_cookies);
    T_END();
}
