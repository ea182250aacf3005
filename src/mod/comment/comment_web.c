/* The discussion on a page: the thread, posting, reporting, moderating. */
#include "mod/comment/comment_web.h"

#include <string.h>

#include "edge/page.h"
#include "mod/matter/matter_web.h"

json_t *comment_web_thread(http_req *r, const struct subject *s, int *rc)
{
    return comment_thread(page_dc(r), s, rc);
}

/* Back to the subject's page, at a comment. */
static int back(http_req *r, const struct subject *s, int64_t comment_id, const char *flash)
{
    return page_done(r, arena_printf(r->a, "%s#comment-%lld", s->url, (long long)comment_id), flash);
}

int comment_web_post(http_req *r, const char *kind)
{
    int bad = 0;
    int64_t id = http_param_id(r, "id"), cid = 0;
    int64_t parent = page_int_id(page_field(r, "parent_id"), &bad);
    const char *status = NULL;
    struct subject s;
    if (bad)
        return edge_error(r, 422, "parent_invalid", NULL), 0;
    int rc = subject_resolve(page_dc(r), kind, id, &s);
    if (rc == 0)
        rc = comment_post(page_dc(r), &s, parent, page_field(r, "body"), &cid, &status);
    return rc ? edge_fail(r, rc) : back(r, &s, cid, "flash_comment_posted");
}

static int post_on_matter(http_req *r)
{
    return comment_web_post(r, "matter");
}

static int report(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct subject s;
    int rc = id ? comment_report(page_dc(r), id, page_field(r, "reason"), &s) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : back(r, &s, id, "flash_comment_reported");
}

static int moderate(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct subject s;
    int rc = id ? comment_moderate(page_dc(r), id, page_field(r, "action"), page_field(r, "reason"), &s) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : back(r, &s, id, "flash_saved");
}

/* The discussion of a matter, as a panel of its page. */
static json_t *matter_panel(dctx *c, const struct st_matter *m)
{
    struct subject s = {.kind = "matter", .id = m->id, .community_id = m->community_id, .place_path = m->place_path,
                        .title = m->title, .url = arena_printf(c->a, "/matters/%lld", (long long)m->id)};
    int rc;
    return comment_thread(c, &s, &rc);
}

static const struct matter_page_ext matter_page = {"comment_panel", MATTER_SLOT_FOOT, NULL};
const struct matter_ext comment_matter_ext = {.key = "comments", .panel = matter_panel, .page = &matter_page};

const struct http_route comment_web_routes[] = {
    {"POST", "/matters/{id}/comments", post_on_matter, HTTP_AUTH | HTTP_CSRF, 16384, NULL},
    {"POST", "/comments/{id}/report", report, HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"POST", "/comments/{id}/moderation", moderate, HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
