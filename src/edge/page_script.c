/*
 * Residents' content in the reader's script. A reader who chose 繁體 gets
 * every page converted to Traditional characters (OpenCC s2t, core/hanzi.h)
 * after it is rendered: what residents wrote, place names, everything
 * shown, in the page's text between its tags. What she would send back
 * stays as it was written, so that editing never changes the original:
 * attribute values (value="...") are never converted, nor the text of a
 * <textarea>. The text of an element marked translate="no" stays too (the
 * language menu's "简体中文"). Every text node to convert goes through
 * OpenCC in one call. The original is one tap away: the same address with
 * ?orig=1 (page_ctx gives the links).
 */
#include <string.h>

#include "core/hanzi.h"
#include "edge/page.h"

/* A text node to convert: html[from, to); its conversion once known. */
struct span {
    size_t from, to;
    const char *conv;
};

#define SEP '\x01' /* between the pieces of the one conversion: never in a page, left alone by OpenCC */

/* The text nodes that hold something to convert: outside tags, with a
 * byte of a non-ASCII character, not the text of a <textarea> or of an
 * element marked translate="no". *n of them, in a. */
static struct span *text_nodes(arena *a, const char *html, size_t len, int *n)
{
    int cap = 64, k = 0, skip_next = 0;
    struct span *sp = arena_alloc(a, (size_t)cap * sizeof *sp);
    for (size_t i = 0; i < len;) {
        if (html[i] == '<') {
            const char *end = memchr(html + i, '>', len - i);
            size_t te = end ? (size_t)(end - html) + 1 : len;
            skip_next = memmem(html + i, te - i, " translate=\"no\"", 15) != NULL;
            if (te - i > 9 && memcmp(html + i, "<textarea", 9) == 0) { /* its text is what she sends back */
                const char *close = memmem(html + te, len - te, "</textarea", 10);
                te = close ? (size_t)(close - html) : len;
            }
            i = te;
            continue;
        }
        const char *lt = memchr(html + i, '<', len - i);
        size_t e = lt ? (size_t)(lt - html) : len;
        int wide = 0;
        for (size_t j = i; j < e && !wide; j++)
            wide = (unsigned char)html[j] >= 0x80;
        if (wide && !skip_next) {
            if (k == cap) {
                struct span *more = arena_alloc(a, (size_t)cap * 2 * sizeof *sp);
                memcpy(more, sp, (size_t)k * sizeof *sp);
                sp = more;
                cap *= 2;
            }
            sp[k++] = (struct span){i, e, NULL};
        }
        skip_next = 0;
        i = e;
    }
    *n = k;
    return sp;
}

void page_to_hant(http_req *r)
{
    size_t len = r->out->len;
    const char *html = arena_strndup(r->a, r->out->data ? r->out->data : "", len);
    int n = 0;
    struct span *sp = text_nodes(r->a, html, len, &n);
    if (n == 0)
        return;
    /* the texts seen before from the cache; the others in one conversion */
    buf joined;
    buf_init(&joined, len + (size_t)n + 1);
    int misses = 0;
    for (int i = 0; i < n; i++) {
        const char *t = html + sp[i].from;
        size_t tl = sp[i].to - sp[i].from;
        if ((sp[i].conv = hanzi_hant_cached(r->a, t, tl)) != NULL)
            continue;
        if (memchr(t, SEP, tl) != NULL) { /* cannot be told apart: the page as written */
            buf_free(&joined);
            return;
        }
        if (misses++)
            buf_addc(&joined, SEP);
        buf_add(&joined, t, tl);
    }
    const char *conv = misses ? hanzi_hant(r->a, joined.data ? joined.data : "") : "";
    buf_free(&joined);
    const char *piece = conv;
    for (int i = 0, k = 0; i < n; i++) {
        if (sp[i].conv != NULL)
            continue;
        const char *next = strchr(piece, SEP);
        int last = ++k == misses;
        if (!last && next == NULL)
            return; /* the separators did not survive: the page as written */
        size_t plen = last ? strlen(piece) : (size_t)(next - piece);
        sp[i].conv = arena_strndup(r->a, piece, plen);
        hanzi_hant_remember(html + sp[i].from, sp[i].to - sp[i].from, sp[i].conv);
        if (!last)
            piece = next + 1;
    }
    buf_reset(r->out);
    size_t at = 0;
    for (int i = 0; i < n; i++) {
        buf_add(r->out, html + at, sp[i].from - at);
        buf_adds(r->out, sp[i].conv);
        at = sp[i].to;
    }
    buf_add(r->out, html + at, len - at);
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
