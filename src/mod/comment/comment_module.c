/* The comment module's descriptor (being moved in from the single-folder layout). */
#include "kernel/module.h"
#include "kernel/setting.h"

/* new comments of residents wait for a moderator where a place sets it */
const struct setting_def comment_settings[] = {
    {"premoderation", 0, 1, 0},
    {NULL, 0, 0, 0},
};

const struct module comment_module = {.name = "comment", .dir = "mod/comment", .settings = comment_settings};
