/*
 * Duty rotas (值班、保洁轮值; STAGES.md co-manage): who does a task where and
 * when (a rota at a place or a facility, and its duties, each a person and
 * a time). The day before a duty its person is reminded (job rota.remind);
 * a duty not marked done by ROTA_GRACE after its end is flagged missed
 * (job rota.check), and the rota's page counts the missed per person. Two
 * people swap duties only with both agreeing: one asks, naming the other's
 * duty; the other accepts (the people of the two duties are exchanged) or
 * declines.
 *
 * Permission: the community reads its rotas; manage_rota (grid workers,
 * community staff, the street) makes rotas and duties and may mark any
 * duty done; a duty's person marks it done and asks for swaps.
 *
 * Ownership: what the rules return lives in c->a; json_t values are the
 * caller's to release.
 */
#ifndef WG_MOD_ROTA_H
#define WG_MOD_ROTA_H

#include <jansson.h>

#include "kernel/kernel.h"
#include "mod/facility/facility.h"
#include "mod/place/place.h"

#define ROTA_TEXT_MAX 100
#define ROTA_NOTE_MAX 500
#define ROTA_GRACE (12 * 3600)     /* after a duty's end, time to mark it done */
#define ROTA_DUTY_MAX (7 * 86400)  /* the longest duty */
#define ROTA_DUTIES_SHOWN 200
#define ROTA_SWAPS_SHOWN 400 /* the swaps a rota's managers see, newest first */
#define ROTA_LIST_MAX 100

extern const struct perm_action rota_act_manage;

struct st_rota {
    int64_t id, community_id, place_id, facility_id, created_at;
    const char *title, *task, *place_name, *place_path, *facility_name;
};

struct st_duty {
    int64_t id, rota_id, community_id, person_id, starts_at, ends_at, done_at;
    const char *status, *note, *person_name; /* status: scheduled, done, missed */
};

struct st_swap {
    int64_t id, duty_id, other_duty_id, requester_id, responder_id, created_at;
    const char *status; /* pending, accepted, declined */
};

int rota_create(dctx *c, int64_t place_id, int64_t facility_id, const char *title, const char *task, int64_t *id);
int rota_get(dctx *c, int64_t id, struct st_rota *out);
int rota_list(dctx *c, int64_t community_id, struct st_rota **out, int *n);
/* A duty for the person with this phone (of the rota's community), from starts to ends ("YYYY-MM-DD HH:MM"). */
int rota_duty_add(dctx *c, int64_t rota_id, const char *phone, const char *starts, const char *ends, int64_t *id);
/* The duty's person (or manage_rota) marks it done, from its start until ROTA_GRACE after its end. */
int rota_duty_done(dctx *c, int64_t duty_id, const char *note);
/* The duty's person asks the person of other_duty to swap. */
int rota_swap_ask(dctx *c, int64_t duty_id, int64_t other_duty_id, int64_t *swap_id);
/* The one asked accepts (accept 1) or declines. */
int rota_swap_answer(dctx *c, int64_t swap_id, int accept);

/* The rota with its duties, the missed counted per person, the swaps the actor is asked. */
json_t *rota_detail(dctx *c, int64_t id, int *rc);
json_t *rota_json(dctx *c, const struct st_rota *r);

extern const struct module rota_module;

#endif
