#include "t.h"

#include "core/i18n.h"
#include "http/http.h"

static int h(http_req *r)
{
    (void)r;
    return 0;
}

static const struct http_route routes[] = {
    {"GET", "/", h, 0, 0, NULL},
    {"GET", "/matters", h, 0, 0, NULL},
    {"GET", "/matters/new", h, 0, 0, NULL},
    {"GET", "/matters/{id}", h, 0, 0, NULL},
    {"POST", "/matters/{id}/follow", h, 0, 0, NULL},
    {"GET", "/a/{x}/b/{y}", h, 0, 0, NULL},
};
#define N (sizeof routes / sizeof routes[0])

static const struct http_route *match(arena *a, http_req *r, const char *m, const char *p, int *mm)
{
    memset(r, 0, sizeof *r);
    r->a = a;
    return http_route_match(routes, N, m, p, r, mm);
}

static void test_router_static_and_params(void)
{
    arena *a = arena_new(4096);
    http_req r;
    int mm;
    CHECK(match(a, &r, "GET", "/", &mm) == &routes[0]);
    CHECK(match(a, &r, "GET", "/matters", &mm) == &routes[1]);
    /* a literal segment wins when listed first */
    CHECK(match(a, &r, "GET", "/matters/new", &mm) == &routes[2]);
    CHECK(match(a, &r, "GET", "/matters/42", &mm) == &routes[3]);
    CHECK_STR(http_param(&r, "id"), "42");
    CHECK_INT(http_param_id(&r, "id"), 42);
    CHECK(match(a, &r, "GET", "/a/%E9%BE%99/b/2", &mm) == &routes[5]);
    CHECK_STR(http_param(&r, "x"), "龙");
    CHECK_STR(http_param(&r, "y"), "2");
    arena_free(a);
}

static void test_router_misses(void)
{
    arena *a = arena_new(4096);
    http_req r;
    int mm;
    CHECK(match(a, &r, "GET", "/matters/", &mm) == NULL);
    CHECK(match(a, &r, "GET", "/matters/1/2", &mm) == NULL);
    CHECK(match(a, &r, "GET", "/nope", &mm) == NULL && mm == 0);
    CHECK(match(a, &r, "DELETE", "/matters/1", &mm) == NULL && mm == 1);
    CHECK(match(a, &r, "GET", "/matters/1/follow", &mm) == NULL && mm == 1);
    /* malformed escapes and encoded slashes never match a parameter */
    CHECK(match(a, &r, "GET", "/matters/%zz", &mm) == NULL);
    CHECK(match(a, &r, "GET", "/matters/%2F", &mm) == NULL);
    CHECK(match(a, &r, "GET", "/matters/%4", &mm) == NULL);
    /* HEAD is answered like GET */
    CHECK(match(a, &r, "HEAD", "/matters", &mm) == &routes[1]);
    arena_free(a);
}

static void test_param_id(void)
{
    arena *a = arena_new(4096);
    http_req r;
    int mm;
    match(a, &r, "GET", "/matters/abc", &mm);
    CHECK_INT(http_param_id(&r, "id"), 0);
    match(a, &r, "GET", "/matters/-1", &mm);
    CHECK_INT(http_param_id(&r, "id"), 0);
    match(a, &r, "GET", "/matters/99999999999999999999", &mm);
    CHECK_INT(http_param_id(&r, "id"), 0);
    arena_free(a);
}

static void test_i18n_negotiate(void)
{
    CHECK_INT(i18n_negotiate(NULL), LANG_HANS);
    CHECK_INT(i18n_negotiate("zh-CN,zh;q=0.9"), LANG_HANS);
    CHECK_INT(i18n_negotiate("zh-TW,zh;q=0.9,en;q=0.8"), LANG_HANT);
    CHECK_INT(i18n_negotiate("zh-Hant-HK"), LANG_HANT);
    CHECK_INT(i18n_negotiate("en-US,en;q=0.9"), LANG_EN);
    CHECK_INT(i18n_negotiate("fr-FR, en;q=0.5, zh-HK;q=0.8"), LANG_HANT);
    CHECK_INT(i18n_negotiate("de-DE"), LANG_HANS);
}

