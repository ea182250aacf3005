/*
 * The clock every rule reads: time(NULL), plus, for tests only, the number
 * of seconds held in the file given to --clock-file (read on every call, so
 * that a test can move time forward while the server runs).
 */
#ifndef WG_KERNEL_CLOCK_H
#define WG_KERNEL_CLOCK_H

#include <stdint.h>

/* path NULL: the real clock. Call before the server's threads start. */
void clock_set_file(const char *path);
/* Unix seconds. */
int64_t clock_now(void);

#endif
