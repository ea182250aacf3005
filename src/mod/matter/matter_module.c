/* The matter module's descriptor (being moved in from the single-folder layout). */
#include "kernel/module.h"

const struct module matter_module = {.name = "matter", .dir = "mod/matter"};
