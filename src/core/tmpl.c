#include "core/tmpl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"

enum tnode_kind {
    TN_TEXT,     /* s[0..len) */
    TN_VAR,      /* escaped value of segs */
    TN_RAW,      /* unescaped value of segs */
    TN_SECTION,  /* segs; body is nodes (i, end) */
    TN_INVERTED, /* segs; body is nodes (i, end) */
    TN_PARTIAL,  /* template s, resolved into partial by tmpl_link */
    TN_I18N,     /* key s */
};

struct tnode {
    enum tnode_kind kind;
    unsigned line;
    size_t end;        /* sections: index of the first node after the block */
    const char *s;     /* text, or the tag's name (NUL-terminated) */
    size_t len;
    const char **segs; /* dotted path; nseg == 0 is {{.}} */
    size_t nseg;
    const struct tmpl *partial;
};

struct tmpl {
    struct tmpl *next;
    const char *name;
    struct tnode *nodes;
    size_t n;
};

struct tmpl_set {
    arena *a; /* every template, node and string */
    struct tmpl *head;
};

/* the context stack never exceeds one entry per open section per template
 * level, plus the root */
#define TMPL_STACK ((TMPL_MAX_PARTIAL_DEPTH + 1) * TMPL_MAX_DEPTH + 1)

struct tmpl_state {
    const tmpl_set *ts;
    tmpl_i18n_fn i18n;
    void *ud;
    buf *out;
    int pdepth;
    size_t depth;
    json_t *stack[TMPL_STACK];
};

tmpl_set *tmpl_set_new(void)
{
    tmpl_set *ts = calloc(1, sizeof *ts);
    if (ts == NULL)
        abort();
    ts->a = arena_new(64 * 1024);
    return ts;
}

void tmpl_set_free(tmpl_set *ts)
{
    if (ts == NULL)
        return;
    arena_free(ts->a);
    free(ts);
}

static const struct tmpl *tmpl_find(const tmpl_set *ts, const char *name)
{
    for (const struct tmpl *t = ts->head; t != NULL; t = t->next)
        if (strcmp(t->name, name) == 0)
            return t;
    return NULL;
}

__attribute__((format(printf, 5, 6))) static int tmpl_err(char *err, size_t errlen,
                                                          const char *name, unsigned line,
                                                          const char *fmt, ...)
{
    if (err != NULL && errlen > 0) {
        char what[256];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(what, sizeof what, fmt, ap);
        va_end(ap);
        snprintf(err, errlen, "%s:%u: %s", name, line, what);
    }
    return WG_EINVAL;
}

static int tmpl_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void tmpl_trim(const char **p, size_t *n)
{
    while (*n && tmpl_is_space(**p)) {
        (*p)++;
        (*n)--;
    }
    while (*n && tmpl_is_space((*p)[*n - 1]))
        (*n)--;
}

/* Splits a dotted name into arena strings; "." gives no segments. */
static int tmpl_path(arena *a, const char *s, size_t n, struct tnode *nd)
{
    nd->segs = NULL;
    nd->nseg = 0;
    if (n == 1 && s[0] == '.')
        return 0;
    size_t count = 1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.')
            count++;
        else if (tmpl_is_space(s[i]) || s[i] == '{' || s[i] == '}')
            return WG_EINVAL;
    }
    nd->segs = arena_alloc(a, count * sizeof *nd->segs);
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '.') {
            if (i == start)
                return WG_EINVAL; /* empty segment */
            nd->segs[nd->nseg++] = arena_strndup(a, s + start, i - start);
            start = i + 1;
        }
    }
    return 0;
}

struct tmpl_nodes {
    struct tnode *v;
    size_t n, cap;
};

static struct tnode *tmpl_push_node(struct tmpl_nodes *nl)
{
    if (nl->n == nl->cap) {
        size_t cap = nl->cap ? nl->cap * 2 : 32;
        struct tnode *v = realloc(nl->v, cap * sizeof *v);
        if (v == NULL)
            abort();
        nl->v = v;
        nl->cap = cap;
    }
    struct tnode *nd = &nl->v[nl->n++];
    memset(nd, 0, sizeof *nd);
    return nd;
}

static unsigned tmpl_count_lines(const char *s, size_t from, size_t to)
{
    unsigned k = 0;
    for (size_t i = from; i < to; i++)
        if (s[i] == '\n')
            k++;
    return k;
}

