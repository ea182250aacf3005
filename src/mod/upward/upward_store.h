/* The upward reports' SQL (private to mod/upward/). */
#ifndef WG_MOD_UPWARD_STORE_H
#define WG_MOD_UPWARD_STORE_H

#include "mod/upward/upward.h"

int upward_store_template_insert(store *s, struct st_upward_template *t);
int upward_store_template_count(store *s, int64_t street_id, int *n);
int upward_store_template_get(store *s, arena *a, int64_t id, struct st_upward_template *out);
int upward_store_templates(store *s, arena *a, int64_t street_id, int max, struct st_upward_template **out, int *n);
/* The report of (template, community, period); WG_ENOTFOUND when none. */
int upward_store_report_find(store *s, arena *a, int64_t template_id, int64_t community_id, const char *period,
                             struct st_upward_report *out);
int upward_store_report_get(store *s, arena *a, int64_t id, struct st_upward_report *out);
/* Inserts a draft, or refills one that is not submitted (WG_ECONFLICT when it is). */
int upward_store_report_fill(store *s, arena *a, struct st_upward_report *r);
/* Moves the report from state `from` to `to` with who, when and a note; WG_ECONFLICT when it is not in `from`. */
int upward_store_report_move(store *s, int64_t id, const char *from, const char *to, int64_t by, int64_t at,
                             const char *note);
/* Tells the staff of the street above the community (inside the transaction). */
int upward_store_notify_street(store *s, const struct notify_msg *msg, const char *community_path, int64_t community_id);

#endif
