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
    {GET, "/matters", web_matters, A, 0, NULL},
    {GET, "/matters/new", web_matter_new, A, 0, NULL},
    {POST, "/matters", web_matter_create, A | C, 128 * 1024, NULL},
    {GET, "/matters/{id}", web_matter, A, 0, NULL},
    {POST, "/matters/{id}/follow", web_matter_follow, A | C, 4096, NULL},
    {POST, "/matters/{id}/transitions", web_matter_transition, A | C, 8192, NULL},
    {POST, "/matters/{id}/objections", web_objection_create, A | C, 16384, NULL},
    {POST, "/objections/{id}/answer", web_objection_answer, A | C, 16384, NULL},
    {POST, "/matters/{id}/support", web_matter_support, A | C, 1024, NULL},
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

    {GET, "/api/v1/meta", api_meta, J, 0, NULL},
    {GET, "/api/v1/matters", api_matters, J | A, 0, NULL},
    {POST, "/api/v1/matters", api_matter_create, J | A | C, 128 * 1024, NULL},
    {GET, "/api/v1/matters/{id}", api_matter, J | A, 0, NULL},
    {POST, "/api/v1/matters/{id}/transitions", api_matter_transition, J | A | C, 8192, NULL},
    {PUT, "/api/v1/matters/{id}/follow", api_matter_follow, J | A | C, 1024, NULL},
    {DEL, "/api/v1/matters/{id}/follow", api_matter_unfollow, J | A | C, 1024, NULL},
    {POST, "/api/v1/matters/{id}/objections", api_objection_create, J | A | C, 16384, NULL},
    {POST, "/api/v1/objections/{id}/answer", api_objection_answer, J | A | C, 16384, NULL},
    {PUT, "/api/v1/matters/{id}/support", api_matter_support, J | A | C, 1024, NULL},
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

static const char *stage_text(arena *a, enum lang l, const char *d)
{
    const char *now = i18n_get(l, "notice_stage_now"), *st = i18n_get(l, arena_printf(a, "stage_%s", d ? d : ""));
    return arena_printf(a, "%s%s", now ? now : "", st ? st : (d ? d : ""));
}

static const char *objection_text(arena *a, enum lang l, const char *d)
{
    (void)a;
    const char *s = i18n_get(l, d && strcmp(d, "upheld") == 0 ? "notice_objection_upheld" : "notice_objection_not_upheld");
    return s ? s : "";
}

static const struct notify_kind kinds[] = {
    {"matter_stage", stage_text},
    {"objection_answered", objection_text},
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

static const char *matters_url(dctx *c, const struct st_place *p)
{
    return strcmp(p->kind, "household") ? arena_printf(c->a, "/matters?place=%lld", (long long)p->id) : NULL;
}

static const char *councils_url(dctx *c, const struct st_place *p)
{
    return strcmp(p->kind, "household") ? arena_printf(c->a, "/places/%lld/councils", (long long)p->id) : NULL;
}

static const struct place_link links[] = {
    {10, "matters_here", NULL, matters_url},
    {20, "councils", "councils-link", councils_url},
};
static const struct module_ext exts[] = {
    {"place", &links[0]}, {"place", &links[1]}, {NULL, NULL}};

static const struct http_route *const tables[] = {routes, NULL};
const struct module legacy_module = {.name = "legacy", .dir = "web", .routes = tables, .notify_kinds = kinds,
                                    .ext = exts};
