/*
 * The page kit (page.c): the template set of every module, the context a
 * page starts from, rendering, and the small helpers every page handler
 * shares. Module page files (NAME_web.c) include this.
 */
#ifndef WG_EDGE_PAGE_H
#define WG_EDGE_PAGE_H

#include <jansson.h>

#include "edge/edge.h"
#include "http/http.h"

/* Parses every module's templates (in module order) into one set; 0 or
 * WG_EINVAL (logged: a template that does not parse, a name used twice, an
 * unknown partial). page_fini releases the set. */
int page_init(void);
void page_fini(void);

/* The context a page starts from: lang, title (title_key translated), the
 * path to come back to, elder mode, csrf, me (the signed-in person), unread
 * notifications, and the flash message after a ?done=1 redirect. */
json_t *page_ctx(http_req *r, const char *title_key);
/* The same with a title that is content (a council's name), not a key. */
json_t *page_ctx_title(http_req *r, const char *title);
/* Renders template name with ctx (stolen) as the answer. */
int page_render(http_req *r, int status, const char *name, json_t *ctx);
/* Renders template name with ctx (borrowed) into a string in the request's
 * arena (a panel inside another page); NULL on failure (logged). */
const char *page_render_str(http_req *r, const char *name, json_t *ctx);
/* A panel: template name rendered with ctx (borrowed) as {"html": ...} for
 * a {{{html}}} of the page around it; NULL on failure (logged). The HTML is
 * not checked as UTF-8 a second time (a panel of ten comments is tens of
 * kilobytes, and the template engine wrote it from checked text). */
json_t *page_panel(http_req *r, const char *name, json_t *ctx);

/* A form field of the request's body (or NULL). */
const char *page_field(http_req *r, const char *name);
/* The request's rule context. */
dctx *page_dc(http_req *r);
/* The translation of prefix + value ("stage_" "notice"). */
const char *page_tr(http_req *r, const char *prefix, const char *value);
/* A local path to go back to; anything else (other hosts, "//x", "/\\x",
 * control characters) is "/". */
const char *page_safe_back(const char *p);
/* [{value, label, selected}] of values, labels translated with prefix. */
json_t *page_options(http_req *r, const char *const *values, const char *prefix, const char *selected);
/* Sets c.prev and c.next: links to the neighbouring pages of a list,
 * keeping the query's keys. */
void page_pager(http_req *r, json_t *c, const char *path, const char *const *keys, int page, int per, int total);
/* An id typed into a form or query: a positive integer, 0 when empty; *bad
 * set when malformed. */
int64_t page_int_id(const char *s, int *bad);

/* Residents' content in the reader's script (page_script.c): the rendered
 * page r->out converted to Traditional characters, form values kept as
 * written; page_render does it for zh-Hant readers unless page_original. */
void page_to_hant(http_req *r);
/* The reader asked for the page as written (?orig=1). */
int page_original(http_req *r);
/* The path without its last segment ("/matters/5/follow" -> "/matters/5"; "/" at the top). */
const char *page_parent_path(http_req *r);
/* After an action (PRG): a one-time message (the string key, shown once on
 * the next page: cookie wg_flash) and a 303 to url. */
int page_done(http_req *r, const char *url, const char *flash_key);
/* This page's address with key=value in its query (value NULL: without key). */
const char *page_url_with(http_req *r, const char *key, const char *value);

/* The edge's own pages: /static/{name} and POST /prefs. */
extern const struct http_route page_routes[];

#endif
