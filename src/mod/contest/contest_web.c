/* The contests (/contests), with the form that opens one for the street;
 * a contest's page (/contests/{id}): the rubric, a scorecard for those who
 * score, the ranking with every score, weight and the arithmetic, and for
 * the street, once scoring has closed, the form that publishes it with
 * praise. */
#include <stdlib.h>
#include <string.h>

#include "core/time.h"
#include "edge/export.h"
#include "edge/page.h"
#include "mod/contest/contest.h"
#include "mod/people/people.h"

/* Rows of criteria the form offers; blank rows are left out. */
#define CONTEST_FORM_ROWS 6

static int list_page(http_req *r)
{
    int rc;
    json_t *l = contest_list(page_dc(r), &rc), *it, *open;
    if (l == NULL)
        return edge_fail(r, rc);
    size_t i;
    json_array_foreach(json_object_get(l, "items"), i, it)
        json_object_set_new(it, "state_label", json_string(page_tr(r, "contest_state_", json_string_value(json_object_get(it, "state")))));
    json_t *c = page_ctx(r, "contests_title");
    export_links(r, c, "/api/v1/contests", NULL);
    json_object_set(c, "contests", json_object_get(l, "items"));
    if ((open = json_object_get(l, "may_open")) != NULL) {
        struct st_place street, *kids = NULL;
        int n = 0, total = 0;
        json_t *rows = json_array(), *coms = json_array();
        for (int k = 0; k < CONTEST_FORM_ROWS; k++)
            json_array_append_new(rows, json_pack("{s:i, s:i}", "row", k, "n", k + 1));
        if (place_get(page_dc(r), json_integer_value(json_object_get(open, "street_id")), &street) == 0 &&
            place_children(page_dc(r), &street, CONTEST_ENTRIES_MAX, 0, &kids, &n, &total) == 0)
            for (int k = 0; k < n; k++)
                if (strcmp(kids[k].kind, "community") == 0)
                    json_array_append_new(coms, json_pack("{s:I, s:s}", "id", (json_int_t)kids[k].id, "name", kids[k].name));
        json_object_set_new(open, "rows", rows);
        json_object_set_new(open, "communities", coms);
        json_object_set(c, "may_open", open);
    }
    json_decref(l);
    return page_render(r, 200, "contests", c);
}

/* A whole number from a form field; *bad set when it is not one. */
static int64_t num(const char *v, int *bad)
{
    char *end;
    long long x = v && *v ? strtoll(v, &end, 10) : 0;
    if (v == NULL || *v == '\0' || *end != '\0' || x < 0 || x > 1000000)
        *bad = 1;
    return (int64_t)x;
}

/* The assessors: phone numbers separated by spaces, commas or lines. */
static int assessors(http_req *r, const char *text, int64_t *out, int *n)
{
    const char *p = text ? text : "";
    *n = 0;
    while (*p) {
        size_t len = strcspn(p, " ,，、\r\n\t");
        if (len > 0) {
            if (*n == CONTEST_ASSESSORS_MAX ||
                people_find(page_dc(r), arena_strndup(r->a, p, len), NULL, &out[*n], NULL) != 0)
                return edge_error(r, 422, "contest_assessors_invalid", NULL), -1;
            (*n)++;
            p += len;
        } else
            p += strncmp(p, "，", 3) == 0 || strncmp(p, "、", 3) == 0 ? 3 : 1;
    }
    return 0;
}

