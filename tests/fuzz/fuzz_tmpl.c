/* Template escaping: any string put through {{x}}, in text and in an
 * attribute, comes out with no character that could end the text or the
 * attribute: no < > " ' and every & starts an entity we wrote. */
#include <jansson.h>
#include <string.h>

#include "core/buf.h"
#include "core/tmpl.h"
#include "fuzz.h"

static tmpl_set *g_ts;

static void setup(void)
{
    static const char src[] = "<p title=\"{{x}}\">{{x}}</p>{{#list}}<i>{{.}}</i>{{/list}}";
    g_ts = tmpl_set_new();
    FUZZ_ASSERT(tmpl_add(g_ts, "t", src, sizeof src - 1, NULL, 0) == 0);
    FUZZ_ASSERT(tmpl_link(g_ts, NULL, 0) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (g_ts == NULL)
        setup();
    if (memchr(data, 0, size) != NULL) /* request input never holds NUL (utf8_valid refuses it) */
        return 0;
    json_t *ctx = json_object();
    json_t *x = json_stringn_nocheck((const char *)data, size);
    json_object_set_new(ctx, "x", x);
    json_object_set_new(ctx, "list", json_pack("[O]", x));
    buf out;
    buf_init(&out, 1 << 20);
    if (tmpl_render(g_ts, "t", ctx, NULL, NULL, &out) == 0) {
        /* strip the template's own markup, then look at what the value became */
        static const char *const fixed[] = {"<p title=\"", "\">", "</p>", "<i>", "</i>"};
        char *s = malloc(out.len + 1);
        FUZZ_ASSERT(s != NULL);
        memcpy(s, out.data, out.len);
        s[out.len] = '\0';
        for (size_t k = 0; k < sizeof fixed / sizeof fixed[0]; k++) {
            size_t n = strlen(fixed[k]);
            for (char *p = strstr(s, fixed[k]); p; p = strstr(p, fixed[k]))
                memset(p, ' ', n);
        }
        for (const char *p = s; p < s + out.len; p++) {
            FUZZ_ASSERT(*p != '<' && *p != '>' && *p != '"' && *p != '\'');
            if (*p == '&')
                FUZZ_ASSERT(strncmp(p, "&amp;", 5) == 0 || strncmp(p, "&lt;", 4) == 0 ||
                            strncmp(p, "&gt;", 4) == 0 || strncmp(p, "&quot;", 6) == 0 ||
                            strncmp(p, "&#39;", 5) == 0);
        }
        free(s);
    }
    buf_free(&out);
    json_decref(ctx);
    return 0;
}
