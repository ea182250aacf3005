/* The council module's descriptor (being moved in from the single-folder layout). */
#include "kernel/module.h"

const struct module council_module = {.name = "council", .dir = "mod/council"};
