/*
 * /api/v1 handlers of votes (表决); documented in docs/api.md ("Votes").
 * Wrong JSON types are 400 naming the field; rules the domain refuses are
 * 422 with its reason; the state of the vote (not open yet, closed,
 * already voted) is 409. The list of votes also answers ?format=xlsx|csv
 * (what each vote is, never a ballot).
 */
#include <string.h>

#include "edge/api.h"
#include "edge/edge.h"
#include "edge/export.h"
#include "edge/export.h"
#include "mod/vote/vote.h"

static json_t *body(http_req *r)
{
    return edge_req(r)->json;
}

/* "options": an array of option indexes; -1 after answering. More than
 * TALLY_MAX_OPTIONS + 1 entries are cut there (the domain refuses them). */
static int joptions(http_req *r, int *opts, int *n)
{
    json_t *a = json_object_get(body(r), "options"), *v;
    size_t i;
    *n = 0;
    if (!json_is_array(a))
        return api_bad_field(r, "options", "bad_type");
    json_array_foreach(a, i, v)
    {
        if (!json_is_integer(v) || json_integer_value(v) < -1 || json_integer_value(v) > 1000)
            return api_bad_field(r, "options", "bad_type");
        if (*n <= TALLY_MAX_OPTIONS)
            opts[(*n)++] = (int)json_integer_value(v);
    }
    return 0;
}

static int vote_answer(http_req *r, int status, int64_t id)
{
    struct vote_info vi;
    int rc = vote_get(api_dc(r), id, &vi);
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, status, vote_view(api_dc(r), &vi));
}

/* The list of votes as a sheet (?format=xlsx|csv): what each vote is,
 * never a ballot. Through vote_list, the rule of the JSON, a page at a
 * time; ud holds the filter and where the next page starts. */
struct votes_state {
    int64_t matter;
    int offset;
};

static const struct sheet_col votes_cols[] = {
    {"export_col_id", SHEET_INT, 8},      {"vote_title", SHEET_TEXT, 28},      {"vote_col_method", SHEET_TEXT, 12},
    {"vote_col_mode", SHEET_TEXT, 10},    {"vote_secret", SHEET_TEXT, 6},      {"vote_col_state", SHEET_TEXT, 8},
    {"vote_col_place", SHEET_TEXT, 14},   {"vote_opens", SHEET_TIME, 17},      {"vote_closes", SHEET_TIME, 17},
    {"vote_outcome_passed", SHEET_TEXT, 6},
};

static int votes_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct votes_state *vs = ud;
    struct st_vote *v = NULL;
    int n = 0, total = 0, rc = vote_list(c, vs->matter, LIST_LIMIT_MAX, vs->offset, &v, &n, &total);
    for (int i = 0; rc == 0 && i < n; i++) {
        sheet_int(sh, v[i].id);
        sheet_text(sh, v[i].title);
        sheet_text(sh, export_tr(r, "vote_method_", v[i].method));
        sheet_text(sh, export_tr(r, "vote_mode_", v[i].mode));
        sheet_text(sh, edge_t(r, v[i].secret ? "export_yes" : "vote_col_no"));
        sheet_text(sh, export_tr(r, "vote_state_", v[i].status));
        sheet_text(sh, v[i].place_name);
        sheet_time(sh, v[i].opens_at);
        sheet_time(sh, v[i].closes_at);
        sheet_text(sh, v[i].passed < 0 ? NULL : edge_t(r, v[i].passed ? "export_yes" : "vote_col_no"));
        sheet_row_end(sh);
    }
    vs->offset += n;
    *more = rc == 0 && n == LIST_LIMIT_MAX && vs->offset < total;
    return rc;
}

static const struct export_list votes_export = EXPORT_LIST("votes", "vote_col_votes", votes_cols, votes_page);

static int api_votes(http_req *r)
{
    int bad = 0, format = export_format(r);
    long matter = edge_int(edge_query(r, "matter_id"), 0, 1, INT64_MAX / 2, &bad);
    long limit = edge_int(edge_query(r, "limit"), LIST_LIMIT_DEFAULT, 1, 1000000, &bad);
    long offset = edge_int(edge_query(r, "offset"), 0, 0, 100000000, &bad);
    if (format < 0)
        return 0;
    if (bad)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (format)
        return export_send(r, format, &votes_export, &(struct votes_state){matter, 0});
    if (limit > LIST_LIMIT_MAX)
        limit = LIST_LIMIT_MAX;
    struct st_vote *vs;
    int n = 0, total = 0;
    int rc = vote_list(api_dc(r), matter, (int)limit, (int)offset, &vs, &n, &total);
    if (rc)
        return edge_fail(r, rc);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, vote_view_item(api_dc(r), &vs[i]));
    return api_send_json(r, 200, json_pack("{s:o, s:i, s:i, s:i}", "items", items, "total", total, "limit", (int)limit,
                                       "offset", (int)offset));
}

