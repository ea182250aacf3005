/*
 * The helpers of the strict JSON reader and of the result writer, shared
 * by the two kinds of document of the tally format (tally_json.c and
 * tally_json_out.c: votes; tally_pb.c: participatory budgets). Every
 * reading failure writes "path: problem" into the context's err and
 * returns WG_EINVAL. Private to src/algo/.
 *
 * Ownership: strings read are copied into the context's arena.
 */
#ifndef WG_TALLY_JREAD_H
#define WG_TALLY_JREAD_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "algo/tally.h"
#include "core/arena.h"
#include "core/buf.h"

#define TALLY_JR_PATH 192
#define TALLY_JR_FORMAT "wugong-tally/1" /* = TALLY_JSON_FORMAT */
#define TALLY_PB_METHOD "equal_shares"    /* vote.method of a participatory budget */

struct tj_elector;

struct tally_jr {
    arena *a;
    char *err;
    size_t errlen;
    struct tj_elector *el; /* by key; NULL when the document lists none */
    size_t nel;
    int present_listed;    /* present.electors was given */
};

int tally_jr_fail(struct tally_jr *c, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* "an object", "an integer"...: what v is, for messages */
const char *tally_jr_type(const json_t *v);
/* path.key and path[i] into out (TALLY_JR_PATH bytes) */
void tally_jr_join(char *out, const char *path, const char *key);
void tally_jr_index(char *out, const char *path, size_t i);
/* Only the listed fields (NULL-terminated) may appear in obj. */
int tally_jr_fields(struct tally_jr *c, json_t *obj, const char *path, const char *const *allowed);
/* obj[key] of type t; *out NULL when absent and not required. */
int tally_jr_get(struct tally_jr *c, json_t *obj, const char *path, const char *key, int required, json_type t,
                 json_t **out);
/* A count: an integer 0..max. */
int tally_jr_count_value(struct tally_jr *c, json_t *v, const char *p, int64_t *out);
int tally_jr_count(struct tally_jr *c, json_t *obj, const char *path, const char *key, int required, int64_t *out);
/* An option index: an integer 0..noptions-1. */
int tally_jr_option(struct tally_jr *c, json_t *v, const char *p, size_t noptions, int *out);
int tally_jr_string(struct tally_jr *c, json_t *obj, const char *path, const char *key, int required,
                    const char **out);
/* Parses a document (duplicate keys refused) and checks that it is an
 * object whose format is wugong-tally/1: 0 and *root (the caller's to
 * json_decref), or WG_EINVAL with the message and *root NULL. */
int tally_jr_load(const char *data, size_t len, json_t **root, char *err, size_t errlen);
/* a name from a list: "path: unknown X \"s\" (a, b, c)" */
int tally_jr_unknown(struct tally_jr *c, const char *path, const char *what, const char *s,
                     const char *(*name)(int), int n);

/* ---- the writer ---- */

/* Collects failures of jansson's constructors (out of memory) in one flag. */
struct tally_jw {
    int bad;
};
/* obj[key] = val (stolen), or the flag set; returns val */
json_t *tally_jw_set(struct tally_jw *o, json_t *obj, const char *key, json_t *val);
json_t *tally_jw_push(struct tally_jw *o, json_t *arr, json_t *val);
json_t *tally_jw_int(int64_t v);
/* {num, den, percent}: percent rounded down to 0.01, null when den is 0 */
json_t *tally_jw_frac(struct tally_jw *o, struct tally_frac f);
/* root as 2-space indented JSON and a newline: 0 or WG_ETOOBIG */
int tally_jw_dump(json_t *root, buf *out);

#endif
