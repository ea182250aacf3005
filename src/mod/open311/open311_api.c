/*
 * Open311 GeoReport v2 (docs/api.md, "Open311"), answered in XML
 * (text/xml) or JSON by the extension of the resource:
 *   GET  /open311/discovery.{xml,json} and /open311/v2/discovery.{xml,json}
 *   GET  /open311/v2/services.{fmt}                 the report categories
 *   GET  /open311/v2/services/{code}.{fmt}          a service's definition (attributes)
 *   GET  /open311/v2/requests.{fmt}?api_key=&service_request_id=&service_code=&start_date=&end_date=&status=
 *   POST /open311/v2/requests.{fmt}                 form-encoded, with api_key
 *   GET  /open311/v2/requests/{id}.{fmt}?api_key=
 *   GET  /open311/v2/tokens/{token}.{fmt}?api_key=
 *   GET  /open311/v2/servicerequestupdates.{fmt}?api_key=&start_date=&end_date=   (mySociety)
 *   POST /open311/v2/servicerequestupdates.{fmt}    form-encoded, with api_key and update_id
 * Errors are the spec's list of {code, description}, in the same format.
 * No session is read (HTTP_KEY): the api_key is the only authority.
 *
 * And for staff, under /api/v1 (JSON, session and CSRF as everywhere):
 *   GET    /api/v1/open311/keys?community=
 *   POST   /api/v1/open311/keys          {community_id, name} -> the key, shown once
 *   DELETE /api/v1/open311/keys/{id}     revokes it
 */
#include <stdlib.h>
#include <string.h>

#include "core/time.h"
#include "edge/api.h"
#include "edge/export.h"
#include "mod/open311/open311.h"
#include "mod/place/place.h"

#define OPEN311_BODY_MAX (64 * 1024) /* 2,000 characters percent-encoded take 18 KB */
#define OPEN311_CHANGESET "2026-12-02T00:00:00+08:00"

struct call {
    http_req *r;
    int json;
    enum lang lang;
    struct st_open311_key key;
};

/* "requests.json" -> "requests", json; -1 without a known format. */
static int split(http_req *r, const char *s, const char **name, int *json)
{
    const char *dot = s ? strrchr(s, '.') : NULL;
    if (dot == NULL || dot == s)
        return -1;
    if (strcmp(dot, ".json") == 0)
        *json = 1;
    else if (strcmp(dot, ".xml") == 0)
        *json = 0;
    else
        return -1;
    *name = arena_strndup(r->a, s, (size_t)(dot - s));
    return 0;
}

static int dump_cb(const char *p, size_t n, void *ud)
{
    return buf_add(ud, p, n) ? -1 : 0;
}

