/* The demo: every module's demo hook, in module order; see demo.h. */
#include "mod/demo/demo.h"
#include "mod/people/people.h"

int demo_create(dctx *c)
{
    const char *v = NULL;
    int rc = setting_get(c->st, c->a, "demo", &v);
    if (rc == 0)
        return dctx_fail(c, WG_ECONFLICT, "demo_exists", NULL);
    if (rc != WG_ENOTFOUND)
        return rc;
    if ((rc = store_begin(c->st)))
        return rc;
    for (const struct module *const *m = module_list(); rc == 0 && *m; m++)
        if ((*m)->demo)
            rc = (*m)->demo(c);
    if (rc == 0)
        rc = setting_set(c->st, "demo", "1");
    return store_end(c->st, rc);
}

void demo_print_signins(void)
{
    people_demo_print();
}

const struct module demo_module = {.name = "demo", .dir = "mod/demo"};
