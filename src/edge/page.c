/*
 * The page kit: what every module's page handlers (NAME_web.c) use. One
 * template set holds every module's templates (DIR/templates/NAME.html,
 * one namespace); a page starts from page_ctx (language, CSRF token, the
 * signed-in person, the flash message) and is rendered, escaped by
 * default, by page_render. State changes are POST-only with a CSRF token
 * (the route table's flags) and answer with 303 redirects, so a reload
 * never repeats them. The edge's own pages: static files and preferences.
 */
#include "edge/page.h"

#include <stdio.h>
#include <string.h>

#include "core/embed.h"
#include "core/log.h"
#include "core/tmpl.h"
#include "kernel/module.h"
#include "kernel/notify.h"

static tmpl_set *g_tmpl;

/* ---- setup and rendering ---- */

static void html_error(http_req *r, int status, const char *code, const char *message);

/* Adds the templates of one owner's folder (DIR/templates/NAME.html). */
static int add_templates(const char *dir)
{
    char prefix[160], err[256];
    int plen = snprintf(prefix, sizeof prefix, "%s/templates/", dir);
    for (size_t i = 0; plen > 0 && (size_t)plen < sizeof prefix && i < embed_count; i++) {
        const struct embed_file *f = &embed_files[i];
        if (strncmp(f->name, prefix, (size_t)plen) != 0 || strchr(f->name + plen, '/'))
            continue;
        char name[64];
        snprintf(name, sizeof name, "%s", f->name + plen);
        char *dot = strrchr(name, '.');
        if (dot)
            *dot = '\0';
        /* one namespace for all modules: a name used twice fails the start */
        if (tmpl_add(g_tmpl, name, (const char *)f->data, f->len, err, sizeof err) != 0) {
            log_error("template %s (%s)", err, f->name);
            return WG_EINVAL;
        }
    }
    return 0;
}

int page_init(void)
{
    char err[256];
    g_tmpl = tmpl_set_new();
    for (const struct module *const *m = module_list(); m && *m; m++)
        if (add_templates((*m)->dir))
            return WG_EINVAL;
    if (tmpl_link(g_tmpl, err, sizeof err) != 0) {
        log_error("templates: %s", err);
        return WG_EINVAL;
    }
    edge_set_html_error(html_error);
    return 0;
}

void page_fini(void)
{
    tmpl_set_free(g_tmpl);
    g_tmpl = NULL;
}

static const char *i18n_cb(const char *key, void *ud)
{
    return i18n_get(*(enum lang *)ud, key);
}

const char *page_tr(http_req *r, const char *prefix, const char *value)
{
    return edge_t(r, arena_printf(r->a, "%s%s", prefix, value ? value : ""));
}

json_t *page_ctx(http_req *r, const char *title_key)
{
    return page_ctx_title(r, edge_t(r, title_key));
}

#define FLASH_MAX_AGE 120 /* seconds a one-time message waits for its page */

static const char *page_take_flash(http_req *r);

json_t *page_ctx_title(http_req *r, const char *title)
{
    struct edge_req *ar = edge_req(r);
    json_t *c = json_object();
    enum lang l = ar ? ar->lang : LANG_HANS;
    json_object_set_new(c, "lang", json_string(i18n_lang_code(l)));
    json_object_set_new(c, l == LANG_HANS ? "lang_hans" : l == LANG_HANT ? "lang_hant" : "lang_en", json_true());
    json_object_set_new(c, "title", json_string(title ? title : ""));
    /* where the preference form returns: this page when it can be fetched again */
    int fetchable = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
    const char *back = !fetchable ? "/"
                       : *r->query ? arena_printf(r->a, "%s?%s", r->path, r->query)
                                   : r->path;
    json_object_set_new(c, "path", json_string(back));
    if (ar == NULL)
        return c;
    json_object_set_new(c, "elder", json_boolean(ar->elder));
    json_object_set_new(c, "csrf", json_string(ar->csrf));
    if (ar->actor) {
        int unread = 0;
        json_object_set_new(c, "me", actor_json(&ar->dc, ar->actor));
        if (notify_unread(&ar->dc, &unread) == 0 && unread > 0)
            json_object_set_new(c, "unread", json_integer(unread));
    }
    if (l == LANG_HANT && fetchable) /* the original script one tap away, and back */
        json_object_set_new(c, page_original(r) ? "script_converted_url" : "script_original_url",
                            json_string(page_url_with(r, "orig", page_original(r) ? NULL : "1")));
    const char *flash = page_take_flash(r);
    if (flash)
        json_object_set_new(c, "flash", json_string(flash));
    return c;
}

