#include "t.h"

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/tmpl.h"

/* Renders src as template "t" (plus any partials already in ts) into a static
 * string; returns the render code through *rc. */
static const char *render_in(tmpl_set *ts, const char *src, const char *json, int *rc)
{
    static char res[4096];
    char err[128];
    json_t *ctx = json ? json_loads(json, 0, NULL) : NULL;
    buf b;
    buf_init(&b, sizeof res - 1);
    res[0] = '\0';
    *rc = tmpl_add(ts, "t", src, strlen(src), err, sizeof err);
    if (*rc == 0)
        *rc = tmpl_link(ts, err, sizeof err);
    if (*rc == 0)
        *rc = tmpl_render(ts, "t", ctx, NULL, NULL, &b);
    if (*rc == 0 && b.data)
        memcpy(res, b.data, b.len + 1);
    buf_free(&b);
    json_decref(ctx);
    return res;
}

static const char *render(const char *src, const char *json)
{
    tmpl_set *ts = tmpl_set_new();
    int rc;
    const char *r = render_in(ts, src, json, &rc);
    tmpl_set_free(ts);
    return rc == 0 ? r : "(error)";
}

static void test_tmpl_escaping(void)
{
    const char *ctx = "{\"x\":\"<script>alert('x')&\\\"</script>\"}";
    CHECK_STR(render("<p>{{x}}</p>", ctx),
              "<p>&lt;script&gt;alert(&#39;x&#39;)&amp;&quot;&lt;/script&gt;</p>");
    CHECK_STR(render("{{{x}}}", ctx), "<script>alert('x')&\"</script>");
    CHECK_STR(render("{{& x }}", ctx), "<script>alert('x')&\"</script>");
    CHECK_STR(render("plain text only", NULL), "plain text only");
    CHECK_STR(render("", "{}"), "");
}

static void test_tmpl_values(void)
{
    const char *ctx = "{\"s\":\"str\",\"i\":-42,\"r\":2.5,\"t\":true,\"f\":false,\"n\":null,"
                      "\"a\":[1],\"o\":{\"k\":1}}";
    CHECK_STR(render("[{{s}}|{{i}}|{{r}}|{{t}}|{{f}}|{{n}}|{{missing}}|{{a}}|{{o}}]", ctx),
              "[str|-42|2.5|true|||||]");
    CHECK_STR(render("{{ s }}{{!  a comment {with braces} }}{{  i}}", ctx), "str-42");
}

static void test_tmpl_dotted_and_stack(void)
{
    const char *ctx = "{\"user\":{\"name\":\"Ann\",\"home\":{\"city\":\"Tainan\"}},"
                      "\"title\":\"outer\",\"items\":[{\"title\":\"inner\"},{\"x\":1}]}";
    CHECK_STR(render("{{user.name}} of {{user.home.city}}{{user.nope.deeper}}{{title.x}}", ctx),
              "Ann of Tainan");
    /* innermost first, falling back outwards */
    CHECK_STR(render("{{#items}}[{{title}}]{{/items}}", ctx), "[inner][outer]");
    CHECK_STR(render("{{#user}}{{name}}/{{home.city}}/{{title}}{{/user}}", ctx),
              "Ann/Tainan/outer");
}

