/*
 * A small Mustache-like template engine, escaped by default. Templates are
 * parsed once (at startup) into a compiled form held by a tmpl_set; rendering
 * walks that form against a jansson context and appends to a buf without
 * allocating.
 *
 * Syntax (whitespace inside tags is trimmed):
 *   {{name}} {{a.b.c}}  value looked up through the context stack (first
 *                       segment innermost first, like Mustache), HTML-escaped;
 *                       strings as-is, integers, reals (%g), true -> "true";
 *                       null, false, missing, arrays and objects print nothing
 *   {{{name}}}          the same, unescaped (already-sanitised HTML only)
 *   {{.}}               the current context value
 *   {{#name}}..{{/name}} array: once per element, element pushed; object:
 *                       once, object pushed; other truthy value: once, context
 *                       unchanged; falsy (missing, null, false, "", 0, empty
 *                       array or object): skipped
 *   {{^name}}..{{/name}} rendered only when name is falsy
 *   {{>partial}}        another template of the set, same context stack
 *   {{@key}}            i18n(key) escaped, or the key itself when unknown
 *   {{! comment }}      ignored
 * Sections nest at most TMPL_MAX_DEPTH deep (a parse error beyond); partials
 * at most TMPL_MAX_PARTIAL_DEPTH deep at render (WG_EINVAL beyond).
 *
 * Ownership: the set owns copies of every name and source; tmpl_set_free
 * releases them all. The context and the output buffer stay the caller's.
 * A set is read-only after tmpl_link, so threads may render concurrently.
 */
#ifndef WG_TMPL_H
#define WG_TMPL_H

#include <jansson.h>
#include <stddef.h>

#include "core/buf.h"

#define TMPL_MAX_DEPTH 32
#define TMPL_MAX_PARTIAL_DEPTH 16

typedef struct tmpl_set tmpl_set;

/* Looks up translated text for {{@key}}; returns NULL when unknown (then the
 * key itself is written, escaped). The result is only read during the call. */
typedef const char *(*tmpl_i18n_fn)(const char *key, void *ud);

/* A new empty set; caller frees with tmpl_set_free. Never returns NULL. */
tmpl_set *tmpl_set_new(void);
void tmpl_set_free(tmpl_set *ts);

/* Compiles src[0..len) as template name (both are copied). Returns 0, or
 * WG_EINVAL with a message "name:line: what" written to err (errlen bytes;
 * err may be NULL) for unbalanced or mismatched sections, unclosed tags,
 * empty names, nesting too deep or a duplicate template name. */
int tmpl_add(tmpl_set *ts, const char *name, const char *src, size_t len, char *err, size_t errlen);

/* Resolves every {{>partial}}; call once after adding all templates. Returns
 * 0, or WG_EINVAL with "name:line: unknown partial x" in err. */
int tmpl_link(tmpl_set *ts, char *err, size_t errlen);

/* Renders template name with ctx (may be NULL) into out, appending. i18n may
 * be NULL. Returns 0, WG_ENOTFOUND for an unknown template, WG_ETOOBIG when
 * out overflows (out is then failed), WG_EINVAL when partials nest too deep
 * or a partial is unknown. */
int tmpl_render(const tmpl_set *ts, const char *name, json_t *ctx, tmpl_i18n_fn i18n, void *ud,
                buf *out);

#endif