static int api_vote_create(http_req *r)
{
    struct vote_new in;
    memset(&in, 0, sizeof in);
    if (api_need_body(r) || api_jint(r, "place_id", &in.place_id) || api_jint(r, "matter_id", &in.matter_id) ||
        api_jint(r, "meeting_id", &in.meeting_id) || api_jint(r, "agenda_item_id", &in.agenda_item_id) ||
        api_jstr(r, "title", &in.title) || api_jstr(r, "method", &in.method) || api_jstr(r, "mode", &in.mode) ||
        api_jbool(r, "secret", &in.secret) || api_jbool(r, "allow_change", &in.allow_change) ||
        api_jint(r, "opens_at", &in.opens_at) || api_jint(r, "closes_at", &in.closes_at))
        return 0;
    json_t *opts = json_object_get(body(r), "options"), *v;
    if (opts && !json_is_null(opts)) {
        if (!json_is_array(opts) || json_array_size(opts) > 1000)
            return api_bad_field(r, "options", "bad_type"), 0;
        const char **labels = arena_calloc(r->a, sizeof *labels * (json_array_size(opts) + 1));
        size_t i;
        json_array_foreach(opts, i, v)
        {
            if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
                return api_bad_field(r, "options", "bad_type"), 0;
            labels[i] = json_string_value(v);
        }
        in.labels = labels;
        in.nlabels = (int)json_array_size(opts);
    }
    in.rule = json_object_get(body(r), "rule");
    if (in.rule && !json_is_object(in.rule))
        return api_bad_field(r, "rule", "bad_type"), 0;
    if (in.place_id == 0)
        return edge_error(r, 404, "not_found", NULL), 0;
    int64_t id = 0;
    int rc = vote_create(api_dc(r), &in, &id);
    if (rc)
        return edge_fail(r, rc);
    return vote_answer(r, 201, id);
}

static int api_vote(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    if (id == 0)
        return edge_error(r, 404, "not_found", NULL), 0;
    return vote_answer(r, 200, id);
}

static int api_vote_cast(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int opts[TALLY_MAX_OPTIONS + 1], n = 0, changed = 0;
    const char *receipt_in = NULL, *receipt = NULL;
    if (api_need_body(r) || joptions(r, opts, &n) || api_jstr(r, "receipt", &receipt_in))
        return 0;
    int rc = id ? vote_cast(api_dc(r), id, opts, n, receipt_in, &receipt, &changed) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    json_t *o = json_pack("{s:I, s:b}", "vote_id", (json_int_t)id, "changed", changed);
    json_object_set_new(o, "receipt", receipt ? json_string(receipt) : json_null());
    return api_send_json(r, changed ? 200 : 201, o);
}

static int api_vote_record(http_req *r)
{
    int64_t id = http_param_id(r, "id"), person = 0;
    int opts[TALLY_MAX_OPTIONS + 1], n = 0, changed = 0;
    if (api_need_body(r) || api_jint(r, "person_id", &person) || joptions(r, opts, &n))
        return 0;
    int rc = id ? vote_record(api_dc(r), id, person, opts, n, &changed) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, changed ? 200 : 201,
                     json_pack("{s:I, s:I, s:b}", "vote_id", (json_int_t)id, "person_id", (json_int_t)person,
                               "changed", changed));
}

static int api_vote_hands(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    if (api_need_body(r))
        return 0;
    int rc = id ? vote_hands_enter(api_dc(r), id, body(r)) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return vote_answer(r, 200, id);
}

static int simple(http_req *r, int (*fn)(dctx *, int64_t))
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? fn(api_dc(r), id) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return vote_answer(r, 200, id);
}

static int api_vote_hands_confirm(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *version = NULL;
    if (body(r) && api_jstr(r, "version", &version))
        return 0;
    int rc = id ? vote_hands_confirm(api_dc(r), id, version) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return vote_answer(r, 200, id);
}

static int api_vote_close(http_req *r)
{
    return simple(r, vote_close);
}

static int api_vote_cancel(http_req *r)
{
    return simple(r, vote_cancel);
}

static int api_vote_export(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *doc = NULL;
    int rc = id ? vote_export(api_dc(r), id, &doc) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    buf_reset(r->out);
    buf_adds(r->out, doc);
    buf_addc(r->out, '\n');
    http_add_header(r, "cache-control", "no-store");
    http_add_header(r, "content-disposition",
                    arena_printf(r->a, "attachment; filename=\"vote-%lld.json\"", (long long)id));
    return http_send(r, 200, "application/json; charset=utf-8");
}

static int api_vote_receipt(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *code = http_param(r, "code");
    int found = 0;
    int rc = id ? vote_receipt_check(api_dc(r), id, code, &found) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:s, s:b}", "vote_id", (json_int_t)id, "receipt", code, "found", found));
}

#define J HTTP_API
#define A HTTP_AUTH
#define C HTTP_CSRF
const struct http_route vote_api_routes[] = {
    {"GET", "/api/v1/votes", api_votes, J | A, 0, NULL},
    {"POST", "/api/v1/votes", api_vote_create, J | A | C, 16384, NULL},
    {"GET", "/api/v1/votes/{id}", api_vote, J | A, 0, NULL},
    {"PUT", "/api/v1/votes/{id}/ballot", api_vote_cast, J | A | C, 4096, NULL},
    {"POST", "/api/v1/votes/{id}/records", api_vote_record, J | A | C, 4096, NULL},
    {"PUT", "/api/v1/votes/{id}/hands", api_vote_hands, J | A | C, 16384, NULL},
    {"POST", "/api/v1/votes/{id}/hands/confirm", api_vote_hands_confirm, J | A | C, 1024, NULL},
    {"POST", "/api/v1/votes/{id}/close", api_vote_close, J | A | C, 1024, NULL},
    {"POST", "/api/v1/votes/{id}/cancel", api_vote_cancel, J | A | C, 1024, NULL},
    {"GET", "/api/v1/votes/{id}/export", api_vote_export, J | A, 0, NULL},
    /* a receipt is the key to a secret ballot: never in the access log */
    {"GET", "/api/v1/votes/{id}/receipts/{code}", api_vote_receipt, J | A | HTTP_SECRET_PATH, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
