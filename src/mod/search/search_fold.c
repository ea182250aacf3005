/* Search text: folding, grams, queries, highlight (see search_fold.h). */
#include "mod/search/search_fold.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/hanzi.h"

/* Scope grams start with a character no text gram holds (§ is neither a
 * letter nor Chinese): a query needs no column filter to keep them apart,
 * which would cost the index a look at every match's positions. */
#define SCOPE_MARK "\u00a7"
#define TEXT_BUF_MAX (64u * 1024 * 1024) /* bytes of any text built here (texts are far smaller) */

/* ---- code points ---- */

/* The next code point of s at *i (valid UTF-8 assumed; a stray byte counts
 * as one code point). 0 at the end. */
static uint32_t next_cp(const char *s, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    if (*p == 0)
        return 0;
    int len = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 1;
    uint32_t c = len == 1 ? *p : *p & (0x3F >> (len - 1));
    for (int k = 1; k < len; k++) {
        if ((p[k] & 0xC0) != 0x80) {
            *i += 1;
            return 0xFFFD;
        }
        c = c << 6 | (p[k] & 0x3F);
    }
    *i += (size_t)len;
    return c;
}

static void put_cp(buf *b, uint32_t c)
{
    char o[4];
    int n = 0;
    if (c < 0x80) {
        o[n++] = (char)c;
    } else if (c < 0x800) {
        o[n++] = (char)(0xC0 | c >> 6);
        o[n++] = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        o[n++] = (char)(0xE0 | c >> 12);
        o[n++] = (char)(0x80 | (c >> 6 & 0x3F));
        o[n++] = (char)(0x80 | (c & 0x3F));
    } else {
        o[n++] = (char)(0xF0 | c >> 18);
        o[n++] = (char)(0x80 | (c >> 12 & 0x3F));
        o[n++] = (char)(0x80 | (c >> 6 & 0x3F));
        o[n++] = (char)(0x80 | (c & 0x3F));
    }
    buf_add(b, o, (size_t)n);
}

/* The code points of s in a; *n their number. */
static uint32_t *decode(arena *a, const char *s, int *n)
{
    size_t len = strlen(s), i = 0;
    uint32_t *out = arena_alloc(a, (len + 1) * sizeof *out), c;
    int k = 0;
    while ((c = next_cp(s, &i)) != 0)
        out[k++] = c;
    *n = k;
    return out;
}

static const char *buf_to_arena(arena *a, buf *b)
{
    char *s = arena_strndup(a, b->data ? b->data : "", b->len);
    buf_free(b);
    return s;
}

static int is_han(uint32_t c)
{
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;
}