static int send_doc(struct call *k, int status, const char *root, json_t *doc)
{
    http_req *r = k->r;
    buf_reset(r->out);
    if (k->json) {
        json_dump_callback(doc, dump_cb, r->out, JSON_COMPACT | JSON_REAL_PRECISION(10));
        buf_addc(r->out, '\n');
    } else if (open311_xml(root, doc, r->out)) {
        status = 500;
    }
    json_decref(doc);
    http_add_header(r, "cache-control", "no-store");
    return http_send(r, status, k->json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8");
}

static int send_error(struct call *k, int status, const char *description)
{
    json_t *doc = json_pack("[{s:i, s:s}]", "code", status, "description", description);
    return send_doc(k, status, "errors", doc);
}

/* A rule's failure: 403 for the key, 404 for what is not there (or not the key's), 429 for the pace, else 400. */
static int fail(struct call *k, int err)
{
    dctx *c = api_dc(k->r);
    const char *code = c->code ? c->code : wg_err_name(err);
    const char *msg = i18n_get(k->lang, code);
    if (msg == NULL)
        msg = code;
    if (c->field && strstr(msg, c->field) == NULL)
        msg = arena_printf(k->r->a, "%s: %s", c->field, msg);
    int status = err == WG_EAUTH || err == WG_EPERM ? 403 : err == WG_ENOTFOUND ? 404 : err == WG_ERATE ? 429
               : err == WG_EDB ? 500 : err == WG_EFULL ? 503 : 400;
    return send_error(k, status, msg);
}

static int bad(struct call *k, const char *field, const char *code)
{
    api_dc(k->r)->field = field;
    api_dc(k->r)->code = code;
    return fail(k, WG_EINVAL);
}

static int missing(struct call *k, const char *field, const char *code)
{
    api_dc(k->r)->field = field;
    api_dc(k->r)->code = code;
    return fail(k, WG_ENOTFOUND);
}

/* A parameter from the form body, else the query; NULL when absent or empty ("optional" in the spec). */
static const char *param(struct call *k, const char *name)
{
    struct edge_req *ar = edge_req(k->r);
    const char *v = form_get(&ar->form, name);
    if (v == NULL)
        v = form_get(&ar->query, name);
    return v && *v ? v : NULL;
}

/* Sets up the call from the resource's name; 0, or -1 after answering. */
static int begin(struct call *k, http_req *r, const char *resource, const char **name)
{
    *k = (struct call){.r = r, .lang = edge_req(r)->lang};
    if (split(r, resource, name, &k->json)) {
        k->json = 0;
        return send_error(k, 404, i18n_get(k->lang, "open311_format_unknown")), -1;
    }
    if (edge_req(r)->body_status)
        return send_error(k, 400, i18n_get(k->lang, "open311_body_invalid")), -1;
    return 0;
}

/* The key of the call (required) and its jurisdiction; 0, or -1 after answering. */
static int need_key(struct call *k)
{
    dctx *c = api_dc(k->r);
    int rc = open311_auth(c, param(k, "api_key"), &k->key);
    if (rc == 0)
        rc = open311_jurisdiction(c, &k->key, param(k, "jurisdiction_id"));
    return rc ? (fail(k, rc), -1) : 0;
}

/* ---- discovery and services ---- */

static int discovery_doc(struct call *k)
{
    const char *base = edge_options()->base_url;
    json_t *ep = json_pack("{s:s, s:s, s:s, s:s, s:[s, s]}", "specification", "http://wiki.open311.org/GeoReport_v2",
                           "url", arena_printf(k->r->a, "%s/open311/v2", base), "changeset", OPEN311_CHANGESET, "type",
                           "production", "formats", "text/xml", "application/json");
    json_t *doc = json_pack("{s:s, s:s, s:s, s:[o]}", "changeset", OPEN311_CHANGESET, "contact",
                            i18n_get(k->lang, "open311_contact"), "key_service",
                            i18n_get(k->lang, "open311_key_service"), "endpoints", ep);
    return send_doc(k, 200, "discovery", doc);
}

/* /open311/discovery.{xml,json}: the format from the path's last segment. */
static int discovery(http_req *r)
{
    struct call k;
    const char *name;
    if (begin(&k, r, strrchr(r->path, '/') + 1, &name))
        return 0;
    return discovery_doc(&k);
}

/* The services, with the limits of the key's community when a key is given (the defaults otherwise). */
static int services(struct call *k)
{
    struct st_place com;
    const char *path = "/";
    dctx *c = api_dc(k->r);
    if (param(k, "api_key")) {
        if (need_key(k))
            return 0;
        if (place_of_kind(c, k->key.community_id, "community", "not_found", &com) == 0)
            path = com.path;
    }
    return send_doc(k, 200, "services", open311_services_json(c, path, k->lang));
}

static int definition(http_req *r)
{
    struct call k;
    const char *code;
    if (begin(&k, r, http_param(r, "code"), &code))
        return 0;
    json_t *d = open311_definition_json(api_dc(r), code, k.lang);
    if (d == NULL)
        return missing(&k, "service_code", "open311_service_unknown");
    return send_doc(&k, 200, "service_definition", d);
}

/* ---- requests ---- */

/* start_date and end_date: a window of at most OPEN311_DAYS_MAX days, by
 * default the last ones; [t0, t1). 0, or -1 after answering. */
static int window(struct call *k, int64_t *t0, int64_t *t1)
{
    const char *s = param(k, "start_date"), *e = param(k, "end_date");
    int64_t start = 0, end = 0, span = (int64_t)OPEN311_DAYS_MAX * TIME_DAY;
    if (s && time_parse_w3c(s, &start))
        return bad(k, "start_date", "open311_date_invalid"), -1;
    if (e && time_parse_w3c(e, &end))
        return bad(k, "end_date", "open311_date_invalid"), -1;
    int64_t now = api_dc(k->r)->now;
    if (!e)
        end = s ? start + span : now;
    if (!s)
        start = end - span;
    if (end < start)
        return bad(k, "end_date", "open311_window_backwards"), -1;
    if (end - start > span)
        return bad(k, "end_date", "open311_window_too_long"), -1;
    *t0 = start;
    *t1 = end + 1;
    return 0;
}

/* A comma-separated list whose every item passes ok(); NULL stays NULL. 0, or -1 after answering. */
static int list_param(struct call *k, const char *name, int (*ok)(const char *item), const char *code, int max,
                      const char **out)
{
    const char *v = param(k, name);
    *out = v;
    if (v == NULL)
        return 0;
    char *copy = arena_strndup(k->r->a, v, strlen(v)), *save = NULL;
    int n = 0;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save), n++)
        if (!ok(t) || n >= max)
            return bad(k, name, code), -1;
    return n == 0 ? (bad(k, name, code), -1) : 0;
}