int tmpl_add(tmpl_set *ts, const char *name, const char *src, size_t len, char *err, size_t errlen)
{
    int rc = 0;
    struct tmpl_nodes nl = {0};
    size_t open[TMPL_MAX_DEPTH];
    size_t depth = 0;
    unsigned line = 1;
    size_t line_pos = 0; /* line counts newlines before this offset */

    if (err != NULL && errlen > 0)
        err[0] = '\0';
    if (name == NULL || (src == NULL && len > 0)) {
        rc = tmpl_err(err, errlen, name ? name : "?", 0, "no name or source");
        goto out;
    }
    if (tmpl_find(ts, name) != NULL) {
        rc = tmpl_err(err, errlen, name, 0, "duplicate template");
        goto out;
    }
    arena *a = ts->a;
    const char *s = arena_strndup(a, src ? src : "", len);
    size_t pos = 0;
    while (pos < len) {
        const char *o = memmem(s + pos, len - pos, "{{", 2);
        size_t tag = o ? (size_t)(o - s) : len;
        if (tag > pos) {
            struct tnode *nd = tmpl_push_node(&nl);
            nd->kind = TN_TEXT;
            nd->s = s + pos;
            nd->len = tag - pos;
        }
        if (o == NULL)
            break;
        line += tmpl_count_lines(s, line_pos, tag);
        line_pos = tag;

        int triple = tag + 2 < len && s[tag + 2] == '{';
        size_t cstart = tag + (triple ? 3 : 2);
        const char *close = memmem(s + cstart, len - cstart, triple ? "}}}" : "}}", triple ? 3 : 2);
        if (close == NULL) {
            rc = tmpl_err(err, errlen, name, line, "unclosed tag");
            goto out;
        }
        const char *c = s + cstart;
        size_t clen = (size_t)(close - c);
        pos = (size_t)(close - s) + (triple ? 3 : 2);
        tmpl_trim(&c, &clen);

        char sigil = 0;
        if (triple) {
            sigil = '&';
        } else if (clen > 0 && c[0] != '\0' && strchr("#^/>!@&", c[0]) != NULL) {
            sigil = c[0];
            c++;
            clen--;
            tmpl_trim(&c, &clen);
        }
        if (sigil == '!')
            continue;
        if (clen == 0) {
            rc = tmpl_err(err, errlen, name, line, "empty tag");
            goto out;
        }

        if (sigil == '/') {
            if (depth == 0) {
                rc = tmpl_err(err, errlen, name, line, "{{/%.*s}} without an open section",
                              (int)clen, c);
                goto out;
            }
            struct tnode *op = &nl.v[open[depth - 1]];
            if (strlen(op->s) != clen || memcmp(op->s, c, clen) != 0) {
                rc = tmpl_err(err, errlen, name, line, "{{/%.*s}} closes {{#%s}} (line %u)",
                              (int)clen, c, op->s, op->line);
                goto out;
            }
            op->end = nl.n;
            depth--;
            continue;
        }

        struct tnode *nd = tmpl_push_node(&nl);
        nd->line = line;
        nd->s = arena_strndup(a, c, clen);
        nd->len = clen;
        switch (sigil) {
        case '>': nd->kind = TN_PARTIAL; break;
        case '@': nd->kind = TN_I18N; break;
        case '&': nd->kind = TN_RAW; break;
        case '#': nd->kind = TN_SECTION; break;
        case '^': nd->kind = TN_INVERTED; break;
        default: nd->kind = TN_VAR; break;
        }
        if (nd->kind == TN_VAR || nd->kind == TN_RAW || nd->kind == TN_SECTION ||
            nd->kind == TN_INVERTED) {
            if (tmpl_path(a, c, clen, nd) != 0) {
                rc = tmpl_err(err, errlen, name, line, "bad name \"%.*s\"", (int)clen, c);
                goto out;
            }
        }
        if (nd->kind == TN_SECTION || nd->kind == TN_INVERTED) {
            if (depth == TMPL_MAX_DEPTH) {
                rc = tmpl_err(err, errlen, name, line, "sections nested deeper than %d",
                              TMPL_MAX_DEPTH);
                goto out;
            }
            open[depth++] = nl.n - 1;
        }
    }
    if (depth > 0) {
        struct tnode *op = &nl.v[open[depth - 1]];
        rc = tmpl_err(err, errlen, name, op->line, "unclosed section {{%c%s}}",
                      op->kind == TN_INVERTED ? '^' : '#', op->s);
        goto out;
    }

    struct tmpl *t = arena_calloc(a, sizeof *t);
    t->name = arena_strdup(a, name);
    t->n = nl.n;
    if (nl.n > 0) {
        t->nodes = arena_alloc(a, nl.n * sizeof *t->nodes);
        memcpy(t->nodes, nl.v, nl.n * sizeof *t->nodes);
    }
    t->next = ts->head;
    ts->head = t;
out:
    free(nl.v);
    return rc;
}

int tmpl_link(tmpl_set *ts, char *err, size_t errlen)
{
    if (err != NULL && errlen > 0)
        err[0] = '\0';
    for (struct tmpl *t = ts->head; t != NULL; t = t->next) {
        for (size_t i = 0; i < t->n; i++) {
            struct tnode *nd = &t->nodes[i];
            if (nd->kind != TN_PARTIAL)
                continue;
            nd->partial = tmpl_find(ts, nd->s);
            if (nd->partial == NULL)
                return tmpl_err(err, errlen, t->name, nd->line, "unknown partial %s", nd->s);
        }
    }
    return 0;
}

/* ---- rendering ---- */

