/*
 * The module list, in dependency order: a module uses only modules listed
 * before it. Adding a module is its folder under src/mod/ and one line
 * here (see docs/architecture.md, "Adding a module"). The command line
 * (main.c), the tests and the benchmarks install this same list.
 */
#include "modules.h"

extern const struct module module_kernel, edge_module, notification_module, place_module, people_module, matter_module,
    comment_module, photo_module, signin_module, opinion_module, council_module, vote_module, meeting_photo_module, home_module, demo_module;

static const struct module *const list[] = {
    &module_kernel,
    &edge_module,
    &notification_module,
    &place_module,
    &people_module,
    &signin_module,
    &matter_module,
    &comment_module,
    &photo_module,
    &opinion_module,
    &council_module,
    &vote_module,
    &meeting_photo_module,
    &home_module,
    &demo_module,
    NULL,
};

int modules_install(void)
{
    return module_install(list);
}