static int ok_code(const char *s) { return report_category_find(s) != NULL; }
static int ok_status(const char *s) { return strcmp(s, "open") == 0 || strcmp(s, "closed") == 0; }
static int ok_id(const char *s)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    return *s >= '0' && *s <= '9' && *end == '\0' && v > 0 && v < INT64_MAX / 2;
}

static json_t *request_doc(struct call *k, const struct st_report *r)
{
    dctx *c = api_dc(k->r);
    return open311_request_json(c, r, open311_media_url(c, r->id), k->lang);
}

/* service_request_id=1,2,3: those of the key's community, in that order (others are left out). */
static int requests_by_id(struct call *k, const char *ids)
{
    json_t *arr = json_array();
    char *copy = arena_strndup(k->r->a, ids, strlen(ids)), *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        struct st_report rep;
        int rc = report_get(api_dc(k->r), strtoll(t, NULL, 10), &rep);
        if (rc == 0)
            json_array_append_new(arr, request_doc(k, &rep));
        else if (rc != WG_ENOTFOUND)
            return json_decref(arr), fail(k, rc);
    }
    return send_doc(k, 200, "service_requests", arr);
}

static int requests_get(struct call *k)
{
    const char *ids, *codes, *statuses;
    int64_t t0, t1;
    if (need_key(k) || list_param(k, "service_request_id", ok_id, "open311_id_invalid", OPEN311_IDS_MAX, &ids))
        return 0;
    if (ids)
        return requests_by_id(k, ids);
    if (list_param(k, "service_code", ok_code, "open311_service_unknown", 64, &codes) ||
        list_param(k, "status", ok_status, "open311_status_invalid", 2, &statuses) || window(k, &t0, &t1))
        return 0;
    int want = statuses ? (strstr(statuses, "open") ? 1 : 0) | (strstr(statuses, "closed") ? 2 : 0) : 3;
    struct st_report *rs = NULL;
    int n = 0;
    int rc = report_window(api_dc(k->r), k->key.community_id, t0, t1, codes, want, OPEN311_RESULTS_MAX, &rs, &n);
    if (rc)
        return fail(k, rc);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, request_doc(k, &rs[i]));
    return send_doc(k, 200, "service_requests", arr);
}

/* attribute[facility]=12, attribute[anonymous]=yes; anything else is refused. 0, or -1 after answering. */
static int attributes(struct call *k, struct open311_new *in)
{
    const struct form *f = &edge_req(k->r)->form;
    for (size_t i = 0; i < f->n; i++) {
        const char *name = f->fields[i].name, *v = f->fields[i].value;
        if (strncmp(name, "attribute[", 10) != 0)
            continue;
        const char *code = name + 10, *close = strchr(code, ']');
        if (close == NULL || close[1] != '\0')
            return bad(k, name, "open311_attribute_single"), -1;
        size_t len = (size_t)(close - code);
        if (len == 8 && strncmp(code, "facility", 8) == 0) {
            if (!ok_id(v))
                return bad(k, name, "open311_attribute_facility"), -1;
            in->facility_id = strtoll(v, NULL, 10);
        } else if (len == 9 && strncmp(code, "anonymous", 9) == 0) {
            if (strcmp(v, "yes") && strcmp(v, "no"))
                return bad(k, name, "open311_attribute_value"), -1;
            in->anonymous = strcmp(v, "yes") == 0;
        } else {
            return bad(k, name, "open311_attribute_unknown"), -1;
        }
    }
    return 0;
}

/* lat and long: both or neither, as degrees. 0, or -1 after answering. */
static int point(struct call *k, struct open311_new *in)
{
    const char *la = param(k, "lat"), *lo = param(k, "long");
    if (!la && !lo)
        return 0;
    char *e1 = NULL, *e2 = NULL;
    double a = la ? strtod(la, &e1) : 0, b = lo ? strtod(lo, &e2) : 0;
    if (!la || !lo || *e1 || *e2 || a < -90 || a > 90 || b < -180 || b > 180)
        return bad(k, la ? "long" : "lat", "open311_point_invalid"), -1;
    in->has_point = 1;
    in->lat_e6 = (int64_t)(a * 1e6 + (a < 0 ? -0.5 : 0.5));
    in->lon_e6 = (int64_t)(b * 1e6 + (b < 0 ? -0.5 : 0.5));
    return 0;
}

