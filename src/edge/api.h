/*
 * The JSON kit: what every module's API handlers (NAME_api.c, under
 * /api/v1, docs/api.md) use to read a JSON body and answer with JSON. A
 * reader returns 0, or -1 after answering 400 with the field at fault
 * (`bad_type`); a missing or null optional field is not an error.
 */
#ifndef WG_EDGE_API_H
#define WG_EDGE_API_H

#include <jansson.h>
#include <stdint.h>

#include "edge/edge.h"
#include "http/http.h"

/* The request's domain context. */
dctx *api_dc(http_req *r);
/* Answers with obj (stolen) as compact UTF-8 JSON, not cached. */
int api_send_json(http_req *r, int status, json_t *obj);
/* Answers 400 with code, naming field; returns -1. */
int api_bad_field(http_req *r, const char *field, const char *code);
/* The body must be a JSON object; else 400 json_required. */
int api_need_body(http_req *r);
/* The body's field key, or NULL when absent or null. */
json_t *api_jfield(http_req *r, const char *key);
/* An optional string (no NUL inside); NULL when absent. */
int api_jstr(http_req *r, const char *key, const char **out);
/* An optional integer >= 0; 0 when absent. */
int api_jint(http_req *r, const char *key, int64_t *out);
/* An optional integer in [0, max]; def when absent. */
int api_jint_in(http_req *r, const char *key, int64_t def, int64_t max, int64_t *out);
/* An optional boolean; 0 when absent. */
int api_jbool(http_req *r, const char *key, int *out);
/* A boolean that must be there. */
int api_jbool_required(http_req *r, const char *key, int *out);
/* limit (capped at LIST_LIMIT_MAX) and offset from the query; else 400 bad_query. */
int api_paging(http_req *r, int *limit, int *offset);
/* A page of a list: {items (stolen), total, limit, offset}. */
json_t *api_page(json_t *items, int total, int limit, int offset);
/* A list query's boolean: "true" 1, "false" or absent 0, else -1. */
int api_query_bool(http_req *r, const char *name);
/* An id in the query (positive integer) or 0 when absent; -1 malformed. */
int64_t api_query_id(http_req *r, const char *name);

/* The edge's own endpoints: /healthz, /metrics, /api/v1/csrf. */
extern const struct http_route api_routes[];

#endif
