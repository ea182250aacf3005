/*
 * The pages of votes (表决): the vote with its ballot form (radio buttons,
 * checkboxes or rank selects: no JavaScript), its result explained, and the
 * staff controls (close, cancel, a show of hands and its confirmation);
 * the form to create a vote. Writes are POST with CSRF and answer 303,
 * except casting a secret ballot, which shows the receipt once.
 */
#include <stdlib.h>
#include <string.h>

#include "core/time.h"
#include "edge/edge.h"
#include "edge/export.h"
#include "edge/page.h"
#include "mod/council/council_web.h"
#include "mod/matter/matter_web.h"
#include "mod/vote/vote.h"

static const char *m2(http_req *r, int64_t dm2)
{
    return arena_printf(r->a, "%lld.%02lld", (long long)(dm2 / 100), (long long)(dm2 % 100));
}

static int lang_index(http_req *r)
{
    enum lang l = edge_req(r)->lang;
    return l == LANG_HANT ? 1 : l == LANG_EN ? 2 : 0;
}

static const char *option_label(http_req *r, const struct vote_info *vi, int i)
{
    if (vi->method == TALLY_YES_NO_ABSTAIN)
        return page_tr(r, "vote_option_", vi->labels[i]);
    return vi->labels[i];
}

/* One threshold verdict of the result as rows for the page. */
static json_t *verdict_rows(http_req *r, json_t *v)
{
    json_t *rows = json_array();
    static const char *const dims[] = {"heads", "area", "households"};
    if (!json_is_object(v))
        return rows;
    json_t *fr = json_object_get(v, "fraction");
    const char *strict = json_string_value(json_object_get(v, "strictness"));
    if (strict == NULL || !json_is_array(fr)) /* basis none: no condition */
        return rows;
    const char *op = strcmp(strict, "at_least") == 0 ? "≥" : ">";
    for (int i = 0; i < 3; i++) {
        json_t *d = json_object_get(v, dims[i]);
        if (!json_is_object(d))
            continue;
        json_int_t cnt = json_integer_value(json_object_get(d, "count")),
                   base = json_integer_value(json_object_get(d, "base"));
        int area = i == 1;
        json_array_append_new(
            rows, json_pack("{s:s, s:s, s:s, s:s, s:b}", "dim", page_tr(r, "vote_dim_", dims[i]), "count",
                            area ? m2(r, cnt) : arena_printf(r->a, "%lld", (long long)cnt), "base",
                            area ? m2(r, base) : arena_printf(r->a, "%lld", (long long)base), "need",
                            arena_printf(r->a, "%s %lld/%lld", op, (long long)json_integer_value(json_array_get(fr, 0)),
                                         (long long)json_integer_value(json_array_get(fr, 1))),
                            "met", json_is_true(json_object_get(d, "met"))));
    }
    return rows;
}

