/*
 * The kernel: what every module shares. Modules include this one header.
 *   dctx.h     the request context, roles and the actor, errors, text check
 *   actor.h    loading the actor of a request
 *   tree.h     the place tree
 *   person.h   people (accounts)
 *   role.h     role assignments
 *   perm.h     the one permission table
 *   audit.h    the append-only audit log
 *   notify.h   notifications and their kinds
 *   job.h      due work, run on time
 *   subject.h  things of one module others may hang things on
 *   setting.h  deployment settings and per-place setting definitions
 *   clock.h    the clock (and the test clock)
 *   module.h   the module descriptor and the module list
 */
#ifndef WG_KERNEL_H
#define WG_KERNEL_H

#include "kernel/actor.h"
#include "kernel/audit.h"
#include "kernel/clock.h"
#include "kernel/dctx.h"
#include "kernel/job.h"
#include "kernel/module.h"
#include "kernel/notify.h"
#include "kernel/perm.h"
#include "kernel/person.h"
#include "kernel/role.h"
#include "kernel/setting.h"
#include "kernel/subject.h"
#include "kernel/tree.h"

#endif