static json_t *tmpl_lookup(const struct tmpl_state *st, const struct tnode *nd)
{
    if (nd->nseg == 0)
        return st->depth ? st->stack[st->depth - 1] : NULL;
    json_t *v = NULL;
    for (size_t i = st->depth; i-- > 0;) {
        if (json_is_object(st->stack[i])) {
            v = json_object_get(st->stack[i], nd->segs[0]);
            if (v != NULL)
                break;
        }
    }
    for (size_t k = 1; v != NULL && k < nd->nseg; k++)
        v = json_is_object(v) ? json_object_get(v, nd->segs[k]) : NULL;
    return v;
}

static int tmpl_truthy(const json_t *v)
{
    if (v == NULL)
        return 0;
    switch (json_typeof(v)) {
    case JSON_OBJECT: return json_object_size(v) > 0;
    case JSON_ARRAY: return json_array_size(v) > 0;
    case JSON_STRING: return json_string_length(v) > 0;
    case JSON_INTEGER: return json_integer_value(v) != 0;
    case JSON_REAL: return json_real_value(v) != 0.0;
    case JSON_TRUE: return 1;
    case JSON_FALSE:
    case JSON_NULL: return 0;
    }
    return 0;
}

static void tmpl_write(buf *out, const json_t *v, int escape)
{
    if (v == NULL)
        return;
    switch (json_typeof(v)) {
    case JSON_STRING:
        if (escape)
            buf_add_html(out, json_string_value(v), json_string_length(v));
        else
            buf_add(out, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER: buf_addf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v)); break;
    case JSON_REAL: buf_addf(out, "%g", json_real_value(v)); break;
    case JSON_TRUE: buf_add(out, "true", 4); break;
    default: break;
    }
}

static int tmpl_run(struct tmpl_state *st, const struct tmpl *t, size_t from, size_t to);

static int tmpl_run_with(struct tmpl_state *st, json_t *v, const struct tmpl *t, size_t from,
                         size_t to)
{
    if (st->depth == TMPL_STACK)
        return WG_EINVAL;
    st->stack[st->depth++] = v;
    int rc = tmpl_run(st, t, from, to);
    st->depth--;
    return rc;
}

static int tmpl_run(struct tmpl_state *st, const struct tmpl *t, size_t from, size_t to)
{
    int rc = 0;
    size_t i = from;
    while (i < to) {
        const struct tnode *nd = &t->nodes[i];
        switch (nd->kind) {
        case TN_TEXT: buf_add(st->out, nd->s, nd->len); break;
        case TN_VAR: tmpl_write(st->out, tmpl_lookup(st, nd), 1); break;
        case TN_RAW: tmpl_write(st->out, tmpl_lookup(st, nd), 0); break;
        case TN_I18N: {
            const char *tr = st->i18n ? st->i18n(nd->s, st->ud) : NULL;
            if (tr == NULL)
                buf_add_html(st->out, nd->s, nd->len);
            else
                buf_add_html(st->out, tr, strlen(tr));
            break;
        }
        case TN_SECTION: {
            json_t *v = tmpl_lookup(st, nd);
            if (!tmpl_truthy(v)) {
                /* skip */
            } else if (json_is_array(v)) {
                size_t k;
                json_t *el;
                json_array_foreach(v, k, el) {
                    rc = tmpl_run_with(st, el, t, i + 1, nd->end);
                    if (rc)
                        goto out;
                }
            } else if (json_is_object(v)) {
                rc = tmpl_run_with(st, v, t, i + 1, nd->end);
            } else {
                rc = tmpl_run(st, t, i + 1, nd->end);
            }
            if (rc)
                goto out;
            i = nd->end;
            continue;
        }
        case TN_INVERTED:
            if (!tmpl_truthy(tmpl_lookup(st, nd))) {
                rc = tmpl_run(st, t, i + 1, nd->end);
                if (rc)
                    goto out;
            }
            i = nd->end;
            continue;
        case TN_PARTIAL: {
            const struct tmpl *p = nd->partial ? nd->partial : tmpl_find(st->ts, nd->s);
            if (p == NULL || st->pdepth >= TMPL_MAX_PARTIAL_DEPTH) {
                rc = WG_EINVAL;
                goto out;
            }
            st->pdepth++;
            rc = tmpl_run(st, p, 0, p->n);
            st->pdepth--;
            if (rc)
                goto out;
            break;
        }
        }
        if (buf_failed(st->out)) {
            rc = WG_ETOOBIG;
            goto out;
        }
        i++;
    }
out:
    return rc;
}

int tmpl_render(const tmpl_set *ts, const char *name, json_t *ctx, tmpl_i18n_fn i18n, void *ud,
                buf *out)
{
    const struct tmpl *t = tmpl_find(ts, name);
    if (t == NULL)
        return WG_ENOTFOUND;
    if (buf_failed(out))
        return WG_ETOOBIG;
    struct tmpl_state st;
    st.ts = ts;
    st.i18n = i18n;
    st.ud = ud;
    st.out = out;
    st.pdepth = 0;
    st.depth = 0;
    if (ctx != NULL)
        st.stack[st.depth++] = ctx;
    int rc = tmpl_run(&st, t, 0, t->n);
    if (rc == 0 && buf_failed(out))
        rc = WG_ETOOBIG;
    return rc;
}
