/* The matter module's descriptor (being moved in from the single-folder layout). */
#include "kernel/module.h"
#include "kernel/setting.h"

/* the per-place settings the matter spine reads */
const struct setting_def matter_settings[] = {
    {"notice_days", 1, 60, 5},         /* the public notice period, days */
    {"support_households", 1, 1000, 5}, /* households whose support starts deliberation */
    {NULL, 0, 0, 0},
};

const struct module matter_module = {.name = "matter", .dir = "mod/matter", .settings = matter_settings};
