/*
 * Disclosure pages: the board of a community (/disclosure?community=ID):
 * per kind its schedule, status (on time, or overdue and for how many
 * days), latest item; the archive by kind and year with a search
 * (/disclosure/archive); an item (/disclosure/items/{id}) with its photos
 * and, for staff, the forms that edit it before publication or withdraw
 * it; the form of a new item (/disclosure/new); the printable notice for
 * the paper board, with a QR code back to the item's page
 * (/disclosure/items/{id}/notice); the street's overview (/disclosure/overview).
 */
#include <string.h>

#include "core/qr.h"
#include "core/time.h"
#include "edge/export.h"
#include "edge/page.h"
#include "mod/disclosure/disclosure.h"

#define ARCHIVE_PER_PAGE 20

static int64_t community_of(http_req *r)
{
    int bad = 0;
    int64_t id = page_int_id(edge_query(r, "community"), &bad);
    return bad ? -1 : id ? id : actor_community(page_dc(r)->actor);
}

/* Words for an item's kind and state. */
static json_t *label_item(http_req *r, json_t *d)
{
    json_object_set_new(d, "kind_label", json_string(page_tr(r, "disclosure_kind_", json_string_value(json_object_get(d, "kind")))));
    json_object_set_new(d, "state_label", json_string(page_tr(r, "disclosure_state_", json_string_value(json_object_get(d, "state")))));
    const char *state = json_string_value(json_object_get(d, "state"));
    json_object_set_new(d, "is_withdrawn", json_boolean(strcmp(state, "withdrawn") == 0));
    json_object_set_new(d, "is_pending", json_boolean(!strcmp(state, "draft") || !strcmp(state, "scheduled")));
    return d;
}

static void label_kind(http_req *r, json_t *k)
{
    const char *kind = json_string_value(json_object_get(k, "kind"));
    json_t *s = json_object_get(k, "schedule");
    int months = (int)json_integer_value(json_object_get(s, "months"));
    json_object_set_new(k, "kind_label", json_string(page_tr(r, "disclosure_kind_", kind)));
    json_object_set_new(k, "status_label",
                        json_string(page_tr(r, "disclosure_status_", json_string_value(json_object_get(k, "status")))));
    json_object_set_new(k, "is_overdue", json_boolean(strcmp(json_string_value(json_object_get(k, "status")), "overdue") == 0));
    if (s)
        json_object_set_new(k, "every", json_string(months ? page_tr(r, "disclosure_every_", arena_printf(r->a, "%d", months))
                                                           : edge_t(r, "disclosure_every_decision")));
    json_t *latest = json_object_get(k, "latest");
    if (json_is_object(latest))
        label_item(r, latest);
}

static int board_page(http_req *r)
{
    int rc = 0;
    int64_t community = community_of(r);
    json_t *b = community > 0 ? disclosure_board(page_dc(r), community, &rc) : NULL;
    if (b == NULL)
        return edge_fail(r, rc ? rc : WG_ENOTFOUND);
    size_t i;
    json_t *k;
    json_array_foreach(json_object_get(b, "kinds"), i, k) {
        label_kind(r, k);
        json_object_set_new(k, "community_id", json_integer(community));
    }
    json_array_foreach(json_object_get(b, "drafts"), i, k) {
        const char *kind = json_string_value(json_object_get(k, "kind"));
        json_object_set_new(k, "kind_label", json_string(page_tr(r, "disclosure_kind_", kind)));
    }
    json_object_set_new(b, "has_drafts", json_boolean(json_array_size(json_object_get(b, "drafts")) > 0));
    json_t *c = page_ctx(r, "disclosure_title");
    json_object_set_new(c, "board", b);
    export_links(r, c, arena_printf(r->a, "/api/v1/disclosure?community=%lld", (long long)community), NULL);
    return page_render(r, 200, "disclosure_board", c);
}

static int open_board(http_req *r)
{
    int bad = 0;
    int64_t community = page_int_id(page_field(r, "community_id"), &bad);
    int rc = bad ? WG_ENOTFOUND : disclosure_open(page_dc(r), community);
    return rc ? edge_fail(r, rc)
              : page_done(r, arena_printf(r->a, "/disclosure?community=%lld", (long long)community), "flash_disclosure_opened");
}

