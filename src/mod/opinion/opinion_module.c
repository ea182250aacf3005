/* The opinion module's descriptor (being moved in from the single-folder layout). */
#include "kernel/module.h"

const struct module opinion_module = {.name = "opinion", .dir = "mod/opinion"};
