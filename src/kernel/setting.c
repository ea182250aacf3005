/* Deployment settings and per-place setting definitions (see setting.h). */
#include "kernel/setting.h"

#include <stdlib.h>
#include <string.h>

#include "kernel/module.h"
#include "store/sql.h"

static void read_str0(arena *a, store *s, void *st, void *item)
{
    *(const char **)item = sql_col_str(a, s, st, 0);
}

int setting_get(store *s, arena *a, const char *key, const char **value)
{
    void *st = sql_prep(s, "SELECT value FROM setting WHERE key = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "s", key);
    return sql_one(s, a, st, read_str0, value);
}

int setting_set(store *s, const char *key, const char *value)
{
    void *st = sql_prep(s, "INSERT INTO setting(key, value) VALUES (?1, ?2) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ss", key, value);
    return sql_exec(s, st);
}

const struct setting_def *setting_def_find(const char *key)
{
    for (const struct module *const *m = module_list(); key && m && *m; m++)
        for (const struct setting_def *d = (*m)->settings; d && d->key; d++)
            if (strcmp(d->key, key) == 0)
                return d;
    return NULL;
}

int setting_def_valid(const struct setting_def *d, const char *value)
{
    char *end;
    if (d == NULL || value == NULL || *value == '\0' || *value == '-' || *value == '+' || *value == ' ')
        return 0;
    long v = strtol(value, &end, 10);
    return *end == '\0' && v >= d->min && v <= d->max;
}
