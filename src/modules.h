/* The module list (modules.c). */
#ifndef WG_MODULES_H
#define WG_MODULES_H

#include "kernel/module.h"

/* Installs the list: see module_install. */
int modules_install(void);

#endif