static json_t *result_ctx(http_req *r, const struct vote_info *vi, json_t *res)
{
    json_t *o = json_object();
    json_t *part = json_object_get(res, "participation");
    json_t *ph = json_object_get(part, "heads"), *pa = json_object_get(part, "area");
    json_object_set_new(o, "heads", json_pack("{s:I, s:I, s:s?}", "num", json_integer_value(json_object_get(ph, "num")),
                                              "den", json_integer_value(json_object_get(ph, "den")), "percent",
                                              json_string_value(json_object_get(ph, "percent"))));
    if (json_integer_value(json_object_get(pa, "den")) > 0)
        json_object_set_new(o, "area", json_pack("{s:s, s:s, s:s?}", "num",
                                                 m2(r, json_integer_value(json_object_get(pa, "num"))), "den",
                                                 m2(r, json_integer_value(json_object_get(pa, "den"))), "percent",
                                                 json_string_value(json_object_get(pa, "percent"))));
    json_t *q = json_object_get(res, "quorum");
    json_object_set_new(o, "quorum_met", json_boolean(json_is_true(json_object_get(q, "met"))));
    json_object_set_new(o, "quorum_rows", verdict_rows(r, json_object_get(q, "main")));
    json_object_set_new(o, "alt_rows", verdict_rows(r, json_object_get(q, "alt")));
    json_t *ap = json_object_get(res, "approval");
    json_object_set_new(o, "approval_met", json_boolean(json_is_true(json_object_get(ap, "met"))));
    json_object_set_new(o, "approval_rows", verdict_rows(r, ap));
    json_object_set_new(o, "passed", json_boolean(json_is_true(json_object_get(res, "passed"))));
    json_object_set_new(o, "outcome", json_string(page_tr(r, "vote_outcome_", json_string_value(json_object_get(res, "outcome")))));
    json_t *w = json_object_get(res, "winner");
    if (json_is_integer(w) && json_integer_value(w) < vi->nlabels)
        json_object_set_new(o, "winner", json_string(option_label(r, vi, (int)json_integer_value(w))));
    json_t *opts = json_array(), *x;
    size_t i;
    json_array_foreach(json_object_get(res, "options"), i, x)
    {
        int k = (int)json_integer_value(json_object_get(x, "option"));
        json_int_t area = json_integer_value(json_object_get(x, "area_dm2"));
        json_array_append_new(opts, json_pack("{s:s, s:I, s:s?}", "label", k < vi->nlabels ? option_label(r, vi, k) : "?",
                                              "heads", json_integer_value(json_object_get(x, "heads")), "area",
                                              area ? m2(r, area) : NULL));
    }
    json_object_set_new(o, "options", opts);
    json_t *ab = json_object_get(res, "abstain");
    json_object_set_new(o, "abstain", json_integer(json_integer_value(json_object_get(ab, "heads"))));
    json_t *rank = json_array();
    json_array_foreach(json_object_get(res, "ranking"), i, x)
    {
        if (json_integer_value(x) < vi->nlabels)
            json_array_append_new(rank, json_pack("{s:s}", "label", option_label(r, vi, (int)json_integer_value(x))));
    }
    json_object_set_new(o, "ranking", rank);
    json_t *sch = json_object_get(res, "schulze");
    if (json_is_object(sch)) {
        json_t *rows = json_array(), *row, *head = json_array();
        for (int k = 0; k < vi->nlabels; k++)
            json_array_append_new(head, json_pack("{s:s}", "label", option_label(r, vi, k)));
        json_array_foreach(json_object_get(sch, "d"), i, row)
        {
            json_t *cells = json_array(), *cell;
            size_t j;
            json_array_foreach(row, j, cell)
                json_array_append_new(cells, json_pack("{s:s}", "v", i == j ? "—" : arena_printf(r->a, "%lld", (long long)json_integer_value(cell))));
            json_array_append_new(rows, json_pack("{s:s, s:o}", "label", option_label(r, vi, (int)i), "cells", cells));
        }
        json_object_set_new(o, "schulze", json_pack("{s:o, s:o}", "head", head, "rows", rows));
    }
    return o;
}

