/*
 * Every module's routes, in module order, as the one table the router
 * serves: the edge's, since the kernel knows nothing of HTTP. Built once,
 * and refused when a route changes state without CSRF or is declared twice.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/log.h"
#include "edge/edge.h"
#include "kernel/module.h"

static struct http_route *g_routes;
static size_t g_nroutes;
static int g_rc;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

/* A route is declared once, and every state change carries CSRF, or else
 * reads no cookie at all (HTTP_KEY: another system's key in the request). */
static int check_route(const struct module *m, const struct http_route *r, size_t upto)
{
    if (strcmp(r->method, "GET") != 0 && !(r->flags & (HTTP_CSRF | HTTP_KEY))) {
        log_error("module %s: route %s %s changes state without CSRF", m->name, r->method, r->pattern);
        return WG_EINVAL;
    }
    for (size_t i = 0; i < upto; i++)
        if (strcmp(g_routes[i].method, r->method) == 0 && strcmp(g_routes[i].pattern, r->pattern) == 0) {
            log_error("module %s: route %s %s is declared twice", m->name, r->method, r->pattern);
            return WG_EINVAL;
        }
    return 0;
}

static void build(void)
{
    size_t total = 0, k = 0;
    for (const struct module *const *m = module_list(); m && *m; m++)
        for (const struct http_route *const *t = (*m)->routes; t && *t; t++)
            for (const struct http_route *r = *t; r->method; r++)
                total++;
    g_routes = calloc(total ? total : 1, sizeof *g_routes);
    g_rc = g_routes ? 0 : WG_EINVAL;
    for (const struct module *const *m = module_list(); g_rc == 0 && m && *m; m++)
        for (const struct http_route *const *t = (*m)->routes; g_rc == 0 && t && *t; t++)
            for (const struct http_route *r = *t; g_rc == 0 && r->method; r++)
                if ((g_rc = check_route(*m, r, k)) == 0)
                    g_routes[k++] = *r;
    g_nroutes = k;
}

const struct http_route *edge_routes(size_t *n)
{
    pthread_once(&g_once, build);
    *n = g_rc ? 0 : g_nroutes;
    return g_rc ? NULL : g_routes;
}
