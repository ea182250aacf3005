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


int api_meta(http_req *r)
{
    json_t *st = json_array(), *cat = json_array();
    for (const char *const *s = matter_stages(); *s; s++)
        json_array_append_new(st, json_pack("{s:s, s:s, s:s}", "code", *s, "phase", matter_phase(*s), "label",
                                            edge_t(r, arena_printf(r->a, "stage_%s", *s))));
    for (const char *const *s = matter_categories(); *s; s++)
        json_array_append_new(cat, json_pack("{s:s, s:s}", "code", *s, "label",
                                             edge_t(r, arena_printf(r->a, "category_%s", *s))));
    return api_send_json(r, 200, json_pack("{s:o, s:o, s:s}", "stages", st, "categories", cat, "lang",
                                       i18n_lang_code(edge_req(r)->lang)));
}

/* ---- session ---- */

/* ---- registration ---- */

/* ---- places ---- */

/* ---- claims and people ---- */

/* ---- matters ---- */

int api_matters(http_req *r)
{
    int limit, offset, n = 0, total = 0, bad = 0;
    struct st_matter *ms;
    if (api_paging(r, &limit, &offset))
        return 0;
    const char *stage = edge_query(r, "stage"), *cat = edge_query(r, "category"), *q = edge_query(r, "q");
    const char *followed = edge_query(r, "followed");
    struct matter_query mq = {
        .place_id = edge_int(edge_query(r, "place_id"), 0, 1, INT64_MAX / 2, &bad),
        .stage = stage && *stage ? stage : NULL,
        .category = cat && *cat ? cat : NULL,
        .q = q && *q ? q : NULL,
        .followed = followed && strcmp(followed, "true") == 0,
        .limit = limit,
        .offset = offset,
    };
    if (bad || (followed && strcmp(followed, "true") && strcmp(followed, "false")))
        return edge_error(r, 400, "bad_query", NULL), 0;
    int rc = matter_list(api_dc(r), &mq, &ms, &n, &total);
    if (rc)
        return edge_fail(r, rc);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, view_matter(api_dc(r), &ms[i], 0));
    return api_send_json(r, 200, api_page(arr, total, limit, offset));
}

static int matter_full(http_req *r, int status, int64_t id)
{
    struct st_matter m;
    struct st_event *ev;
    int nev = 0, following = 0;
    int rc = matter_get(api_dc(r), id, &m);
    if (rc == 0)
        rc = matter_timeline(api_dc(r), id, &ev, &nev);
    if (rc == 0)
        rc = matter_is_following(api_dc(r), id, &following);
    if (rc)
        return edge_fail(r, rc);
    json_t *o = view_matter(api_dc(r), &m, 1);
    json_t *tl = json_array(), *tj = json_array();
    for (int i = 0; i < nev; i++)
        json_array_append_new(tl, view_event(api_dc(r), &ev[i]));
    const struct transition *ts[16];
    int nt = 0;
    matter_transitions_for(api_dc(r), &m, ts, 16, &nt);
    for (int i = 0; i < nt; i++)
        json_array_append_new(tj, json_pack("{s:s, s:b}", "to", ts[i]->to, "reason_required", ts[i]->reason_required));
    json_object_set_new(o, "timeline", tl);
    json_object_set_new(o, "transitions", tj);
    struct st_objection *obs;
    int nob = 0;
    if ((rc = matter_objections(api_dc(r), id, &obs, &nob))) {
        json_decref(o);
        return edge_fail(r, rc);
    }
    json_t *oj = json_array();
    for (int i = 0; i < nob; i++)
        json_array_append_new(oj, view_objection(api_dc(r), &obs[i]));
    json_object_set_new(o, "objections", oj);
    struct support_state sup;
    if ((rc = matter_support_state(api_dc(r), &m, &sup))) {
        json_decref(o);
        return edge_fail(r, rc);
    }
    json_object_set_new(o, "support", json_pack("{s:i, s:i, s:b}", "households", sup.households, "needed", sup.needed,
                                                "mine", sup.mine));
    json_object_set_new(o, "may_answer_objections", json_boolean(objection_may_answer(api_dc(r), &m)));
    json_object_set_new(o, "following", json_boolean(following));
    return api_send_json(r, status, o);
}

int api_matter(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    if (id == 0)
        return edge_error(r, 404, "not_found", NULL), 0;
    return matter_full(r, 200, id);
}