int page_render(http_req *r, int status, const char *name, json_t *ctx)
{
    struct edge_req *ar = edge_req(r);
    enum lang l = ar ? ar->lang : LANG_HANS;
    buf_reset(r->out);
    int rc = tmpl_render(g_tmpl, name, ctx, i18n_cb, &l, r->out);
    json_decref(ctx);
    if (rc) {
        log_error("render %s: %s", name, wg_err_name(rc));
        buf_reset(r->out);
        buf_adds(r->out, "internal error\n");
        return http_send(r, 500, "text/plain; charset=utf-8");
    }
    if (l == LANG_HANT && !page_original(r))
        page_to_hant(r);
    http_add_header(r, "cache-control", "no-store");
    return http_send(r, status, "text/html; charset=utf-8");
}

/* The one-time message an action left (cookie wg_flash: a string key), or
 * NULL; it is cleared as it is shown. */
static const char *page_take_flash(http_req *r)
{
    const char *key = http_cookie(r, "wg_flash");
    if (key == NULL || *key == '\0')
        return NULL;
    edge_set_cookie(r, "wg_flash", "", -1);
    for (const char *p = key; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
            return NULL; /* not one of ours */
    struct edge_req *ar = edge_req(r);
    return i18n_get(ar ? ar->lang : LANG_HANS, key);
}

int page_done(http_req *r, const char *url, const char *flash_key)
{
    edge_set_cookie(r, "wg_flash", flash_key, FLASH_MAX_AGE);
    return http_redirect(r, url);
}

int page_original(http_req *r)
{
    const char *o = edge_query(r, "orig");
    return o != NULL && strcmp(o, "1") == 0;
}

static void html_error(http_req *r, int status, const char *code, const char *message)
{
    json_t *c = page_ctx(r, "error_title");
    json_object_set_new(c, "status", json_integer(status));
    json_object_set_new(c, "heading", json_string(edge_t(r, status == 404 ? "error_not_found" : status == 403 ? "error_forbidden" : "error_title")));
    json_object_set_new(c, "message", json_string(message ? message : edge_t(r, code)));
    page_render(r, status, "error", c);
}

const char *page_field(http_req *r, const char *name)
{
    return form_get(&edge_req(r)->form, name);
}

dctx *page_dc(http_req *r)
{
    return &edge_req(r)->dc;
}

/* A local path to go back to; anything else (other hosts, "//x", "/\\x",
 * control characters that browsers drop, such as "/\t/x") is "/". */
const char *page_safe_back(const char *p)
{
    if (p == NULL || p[0] != '/' || p[1] == '/' || p[1] == '\\')
        return "/";
    for (const unsigned char *s = (const unsigned char *)p; *s; s++)
        if (*s < 0x20 || *s == 0x7f)
            return "/";
    return p;
}

json_t *page_options(http_req *r, const char *const *values, const char *prefix, const char *selected)
{
    json_t *arr = json_array();
    for (; *values; values++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "value", *values, "label", page_tr(r, prefix, *values),
                                             "selected", selected && strcmp(selected, *values) == 0));
    return arr;
}

