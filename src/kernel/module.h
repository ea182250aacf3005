/*
 * The module descriptor: what a module declares, as data, for the kernel
 * and the edge to loop over. A feature is one folder, src/mod/NAME/, and
 * one line in the module list (src/modules.c); nothing else names it.
 *
 * Found by the module's folder (dir), without being listed here:
 *   DIR/migrations/sqlite/NNNN_*.sql, DIR/migrations/pg/NNNN_*.sql
 *   DIR/templates/NAME.html   (one template namespace: names are unique)
 *   DIR/i18n.tsv              (one string table: keys are unique)
 * Declared here: routes, permission actions, notification kinds, jobs,
 * subjects (things others may hang comments or links on), demo data, and
 * hooks into earlier modules: a guard and a panel on the matter spine
 * (struct matter_ext, defined by mod/matter/matter.h), and extensions of
 * other modules by name (struct module_ext).
 *
 * The list is in dependency order: a module uses only modules listed
 * before it (scripts/lint.sh checks its includes). The kernel and the edge
 * come first, as owners of tables, strings and templates like any module.
 *
 * Everything a descriptor points to is static data; the kernel reads it
 * from any thread after module_install.
 */
#ifndef WG_KERNEL_MODULE_H
#define WG_KERNEL_MODULE_H

#include <stddef.h>

#include "kernel/dctx.h"

struct http_route;   /* http/http.h: the kernel only carries them; the edge serves them */
struct perm_action;  /* kernel/perm.h */
struct notify_kind;  /* kernel/notify.h */
struct job_kind;     /* kernel/job.h */
struct subject_kind; /* kernel/subject.h */
struct setting_def;  /* kernel/setting.h */
struct matter_ext;   /* mod/matter/matter.h: guard and panel on the matter spine */

/* An extension of an earlier module's own extension point: target names
 * the module ("council"), impl points to a struct that module's header
 * defines. */
struct module_ext {
    const char *target;
    const void *impl;
};

struct module {
    const char *name; /* "vote" */
    const char *dir;  /* its folder under src/: "mod/vote" (or "kernel", "edge") */
    /* route tables, each ended by a row whose method is NULL; the list ends with NULL */
    const struct http_route *const *routes;
    const struct perm_action *const *actions; /* NULL-terminated */
    const struct notify_kind *notify_kinds;   /* ended by a kind whose name is NULL */
    const struct job_kind *jobs;              /* ended by a kind whose name is NULL */
    const struct subject_kind *subjects;      /* ended by a kind whose name is NULL */
    const struct setting_def *settings;       /* per-place settings it reads; ended by a NULL key */
    /* Writes the module's demo data, inside the demo's one transaction. */
    int (*demo)(dctx *c);
    /* At start, after strings and migrations: 0 or an error (logged). */
    int (*init)(void);
    void (*fini)(void);
    const struct matter_ext *matter;
    const struct module_ext *ext; /* ended by an entry whose target is NULL */
};

/* Installs the module list (NULL-terminated, in dependency order) and
 * checks it: unique names, unique action and job names. 0 or WG_EINVAL
 * (logged). The routes are the edge's to check and serve (edge_routes). */
int module_install(const struct module *const *list);
/* The installed list (NULL-terminated) and its length. */
const struct module *const *module_list(void);
size_t module_count(void);
/* The installed module with this name, or NULL. */
const struct module *module_find(const char *name);
/* Applies every module's pending migrations, in module order. */
int module_migrate(store *st, int *applied);
/* Loads every module's strings into the one i18n table: 0 or WG_EINVAL
 * (logged: which file, which line, or which key is defined twice). */
int module_strings_load(void);
/* Runs every module's init hook, in order; module_fini runs the fini
 * hooks in reverse order. */
int module_init_all(void);
void module_fini_all(void);
/* The extensions of module target by later modules, in module order:
 * calls fn(impl, ud) for each; stops and returns the first non-zero. */
int module_each_ext(const char *target, int (*fn)(const void *impl, void *ud), void *ud);

#endif