static void test_i18n_table(void)
{
    const char tsv[] = "# comment\nhello\t你好\t你好\tHello\nbye\t再见\t再見\tBye\n";
    int bad = 0;
    CHECK_INT(i18n_load(tsv, sizeof tsv - 1, &bad), 0);
    CHECK_INT(i18n_count(), 2);
    CHECK_STR(i18n_get(LANG_HANT, "bye"), "再見");
    CHECK_STR(i18n_get(LANG_EN, "hello"), "Hello");
    CHECK(i18n_get(LANG_EN, "nope") == NULL);
    const char broken[] = "a\tb\tc\n";
    CHECK(i18n_load(broken, sizeof broken - 1, &bad) != 0);
    CHECK_INT(bad, 1);
    const char dup[] = "a\t1\t2\t3\na\t1\t2\t3\n";
    CHECK(i18n_load(dup, sizeof dup - 1, &bad) != 0);
    i18n_free();
}

static int framing(const char *head, const char **why)
{
    return http_framing_check(head, strlen(head), why);
}

static void test_framing(void)
{
    const char *why;
    CHECK_INT(framing("GET / HTTP/1.1\r\nHost: x\r\n\r\n", &why), HTTP_FRAMING_OK);
    CHECK(why == NULL);
    CHECK_INT(framing("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello", &why), HTTP_FRAMING_OK);
    CHECK_INT(framing("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", &why),
              HTTP_FRAMING_OK);
    /* HTTP/1.0 may omit Host */
    CHECK_INT(framing("GET / HTTP/1.0\r\n\r\n", &why), HTTP_FRAMING_OK);
    /* what follows the head (a body, a pipelined request) is not looked at */
    CHECK_INT(framing("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\n\r\n", &why), HTTP_FRAMING_OK);

    CHECK_INT(framing("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n", &why),
              HTTP_FRAMING_BAD);
    CHECK_STR(why, "content-length with transfer-encoding");
    CHECK_INT(framing("POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\nHost: x\r\ncontent-length: 4\r\n\r\n", &why),
              HTTP_FRAMING_BAD);
    CHECK_STR(why, "content-length with transfer-encoding");
    CHECK_INT(framing("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
                      &why),
              HTTP_FRAMING_BAD);
    CHECK_STR(why, "more than one transfer-encoding");
    CHECK_INT(framing("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", &why),
              HTTP_FRAMING_BAD);
    CHECK_STR(why, "more than one content-length");
    /* identical repeats too */
    CHECK_INT(framing("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nCONTENT-LENGTH: 5\r\n\r\n", &why),
              HTTP_FRAMING_BAD);
    CHECK_STR(why, "more than one content-length");
    CHECK_INT(framing("GET / HTTP/1.1\r\n\r\n", &why), HTTP_FRAMING_BAD);
    CHECK_STR(why, "no host");
    CHECK_INT(framing("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", &why), HTTP_FRAMING_BAD);
    CHECK_STR(why, "more than one host");
    CHECK_INT(framing("GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n", &why), HTTP_FRAMING_BAD);
    CHECK_STR(why, "more than one host");
    /* a folded line is no Host header (picohttpparser reads it as a continuation) */
    CHECK_INT(framing("GET / HTTP/1.1\r\nX-A: 1\r\n Host: x\r\n\r\n", &why), HTTP_FRAMING_BAD);
    CHECK_STR(why, "no host");
    CHECK_INT(framing("GET / HTTP/1.1\r\nHost: x\r\n", &why), HTTP_FRAMING_BAD); /* incomplete */
    CHECK_STR(why, "unreadable request head");
    CHECK_INT(http_framing_check("", 0, &why), HTTP_FRAMING_BAD);

    /* HTTP/1.0 with Transfer-Encoding: served, then the connection closes */
    CHECK_INT(framing("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", &why), HTTP_FRAMING_CLOSE);
    CHECK(why == NULL);
}

int main(void)
{
    T_RUN(test_router_static_and_params);
    T_RUN(test_router_misses);
    T_RUN(test_param_id);
    T_RUN(test_i18n_negotiate);
    T_RUN(test_i18n_table);
    T_RUN(test_framing);
    T_END();
}