/* "/path?k=v&..." keeping the given filters, with page set. */
static const char *page_url(http_req *r, const char *path, const char *const *keys, int page)
{
    buf b;
    buf_init(&b, 2048);
    buf_adds(&b, path);
    char sep = '?';
    for (; *keys; keys++) {
        const char *v = edge_query(r, *keys);
        if (v == NULL || *v == '\0')
            continue;
        buf_addc(&b, sep);
        sep = '&';
        buf_adds(&b, *keys);
        buf_addc(&b, '=');
        buf_add_url(&b, v);
    }
    buf_addf(&b, "%cpage=%d", sep, page);
    const char *s = buf_failed(&b) ? path : arena_strdup(r->a, b.data);
    buf_free(&b);
    return s;
}

void page_pager(http_req *r, json_t *c, const char *path, const char *const *keys, int page, int per, int total)
{
    if (page > 1)
        json_object_set_new(c, "prev", json_string(page_url(r, path, keys, page - 1)));
    if ((long)page * per < total)
        json_object_set_new(c, "next", json_string(page_url(r, path, keys, page + 1)));
}


const char *page_render_str(http_req *r, const char *name, json_t *ctx)
{
    struct edge_req *ar = edge_req(r);
    enum lang l = ar ? ar->lang : LANG_HANS;
    buf b;
    buf_init(&b, (size_t)1 << 20);
    int rc = tmpl_render(g_tmpl, name, ctx, i18n_cb, &l, &b);
    const char *s = rc || buf_failed(&b) ? NULL : arena_strndup(r->a, b.data ? b.data : "", b.len);
    if (s == NULL)
        log_error("render %s: %s", name, wg_err_name(rc ? rc : WG_ETOOBIG));
    buf_free(&b);
    return s;
}

json_t *page_panel(http_req *r, const char *name, json_t *ctx)
{
    const char *html = page_render_str(r, name, ctx);
    json_t *o = html ? json_object() : NULL;
    if (o)
        json_object_set_new(o, "html", json_string_nocheck(html));
    return o;
}

int64_t page_int_id(const char *s, int *bad)
{
    return edge_int(s, 0, 1, INT64_MAX / 2, bad);
}

/* ---- the edge's own pages ---- */

static int prefs(http_req *r)
{
    const char *lang = page_field(r, "lang");
    if (lang && i18n_lang_parse(lang) >= 0)
        edge_set_cookie(r, COOKIE_LANG, lang, 365L * 86400);
    const char *elder = page_field(r, "elder");
    edge_set_cookie(r, COOKIE_ELDER, elder && strcmp(elder, "1") == 0 ? "1" : "0", 365L * 86400);
    return http_redirect(r, page_safe_back(page_field(r, "back")));
}

static int static_file(http_req *r)
{
    const char *name = http_param(r, "name");
    const struct embed_file *f = name ? embed_find(arena_printf(r->a, "edge/static/%s", name)) : NULL;
    if (f == NULL)
        return edge_error(r, 404, "not_found", NULL), 0;
    const char *dot = strrchr(name, '.');
    const char *ct = dot && strcmp(dot, ".css") == 0   ? "text/css; charset=utf-8"
                     : dot && strcmp(dot, ".svg") == 0 ? "image/svg+xml"
                     : dot && strcmp(dot, ".ico") == 0 ? "image/x-icon"
                                                       : "application/octet-stream";
    buf_reset(r->out);
    buf_add(r->out, f->data, f->len);
    http_add_header(r, "cache-control", "public, max-age=3600");
    return http_send(r, 200, ct);
}


/* GET /favicon.ico, which browsers ask for by themselves */
static int favicon(http_req *r)
{
    const struct embed_file *f = embed_find("edge/static/favicon.ico");
    if (f == NULL)
        return edge_error(r, 404, "not_found", NULL), 0;
    buf_reset(r->out);
    buf_add(r->out, f->data, f->len);
    http_add_header(r, "cache-control", "public, max-age=86400");
    return http_send(r, 200, "image/x-icon");
}

const struct http_route page_routes[] = {
    {"GET", "/static/{name}", static_file, HTTP_ANON, 0, NULL},
    {"GET", "/favicon.ico", favicon, HTTP_ANON, 0, NULL},
    {"POST", "/prefs", prefs, HTTP_CSRF, 4096, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
