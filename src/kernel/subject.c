/* Subjects and their owners' resolvers (see subject.h). */
#include "kernel/subject.h"

#include <string.h>

#include "kernel/module.h"

const struct subject_kind *subject_kind_find(const char *name)
{
    for (const struct module *const *m = module_list(); name && m && *m; m++)
        for (const struct subject_kind *k = (*m)->subjects; k && k->name; k++)
            if (strcmp(k->name, name) == 0)
                return k;
    return NULL;
}

int subject_resolve(dctx *c, const char *kind, int64_t id, struct subject *out)
{
    const struct subject_kind *k = subject_kind_find(kind);
    memset(out, 0, sizeof *out);
    if (k == NULL || id <= 0)
        return dctx_fail(c, WG_ENOTFOUND, "not_found", NULL);
    return k->resolve(c, id, out);
}
