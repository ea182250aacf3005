/* The vote module's descriptor (being moved in from the single-folder layout). */
#include "kernel/module.h"

const struct module vote_module = {.name = "vote", .dir = "mod/vote"};
