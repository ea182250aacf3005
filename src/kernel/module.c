/* The installed module list and the loops over it (see module.h). */
#include "kernel/module.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/embed.h"
#include "core/i18n.h"
#include "core/log.h"
#include "kernel/job.h"
#include "kernel/perm.h"

static const struct module *const *g_list;
static size_t g_n;

const struct module *const *module_list(void)
{
    return g_list;
}

size_t module_count(void)
{
    return g_n;
}

const struct module *module_find(const char *name)
{
    for (size_t i = 0; i < g_n; i++)
        if (strcmp(g_list[i]->name, name) == 0)
            return g_list[i];
    return NULL;
}

/* Names that must be unique over all modules: modules, actions, jobs. */
static int check_names(void)
{
    for (size_t i = 0; i < g_n; i++) {
        const struct module *m = g_list[i];
        for (size_t j = 0; j < i; j++)
            if (strcmp(g_list[j]->name, m->name) == 0) {
                log_error("module %s is listed twice", m->name);
                return WG_EINVAL;
            }
        for (const struct perm_action *const *a = m->actions; a && *a; a++)
            if (perm_action_find((*a)->name, m) != NULL) {
                log_error("module %s: action %s is declared by an earlier module", m->name, (*a)->name);
                return WG_EINVAL;
            }
        for (const struct job_kind *j = m->jobs; j && j->name; j++)
            if (job_kind_find(j->name, m) != NULL) {
                log_error("module %s: job %s is declared by an earlier module", m->name, j->name);
                return WG_EINVAL;
            }
    }
    return 0;
}

int module_install(const struct module *const *list)
{
    size_t n = 0;
    while (list[n])
        n++;
    g_list = list;
    g_n = n;
    return check_names();
}

int module_migrate(store *st, int *applied)
{
    const char *owners[128];
    int n = 0;
    for (size_t i = 0; i < g_n && n < 128; i++)
        owners[n++] = g_list[i]->dir;
    return store_migrate(st, owners, n, applied);
}

int module_strings_load(void)
{
    buf all;
    int rc = 0, bad = 0;
    buf_init(&all, (size_t)16 << 20);
    for (size_t i = 0; rc == 0 && i < g_n; i++) {
        char name[160];
        snprintf(name, sizeof name, "%s/i18n.tsv", g_list[i]->dir);
        const struct embed_file *f = embed_find(name);
        if (f == NULL)
            continue;
        /* each file alone first, for a message that names it */
        if (i18n_load((const char *)f->data, f->len, &bad) != 0) {
            log_error("%s: invalid at line %d", name, bad);
            rc = WG_EINVAL;
        }
        buf_add(&all, f->data, f->len);
        buf_addc(&all, '\n');
    }
    if (rc == 0 && (buf_failed(&all) || i18n_load(all.data ? all.data : "", all.len, &bad) != 0)) {
        log_error("strings: %s", bad < 0 ? "a key is defined by two modules" : "cannot load");
        rc = WG_EINVAL;
    }
    buf_free(&all);
    return rc;
}

int module_init_all(void)
{
    for (size_t i = 0; i < g_n; i++)
        if (g_list[i]->init && g_list[i]->init() != 0) {
            log_error("module %s failed to start", g_list[i]->name);
            return WG_EINVAL;
        }
    return 0;
}

void module_fini_all(void)
{
    for (size_t i = g_n; i > 0; i--)
        if (g_list[i - 1]->fini)
            g_list[i - 1]->fini();
}

int module_each_ext(const char *target, int (*fn)(const void *impl, void *ud), void *ud)
{
    for (size_t i = 0; i < g_n; i++)
        for (const struct module_ext *e = g_list[i]->ext; e && e->target; e++)
            if (strcmp(e->target, target) == 0) {
                int rc = fn(e->impl, ud);
                if (rc)
                    return rc;
            }
    return 0;
}

/* The kernel as an owner of tables: the place tree, people, roles, the
 * audit log, notifications, due work and the deployment's settings. */
static const struct perm_action *const kernel_actions[] = {&perm_read, NULL};
const struct module kernel_module = {.name = "kernel", .dir = "kernel", .actions = kernel_actions};