static int requests_post(struct call *k)
{
    struct open311_new in = {.service_code = param(k, "service_code"), .description = param(k, "description"),
                             .address_string = param(k, "address_string"), .media_url = param(k, "media_url"),
                             .email = param(k, "email"), .first_name = param(k, "first_name"),
                             .last_name = param(k, "last_name"), .phone = param(k, "phone"),
                             .account_id = param(k, "account_id"), .device_id = param(k, "device_id")};
    const char *aid = param(k, "address_id");
    if (need_key(k))
        return 0;
    if (in.service_code == NULL)
        return bad(k, "service_code", "open311_service_required");
    if (aid && !ok_id(aid))
        return bad(k, "address_id", "open311_address_id_unknown");
    in.address_id = aid ? strtoll(aid, NULL, 10) : 0;
    if (point(k, &in) || attributes(k, &in))
        return 0;
    int64_t id = 0;
    const char *token = NULL;
    int rc = open311_request_create(api_dc(k->r), &k->key, &in, &id, &token);
    if (rc)
        return fail(k, rc);
    json_t *doc = json_pack("[{s:I, s:s, s:n, s:s}]", "service_request_id", (json_int_t)id, "token", token,
                            "service_notice", "account_id", in.account_id ? in.account_id : "");
    return send_doc(k, 200, "service_requests", doc);
}

static int request_one(http_req *r)
{
    struct call k;
    const char *name;
    struct st_report rep;
    if (begin(&k, r, http_param(r, "id"), &name) || need_key(&k))
        return 0;
    int rc = ok_id(name) ? report_get(api_dc(r), strtoll(name, NULL, 10), &rep) : WG_ENOTFOUND;
    if (rc)
        return rc == WG_ENOTFOUND ? missing(&k, "service_request_id", "open311_request_unknown") : fail(&k, rc);
    return send_doc(&k, 200, "service_requests", json_pack("[o]", request_doc(&k, &rep)));
}

static int token(http_req *r)
{
    struct call k;
    const char *name;
    int64_t id = 0;
    if (begin(&k, r, http_param(r, "id"), &name) || need_key(&k))
        return 0;
    int rc = open311_token(api_dc(r), &k.key, name, &id);
    if (rc)
        return fail(&k, rc);
    return send_doc(&k, 200, "service_requests",
                    json_pack("[{s:I, s:s}]", "service_request_id", (json_int_t)id, "token", name));
}

/* ---- service request updates (mySociety) ---- */

static int updates_get(struct call *k)
{
    int64_t t0, t1;
    if (need_key(k) || window(k, &t0, &t1))
        return 0;
    struct st_report_event *es = NULL;
    int n = 0;
    int rc = report_events_window(api_dc(k->r), k->key.community_id, t0, t1, OPEN311_RESULTS_MAX, &es, &n);
    if (rc)
        return fail(k, rc);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, open311_update_json(api_dc(k->r), &es[i], k->lang));
    return send_doc(k, 200, "service_request_updates", arr);
}

static int updates_post(struct call *k)
{
    const char *sid = param(k, "service_request_id"), *when = param(k, "updated_datetime"), *url = param(k, "media_url");
    int64_t at, event_id = 0;
    if (need_key(k))
        return 0;
    if (sid == NULL || !ok_id(sid))
        return bad(k, "service_request_id", "open311_id_invalid");
    if (when && time_parse_w3c(when, &at))
        return bad(k, "updated_datetime", "open311_date_invalid");
    if (url && !open311_media_url_ok(url))
        return bad(k, "media_url", "open311_media_url_invalid");
    int rc = open311_update_post(api_dc(k->r), &k->key, strtoll(sid, NULL, 10), param(k, "update_id"),
                                 param(k, "status"), param(k, "description"), &event_id);
    if (rc)
        return fail(k, rc);
    return send_doc(k, 200, "service_request_updates", json_pack("[{s:I}]", "update_id", (json_int_t)event_id));
}