static int archive_page(http_req *r)
{
    int bad = 0, n = 0, total = 0, *years = NULL, ny = 0;
    struct st_disclosure *ds = NULL;
    long page = edge_int(edge_query(r, "page"), 1, 1, 10000, &bad);
    struct disclosure_query q = {.community_id = community_of(r), .kind = edge_query(r, "kind"), .q = edge_query(r, "q"),
                                 .limit = ARCHIVE_PER_PAGE, .offset = (int)(page - 1) * ARCHIVE_PER_PAGE};
    q.year = (int)edge_int(edge_query(r, "year"), 0, TIME_YEAR_MIN, TIME_YEAR_MAX, &bad);
    if (bad || q.community_id < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (q.community_id == 0)
        return edge_fail(r, WG_ENOTFOUND);
    if (q.kind && *q.kind == '\0')
        q.kind = NULL;
    if (q.q && *q.q == '\0')
        q.q = NULL;
    int rc = disclosure_list(page_dc(r), &q, &ds, &n, &total);
    if (rc || (rc = disclosure_years(page_dc(r), q.community_id, &years, &ny)))
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "disclosure_archive"), *items = json_array(), *ys = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, label_item(r, disclosure_json(page_dc(r), &ds[i])));
    for (int i = 0; i < ny; i++)
        json_array_append_new(ys, json_pack("{s:i, s:b}", "year", years[i], "selected", years[i] == q.year));
    json_object_set_new(c, "items", items);
    json_object_set_new(c, "years", ys);
    json_object_set_new(c, "kinds", page_options(r, disclosure_kinds, "disclosure_kind_", q.kind));
    json_object_set_new(c, "community_id", json_integer(q.community_id));
    json_object_set_new(c, "q", json_string(q.q ? q.q : ""));
    json_object_set_new(c, "total", json_integer(total));
    static const char *const keys[] = {"community", "kind", "year", "q", NULL};
    page_pager(r, c, "/disclosure/archive", keys, (int)page, ARCHIVE_PER_PAGE, total);
    static const char *const keep[] = {"kind", "kind", "year", "year", "q", "q", NULL};
    export_links(r, c, arena_printf(r->a, "/api/v1/disclosure/items?community=%lld", (long long)q.community_id), keep);
    return page_render(r, 200, "disclosure_archive", c);
}

static int item_page(http_req *r)
{
    struct st_disclosure d;
    int64_t id = http_param_id(r, "id");
    int rc = disclosure_get(page_dc(r), id, &d);
    if (rc)
        return edge_fail(r, rc);
    json_t *x = label_item(r, disclosure_json(page_dc(r), &d));
    json_object_set_new(x, "csrf", json_string(edge_req(r)->csrf));
    json_object_set_new(x, "photos_left", json_integer(DISCLOSURE_PHOTOS_MAX - d.nphotos));
    json_object_set_new(x, "is_major", json_boolean(strcmp(d.kind, "major") == 0));
    json_object_set_new(x, "period_month", json_string(arena_strndup(r->a, json_string_value(json_object_get(json_object_get(x, "period"), "start")), 7)));
    json_t *c = page_ctx_title(r, d.title);
    json_object_set_new(c, "item", x);
    return page_render(r, 200, "disclosure_item", c);
}

static int new_page(http_req *r)
{
    struct st_place com;
    int64_t community = community_of(r);
    int rc = community > 0 ? place_get(page_dc(r), community, &com) : WG_ENOTFOUND;
    if (rc == 0 && !perm_allows(page_dc(r)->actor, &disclosure_act_publish, com.path))
        rc = dctx_fail(page_dc(r), WG_EPERM, "forbidden", NULL);
    if (rc)
        return edge_fail(r, rc);
    char month[20];
    time_format_local(page_dc(r)->now, month, sizeof month);
    month[7] = '\0';
    json_t *c = page_ctx(r, "disclosure_new");
    json_object_set_new(c, "community", json_pack("{s:I, s:s}", "id", (json_int_t)com.id, "name", com.name));
    json_object_set_new(c, "kinds", page_options(r, disclosure_kinds, "disclosure_kind_", edge_query(r, "kind")));
    json_object_set_new(c, "month", json_string(month));
    json_object_set_new(c, "photos_max", json_integer(DISCLOSURE_PHOTOS_MAX));
    return page_render(r, 200, "disclosure_new", c);
}

/* The form's publication: now, a draft, or at a local date and time. */
static int form_input(http_req *r, struct disclosure_new *in, struct photo_upload *photos)
{
    disclosure_from_form(&edge_req(r)->form, in);
    if (in->publish && strcmp(in->publish, "at") == 0 && time_parse_local(page_field(r, "publish_at"), &in->publish_at))
        return edge_error(r, 422, "disclosure_publish_invalid", NULL), -1;
    if ((in->nphotos = photo_collect(&edge_req(r)->form, photos, DISCLOSURE_PHOTOS_MAX)) < 0)
        return edge_error(r, 422, "disclosure_too_many_photos", NULL), -1;
    in->photos = photos;
    return 0;
}