static int is_word(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

static uint32_t fold_cp(uint32_t c)
{
    if (c >= 0xFF01 && c <= 0xFF5E) /* full-width ASCII */
        c -= 0xFEE0;
    if (c >= 'A' && c <= 'Z')
        c += 'a' - 'A';
    return c < 0x3400 ? c : hanzi_fold(c);
}

/* ---- folding and grams ---- */

const char *search_fold(arena *a, const char *s)
{
    if (s == NULL)
        return "";
    buf b;
    buf_init(&b, TEXT_BUF_MAX);
    size_t i = 0;
    uint32_t c;
    while ((c = next_cp(s, &i)) != 0)
        put_cp(&b, fold_cp(c));
    return buf_to_arena(a, &b);
}

/* Calls emit for each gram of the code points cp[0..n) (see search_fold.h). */
static void each_gram(const uint32_t *cp, int n, void (*emit)(const uint32_t *g, int len, void *ud), void *ud)
{
    for (int i = 0; i < n;) {
        int j = i;
        if (is_han(cp[i])) {
            while (j < n && is_han(cp[j]))
                j++;
            for (int k = i; k + 1 < j; k++)
                emit(cp + k, 2, ud);
            emit(cp + j - 1, 1, ud); /* the last one alone: a one-character query is a prefix */
        } else if (is_word(cp[i])) {
            while (j < n && is_word(cp[j]))
                j++;
            emit(cp + i, j - i, ud);
        } else {
            j++;
        }
        i = j;
    }
}

struct spaced {
    buf *b;
    const char *prefix;
};

static void emit_spaced(const uint32_t *g, int len, void *ud)
{
    struct spaced *sp = ud;
    if (sp->b->len)
        buf_addc(sp->b, ' ');
    buf_adds(sp->b, sp->prefix);
    for (int k = 0; k < len; k++)
        put_cp(sp->b, g[k]);
}

const char *search_grams(arena *a, const char *folded, int64_t community_id)
{
    int n;
    uint32_t *cp = decode(a, folded, &n);
    buf b;
    buf_init(&b, TEXT_BUF_MAX);
    struct spaced sp = {&b, arena_printf(a, "%lld" SCOPE_MARK, (long long)community_id)};
    each_gram(cp, n < SEARCH_TEXT_MAX ? n : SEARCH_TEXT_MAX, emit_spaced, &sp);
    return buf_to_arena(a, &b);
}

/* ---- queries ---- */

static const char *cp_str(arena *a, const uint32_t *cp, int n)
{
    buf b;
    buf_init(&b, TEXT_BUF_MAX);
    for (int k = 0; k < n; k++)
        put_cp(&b, cp[k]);
    return buf_to_arena(a, &b);
}

void search_parse(arena *a, const char *q, struct search_term **terms, int *nterms)
{
    int n;
    uint32_t *cp = decode(a, search_fold(a, q), &n);
    struct search_term *t = arena_calloc(a, SEARCH_TERMS_MAX * sizeof *t);
    int k = 0;
    for (int i = 0; i < n && k < SEARCH_TERMS_MAX;) {
        int j = i + 1, han = is_han(cp[i]);
        if (!han && !is_word(cp[i])) {
            i++;
            continue;
        }
        while (j < n && (han ? is_han(cp[j]) : is_word(cp[j])))
            j++;
        struct search_term *x = &t[k++];
        x->text = cp_str(a, cp + i, j - i);
        if (han && j - i >= 2) {
            x->n = j - i - 1;
            x->grams = arena_alloc(a, (size_t)x->n * sizeof *x->grams);
            for (int g = 0; g < x->n; g++)
                x->grams[g] = cp_str(a, cp + i + g, 2);
        } else {
            x->n = 1;
            x->grams = arena_alloc(a, sizeof *x->grams);
            x->grams[0] = x->text;
            x->prefix = 1;
        }
        i = j;
    }
    *terms = t;
    *nterms = k;
}

/* Grams hold only Chinese characters, letters and digits: no quoting needed
 * inside the quotes of either syntax. */
const char *search_scope_grams(arena *a, const char *path, const char *kind)
{
    buf b;
    buf_init(&b, TEXT_BUF_MAX);
    for (const char *p = path; *p; p++) {
        if (*p == '/')
            continue;
        buf_addf(&b, "%s" SCOPE_MARK "p", b.len ? " " : "");
        while (*p >= '0' && *p <= '9')
            buf_addc(&b, *p++);
        if (*p == '\0')
            break;
    }
    buf_addf(&b, "%s" SCOPE_MARK "k%s", b.len ? " " : "", kind);
    return buf_to_arena(a, &b);
}

/* One term in one community, in the syntax of FTS5 (pg 0) or of a tsquery (pg 1). */
static void add_term(buf *b, int pg, int64_t community, const struct search_term *t)
{
    if (!pg)
        buf_addc(b, '"');
    for (int g = 0; g < t->n; g++) {
        if (pg)
            buf_addf(b, "%s'%lld" SCOPE_MARK "%s'%s", g ? " <-> " : "", (long long)community, t->grams[g],
                     t->prefix ? ":*" : "");
        else
            buf_addf(b, "%s%lld" SCOPE_MARK "%s", g ? " " : "", (long long)community, t->grams[g]);
    }
    if (!pg)
        buf_adds(b, t->prefix ? "\"*" : "\"");
}

/* Grams hold only Chinese characters, letters, digits and the marks: no
 * quoting needed inside the quotes of either syntax. */
static const char *build_query(arena *a, int pg, const struct search_scope *sc, const struct search_term *t, int n)
{
    const char *and = pg ? " & " : " AND ", *or = pg ? " | " : " OR ";
    buf b;
    buf_init(&b, TEXT_BUF_MAX);
    if (sc->place_id)
        buf_addf(&b, pg ? "'" SCOPE_MARK "p%lld'" : "\"" SCOPE_MARK "p%lld\"", (long long)sc->place_id);
    if (sc->kind)
        buf_addf(&b, pg ? "%s'" SCOPE_MARK "k%s'" : "%s\"" SCOPE_MARK "k%s\"", b.len ? and : "", sc->kind);
    for (int i = 0; i < n; i++) {
        buf_addf(&b, "%s(", b.len ? and : "");
        for (int k = 0; k < sc->ncommunities; k++) {
            if (k)
                buf_adds(&b, or);
            if (pg && sc->ncommunities > 1)
                buf_addc(&b, '(');
            add_term(&b, pg, sc->communities[k], &t[i]);
            if (pg && sc->ncommunities > 1)
                buf_addc(&b, ')');
        }
        buf_addc(&b, ')');
    }
    return buf_to_arena(a, &b);
}

const char *search_fts5_match(arena *a, const struct search_scope *sc, const struct search_term *t, int n)
{
    return build_query(a, 0, sc, t, n);
}

const char *search_tsquery(arena *a, const struct search_scope *sc, const struct search_term *t, int n)
{
    return build_query(a, 1, sc, t, n);
}

struct tsv {
    buf *b;
    int pos;
    char weight;
};

static void emit_tsv(const uint32_t *g, int len, void *ud)
{
    struct tsv *v = ud;
    if (v->b->len)
        buf_addc(v->b, ' ');
    buf_addc(v->b, '\'');
    for (int k = 0; k < len; k++)
        put_cp(v->b, g[k]);
    buf_addf(v->b, "':%d%c", ++v->pos, v->weight);
}

const char *search_tsvector(arena *a, const char *title_grams, const char *body_grams, const char *scope_grams)
{
    static const char weights[3] = {'A', 'B', 'D'};
    buf b;
    buf_init(&b, TEXT_BUF_MAX);
    struct tsv v = {&b, 0, 'A'};
    const char *parts[3] = {title_grams, body_grams, scope_grams};
    for (int p = 0; p < 3; p++) {
        v.weight = weights[p];
        /* the grams again, one per space-separated word, each its own gram */
        int n;
        uint32_t *cp = decode(a, parts[p], &n);
        for (int i = 0; i < n;) {
            int j = i;
            while (j < n && cp[j] != ' ')
                j++;
            if (j > i)
                emit_tsv(cp + i, j - i, &v);
            i = j + 1;
        }
        v.pos++; /* a gap: no phrase runs from the title into the body */
    }
    return buf_to_arena(a, &b);
}

/* ---- highlight ---- */

static void add_part(json_t *parts, arena *a, const uint32_t *cp, int from, int to, int hit)
{
    if (to > from)
        json_array_append_new(parts, json_pack("{s:s, s:b}", "text", cp_str(a, cp + from, to - from), "hit", hit));
}

json_t *search_highlight(arena *a, const char *text, const struct search_term *t, int nt, int width)
{
    int n, nf, first = -1;
    uint32_t *cp = decode(a, text ? text : "", &n);
    uint32_t *fold = decode(a, search_fold(a, text), &nf);
    assert(nf == n); /* folding maps one character to one */
    char *mark = arena_calloc(a, (size_t)n + 1);
    for (int i = 0; i < nt; i++) {
        int m;
        uint32_t *w = decode(a, t[i].text, &m);
        for (int at = 0; m > 0 && at + m <= n; at++)
            if (memcmp(fold + at, w, (size_t)m * sizeof *w) == 0) {
                memset(mark + at, 1, (size_t)m);
                if (first < 0 || at < first)
                    first = at;
            }
    }
    int from = 0, to = n;
    if (width > 0 && n > width) {
        from = first > width / 4 ? first - width / 4 : 0;
        to = from + width < n ? from + width : n;
    }
    json_t *parts = json_array();
    if (from > 0)
        json_array_append_new(parts, json_pack("{s:s, s:b}", "text", "…", "hit", 0));
    for (int i = from; i < to;) {
        int j = i;
        while (j < to && mark[j] == mark[i])
            j++;
        add_part(parts, a, cp, i, j, mark[i]);
        i = j;
    }
    if (to < n)
        json_array_append_new(parts, json_pack("{s:s, s:b}", "text", "…", "hit", 0));
    return parts;
}
