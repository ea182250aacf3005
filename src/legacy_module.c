/*
 * Transitional: the routes of features not yet moved into their module
 */
#include <string.h>

#include "api/api.h"
#include "edge/edge.h"
#include "kernel/module.h"
#include "kernel/notify.h"
#include "mod/place/place.h"
#include "web/web.h"

#define GET "GET"
#define POST "POST"
#define PUT "PUT"
#define DEL "DELETE"
#define A HTTP_AUTH
#define C HTTP_CSRF
#define S HTTP_STAFF
#define J HTTP_API

/* The whole surface of the server: adding an endpoint is a row here plus a
 * function. Every state change is POST/PUT/DELETE and carries HTTP_CSRF. */
static const struct http_route routes[] = {
    {GET, "/", web_home, 0, 0, NULL},
    {GET, "/staff", web_staff, A | S, 0, NULL},
    /* calls for opinions, opinions, photos */

    /* councils and meetings (web/pages_council.c) */
    {GET, "/places/{id}/councils", web_place_councils, A, 0, NULL},
    {POST, "/places/{id}/councils", web_council_create, A | C, 16384, NULL},
    {POST, "/places/{id}/feed-key", web_feed_key, A | C, 1024, NULL},
    {GET, "/places/{id}/meetings.ics", web_meetings_ics, 0, 0, NULL},
    {GET, "/councils/{id}", web_council, A, 0, NULL},
    {POST, "/councils/{id}/meetings", web_meeting_add, A | C, 8192, NULL},
    {GET, "/meetings/{id}", web_meeting, A, 0, NULL},
    {POST, "/meetings/{id}/move", web_meeting_move, A | C, 8192, NULL},
    {POST, "/meetings/{id}/cancel", web_meeting_cancel, A | C, 8192, NULL},
    {POST, "/meetings/{id}/agenda", web_agenda_add, A | C, 8192, NULL},
    {POST, "/agenda/{id}/move", web_agenda_move, A | C, 1024, NULL},
    {POST, "/agenda/{id}/remove", web_agenda_remove, A | C, 1024, NULL},
    {POST, "/agenda/{id}/outcome", web_agenda_outcome, A | C, 8192, NULL},
    {GET, "/meetings/{id}/signin", web_meeting_signin_form, A, 0, NULL},
    {POST, "/meetings/{id}/signin", web_meeting_signin, A | C, 1024, NULL},
    {POST, "/meetings/{id}/attendance", web_meeting_attend, A | C, 1024, NULL},
    {POST, "/meetings/{id}/proxies", web_meeting_proxy, A | C, 1024, NULL},
    {POST, "/meetings/{id}/minutes", web_meeting_minutes, A | C, 128 * 1024, NULL},
    {POST, "/meetings/{id}/close", web_meeting_close, A | C, 1024, NULL},
    /* end councils and meetings */
    /* votes */
    {GET, "/votes/new", web_vote_new, A | S, 0, NULL},
    {POST, "/votes", web_vote_create, A | C, 16384, NULL},
    {GET, "/votes/{id}", web_vote, A, 0, NULL},
    {POST, "/votes/{id}/ballot", web_vote_cast, A | C, 4096, NULL},
    {POST, "/votes/{id}/close", web_vote_close, A | C, 1024, NULL},
    {POST, "/votes/{id}/cancel", web_vote_cancel, A | C, 1024, NULL},
    {POST, "/votes/{id}/hands", web_vote_hands, A | C, 16384, NULL},
    {POST, "/votes/{id}/hands/confirm", web_vote_hands_confirm, A | C, 1024, NULL},
    /* end votes */
    /* meeting photos */
    {POST, "/meetings/{id}/photos", web_meeting_photos_add, A | C, 1024 * 1024, NULL},
    /* end meeting photos */

    /* councils and meetings (api/v1_council.c) */
    {GET, "/api/v1/places/{id}/councils", api_place_councils, J | A, 0, NULL},
    {POST, "/api/v1/councils", api_council_create, J | A | C, 16384, NULL},
    {GET, "/api/v1/councils/{id}", api_council, J | A, 0, NULL},
    {GET, "/api/v1/councils/{id}/meetings", api_council_meetings, J | A, 0, NULL},
    {POST, "/api/v1/councils/{id}/meetings", api_meeting_add, J | A | C, 8192, NULL},
    {GET, "/api/v1/meetings/{id}", api_meeting, J | A, 0, NULL},
    {PUT, "/api/v1/meetings/{id}", api_meeting_move, J | A | C, 8192, NULL},
    {POST, "/api/v1/meetings/{id}/cancel", api_meeting_cancel, J | A | C, 8192, NULL},
    {POST, "/api/v1/meetings/{id}/agenda", api_agenda_add, J | A | C, 8192, NULL},
    {PUT, "/api/v1/meetings/{id}/agenda", api_agenda_reorder, J | A | C, 16384, NULL},
    {DEL, "/api/v1/agenda/{id}", api_agenda_remove, J | A | C, 1024, NULL},
    {PUT, "/api/v1/agenda/{id}/outcome", api_agenda_outcome, J | A | C, 8192, NULL},
    {POST, "/api/v1/meetings/{id}/signin", api_meeting_signin, J | A | C, 1024, NULL},
    {GET, "/api/v1/meetings/{id}/attendance", api_meeting_attendance, J | A, 0, NULL},
    {POST, "/api/v1/meetings/{id}/attendance", api_meeting_attend, J | A | C, 1024, NULL},
    {POST, "/api/v1/meetings/{id}/proxies", api_meeting_proxy, J | A | C, 1024, NULL},
    {PUT, "/api/v1/meetings/{id}/minutes", api_meeting_minutes, J | A | C, 128 * 1024, NULL},
    {POST, "/api/v1/meetings/{id}/close", api_meeting_close, J | A | C, 1024, NULL},
    {POST, "/api/v1/feed-key", api_feed_key, J | A | C, 1024, NULL},
    /* end councils and meetings */
    /* calls for opinions, opinions, photos */
    /* votes */
    {GET, "/api/v1/votes", api_votes, J | A, 0, NULL},
    {POST, "/api/v1/votes", api_vote_create, J | A | C, 16384, NULL},
    {GET, "/api/v1/votes/{id}", api_vote, J | A, 0, NULL},
    {PUT, "/api/v1/votes/{id}/ballot", api_vote_cast, J | A | C, 4096, NULL},
    {POST, "/api/v1/votes/{id}/records", api_vote_record, J | A | C, 4096, NULL},
    {PUT, "/api/v1/votes/{id}/hands", api_vote_hands, J | A | C, 16384, NULL},
    {POST, "/api/v1/votes/{id}/hands/confirm", api_vote_hands_confirm, J | A | C, 1024, NULL},
    {POST, "/api/v1/votes/{id}/close", api_vote_close, J | A | C, 1024, NULL},
    {POST, "/api/v1/votes/{id}/cancel", api_vote_cancel, J | A | C, 1024, NULL},
    {GET, "/api/v1/votes/{id}/export", api_vote_export, J | A, 0, NULL},
    /* a receipt is the key to a secret ballot: never in the access log */
    {GET, "/api/v1/votes/{id}/receipts/{code}", api_vote_receipt, J | A | HTTP_SECRET_PATH, 0, NULL},
    /* end votes */
    /* meeting photos */
    {POST, "/api/v1/meetings/{id}/photos", api_meeting_photos_add, J | A | C | HTTP_UPLOAD, 1024 * 1024, NULL},
    /* end meeting photos */
    {NULL, NULL, NULL, 0, 0, NULL},
};



