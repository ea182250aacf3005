/*
 * The strict JSON reader's helpers; see tally_jread.h.
 */
#include "algo/tally_jread.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "algo/tally.h"
#include "core/err.h"

int tally_jr_fail(struct tally_jr *c, const char *path, const char *fmt, ...)
{
    if (c->err != NULL && c->errlen > 0) {
        int w = snprintf(c->err, c->errlen, "%s: ", path);
        if (w >= 0 && (size_t)w < c->errlen) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(c->err + w, c->errlen - (size_t)w, fmt, ap);
            va_end(ap);
        }
    }
    return WG_EINVAL;
}

const char *tally_jr_type(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
        return "an integer";
    case JSON_REAL:
        return "a fractional number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    case JSON_NULL:
        break;
    }
    return "null";
}

/* Paths are for messages: one cut short (past TALLY_JR_PATH) still says enough. */
void tally_jr_join(char *out, const char *path, const char *key)
{
    int w = path[0] == '\0' ? snprintf(out, TALLY_JR_PATH, "%s", key) : snprintf(out, TALLY_JR_PATH, "%s.%s", path, key);
    assert(w >= 0); /* an empty key ("") gives an empty path: still a message */
}

void tally_jr_index(char *out, const char *path, size_t i)
{
    int w = snprintf(out, TALLY_JR_PATH, "%s[%zu]", path, i);
    assert(w >= 0); /* an empty key ("") gives an empty path: still a message */
}

/* Only the listed fields (NULL-terminated) may appear in obj. */
int tally_jr_fields(struct tally_jr *c, json_t *obj, const char *path, const char *const *allowed)
{
    const char *key;
    json_t *val;
    json_object_foreach(obj, key, val) {
        size_t i = 0;
        while (allowed[i] != NULL && strcmp(allowed[i], key) != 0)
            i++;
        if (allowed[i] == NULL) {
            if (key[0] == '\0') /* found by fuzzing: an empty key once aborted here */
                return tally_jr_fail(c, path[0] ? path : "(document)", "unknown field \"\" (an empty name)");
            char p[TALLY_JR_PATH];
            tally_jr_join(p, path, key);
            return tally_jr_fail(c, p, "unknown field");
        }
    }
    return 0;
}

static const char *tally_jr_type_name(json_type t)
{
    return t == JSON_OBJECT ? "an object" : t == JSON_ARRAY ? "an array" : t == JSON_STRING ? "a string"
                                                                                          : "an integer";
}

/* obj[key] of type t; *out NULL when absent and not required. */
int tally_jr_get(struct tally_jr *c, json_t *obj, const char *path, const char *key, int required, json_type t,
                  json_t **out)
{
    char p[TALLY_JR_PATH];
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    tally_jr_join(p, path, key);
    if (v == NULL)
        return required ? tally_jr_fail(c, p, "missing") : 0;
    if (json_typeof(v) != t)
        return tally_jr_fail(c, p, "must be %s, not %s", tally_jr_type_name(t), tally_jr_type(v));
    *out = v;
    return 0;
}

/* A count (heads, dm², households): an integer 0..TALLY_MAX_COUNT. */
int tally_jr_count_value(struct tally_jr *c, json_t *v, const char *p, int64_t *out)
{
    if (!json_is_integer(v))
        return tally_jr_fail(c, p, "must be an integer, not %s", tally_jr_type(v));
    json_int_t n = json_integer_value(v);
    if (n < 0)
        return tally_jr_fail(c, p, "must not be negative (%lld)", (long long)n);
    if (n > TALLY_MAX_COUNT)
        return tally_jr_fail(c, p, "%lld is too large (at most %lld)", (long long)n, TALLY_MAX_COUNT);
    *out = (int64_t)n;
    return 0;
}

int tally_jr_count(struct tally_jr *c, json_t *obj, const char *path, const char *key, int required, int64_t *out)
{
    char p[TALLY_JR_PATH];
    json_t *v = json_object_get(obj, key);
    *out = 0;
    tally_jr_join(p, path, key);
    if (v == NULL)
        return required ? tally_jr_fail(c, p, "missing") : 0;
    return tally_jr_count_value(c, v, p, out);
}

