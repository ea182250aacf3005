/* The place module's descriptor (being moved in from the single-folder layout). */
#include "kernel/module.h"

const struct module place_module = {.name = "place", .dir = "mod/place"};