int api_matter_create(http_req *r)
{
    struct matter_new in = {0};
    if (api_need_body(r) || api_jint(r, "place_id", &in.place_id) || api_jstr(r, "category", &in.category) ||
        api_jstr(r, "title", &in.title) || api_jstr(r, "body", &in.body))
        return 0;
    int64_t id;
    int rc = matter_create(api_dc(r), &in, &id);
    if (rc)
        return edge_fail(r, rc);
    http_add_header(r, "location", arena_printf(r->a, "/api/v1/matters/%lld", (long long)id));
    return matter_full(r, 201, id);
}

int api_matter_transition(http_req *r)
{
    int64_t id = http_param_id(r, "id"), into = 0;
    const char *to, *reason;
    if (api_need_body(r) || api_jstr(r, "to", &to) || api_jstr(r, "reason", &reason) || api_jint(r, "merge_into", &into))
        return 0;
    int rc = id ? matter_transition(api_dc(r), id, to, reason, into) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return matter_full(r, 200, id);
}

static int follow(http_req *r, int yes)
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? matter_follow(api_dc(r), id, yes) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    struct st_matter m;
    if ((rc = matter_get(api_dc(r), id, &m)))
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:b, s:i}", "id", (json_int_t)id, "following", yes, "followers",
                                       m.followers));
}

int api_matter_follow(http_req *r)
{
    return follow(r, 1);
}

int api_matter_unfollow(http_req *r)
{
    return follow(r, 0);
}

int api_objection_create(http_req *r)
{
    int64_t id = http_param_id(r, "id"), oid = 0;
    const char *body;
    if (api_need_body(r) || api_jstr(r, "body", &body))
        return 0;
    int rc = id ? objection_file(api_dc(r), id, body, &oid) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    struct st_objection *obs;
    int n = 0;
    if ((rc = matter_objections(api_dc(r), id, &obs, &n)))
        return edge_fail(r, rc);
    for (int i = 0; i < n; i++)
        if (obs[i].id == oid)
            return api_send_json(r, 201, view_objection(api_dc(r), &obs[i]));
    return edge_fail(r, WG_EDB);
}

int api_objection_answer(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *answer;
    int upheld = 0;
    if (api_need_body(r) || api_jstr(r, "answer", &answer) || api_jbool_required(r, "upheld", &upheld))
        return 0;
    int rc = id ? objection_answer(api_dc(r), id, answer, upheld) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "upheld", upheld));
}

/* ---- comments ---- */

int api_comments(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_comment *cs;
    struct st_matter m;
    int n = 0, rc = id ? comment_list(api_dc(r), id, &cs, &n) : WG_ENOTFOUND;
    if (rc == 0)
        rc = matter_get(api_dc(r), id, &m);
    if (rc)
        return edge_fail(r, rc);
    int mod = comment_may_moderate(api_dc(r), &m);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, view_comment(api_dc(r), &cs[i], mod));
    return api_send_json(r, 200, json_pack("{s:o, s:i, s:b}", "items", arr, "total", n, "may_moderate", mod));
}

int api_comment_create(http_req *r)
{
    int64_t id = http_param_id(r, "id"), parent = 0, cid = 0;
    const char *body, *status = NULL;
    if (api_need_body(r) || api_jstr(r, "body", &body) || api_jint(r, "parent_id", &parent))
        return 0;
    int rc = id ? comment_post(api_dc(r), id, parent, body, &cid, &status) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 201, json_pack("{s:I, s:s}", "id", (json_int_t)cid, "status", status));
}

int api_comment_report(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *reason;
    if (api_need_body(r) || api_jstr(r, "reason", &reason))
        return 0;
    int rc = id ? comment_report(api_dc(r), id, reason) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "reported", 1));
}

int api_comment_moderate(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *action, *reason;
    if (api_need_body(r) || api_jstr(r, "action", &action) || api_jstr(r, "reason", &reason))
        return 0;
    int rc = id ? comment_moderate(api_dc(r), id, action, reason) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id, "status",
                                       strcmp(action, "hide") == 0 ? "hidden" : "visible"));
}

/* ---- per-place settings ---- */

int api_matter_support(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct support_state sup;
    struct st_matter m;
    int rc = id ? matter_support(api_dc(r), id, &sup) : WG_ENOTFOUND;
    if (rc == 0)
        rc = matter_get(api_dc(r), id, &m);
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, json_pack("{s:I, s:i, s:i, s:b, s:s}", "id", (json_int_t)id, "households",
                                       sup.households, "needed", sup.needed, "mine", sup.mine, "stage", m.stage));
}
