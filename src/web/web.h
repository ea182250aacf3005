/* HTML pages: handlers that call the domain and render compiled-in templates. */
#ifndef WG_WEB_H
#define WG_WEB_H

#include "http/http.h"
#include "edge/page.h"
#define web_base_ctx page_ctx /* transitional */
#define web_render page_render


int web_home(http_req *r);
int web_staff(http_req *r);

/* ---- councils and meetings (web/pages_council.c) ---- */
int web_place_councils(http_req *r);
int web_council_create(http_req *r);
int web_feed_key(http_req *r);
int web_meetings_ics(http_req *r);
int web_council(http_req *r);
int web_meeting_add(http_req *r);
int web_meeting(http_req *r);
int web_meeting_move(http_req *r);
int web_meeting_cancel(http_req *r);
int web_agenda_add(http_req *r);
int web_agenda_move(http_req *r);
int web_agenda_remove(http_req *r);
int web_agenda_outcome(http_req *r);
int web_meeting_signin_form(http_req *r);
int web_meeting_signin(http_req *r);
int web_meeting_attend(http_req *r);
int web_meeting_proxy(http_req *r);
int web_meeting_minutes(http_req *r);
int web_meeting_close(http_req *r);
/* ---- end councils and meetings ---- */
/* For the per-feature page files: the context every page starts from
 * (language, CSRF token, signed-in person) and rendering a template
 * (ctx is stolen). */
#include <jansson.h>

/* calls for opinions (pages_opinion.c) */
/* votes (src/web/pages_vote.c), and the page helpers of pages.c they use */
#include <jansson.h>
json_t *web_matter_votes(http_req *r, int64_t matter_id);
int web_vote(http_req *r);
int web_vote_new(http_req *r);
int web_vote_create(http_req *r);
int web_vote_cast(http_req *r);
int web_vote_close(http_req *r);
int web_vote_cancel(http_req *r);
int web_vote_hands(http_req *r);
int web_vote_hands_confirm(http_req *r);
/* end votes */
/* meeting photos (web/pages_meeting_photo.c) */
int web_meeting_photos_add(http_req *r);
/* end meeting photos */

#endif
