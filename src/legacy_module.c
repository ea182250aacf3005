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
    {POST, "/matters/{id}/comments", web_comment_create, A | C, 16384, NULL},
    {POST, "/comments/{id}/report", web_comment_report, A | C, 8192, NULL},
    {POST, "/comments/{id}/moderation", web_comment_moderate, A | C, 8192, NULL},
    {GET, "/staff", web_staff, A | S, 0, NULL},
    /* calls for opinions, opinions, photos */
    {GET, "/calls", web_calls, A, 0, NULL},
    {GET, "/calls/new", web_call_new, A | S, 0, NULL},
    {POST, "/calls", web_call_create, A | C, 32 * 1024, NULL},
    {GET, "/calls/{id}", web_call, A, 0, NULL},
    {POST, "/calls/{id}/close", web_call_close, A | C, 1024, NULL},
    {POST, "/calls/{id}/opinions", web_opinion_create, A | C, 1024 * 1024, NULL},
    {GET, "/opinions/{id}", web_opinion, A, 0, NULL},
    {POST, "/opinions/{id}/support", web_opinion_support, A | C, 1024, NULL},
    {POST, "/opinions/{id}/merge", web_opinion_merge, A | C, 1024, NULL},
    {POST, "/opinions/{id}/adopt", web_opinion_adopt, A | C, 8192, NULL},
    {POST, "/opinions/{id}/comments", web_opinion_comment_create, A | C, 16384, NULL},
    {GET, "/photos/{id}", web_photo, A, 0, NULL},

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

    {GET, "/api/v1/matters/{id}/comments", api_comments, J | A, 0, NULL},
    {POST, "/api/v1/matters/{id}/comments", api_comment_create, J | A | C, 16384, NULL},
    {POST, "/api/v1/comments/{id}/report", api_comment_report, J | A | C, 8192, NULL},
    {POST, "/api/v1/comments/{id}/moderation", api_comment_moderate, J | A | C, 8192, NULL},
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
    {GET, "/api/v1/calls", api_calls, J | A, 0, NULL},
    {POST, "/api/v1/calls", api_call_create, J | A | C, 32 * 1024, NULL},
    {GET, "/api/v1/calls/{id}", api_call, J | A, 0, NULL},
    {POST, "/api/v1/calls/{id}/close", api_call_close, J | A | C, 1024, NULL},
    {GET, "/api/v1/calls/{id}/opinions", api_opinions, J | A, 0, NULL},
    {POST, "/api/v1/calls/{id}/opinions", api_opinion_create, J | A | C | HTTP_UPLOAD, 1024 * 1024, NULL},
    {GET, "/api/v1/opinions/{id}", api_opinion, J | A, 0, NULL},
    {PUT, "/api/v1/opinions/{id}/support", api_opinion_support, J | A | C, 1024, NULL},
    {DEL, "/api/v1/opinions/{id}/support", api_opinion_unsupport, J | A | C, 1024, NULL},
    {POST, "/api/v1/opinions/{id}/merge", api_opinion_merge, J | A | C, 1024, NULL},
    {POST, "/api/v1/opinions/{id}/adopt", api_opinion_adopt, J | A | C, 8192, NULL},
    {GET, "/api/v1/opinions/{id}/comments", api_opinion_comments, J | A, 0, NULL},
    {POST, "/api/v1/opinions/{id}/comments", api_opinion_comment_create, J | A | C, 16384, NULL},
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
    {"call_opened", NULL},
    {"opinion_merged", NULL},
    {"opinion_adopted", NULL},
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
#include "domain/opinion.h"
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

static json_t *from_call_panel(dctx *c, const struct st_matter *m)
{
    struct st_opinion o;
    struct st_call cl;
    if (opinion_of_matter(c, m->id, &o, &cl) != 0)
        return NULL;
    return json_pack("{s:I, s:s, s:I}", "id", (json_int_t)cl.id, "title", cl.title, "opinion_id", (json_int_t)o.id);
}

static const struct matter_page_ext from_call_page = {"panel_from_call", MATTER_SLOT_HEAD, NULL};
static const struct matter_ext from_call_ext = {
    .key = "from_call", .panel = from_call_panel, .api = 1, .page = &from_call_page};
const struct module legacy_calls_module = {.name = "legacy_calls", .dir = "legacy", .matter = &from_call_ext};

static json_t *comments_panel(dctx *c, const struct st_matter *m)
{
    struct st_comment *cs;
    int n = 0;
    if (comment_list(c, m->id, &cs, &n))
        return NULL;
    int mod = comment_may_moderate(c, m);
    json_t *cj = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = view_comment(c, &cs[i], mod);
        json_object_set_new(o, "is_hidden", json_boolean(strcmp(cs[i].status, "hidden") == 0));
        json_object_set_new(o, "is_pending", json_boolean(strcmp(cs[i].status, "pending") == 0));
        json_object_set_new(o, "may_reply",
                            json_boolean(strcmp(cs[i].status, "visible") == 0 && cs[i].depth < COMMENT_DEPTH_MAX));
        json_object_set_new(o, "moderator", json_boolean(mod));
        json_array_append_new(cj, o);
    }
    return json_pack("{s:o, s:s}", "comments", cj, "comments_base",
                     arena_printf(c->a, "/matters/%lld", (long long)m->id));
}

static const struct matter_page_ext comments_page = {"panel_comments", MATTER_SLOT_FOOT, NULL};
static const struct matter_ext comments_ext = {.key = "comments", .panel = comments_panel, .page = &comments_page};
const struct module legacy_comments_module = {.name = "legacy_comments", .dir = "legacy", .matter = &comments_ext};