static int vote_page(http_req *r, int status, int64_t id, const char *receipt)
{
    struct vote_info vi;
    int rc = vote_get(page_dc(r), id, &vi);
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "vote");
    json_object_set_new(c, "title", json_string(vi.v.title));
    json_t *vj = vote_view(page_dc(r), &vi);
    char words[1024];
    vote_rule_words(&vi.rule, vi.method, lang_index(r), words, sizeof words);
    json_object_set_new(c, "rule_text", json_string(words));
    json_object_set_new(c, "state_label", json_string(page_tr(r, "vote_state_", vi.state)));
    json_object_set_new(c, "method_label", json_string(page_tr(r, "vote_method_", vi.v.method)));
    json_object_set_new(c, "mode_label", json_string(page_tr(r, "vote_mode_", vi.v.mode)));
    json_object_set_new(c, "voters_label", json_string(page_tr(r, "vote_voters_", vi.v.voters)));
    if (vi.v.elect_area)
        json_object_set_new(c, "area_m2", json_string(m2(r, vi.v.elect_area)));
    json_t *opts = json_array();
    for (int i = 0; i < vi.nlabels; i++)
        json_array_append_new(opts, json_pack("{s:i, s:s}", "index", i, "label", option_label(r, &vi, i)));
    json_t *ranks = json_array();
    if (vi.method == TALLY_RANKED)
        for (int i = 0; i < vi.nlabels; i++)
            json_array_append_new(ranks, json_pack("{s:i, s:O}", "n", i + 1, "options", opts));
    json_object_set_new(c, "ranks", ranks);
    json_object_set_new(c, "options", opts);
    json_object_set_new(c, "is_ranked", json_boolean(vi.method == TALLY_RANKED));
    json_object_set_new(c, "is_approval", json_boolean(vi.method == TALLY_APPROVAL));
    json_object_set_new(c, "is_single", json_boolean(vi.method == TALLY_YES_NO_ABSTAIN || vi.method == TALLY_SINGLE_CHOICE));
    json_t *me = json_object_get(vj, "me");
    json_object_set_new(c, "may_vote", json_boolean(json_is_true(json_object_get(me, "may_vote"))));
    json_object_set_new(c, "may_change", json_boolean(json_is_true(json_object_get(me, "may_change"))));
    int open = strcmp(vi.v.status, "open") == 0;
    json_object_set_new(c, "is_open", json_boolean(open));
    json_object_set_new(c, "is_meeting", json_boolean(strcmp(vi.v.mode, "meeting") == 0));
    json_object_set_new(c, "hands_pending", json_boolean(vi.has_hands && !vi.hands.confirmed_by));
    /* what the second staff member confirms: the counts as entered, by label */
    json_t *hv = json_object_get(vj, "hands");
    if (json_is_object(hv)) {
        json_t *rows = json_array(), *e;
        size_t i;
        json_array_foreach(json_object_get(hv, "counts"), i, e)
        {
            json_int_t opt = json_integer_value(json_object_get(e, "option"));
            if (opt >= 0 && opt < vi.nlabels)
                json_array_append_new(rows, json_pack("{s:s, s:O}", "label", vi.labels[opt], "heads",
                                                      json_object_get(e, "heads")));
        }
        json_object_set_new(c, "hands_rows", rows);
        json_object_set(c, "hands_abstain", json_object_get(json_object_get(hv, "abstain"), "heads"));
        json_object_set(c, "hands_version", json_object_get(hv, "version"));
    }
    if (receipt)
        json_object_set_new(c, "receipt", json_string(receipt));
    json_t *res = json_object_get(vj, "result");
    if (json_is_object(res)) {
        json_object_set_new(c, "result", result_ctx(r, &vi, res));
        const char *code = edge_query(r, "receipt");
        int found = 0;
        if (code && *code && vi.v.secret && vote_receipt_check(page_dc(r), id, code, &found) == 0)
            json_object_set_new(c, "receipt_check", json_pack("{s:s, s:b}", "code", code, "found", found));
    }
    json_object_set_new(c, "vote", vj);
    return page_render(r, status, "vote", c);
}

static int page_vote(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    if (id == 0)
        return edge_fail(r, WG_ENOTFOUND);
    return vote_page(r, 200, id, NULL);
}

/* The votes of the reader's community, newest first, a page at a time:
 * what each vote is and how it stands (never a ballot); for staff, the
 * list's export. */
#define VOTES_PER_PAGE 20
static int page_votes(http_req *r)
{
    static const char *const keys[] = {NULL};
    int bad = 0, n = 0, total = 0;
    int page = (int)edge_int(edge_query(r, "page"), 1, 1, 100000, &bad);
    struct st_vote *vs = NULL;
    if (bad)
        return edge_error(r, 400, "bad_query", NULL), 0;
    int rc = vote_list(page_dc(r), 0, VOTES_PER_PAGE, (page - 1) * VOTES_PER_PAGE, &vs, &n, &total);
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "votes_title"), *items = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = vote_view_item(page_dc(r), &vs[i]);
        const char *state = json_string_value(json_object_get(o, "state")); /* vote_state_at */
        json_object_set_new(o, "state_label", json_string(page_tr(r, "vote_state_", state)));
        json_object_set_new(o, "method_label", json_string(page_tr(r, "vote_method_", vs[i].method)));
        if (vs[i].passed >= 0)
            json_object_set_new(o, "outcome_label", json_string(edge_t(r, vs[i].passed ? "vote_outcome_passed"
                                                                                       : "votes_not_passed")));
        json_array_append_new(items, o);
    }
    json_object_set_new(c, "votes", items);
    json_object_set_new(c, "total", json_integer(total));
    export_links(r, c, "/api/v1/votes", NULL);
    page_pager(r, c, "/votes", keys, page, VOTES_PER_PAGE, total);
    return page_render(r, 200, "votes", c);
}