/* /open311/v2/{doc}: the resources named by one segment. */
static int resource(http_req *r)
{
    struct call k;
    const char *name;
    int post = strcmp(r->method, "POST") == 0;
    if (begin(&k, r, http_param(r, "doc"), &name))
        return 0;
    if (!post && strcmp(name, "discovery") == 0)
        return discovery_doc(&k);
    if (!post && strcmp(name, "services") == 0)
        return services(&k);
    if (strcmp(name, "requests") == 0)
        return post ? requests_post(&k) : requests_get(&k);
    if (strcmp(name, "servicerequestupdates") == 0)
        return post ? updates_post(&k) : updates_get(&k);
    return send_error(&k, post ? 405 : 404, i18n_get(k.lang, "open311_resource_unknown"));
}

/* ---- keys, for staff ---- */

/* The keys as a sheet (?format=xlsx|csv): who each outside system is,
 * the key's first characters (never the key), when made and revoked. */
static const struct sheet_col key_cols[] = {
    {"export_col_id", SHEET_INT, 8},            {"open311_key_name", SHEET_TEXT, 24},
    {"open311_col_prefix", SHEET_TEXT, 10},     {"open311_col_created_by", SHEET_TEXT, 12},
    {"open311_col_created", SHEET_TIME, 17},    {"open311_col_revoked", SHEET_TIME, 17},
};
static const struct export_field key_fields[] = {
    {"id", NULL}, {"name", NULL}, {"prefix", NULL}, {"created_by.name", NULL}, {"created_at", NULL}, {"revoked_at", NULL},
};
EXPORT_FIELDS(key_cols, key_fields);

static int keys_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct st_open311_key *ks = NULL;
    int n = 0, rc = open311_key_list(c, *(int64_t *)ud, &ks, &n);
    for (int i = 0; rc == 0 && i < n; i++) {
        json_t *o = open311_key_json(c, &ks[i]);
        EXPORT_JSON_ROW(r, sh, key_cols, key_fields, o);
        json_decref(o);
    }
    *more = 0;
    return rc;
}

static const struct export_list keys_export = EXPORT_LIST("open311-keys", "open311_keys_title", key_cols, keys_page);

static int keys_list(http_req *r)
{
    int64_t community = api_query_id(r, "community");
    struct st_open311_key *ks = NULL;
    int n = 0, rc, format = export_format(r);
    if (format < 0)
        return 0;
    if (community < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (community == 0)
        community = actor_community(api_dc(r)->actor);
    if (format)
        return export_send(r, format, &keys_export, &community);
    if ((rc = open311_key_list(api_dc(r), community, &ks, &n)))
        return edge_fail(r, rc);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, open311_key_json(api_dc(r), &ks[i]));
    return api_send_json(r, 200, json_pack("{s:o}", "items", items));
}

static int keys_create(http_req *r)
{
    const char *name = NULL;
    int64_t community = 0, id = 0;
    char key[OPEN311_KEY_LEN + 1];
    if (api_need_body(r) || api_jint(r, "community_id", &community) || api_jstr(r, "name", &name))
        return 0;
    if (community == 0)
        community = actor_community(api_dc(r)->actor);
    int rc = open311_key_create(api_dc(r), community, name, key, &id);
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 201, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "name", name, "key", key));
}

static int keys_revoke(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = open311_key_revoke(api_dc(r), id);
    return rc ? edge_fail(r, rc) : api_send_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "revoked", 1));
}

const struct http_route open311_api_routes[] = {
    {"GET", "/open311/discovery.xml", discovery, HTTP_KEY, 0, NULL},
    {"GET", "/open311/discovery.json", discovery, HTTP_KEY, 0, NULL},
    {"GET", "/open311/v2/{doc}", resource, HTTP_KEY, 0, NULL},
    {"POST", "/open311/v2/{doc}", resource, HTTP_KEY, OPEN311_BODY_MAX, NULL},
    {"GET", "/open311/v2/services/{code}", definition, HTTP_KEY, 0, NULL},
    {"GET", "/open311/v2/requests/{id}", request_one, HTTP_KEY, 0, NULL},
    {"GET", "/open311/v2/tokens/{id}", token, HTTP_KEY | HTTP_SECRET_PATH, 0, NULL},
    {"GET", "/api/v1/open311/keys", keys_list, HTTP_API | HTTP_AUTH | HTTP_STAFF, 0, NULL},
    {"POST", "/api/v1/open311/keys", keys_create, HTTP_API | HTTP_AUTH | HTTP_STAFF | HTTP_CSRF, 4096, NULL},
    {"DELETE", "/api/v1/open311/keys/{id}", keys_revoke, HTTP_API | HTTP_AUTH | HTTP_STAFF | HTTP_CSRF, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
