/*
 * Residents' content in the reader's script. A reader who chose 繁體 gets
 * every page converted to Traditional characters (OpenCC s2t, core/hanzi.h)
 * after it is rendered: what residents wrote, place names, everything
 * shown. What she would send back stays as it was written, so that editing
 * never changes the original: the value of every attribute value="..." and
 * the text of every <textarea>. Text inside an element marked
 * translate="no" (up to its next tag) stays too (the language menu's
 * "简体中文"). The original is one tap away: the same address with
 * ?orig=1 (page_ctx gives the links).
 */
#include <string.h>

#include "core/hanzi.h"
#include "edge/page.h"

/* Appends html[from, to) converted. */
static void add_converted(http_req *r, buf *out, const char *html, size_t from, size_t to)
{
    if (to <= from)
        return;
    const char *s = hanzi_hant(r->a, arena_strndup(r->a, html + from, to - from));
    buf_adds(out, s);
}

/* The next span to keep as it is, at or after `at`: [*start, *end). 0 when none. */
static int next_kept(const char *html, size_t len, size_t at, size_t *start, size_t *end)
{
    const char *p = html + at, *lim = html + len, *best = NULL, *s = NULL, *e = NULL;
    static const struct {
        const char *mark;
        size_t n;
    } marks[] = {{" value=\"", 8}, {"<textarea", 9}, {" translate=\"no\"", 15}};
    int which = -1;
    for (int k = 0; k < 3; k++) {
        const char *m = memmem(p, (size_t)(lim - p), marks[k].mark, marks[k].n);
        if (m && (best == NULL || m < best))
            best = m, which = k;
    }
    if (best == NULL)
        return 0;
    if (which == 0) { /* the attribute's value */
        s = best + marks[0].n;
        e = memchr(s, '"', (size_t)(lim - s));
    } else if ((s = memchr(best, '>', (size_t)(lim - best))) != NULL) { /* the element's text */
        s++;
        e = which == 1 ? memmem(s, (size_t)(lim - s), "</textarea", 10) : memchr(s, '<', (size_t)(lim - s));
    } else {
        s = lim;
    }
    *start = (size_t)(s - html);
    *end = e ? (size_t)(e - html) : len;
    return 1;
}

void page_to_hant(http_req *r)
{
    size_t len = r->out->len, at = 0, s, e;
    const char *html = arena_strndup(r->a, r->out->data ? r->out->data : "", len);
    buf_reset(r->out);
    while (at < len && next_kept(html, len, at, &s, &e)) {
        add_converted(r, r->out, html, at, s);
        buf_add(r->out, html + s, e - s);
        at = e;
    }
    add_converted(r, r->out, html, at, len);
}

const char *page_parent_path(http_req *r)
{
    const char *slash = strrchr(r->path, '/');
    if (slash == NULL || slash == r->path)
        return "/";
    return arena_strndup(r->a, r->path, (size_t)(slash - r->path));
}

const char *page_url_with(http_req *r, const char *key, const char *value)
{
    buf b;
    buf_init(&b, 4096);
    buf_adds(&b, r->path);
    char sep = '?';
    size_t klen = strlen(key);
    for (const char *q = r->query; *q;) {
        const char *amp = strchr(q, '&');
        size_t n = amp ? (size_t)(amp - q) : strlen(q);
        int same = n >= klen && strncmp(q, key, klen) == 0 && (n == klen || q[klen] == '=');
        if (n > 0 && !same) {
            buf_addc(&b, sep);
            buf_add(&b, q, n);
            sep = '&';
        }
        q += n + (amp != NULL);
    }
    if (value != NULL)
        buf_addf(&b, "%c%s=%s", sep, key, value);
    const char *s = buf_failed(&b) ? r->path : arena_strdup(r->a, b.data);
    buf_free(&b);
    return s;
}