static void test_tmpl_sections(void)
{
    const char *ctx = "{\"list\":[\"a\",\"<b>\",3],\"empty\":[],\"eo\":{},\"obj\":{\"v\":7},"
                      "\"yes\":true,\"no\":false,\"zero\":0,\"es\":\"\",\"s\":\"x\",\"n\":null}";
    CHECK_STR(render("{{#list}}({{.}}){{/list}}", ctx), "(a)(&lt;b&gt;)(3)");
    CHECK_STR(render("{{#obj}}v={{v}}{{/obj}}", ctx), "v=7");
    CHECK_STR(render("{{#yes}}Y{{s}}{{/yes}}{{#no}}N{{/no}}", ctx), "Yx");
    CHECK_STR(render("{{#empty}}E{{/empty}}{{#eo}}O{{/eo}}{{#zero}}Z{{/zero}}{{#es}}S{{/es}}"
                     "{{#n}}N{{/n}}{{#missing}}M{{/missing}}",
                     ctx),
              "");
    CHECK_STR(render("{{^empty}}E{{/empty}}{{^eo}}O{{/eo}}{{^zero}}Z{{/zero}}{{^es}}S{{/es}}"
                     "{{^n}}N{{/n}}{{^missing}}M{{/missing}}{{^no}}F{{/no}}",
                     ctx),
              "EOZSNMF");
    CHECK_STR(render("{{^list}}L{{/list}}{{^yes}}Y{{/yes}}{{^obj}}O{{/obj}}", ctx), "");
    /* a scalar section leaves the context alone: {{.}} is still the root object */
    CHECK_STR(render("{{#s}}[{{.}}{{s}}]{{/s}}", "{\"s\":\"x\"}"), "[x]");
    CHECK_STR(render("{{#i}}{{.}}{{/i}}|{{.}}", "{\"i\":5}"), "|");
    CHECK_STR(render("{{#list}}{{#obj}}{{.}}{{v}}{{/obj}}{{/list}}", "{\"list\":[1,2],\"obj\":{\"v\":0}}"),
              "00");
}

static void test_tmpl_partials(void)
{
    tmpl_set *ts = tmpl_set_new();
    char err[128];
    const char *item = "<li>{{name}}{{#children}}<ul>{{>item}}</ul>{{/children}}</li>";
    CHECK_INT(tmpl_add(ts, "item", item, strlen(item), err, sizeof err), 0);
    int rc;
    /* children must be present (even empty) at every level: a missing key
     * falls back to the enclosing context, as in Mustache */
    const char *r = render_in(ts, "<ul>{{#list}}{{> item }}{{/list}}</ul>",
                              "{\"list\":[{\"name\":\"a\",\"children\":[{\"name\":\"b\","
                              "\"children\":[]}]},{\"name\":\"c\",\"children\":null}]}",
                              &rc);
    CHECK_INT(rc, 0);
    CHECK_STR(r, "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>");
    CHECK_INT(tmpl_add(ts, "t", "x", 1, err, sizeof err), WG_EINVAL); /* duplicate */

    /* unknown partial at link time */
    CHECK_INT(tmpl_add(ts, "bad", "a\n{{>nowhere}}", 14, err, sizeof err), 0);
    CHECK_INT(tmpl_link(ts, err, sizeof err), WG_EINVAL);
    CHECK_STR(err, "bad:2: unknown partial nowhere");
    tmpl_set_free(ts);

    /* endless recursion stops at the depth limit */
    ts = tmpl_set_new();
    CHECK_INT(tmpl_add(ts, "loop", "x{{>loop}}", 10, err, sizeof err), 0);
    CHECK_INT(tmpl_link(ts, err, sizeof err), 0);
    buf b;
    buf_init(&b, 4096);
    CHECK_INT(tmpl_render(ts, "loop", NULL, NULL, NULL, &b), WG_EINVAL);
    CHECK_INT(tmpl_render(ts, "nope", NULL, NULL, NULL, &b), WG_ENOTFOUND);
    buf_free(&b);
    tmpl_set_free(ts);
}

static const char *tr(const char *key, void *ud)
{
    (void)ud;
    return strcmp(key, "greeting") == 0 ? "你好 <world>" : NULL;
}

static void test_tmpl_i18n(void)
{
    tmpl_set *ts = tmpl_set_new();
    const char *src = "{{@greeting}}|{{ @ missing.key<x> }}";
    CHECK_INT(tmpl_add(ts, "t", src, strlen(src), NULL, 0), 0);
    buf b;
    buf_init(&b, 1024);
    CHECK_INT(tmpl_render(ts, "t", NULL, tr, NULL, &b), 0);
    CHECK_STR(b.data, "你好 &lt;world&gt;|missing.key&lt;x&gt;");
    buf_reset(&b);
    CHECK_INT(tmpl_render(ts, "t", NULL, NULL, NULL, &b), 0);
    CHECK_STR(b.data, "greeting|missing.key&lt;x&gt;");
    buf_free(&b);
    tmpl_set_free(ts);
}

