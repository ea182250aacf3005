/* The JSON API under /api/v1: the same domain calls as the pages, as JSON.
 * Documented endpoint by endpoint in docs/api.md. */
#ifndef WG_API_H
#define WG_API_H

#include "http/http.h"

/* votes (src/api/v1_vote.c) */
int api_votes(http_req *r);
int api_vote_create(http_req *r);
int api_vote(http_req *r);
int api_vote_cast(http_req *r);
int api_vote_record(http_req *r);
int api_vote_hands(http_req *r);
int api_vote_hands_confirm(http_req *r);
int api_vote_close(http_req *r);
int api_vote_cancel(http_req *r);
int api_vote_export(http_req *r);
int api_vote_receipt(http_req *r);
/* end votes */
/* calls for opinions (v1_opinion.c) */

/* ---- councils and meetings (api/v1_council.c) ---- */
int api_place_councils(http_req *r);
int api_council_create(http_req *r);
int api_council(http_req *r);
int api_council_meetings(http_req *r);
int api_meeting_add(http_req *r);
int api_meeting(http_req *r);
int api_meeting_move(http_req *r);
int api_meeting_cancel(http_req *r);
int api_agenda_add(http_req *r);
int api_agenda_reorder(http_req *r);
int api_agenda_remove(http_req *r);
int api_agenda_outcome(http_req *r);
int api_meeting_signin(http_req *r);
int api_meeting_attendance(http_req *r);
int api_meeting_attend(http_req *r);
int api_meeting_proxy(http_req *r);
int api_meeting_minutes(http_req *r);
int api_meeting_close(http_req *r);
int api_feed_key(http_req *r);
/* ---- end councils and meetings ---- */
/* ---- meeting photos (api/v1_meeting_photo.c) ---- */
int api_meeting_photos_add(http_req *r);
/* ---- end meeting photos ---- */

#endif
