/*
 * Page pieces of the comment module for the pages of any subject: the
 * thread as the "comments" template shows it, and the handler bodies of
 * posting to a subject (a later module's route calls them with its kind).
 */
#ifndef WG_MOD_COMMENT_WEB_H
#define WG_MOD_COMMENT_WEB_H

#include <jansson.h>

#include "http/http.h"
#include "mod/comment/comment.h"

/* {comments, comments_base} for the "comments" template, or NULL with *rc
 * set when the thread cannot be read. */
json_t *comment_web_thread(http_req *r, const struct subject *s, int *rc);
/* POST {base}/comments of a subject of kind with the path's {id}: posts,
 * then back to the subject's page at the new comment. */
int comment_web_post(http_req *r, const char *kind);

#endif
