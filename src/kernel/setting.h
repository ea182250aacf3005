/*
 * Settings. Two kinds:
 * - the deployment's own key/value pairs (the demo marker), setting_get
 *   and setting_set;
 * - per-place settings that rules read (the notice period, pre-moderation):
 *   each module declares the ones it reads (struct setting_def in its
 *   descriptor), with their bounds and default; the place module stores and
 *   edits them, and a rule reads the nearest place on its line that sets
 *   one, recording the value that applied with its decision.
 */
#ifndef WG_KERNEL_SETTING_H
#define WG_KERNEL_SETTING_H

#include "kernel/dctx.h"

struct module;

/* WG_ENOTFOUND when the key is unset. */
int setting_get(store *s, arena *a, const char *key, const char **value);
/* Inside a write transaction. */
int setting_set(store *s, const char *key, const char *value);

/* A per-place setting: an integer in [min, max] (a flag is 0..1). */
struct setting_def {
    const char *key; /* unique over all modules */
    long min, max, def;
};
/* The declared setting with this key, or NULL. */
const struct setting_def *setting_def_find(const char *key);
/* Whether value is a valid value of the setting (digits within bounds). */
int setting_def_valid(const struct setting_def *d, const char *value);

#endif
