#include "core/md.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/utf8.h"

int md_render(arena *a, const char *src, size_t n, const char **html_out)
{
    int rc = 0;
    char *html = NULL;
    *html_out = NULL;
    if (src == NULL && n > 0)
        return WG_EINVAL;
    if (src == NULL)
        src = "";
    if (!utf8_valid(src, n))
        return WG_EINVAL;
    /* CMARK_OPT_UNSAFE is deliberately absent: cmark >= 0.29 is safe by default */
    html = cmark_markdown_to_html(src, n, CMARK_OPT_DEFAULT);
    if (html == NULL) {
        rc = WG_EINVAL;
        goto out;
    }
    *html_out = arena_strdup(a, html);
out:
    free(html);
    return rc;
}

static int md_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char *md_excerpt(arena *a, const char *src, size_t max_cp)
{
    if (src == NULL)
        return arena_strdup(a, "");
    size_t n = strlen(src);
    if (!utf8_valid(src, n))
        return arena_strdup(a, "");

    /* strip into a scratch copy: never longer than the source */
    char *t = arena_alloc(a, n + 1);
    size_t j = 0;
    int space = 0, line_start = 1;
    for (size_t i = 0; i < n; i++) {
        char c = src[i];
        if (md_is_space(c)) {
            space = 1;
            if (c == '\n')
                line_start = 1;
            continue;
        }
        if (line_start && (c == '-' || c == '+') && i + 1 < n && md_is_space(src[i + 1]))
            continue; /* a list bullet */
        line_start = 0;
        if (c == ']' && i + 1 < n && src[i + 1] == '(') {
            /* a link or image target: drop up to the matching ')' */
            size_t k = i + 2;
            int level = 1;
            while (k < n && level > 0) {
                if (src[k] == '(')
                    level++;
                else if (src[k] == ')')
                    level--;
                k++;
            }
            if (level == 0) {
                i = k - 1;
                continue;
            }
        }
        if (c == '!' && i + 1 < n && src[i + 1] == '[')
            continue; /* image marker */
        if (strchr("#*_`>[]()~|", c) != NULL)
            continue;
        if (space && j > 0)
            t[j++] = ' ';
        space = 0;
        t[j++] = c;
    }
    t[j] = '\0';

    size_t cut = utf8_trim_len(t, j, max_cp);
    if (cut == j)
        return t;
    while (cut > 0 && t[cut - 1] == ' ')
        cut--;
    char *r = arena_alloc(a, cut + sizeof "…");
    memcpy(r, t, cut);
    memcpy(r + cut, "…", sizeof "…");
    return r;
}
