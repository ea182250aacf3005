/* The meeting_photo module's descriptor (being moved in from the single-folder layout). */
#include "kernel/module.h"

const struct module meeting_photo_module = {.name = "meeting_photo", .dir = "mod/meeting_photo"};