static int add_err(const char *src, char *err, size_t errlen)
{
    tmpl_set *ts = tmpl_set_new();
    int rc = tmpl_add(ts, "page", src, strlen(src), err, errlen);
    tmpl_set_free(ts);
    return rc;
}

static void test_tmpl_parse_errors(void)
{
    char err[128];
    CHECK_INT(add_err("a\n{{#x}}\nb", err, sizeof err), WG_EINVAL);
    CHECK_STR(err, "page:2: unclosed section {{#x}}");
    CHECK_INT(add_err("{{#x}}{{/y}}", err, sizeof err), WG_EINVAL);
    CHECK(strstr(err, "page:1:") == err);
    CHECK_INT(add_err("a\nb\n{{/x}}", err, sizeof err), WG_EINVAL);
    CHECK(strstr(err, "page:3:") == err);
    CHECK_INT(add_err("x {{name", err, sizeof err), WG_EINVAL);
    CHECK_STR(err, "page:1: unclosed tag");
    CHECK_INT(add_err("{{{name}}", err, sizeof err), WG_EINVAL);
    CHECK_INT(add_err("{{}}", err, sizeof err), WG_EINVAL);
    CHECK_INT(add_err("{{a..b}}", err, sizeof err), WG_EINVAL);
    CHECK_INT(add_err("{{a b}}", err, sizeof err), WG_EINVAL);
    CHECK_INT(add_err("{{^x}}", NULL, 0), WG_EINVAL);
    CHECK_INT(add_err("{{#x}}", err, 8), WG_EINVAL); /* truncated message */
    CHECK_INT(strlen(err), 7);

    /* nesting: 32 is fine, 33 is an error */
    char deep[1024];
    size_t n = 0;
    for (int i = 0; i < 33; i++)
        n += (size_t)snprintf(deep + n, sizeof deep - n, "{{#a}}");
    n += (size_t)snprintf(deep + n, sizeof deep - n, "x");
    for (int i = 0; i < 33; i++)
        n += (size_t)snprintf(deep + n, sizeof deep - n, "{{/a}}");
    CHECK_INT(add_err(deep, err, sizeof err), WG_EINVAL);
    CHECK(strstr(err, "deeper") != NULL);
    deep[n - 6] = '\0'; /* drop one opening and one closing tag: 32 deep */
    CHECK_STR(render(deep + 6, "{\"a\":{\"b\":1}}"), "x");
}

static void test_tmpl_overflow(void)
{
    tmpl_set *ts = tmpl_set_new();
    const char *src = "{{#list}}<li>{{.}}</li>{{/list}}";
    CHECK_INT(tmpl_add(ts, "t", src, strlen(src), NULL, 0), 0);
    json_t *ctx = json_pack("{s:[s,s,s,s]}", "list", "aaaa", "bbbb", "cccc", "dddd");
    buf b;
    buf_init(&b, 20);
    CHECK_INT(tmpl_render(ts, "t", ctx, NULL, NULL, &b), WG_ETOOBIG);
    CHECK(buf_failed(&b));
    CHECK_INT(tmpl_render(ts, "t", ctx, NULL, NULL, &b), WG_ETOOBIG); /* sticky */
    buf_free(&b);
    buf_init(&b, 64);
    CHECK_INT(tmpl_render(ts, "t", ctx, NULL, NULL, &b), 0);
    CHECK_STR(b.data, "<li>aaaa</li><li>bbbb</li><li>cccc</li><li>dddd</li>");
    buf_free(&b);
    json_decref(ctx);
    tmpl_set_free(ts);
}

int main(void)
{
    T_RUN(test_tmpl_escaping);
    T_RUN(test_tmpl_values);
    T_RUN(test_tmpl_dotted_and_stack);
    T_RUN(test_tmpl_sections);
    T_RUN(test_tmpl_partials);
    T_RUN(test_tmpl_i18n);
    T_RUN(test_tmpl_parse_errors);
    T_RUN(test_tmpl_overflow);
    T_END();
}
