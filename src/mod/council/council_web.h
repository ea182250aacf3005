/*
 * Page pieces of the council module for later modules: what they show on a
 * meeting's page (struct council_ext's page).
 */
#ifndef WG_MOD_COUNCIL_WEB_H
#define WG_MOD_COUNCIL_WEB_H

#include <jansson.h>

#include "http/http.h"
#include "mod/council/council.h"

struct council_page_ext {
    /* The panel's template, rendered with its data plus csrf and meeting. */
    const char *template;
    /* A link under each agenda item, for those who run an open meeting:
     * its address (NULL: none), text and class. */
    const char *(*item_url)(http_req *r, const struct st_meeting *m, const struct st_agenda *g);
    const char *item_label_key;
    const char *item_class;
};

#endif