/* An option index: an integer 0..noptions-1. */
int tally_jr_option(struct tally_jr *c, json_t *v, const char *p, size_t noptions, int *out)
{
    if (!json_is_integer(v))
        return tally_jr_fail(c, p, "an option index must be an integer, not %s", tally_jr_type(v));
    json_int_t o = json_integer_value(v);
    if (o < 0 || (size_t)o >= noptions)
        return tally_jr_fail(c, p, "option %lld is out of range (the vote has %zu options, 0..%zu)", (long long)o,
                       noptions, noptions - 1);
    *out = (int)o;
    return 0;
}

int tally_jr_string(struct tally_jr *c, json_t *obj, const char *path, const char *key, int required,
                     const char **out)
{
    json_t *v;
    int rc = tally_jr_get(c, obj, path, key, required, JSON_STRING, &v);
    *out = NULL;
    if (rc == 0 && v != NULL)
        *out = arena_strndup(c->a, json_string_value(v), json_string_length(v));
    return rc;
}

/* a name from a list: "path: unknown X \"s\" (a, b, c)" */
int tally_jr_unknown(struct tally_jr *c, const char *path, const char *what, const char *s,
                      const char *(*name)(int), int n)
{
    char list[512];
    size_t len = 0;
    list[0] = '\0';
    for (int i = 0; i < n && len < sizeof list; i++) {
        int w = snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", name(i));
        if (w < 0)
            break;
        len += (size_t)w;
    }
    return tally_jr_fail(c, path, "unknown %s \"%s\" (one of: %s)", what, s, list);
}


int tally_jr_load(const char *data, size_t len, json_t **root, char *err, size_t errlen)
{
    struct tally_jr c = {.err = err, .errlen = errlen};
    json_error_t jerr;
    json_t *fmt;
    int rc;
    if (err != NULL && errlen > 0)
        err[0] = '\0';
    *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
    if (*root == NULL)
        return tally_jr_fail(&c, "JSON", "line %d, column %d: %s", jerr.line, jerr.column, jerr.text);
    if (!json_is_object(*root))
        rc = tally_jr_fail(&c, "(document)", "must be an object, not %s", tally_jr_type(*root));
    else if ((rc = tally_jr_get(&c, *root, "", "format", 1, JSON_STRING, &fmt)) == 0 &&
             strcmp(json_string_value(fmt), TALLY_JR_FORMAT) != 0)
        rc = tally_jr_fail(&c, "format", "\"%s\" is not \"%s\"", json_string_value(fmt), TALLY_JR_FORMAT);
    if (rc) {
        json_decref(*root);
        *root = NULL;
    }
    return rc;
}

/* ---- the writer ---- */

json_t *tally_jw_set(struct tally_jw *o, json_t *obj, const char *key, json_t *val)
{
    if (obj == NULL || val == NULL || json_object_set_new(obj, key, val) != 0)
        o->bad = 1;
    return val;
}

json_t *tally_jw_push(struct tally_jw *o, json_t *arr, json_t *val)
{
    if (arr == NULL || val == NULL || json_array_append_new(arr, val) != 0)
        o->bad = 1;
    return val;
}

json_t *tally_jw_int(int64_t v) { return json_integer((json_int_t)v); }

/* num/den with a display percentage rounded down to 0.01 % (integers only) */
json_t *tally_jw_frac(struct tally_jw *o, struct tally_frac f)
{
    json_t *j = json_object();
    tally_jw_set(o, j, "num", tally_jw_int(f.num));
    tally_jw_set(o, j, "den", tally_jw_int(f.den));
    if (f.den > 0) {
        assert(f.num >= 0 && f.num <= f.den);
        int64_t bp = (int64_t)((__int128)f.num * 10000 / f.den);
        char s[32];
        snprintf(s, sizeof s, "%lld.%02lld", (long long)(bp / 100), (long long)(bp % 100));
        tally_jw_set(o, j, "percent", json_string(s));
    } else {
        tally_jw_set(o, j, "percent", json_null());
    }
    return j;
}

static int tally_jw_cb(const char *p, size_t n, void *data) { return buf_add(data, p, n) ? -1 : 0; }

int tally_jw_dump(json_t *root, buf *out)
{
    if (json_dump_callback(root, tally_jw_cb, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 || buf_addc(out, '\n'))
        return WG_ETOOBIG;
    return 0;
}
