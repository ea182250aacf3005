/*
 * The notifications module: the page and the API where a person reads
 * their notifications, marks them read and chooses the kinds they
 * receive. The rules and the table are the kernel's (kernel/notify.h);
 * the kinds are declared by the modules that send them.
 */
#ifndef WG_MOD_NOTIFICATION_H
#define WG_MOD_NOTIFICATION_H

#include <jansson.h>

#include "kernel/kernel.h"

#define NOTIFICATION_KINDS_MAX 128

/* The public shape of one notification. Caller owns the reference. */
json_t *notification_json(dctx *c, const struct st_notification *x);

extern const struct module notification_module;

#endif