/* The choice of a ballot form: "option" (one radio or several checkboxes;
 * "-" abstains) or rank1..rankN. */
static int form_choice(http_req *r, int *opts, int *n)
{
    const struct form *f = &edge_req(r)->form;
    *n = 0;
    for (size_t i = 0; i < f->n; i++) {
        const char *name = f->fields[i].name, *v = f->fields[i].value;
        int is_rank = strncmp(name, "rank", 4) == 0;
        if (strcmp(name, "option") && !is_rank)
            continue;
        if (*v == '\0' || strcmp(v, "-") == 0)
            continue;
        char *end;
        long x = strtol(v, &end, 10);
        if (*end || x < 0 || x > TALLY_MAX_OPTIONS || *n > TALLY_MAX_OPTIONS)
            return -1;
        opts[(*n)++] = (int)x;
    }
    return 0;
}

static int page_vote_cast(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int opts[TALLY_MAX_OPTIONS + 2], n = 0, changed = 0;
    const char *receipt = NULL, *given = page_field(r, "receipt");
    if (form_choice(r, opts, &n))
        return edge_error(r, 422, "choice_invalid", NULL), 0;
    if (given && *given == '\0')
        given = NULL;
    int rc = id ? vote_cast(page_dc(r), id, opts, n, given, &receipt, &changed) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    if (receipt) /* shown once, here */
        return vote_page(r, 200, id, receipt);
    return page_done(r, arena_printf(r->a, "/votes/%lld", (long long)id), "flash_ballot_cast");
}

static int after(http_req *r, int64_t id, int rc)
{
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/votes/%lld", (long long)id), "flash_saved");
}

static int page_vote_close(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    return after(r, id, id ? vote_close(page_dc(r), id) : WG_ENOTFOUND);
}

static int page_vote_cancel(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    return after(r, id, id ? vote_cancel(page_dc(r), id) : WG_ENOTFOUND);
}

static int page_vote_hands_confirm(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    return after(r, id, id ? vote_hands_confirm(page_dc(r), id, form_get(&edge_req(r)->form, "version")) : WG_ENOTFOUND);
}

static int64_t num_field(http_req *r, const char *name, int *bad)
{
    return edge_int(page_field(r, name), 0, 0, 1000000000000000L, bad);
}

static int page_vote_hands(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int bad = 0;
    json_t *counts = json_array();
    for (int i = 0; i < TALLY_MAX_OPTIONS; i++) {
        const char *h = page_field(r, arena_printf(r->a, "heads%d", i));
        if (h == NULL)
            break;
        json_array_append_new(counts, json_pack("{s:i, s:I, s:I}", "option", i, "heads", (json_int_t)num_field(r, arena_printf(r->a, "heads%d", i), &bad),
                                                "area_dm2", (json_int_t)(num_field(r, arena_printf(r->a, "area%d", i), &bad) * 100)));
    }
    json_t *e = json_pack("{s:o, s:{s:I, s:I}}", "counts", counts, "abstain", "heads",
                          (json_int_t)num_field(r, "abstain_heads", &bad), "area_dm2",
                          (json_int_t)(num_field(r, "abstain_area", &bad) * 100));
    /* a vote at a meeting takes who was present from its sign-in and
     * proxies: its form has no present fields, and none are sent */
    if (page_field(r, "present_heads") || page_field(r, "present_area") || page_field(r, "present_households"))
        json_object_set_new(e, "present", json_pack("{s:I, s:I, s:I}", "heads",
                                                    (json_int_t)num_field(r, "present_heads", &bad), "area_dm2",
                                                    (json_int_t)(num_field(r, "present_area", &bad) * 100),
                                                    "households", (json_int_t)num_field(r, "present_households", &bad)));
    if (bad) {
        json_decref(e);
        return edge_error(r, 422, "counts_invalid", NULL), 0;
    }
    int rc = id ? vote_hands_enter(page_dc(r), id, e) : WG_ENOTFOUND;
    json_decref(e);
    return after(r, id, rc);
}

/* ---- creating ---- */

/* "2026-05-01T19:30" local -> Unix seconds; 0 when empty, -1 when
 * malformed (the rules refuse the window). */
static int64_t local_time(const char *s)
{
    int64_t t;
    if (s == NULL || *s == '\0')
        return 0;
    return time_parse_local(s, &t) ? -1 : t;
}

