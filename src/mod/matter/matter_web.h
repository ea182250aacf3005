/*
 * Page pieces of the matter module for later modules' pages: how a panel
 * shows on the matter page, and a list of matters with their labels.
 */
#ifndef WG_MOD_MATTER_WEB_H
#define WG_MOD_MATTER_WEB_H

#include <jansson.h>

#include "http/http.h"
#include "mod/matter/matter.h"

/* Where a panel goes on the matter page. */
enum matter_slot {
    MATTER_SLOT_HEAD, /* inside the matter's card, under its title */
    MATTER_SLOT_MAIN, /* after the card (votes) */
    MATTER_SLOT_FOOT, /* after the next steps, before the timeline (the discussion) */
};

struct matter_page_ext {
    const char *template; /* rendered with the panel's data plus csrf and matter */
    enum matter_slot slot;
    /* Adds what the page needs in the reader's language (labels); may be NULL. */
    void (*decorate)(http_req *r, json_t *data);
};

/* The matters as list items, with stage and category labels. */
json_t *matter_web_items(http_req *r, const struct st_matter *ms, int n);

#endif