static int create(http_req *r)
{
    struct contest_criterion_in crit[CONTEST_FORM_ROWS];
    int64_t coms[CONTEST_ENTRIES_MAX], ass[CONTEST_ASSESSORS_MAX], id = 0;
    struct contest_new in = {.title = page_field(r, "title"), .criteria = crit, .communities = coms, .assessors = ass};
    int bad = 0;
    in.street_id = page_int_id(page_field(r, "street_id"), &bad);
    in.assessor_weight = num(page_field(r, "assessor_weight"), &bad);
    in.resident_weight = 100 - in.assessor_weight;
    in.winners = num(page_field(r, "winners"), &bad);
    in.priority_days = num(page_field(r, "priority_days"), &bad);
    if (bad)
        return edge_error(r, 422, "contest_form_invalid", NULL), 0;
    if (time_parse_local(page_field(r, "closes") ? page_field(r, "closes") : "", &in.closes_at))
        return edge_error(r, 422, "contest_closes_invalid", NULL), 0;
    for (int k = 0; k < CONTEST_FORM_ROWS; k++) {
        const char *name = page_field(r, arena_printf(r->a, "cname%d", k)), *w = page_field(r, arena_printf(r->a, "cweight%d", k));
        if ((name == NULL || *name == '\0') && (w == NULL || *w == '\0'))
            continue;
        crit[in.ncriteria].weight = num(w, &bad);
        if (bad)
            return edge_error(r, 422, "contest_weights_invalid", NULL), 0;
        crit[in.ncriteria++].name = name ? name : "";
    }
    const struct form *f = &edge_req(r)->form;
    for (size_t k = 0; k < f->n; k++)
        if (strcmp(f->fields[k].name, "community") == 0) {
            if (in.ncommunities == CONTEST_ENTRIES_MAX)
                return edge_error(r, 422, "contest_entries_invalid", NULL), 0;
            coms[in.ncommunities++] = page_int_id(f->fields[k].value, &bad);
        }
    if (bad)
        return edge_error(r, 422, "contest_entries_invalid", NULL), 0;
    if (assessors(r, page_field(r, "assessors"), ass, &in.nassessors))
        return 0;
    int rc = contest_create(page_dc(r), &in, &id);
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/contests/%lld", (long long)id), "flash_contest_opened");
}

static int page(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = WG_ENOTFOUND;
    json_t *d = id ? contest_detail(page_dc(r), id, &rc) : NULL;
    if (d == NULL)
        return edge_fail(r, rc);
    json_object_set_new(d, "may_publish_now", json_boolean(json_is_true(json_object_get(d, "may_publish")) &&
                                                           !json_is_true(json_object_get(d, "published")) &&
                                                           !json_is_true(json_object_get(d, "open"))));
    json_t *e;
    size_t i;
    json_array_foreach(json_object_get(d, "entries"), i, e) {
        char until[40];
        json_t *u = json_object_get(e, "priority_until");
        if (json_is_integer(u) && time_format_local((int64_t)json_integer_value(u), until, sizeof until) == 0)
            json_object_set_new(e, "priority_local", json_string(until));
    }
    json_t *c = page_ctx_title(r, json_string_value(json_object_get(d, "title")));
    json_object_set_new(c, "contest", d);
    export_links(r, c, arena_printf(r->a, "/api/v1/contests/%lld", (long long)id), NULL);
    return page_render(r, 200, "contest", c);
}

static int score(http_req *r)
{
    int64_t id = http_param_id(r, "id"), s[CONTEST_CRITERIA_MAX];
    int bad = 0, n = 0;
    int64_t community = page_int_id(page_field(r, "community_id"), &bad);
    for (; n < CONTEST_CRITERIA_MAX; n++) {
        const char *v = page_field(r, arena_printf(r->a, "s%d", n));
        if (v == NULL)
            break;
        char *end;
        long x = strtol(v, &end, 10);
        if (*v == '\0' || *end != '\0')
            return edge_error(r, 422, "contest_scores_invalid", NULL), 0;
        s[n] = x;
    }
    const char *as = NULL;
    if (bad)
        return edge_error(r, 422, "contest_entry_invalid", NULL), 0;
    int rc = id ? contest_score(page_dc(r), id, community, s, n, &as) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/contests/%lld", (long long)id), "flash_scored");
}

static int publish(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    json_t *praise = json_object();
    const struct form *f = &edge_req(r)->form;
    for (size_t k = 0; k < f->n; k++) /* praise{community id} */
        if (strncmp(f->fields[k].name, "praise", 6) == 0 && f->fields[k].name[6] && *f->fields[k].value)
            json_object_set_new(praise, f->fields[k].name + 6, json_string(f->fields[k].value));
    int rc = id ? contest_publish(page_dc(r), id, praise) : WG_ENOTFOUND;
    json_decref(praise);
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/contests/%lld#ranking", (long long)id), "flash_contest_published");
}

const struct http_route contest_web_routes[] = {
    {"GET", "/contests", list_page, HTTP_AUTH, 0, NULL},
    {"POST", "/contests", create, HTTP_AUTH | HTTP_CSRF, 16384, NULL},
    {"POST", "/contests/{id}/publish", publish, HTTP_AUTH | HTTP_CSRF, 32768, NULL},
    {"GET", "/contests/{id}", page, HTTP_AUTH, 0, NULL},
    {"POST", "/contests/{id}/scores", score, HTTP_AUTH | HTTP_CSRF, 2048, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