/* The places a vote may be at, as options: the line of the matter's place
 * (its building, grid and community), else the actor's community and its
 * grids; selected the one asked for. */
static json_t *place_options(http_req *r, const struct st_matter *m, int64_t selected)
{
    json_t *arr = json_array();
    struct st_place p, *line = NULL, *kids = NULL;
    int n = 0, nk = 0, total = 0;
    if (m != NULL) {
        if (place_get(page_dc(r), m->place_id, &p) || place_line(page_dc(r), &p, &line, &n))
            return arr;
    } else {
        int64_t cm = actor_community(edge_req(r)->actor);
        if (cm == 0 || place_get(page_dc(r), cm, &p) != 0)
            return arr;
        line = &p;
        n = 1;
        place_children(page_dc(r), &p, 100, 0, &kids, &nk, &total);
    }
    for (int i = n - 1; i >= 0; i--) { /* the nearest first */
        if (strcmp(line[i].kind, "street") == 0 || strcmp(line[i].kind, "district") == 0 ||
            strcmp(line[i].kind, "household") == 0)
            continue;
        json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)line[i].id, "name", line[i].name,
                                             "kind_label", page_tr(r, "kind_", line[i].kind), "selected",
                                             line[i].id == selected));
    }
    for (int i = 0; i < nk; i++)
        if (strcmp(kids[i].kind, "grid") == 0)
            json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)kids[i].id, "name",
                                                 kids[i].name, "kind_label", page_tr(r, "kind_", kids[i].kind),
                                                 "selected", kids[i].id == selected));
    return arr;
}

static int new_form(http_req *r, int status, const char *error)
{
    json_t *c = page_ctx(r, "vote_new");
    const char *place = edge_query(r, "place") ? edge_query(r, "place") : page_field(r, "place_id");
    const char *matter = edge_query(r, "matter") ? edge_query(r, "matter") : page_field(r, "matter_id");
    const char *title = edge_query(r, "title") ? edge_query(r, "title") : page_field(r, "title");
    json_object_set_new(c, "matter_id", json_string(matter ? matter : ""));
    /* about a matter: named, its place chosen and its title offered */
    struct st_matter m = {0};
    int bad = 0;
    int64_t mid = page_int_id(matter, &bad);
    if (mid && matter_get(page_dc(r), mid, &m) == 0) {
        json_object_set_new(c, "matter", json_pack("{s:I, s:s}", "id", (json_int_t)m.id, "title", m.title));
        if (place == NULL || *place == '\0')
            place = arena_printf(r->a, "%lld", (long long)m.place_id);
        if (title == NULL || *title == '\0')
            title = arena_printf(r->a, "%s%s%s", edge_t(r, "vote_title_before"), m.title, edge_t(r, "vote_title_after"));
    }
    json_object_set_new(c, "places", place_options(r, mid ? &m : NULL, page_int_id(place, &bad)));
    /* a vote on a meeting's agenda item (the meeting page links here) */
    const char *item = edge_query(r, "agenda") ? edge_query(r, "agenda") : page_field(r, "agenda_item_id");
    json_object_set_new(c, "agenda_item_id", json_string(item ? item : ""));
    json_object_set_new(c, "vote_title", json_string(title ? title : ""));
    const char *mode = edge_query(r, "mode") ? edge_query(r, "mode") : page_field(r, "mode");
    json_object_set_new(c, "mode_meeting", json_boolean(mode && strcmp(mode, "meeting") == 0));
    if (error)
        json_object_set_new(c, "error", json_string(edge_t(r, error)));
    json_t *presets = json_array();
    for (size_t i = 0; i < tally_preset_count(); i++) {
        const char *code = tally_preset_at(i)->code;
        json_array_append_new(presets, json_pack("{s:s, s:s}", "code", code, "label", page_tr(r, "preset_", code)));
    }
    json_object_set_new(c, "presets", presets);
    json_t *methods = json_array();
    static const char *const ms[] = {"yes_no_abstain", "single_choice", "approval", "ranked"};
    for (int i = 0; i < 4; i++)
        json_array_append_new(methods, json_pack("{s:s, s:s}", "code", ms[i], "label", page_tr(r, "vote_method_", ms[i])));
    json_object_set_new(c, "methods", methods);
    return page_render(r, status, "vote_new", c);
}