static int create(http_req *r)
{
    struct disclosure_new in = {0};
    struct photo_upload photos[DISCLOSURE_PHOTOS_MAX + 1];
    int bad = 0;
    int64_t id = 0;
    in.community_id = page_int_id(page_field(r, "community_id"), &bad);
    if (bad)
        return edge_error(r, 422, "disclosure_community_invalid", NULL), 0;
    if (form_input(r, &in, photos))
        return 0;
    int rc = disclosure_create(page_dc(r), &in, &id);
    return rc ? edge_fail(r, rc)
              : page_done(r, arena_printf(r->a, "/disclosure/items/%lld", (long long)id), "flash_disclosure_saved");
}

static int edit(http_req *r)
{
    struct disclosure_new in = {0};
    struct photo_upload photos[DISCLOSURE_PHOTOS_MAX + 1];
    int64_t id = http_param_id(r, "id");
    if (form_input(r, &in, photos))
        return 0;
    int rc = disclosure_edit(page_dc(r), id, &in);
    return rc ? edge_fail(r, rc)
              : page_done(r, arena_printf(r->a, "/disclosure/items/%lld", (long long)id), "flash_disclosure_saved");
}

static int withdraw(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = disclosure_withdraw(page_dc(r), id, page_field(r, "reason"));
    return rc ? edge_fail(r, rc)
              : page_done(r, arena_printf(r->a, "/disclosure/items/%lld", (long long)id), "flash_disclosure_withdrawn");
}

static int notice_page(http_req *r)
{
    struct st_disclosure d;
    const char *svg = NULL;
    int64_t id = http_param_id(r, "id");
    int rc = disclosure_get(page_dc(r), id, &d);
    if (rc)
        return edge_fail(r, rc);
    const char *url = arena_printf(r->a, "%s/disclosure/items/%lld", edge_options()->base_url, (long long)d.id);
    json_t *x = label_item(r, disclosure_json(page_dc(r), &d));
    if (qr_svg(r->a, url, 6, &svg) == 0)
        json_object_set_new(x, "qr_svg", json_string(svg));
    json_object_set_new(x, "full_url", json_string(url));
    json_t *c = page_ctx_title(r, d.title);
    json_object_set_new(c, "item", x);
    json_object_set_new(c, "printable", json_true());
    return page_render(r, 200, "disclosure_notice", c);
}

static int overview_page(http_req *r)
{
    int rc = 0, bad = 0;
    int64_t place = page_int_id(edge_query(r, "place"), &bad);
    struct st_place p;
    if (bad)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (place == 0 && (rc = place_default_scope(page_dc(r), &p)) == 0)
        place = p.id;
    json_t *o = rc ? NULL : disclosure_overview(page_dc(r), place, &rc);
    if (o == NULL)
        return edge_fail(r, rc);
    size_t i, j;
    json_t *x, *k;
    json_array_foreach(json_object_get(o, "items"), i, x) json_array_foreach(json_object_get(x, "kinds"), j, k)
        label_kind(r, k);
    json_t *c = page_ctx(r, "disclosure_overview");
    json_object_set_new(c, "overview", o);
    export_links(r, c, arena_printf(r->a, "/api/v1/disclosure/overview?place=%lld", (long long)place), NULL);
    return page_render(r, 200, "disclosure_overview", c);
}

#define U HTTP_AUTH | HTTP_CSRF | HTTP_WORKER
const struct http_route disclosure_web_routes[] = {
    {"GET", "/disclosure", board_page, HTTP_AUTH, 0, NULL},
    {"POST", "/disclosure/open", open_board, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"GET", "/disclosure/archive", archive_page, HTTP_AUTH, 0, NULL},
    {"GET", "/disclosure/overview", overview_page, HTTP_AUTH, 0, NULL},
    {"GET", "/disclosure/new", new_page, HTTP_AUTH, 0, NULL},
    {"POST", "/disclosure/items", create, U, PHOTO_BODY_MAX, NULL},
    {"GET", "/disclosure/items/{id}", item_page, HTTP_AUTH, 0, NULL},
    {"POST", "/disclosure/items/{id}", edit, U, PHOTO_BODY_MAX, NULL},
    {"POST", "/disclosure/items/{id}/withdraw", withdraw, HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"GET", "/disclosure/items/{id}/notice", notice_page, HTTP_AUTH, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
#undef U
