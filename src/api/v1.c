/*
 * /api/v1 handlers. Input is a JSON object (Content-Type: application/json);
 * a field of the wrong type is a 400 naming the field; a rule the domain
 * refuses is a 422 with the domain's reason. Every list takes limit (capped
 * at LIST_LIMIT_MAX) and offset and answers {items, total, limit, offset}.
 */
#include <string.h>

#include "api/api.h"
#include "edge/api.h"
#include "edge/edge.h"


/* ---- session ---- */

/* ---- registration ---- */

/* ---- places ---- */

/* ---- claims and people ---- */

/* ---- matters ---- */

/* ---- comments ---- */

/* ---- per-place settings ---- */

