/* The comment module's descriptor (being moved in from the single-folder layout). */
#include "kernel/module.h"

const struct module comment_module = {.name = "comment", .dir = "mod/comment"};
