/*
 * Reports upward (一表通, STAGES.md co-share: "collect once, use many
 * times"): the street designs a report template once, naming figures of
 * the dashboards' registry (mod/dashboard) and a breakdown for each; every
 * community of the street fills it for a period from the data already in
 * the system, reviews it and submits it; the street sees all of them side
 * by side. A filled report keeps the data it used: the figures' values
 * and breakdowns as computed when it was filled (a snapshot that later
 * records do not change), refilled only while it is a draft.
 *
 * States: draft (filled, may be refilled) -> reviewed (by community staff,
 * with a note; refilling returns it to draft) -> submitted (fixed; the
 * street's staff are told). The street may return a submitted report with
 * a reason: it is a draft again.
 *
 * Permission: design_upward (the street's staff) keeps templates and
 * returns reports; fill_upward (community staff) fills, reviews and
 * submits their community's; both read what they may act on. A figure is
 * computed through dashboard_query_make, so view_dashboard applies too.
 *
 * Ownership: what the rules return lives in c->a; json_t values are the
 * caller's to release.
 */
#ifndef WG_MOD_UPWARD_H
#define WG_MOD_UPWARD_H

#include <jansson.h>

#include "kernel/kernel.h"

#define UPWARD_ITEMS_MAX 30
#define UPWARD_LABEL_MAX 40     /* code points of an item's label */
#define UPWARD_NAME_MAX 60      /* code points of a template's name */
#define UPWARD_TEMPLATES_MAX 100 /* per street */
#define UPWARD_NOTE_MAX 500
#define UPWARD_COMMUNITIES_MAX 200 /* side by side */

extern const struct perm_action upward_act_design, upward_act_fill;

struct upward_item {
    int pos;
    const char *label, *figure, *by; /* by: "" or a breakdown the figure supports */
};

struct st_upward_template {
    int64_t id, street_id, created_by, created_at;
    const char *name, *period_kind, *street_name, *street_path; /* period_kind: month, quarter, year */
    struct upward_item *items;
    int nitems;
};

struct st_upward_report {
    int64_t id, template_id, community_id, filled_by, filled_at, reviewed_by, reviewed_at, submitted_by, submitted_at;
    const char *period, *state, *data, *note, *community_name, *community_path, *template_name, *filled_by_name,
        *reviewed_by_name;
};

int upward_template_create(dctx *c, int64_t street_id, const char *name, const char *period_kind,
                           const struct upward_item *items, int n, int64_t *id);
/* The templates of the street of place_id (a street, or a community under it). */
int upward_templates(dctx *c, int64_t place_id, struct st_upward_template **out, int *n);
int upward_template_get(dctx *c, int64_t id, struct st_upward_template *out);
/* Fills the community's report of the template for the period (a draft;
 * refills a draft or reviewed one); *id the report. */
int upward_fill(dctx *c, int64_t template_id, int64_t community_id, const char *period, int64_t *id);
int upward_report_get(dctx *c, int64_t id, struct st_upward_report *out);
int upward_review(dctx *c, int64_t id, const char *note);
int upward_submit(dctx *c, int64_t id);
int upward_return(dctx *c, int64_t id, const char *reason);
json_t *upward_template_json(dctx *c, const struct st_upward_template *t);
json_t *upward_report_json(dctx *c, const struct st_upward_report *r);
/* The template's reports of every community of the street for the period,
 * side by side: {template, period, communities: [{community, report (or
 * null), values: [text per item]}]}; community staff see their own row. */
json_t *upward_compare(dctx *c, int64_t template_id, const char *period, int *rc);

extern const struct module upward_module;

#endif
