/* The people module's descriptor (being moved in from the single-folder layout). */
#include "kernel/module.h"

const struct module people_module = {.name = "people", .dir = "mod/people"};
