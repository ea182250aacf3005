/*
 * GET /api/v1/search?q=&kind=&place_id=&limit=&offset= (docs/api.md,
 * "Search"): ranked records of the reader's places with the matches
 * marked, and the places (everyone) and people (staff) whose names hold
 * the words.
 */
#include "edge/api.h"
#include "mod/search/search.h"

static int search(http_req *r)
{
    int limit, offset;
    if (api_paging(r, &limit, &offset))
        return 0;
    const char *q = edge_query(r, "q"), *kind = edge_query(r, "kind");
    struct search_query sq = {
        .q = q ? q : "",
        .kind = kind && *kind ? kind : NULL,
        .place_id = api_query_id(r, "place_id"),
        .limit = limit,
        .offset = offset,
    };
    if (sq.place_id < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    struct search_result res;
    int rc = search_run(api_dc(r), &sq, &res);
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, search_json(api_dc(r), &sq, &res));
}

const struct http_route search_api_routes[] = {
    {"GET", "/api/v1/search", search, HTTP_API | HTTP_AUTH, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
