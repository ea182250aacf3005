/* The contest page (/contests/{id}): the rubric, a scorecard for those who
 * score, and the ranking with every score, weight and the arithmetic. */
#include <stdlib.h>
#include <string.h>

#include "edge/page.h"
#include "mod/contest/contest.h"

static int page(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = WG_ENOTFOUND;
    json_t *d = id ? contest_detail(page_dc(r), id, &rc) : NULL;
    if (d == NULL)
        return edge_fail(r, rc);
    json_t *c = page_ctx_title(r, json_string_value(json_object_get(d, "title")));
    json_object_set_new(c, "contest", d);
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

const struct http_route contest_web_routes[] = {
    {"GET", "/contests/{id}", page, HTTP_AUTH, 0, NULL},
    {"POST", "/contests/{id}/scores", score, HTTP_AUTH | HTTP_CSRF, 2048, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