static int page_vote_new(http_req *r)
{
    return new_form(r, 200, NULL);
}

static int page_vote_create(http_req *r)
{
    int bad = 0;
    struct vote_new in;
    memset(&in, 0, sizeof in);
    in.place_id = edge_int(page_field(r, "place_id"), 0, 1, INT64_MAX / 2, &bad);
    in.matter_id = edge_int(page_field(r, "matter_id"), 0, 1, INT64_MAX / 2, &bad);
    in.agenda_item_id = edge_int(page_field(r, "agenda_item_id"), 0, 1, INT64_MAX / 2, &bad);
    if (bad)
        return new_form(r, 422, "place_invalid");
    in.title = page_field(r, "title");
    in.method = page_field(r, "method");
    in.mode = page_field(r, "mode");
    in.secret = page_field(r, "secret") != NULL;
    in.allow_change = page_field(r, "allow_change") != NULL;
    in.opens_at = local_time(page_field(r, "opens_at"));
    in.closes_at = local_time(page_field(r, "closes_at"));
    if (in.opens_at < 0 || in.closes_at < 0)
        return new_form(r, 422, "window_invalid");
    /* options: one per line */
    const char *text = page_field(r, "options");
    const char **labels = arena_calloc(r->a, sizeof *labels * (TALLY_MAX_OPTIONS + 2));
    int n = 0;
    if (in.method && strcmp(in.method, "yes_no_abstain") != 0 && text) {
        char *s = arena_strdup(r->a, text), *save = NULL;
        for (char *line = strtok_r(s, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
            if (*line == '\0')
                continue;
            if (n > TALLY_MAX_OPTIONS)
                break;
            labels[n++] = line;
        }
    }
    in.labels = labels;
    in.nlabels = n;
    json_t *rule = json_pack("{s:s}", "preset", page_field(r, "preset") ? page_field(r, "preset") : "");
    in.rule = rule;
    int64_t id = 0;
    int rc = vote_create(page_dc(r), &in, &id);
    json_decref(rule);
    if (rc == WG_EINVAL)
        return new_form(r, 422, page_dc(r)->code);
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/votes/%lld", (long long)id), "flash_vote_created");
}


const struct http_route vote_web_routes[] = {
    {"GET", "/votes", page_votes, HTTP_AUTH, 0, NULL},
    {"GET", "/votes/new", page_vote_new, HTTP_AUTH | HTTP_STAFF, 0, NULL},
    {"POST", "/votes", page_vote_create, HTTP_AUTH | HTTP_CSRF, 16384, NULL},
    {"GET", "/votes/{id}", page_vote, HTTP_AUTH, 0, NULL},
    {"POST", "/votes/{id}/ballot", page_vote_cast, HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"POST", "/votes/{id}/close", page_vote_close, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/votes/{id}/cancel", page_vote_cancel, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/votes/{id}/hands", page_vote_hands, HTTP_AUTH | HTTP_CSRF, 16384, NULL},
    {"POST", "/votes/{id}/hands/confirm", page_vote_hands_confirm, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};

/* ---- on the pages of earlier modules ---- */

/* Under each agenda item of an open meeting: a vote on it (the form takes
 * the item, its matter or else the meeting mode). */
static const char *agenda_vote_url(http_req *r, const struct st_meeting *m, const struct st_agenda *g)
{
    if (g->matter_id)
        return arena_printf(r->a, "/votes/new?agenda=%lld&place=%lld&matter=%lld", (long long)g->id,
                            (long long)m->place_id, (long long)g->matter_id);
    return arena_printf(r->a, "/votes/new?agenda=%lld&place=%lld&mode=meeting", (long long)g->id,
                        (long long)m->place_id);
}

const struct council_page_ext vote_web_council_page = {NULL, agenda_vote_url, "agenda_vote", "vote-link"};

/* The matter page's votes panel: each vote's state in the reader's words. */
static void matter_decorate(http_req *r, json_t *data)
{
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(data, "items"), i, v)
        json_object_set_new(v, "status_label",
                            json_string(page_tr(r, "vote_state_", json_string_value(json_object_get(v, "state")))));
}

const struct matter_page_ext vote_web_matter_page = {"panel_votes", MATTER_SLOT_MAIN, matter_decorate};
