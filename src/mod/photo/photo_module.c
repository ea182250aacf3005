/* The photo module's descriptor (being moved in from the single-folder layout). */
#include "kernel/module.h"

const struct module photo_module = {.name = "photo", .dir = "mod/photo"};
