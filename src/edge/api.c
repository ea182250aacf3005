/* The JSON kit (see api.h). */
#include "edge/api.h"

#include <string.h>

#include "kernel/job.h"

dctx *api_dc(http_req *r)
{
    return &edge_req(r)->dc;
}

static int dump_cb(const char *buffer, size_t size, void *data)
{
    return buf_add(data, buffer, size) == 0 ? 0 : -1;
}

int api_send_json(http_req *r, int status, json_t *obj)
{
    buf_reset(r->out);
    /* UTF-8 as it is: escaping every Chinese character as \uXXXX doubled the
     * bytes and cost a formatted print per character */
    json_dump_callback(obj, dump_cb, r->out, JSON_COMPACT);
    buf_addc(r->out, '\n');
    json_decref(obj);
    http_add_header(r, "cache-control", "no-store");
    return http_send(r, status, "application/json; charset=utf-8");
}

int api_bad_field(http_req *r, const char *field, const char *code)
{
    edge_req(r)->dc.field = field;
    edge_error(r, 400, code, NULL);
    return -1;
}

int api_need_body(http_req *r)
{
    json_t *b = edge_req(r)->json;
    if (b == NULL || !json_is_object(b)) {
        edge_error(r, 400, "json_required", NULL);
        return -1;
    }
    return 0;
}

json_t *api_jfield(http_req *r, const char *key)
{
    json_t *v = edge_req(r)->json ? json_object_get(edge_req(r)->json, key) : NULL;
    return v && !json_is_null(v) ? v : NULL;
}

int api_jstr(http_req *r, const char *key, const char **out)
{
    json_t *v = api_jfield(r, key);
    *out = NULL;
    if (v == NULL)
        return 0;
    if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
        return api_bad_field(r, key, "bad_type");
    *out = json_string_value(v);
    return 0;
}

int api_jint_in(http_req *r, const char *key, int64_t def, int64_t max, int64_t *out)
{
    json_t *v = api_jfield(r, key);
    *out = def;
    if (v == NULL)
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > max)
        return api_bad_field(r, key, "bad_type");
    *out = json_integer_value(v);
    return 0;
}

int api_jint(http_req *r, const char *key, int64_t *out)
{
    return api_jint_in(r, key, 0, INT64_MAX, out);
}

int api_jbool(http_req *r, const char *key, int *out)
{
    json_t *v = api_jfield(r, key);
    *out = 0;
    if (v == NULL)
        return 0;
    if (!json_is_boolean(v))
        return api_bad_field(r, key, "bad_type");
    *out = json_is_true(v);
    return 0;
}

int api_jbool_required(http_req *r, const char *key, int *out)
{
    json_t *v = edge_req(r)->json ? json_object_get(edge_req(r)->json, key) : NULL;
    if (v == NULL || !json_is_boolean(v))
        return api_bad_field(r, key, "bad_type");
    *out = json_is_true(v);
    return 0;
}

int api_paging(http_req *r, int *limit, int *offset)
{
    int bad = 0;
    long l = edge_int(edge_query(r, "limit"), LIST_LIMIT_DEFAULT, 1, 1000000, &bad);
    long o = edge_int(edge_query(r, "offset"), 0, 0, 100000000, &bad);
    if (bad) {
        edge_error(r, 400, "bad_query", NULL);
        return -1;
    }
    *limit = l > LIST_LIMIT_MAX ? LIST_LIMIT_MAX : (int)l;
    *offset = (int)o;
    return 0;
}

json_t *api_page(json_t *items, int total, int limit, int offset)
{
    return json_pack("{s:o, s:i, s:i, s:i}", "items", items, "total", total, "limit", limit, "offset", offset);
}

int api_query_bool(http_req *r, const char *name)
{
    const char *v = edge_query(r, name);
    if (v == NULL || strcmp(v, "false") == 0)
        return 0;
    return strcmp(v, "true") == 0 ? 1 : -1;
}

int64_t api_query_id(http_req *r, const char *name)
{
    int bad = 0;
    int64_t v = edge_int(edge_query(r, name), 0, 1, INT64_MAX / 2, &bad);
    return bad ? -1 : v;
}

/* ---- the edge's own endpoints ---- */


/* Health: the job runner's clock and the due work it has left, so that a
 * stuck runner shows (and tests can wait for due work after moving time). */
static int healthz(http_req *r)
{
    int64_t clock = 0;
    int due = 0;
    job_runner_state(&clock, &due);
    buf_reset(r->out);
    buf_addf(r->out, "{\"status\":\"ok\",\"jobs\":{\"clock\":%lld,\"due\":%d}}\n", (long long)clock, due);
    return http_send(r, 200, "application/json; charset=utf-8");
}

static int metrics(http_req *r)
{
    buf_reset(r->out);
    http_metrics_render(r->out);
    return http_send(r, 200, "text/plain; version=0.0.4; charset=utf-8");
}

static int csrf(http_req *r)
{
    return api_send_json(r, 200, json_pack("{s:s}", "csrf", edge_req(r)->csrf));
}

/* The permission table, whole: who may do what, how far from their place. */
static int permissions(http_req *r)
{
    return api_send_json(r, 200, perm_table_json());
}

const struct http_route api_routes[] = {
    {"GET", "/healthz", healthz, HTTP_ANON, 0, NULL},
    {"GET", "/metrics", metrics, HTTP_ANON, 0, NULL},
    {"GET", "/api/v1/csrf", csrf, HTTP_API, 0, NULL},
    {"GET", "/api/v1/permissions", permissions, HTTP_API, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
