/*
 * The demo deployment: 武汉经开区 军山街道 with 龙湖社区 and 凤凰苑社区, their
 * grids, buildings, households with floor areas, people in every role,
 * party units, organisations, matters in every stage, a call for opinions
 * and the residents' representatives. Each module writes its own part (its
 * descriptor's demo hook); this module runs them, in module order, in one
 * transaction, and marks the database as holding the demo.
 */
#ifndef WG_MOD_DEMO_H
#define WG_MOD_DEMO_H

#include "kernel/kernel.h"

/* Writes the demo; WG_ECONFLICT (code demo_exists) when it is there. */
int demo_create(dctx *c);
/* Prints the demo's sign-ins to stdout. */
void demo_print_signins(void);

extern const struct module demo_module;

#endif