static const struct notify_kind kinds[] = {
    {"meeting_notice", NULL},
    {"meeting_changed", NULL},
    {"meeting_cancelled", NULL},
    {"vote_opened", NULL},
    {"vote_closing", NULL},
    {"vote_result", NULL},
    {NULL, NULL},
};


static const char *councils_url(dctx *c, const struct st_place *p)
{
    return strcmp(p->kind, "household") ? arena_printf(c->a, "/places/%lld/councils", (long long)p->id) : NULL;
}

static const struct place_link links[] = {
    {20, "councils", "councils-link", councils_url},
};
static const struct module_ext exts[] = {
    {"place", &links[0]}, {NULL, NULL}};

static const struct http_route *const tables[] = {routes, NULL};
const struct module legacy_module = {.name = "legacy", .dir = "web", .routes = tables, .notify_kinds = kinds,
                                    .ext = exts};

/* ---- transitional panels on the matter page, until their modules move ---- */
#include "domain/vote.h"
#include "mod/matter/matter_web.h"

static json_t *votes_panel(dctx *c, const struct st_matter *m)
{
    struct st_vote *vs;
    int n = 0, total = 0;
    json_t *arr = json_array();
    if (vote_list(c, m->id, LIST_LIMIT_MAX, 0, &vs, &n, &total))
        n = 0;
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)vs[i].id, "title", vs[i].title,
                                             "status", vs[i].status));
    int staff = c->actor && c->actor->is_staff;
    if (n == 0 && !staff) {
        json_decref(arr);
        return NULL;
    }
    return json_pack("{s:o, s:b}", "items", arr, "staff", staff);
}

static void votes_decorate(http_req *r, json_t *data)
{
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(data, "items"), i, v)
        json_object_set_new(v, "status_label",
                            json_string(page_tr(r, "vote_state_", json_string_value(json_object_get(v, "status")))));
}

static const struct matter_page_ext votes_page = {"panel_votes", MATTER_SLOT_MAIN, votes_decorate};
static const struct matter_ext votes_ext = {.key = "votes", .panel = votes_panel, .api = 1, .page = &votes_page};
const struct module legacy_votes_module = {.name = "legacy_votes", .dir = "legacy", .matter = &votes_ext};

