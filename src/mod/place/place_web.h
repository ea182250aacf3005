/*
 * Page pieces of the place module that later modules' pages show too: a
 * place's line (from the street down) with kind labels and, optionally, its
 * responsible persons.
 */
#ifndef WG_MOD_PLACE_WEB_H
#define WG_MOD_PLACE_WEB_H

#include <jansson.h>

#include "http/http.h"
#include "mod/place/place.h"

/* [{place..., kind_label, holders?}] from the street down to p. */
json_t *place_web_line(http_req *r, const struct st_place *p, int with_holders);
/* The links of a place's page that the reader may follow, in order: the
 * place module's own and every later module's (struct place_link):
 * [{url, label, id?}]. */
json_t *place_web_links(http_req *r, const struct st_place *p);
/* The community a staff page is about: ?community=, else the actor's. */
int64_t place_web_community(http_req *r, int *bad);

#endif
