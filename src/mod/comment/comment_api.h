/*
 * The comment module's API handler bodies for any subject: a later
 * module's routes (GET and POST /api/v1/opinions/{id}/comments) call them
 * with its kind.
 */
#ifndef WG_MOD_COMMENT_API_H
#define WG_MOD_COMMENT_API_H

#include "http/http.h"

/* GET .../{id}/comments of a subject of kind: {items, total, may_moderate}. */
int comment_api_list(http_req *r, const char *kind);
/* POST .../{id}/comments: 201 {id, status}. */
int comment_api_post(http_req *r, const char *kind);

#endif
