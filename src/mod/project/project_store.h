/* The project module's SQL (private to mod/project/). */
#ifndef WG_MOD_PROJECT_STORE_H
#define WG_MOD_PROJECT_STORE_H

#include "mod/project/project.h"

int project_store_insert(store *s, struct st_project *p);
int project_store_get(store *s, arena *a, int64_t id, struct st_project *out);
int project_store_by_matter(store *s, arena *a, int64_t matter_id, struct st_project *out);
int project_store_list(store *s, arena *a, int64_t community_id, struct st_project **out, int *n);
int project_store_touch(store *s, int64_t id, int64_t at);
int project_store_lock(store *s, int64_t id);
int project_store_is_organiser(store *s, int64_t project_id, int64_t person_id, int *yes);
int project_store_organiser_add(store *s, int64_t project_id, int64_t person_id, int64_t community_id);
int project_store_organisers(store *s, arena *a, int64_t project_id, int64_t **ids, const char ***names, int *n);

int project_store_tasks(store *s, arena *a, int64_t project_id, struct st_task **out, int *n);
int project_store_task_get(store *s, arena *a, int64_t id, struct st_task *out);
int project_store_task_insert(store *s, const struct st_task *t, int64_t community_id, int64_t *id);
int project_store_task_update(store *s, const struct st_task *t);

int project_store_milestones(store *s, arena *a, int64_t project_id, struct st_milestone **out, int *n);
int project_store_milestone_get(store *s, arena *a, int64_t id, struct st_milestone *out);
int project_store_milestone_insert(store *s, const struct st_milestone *m, int64_t community_id, int64_t at,
                                   int64_t *id);
int project_store_milestone_reach(store *s, int64_t id, int64_t at);

int project_store_money(store *s, arena *a, int64_t project_id, struct st_money **out, int *n);
int project_store_money_insert(store *s, int64_t project_id, int64_t community_id, const struct st_money *m,
                               int64_t *id);

int project_store_contribution_insert(store *s, int64_t project_id, int64_t community_id,
                                     const struct st_contribution *k, int64_t at, int64_t *id);
int project_store_contributions(store *s, arena *a, int64_t project_id, struct st_contribution **out, int *n);

int project_store_event(store *s, int64_t project_id, int64_t community_id, const char *kind, const char *detail,
                        int64_t actor_id, int64_t at);
int project_store_events(store *s, arena *a, int64_t project_id, struct st_pevent **out, int *n);

#endif
