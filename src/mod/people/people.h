/*
 * The people module: self-registration from a building's poster (a new
 * account and a pending claim to one of its households), household claims
 * and their review by community staff (an approved claim makes the person a
 * member and a resident of the household), lists of the people of a place
 * (phones masked) and the audited reveal of a full phone number. Members
 * carry their relation (owner, tenant, family): owners' votes count them.
 *
 * Every function returns 0 or a WG_E* code with c->code set; results live
 * in c->a; json_t values are the caller's.
 */
#ifndef WG_MOD_PEOPLE_H
#define WG_MOD_PEOPLE_H

#include <jansson.h>

#include "kernel/kernel.h"
#include "mod/place/place.h"

#define PEOPLE_NAME_MAX 40 /* code points */
#define PEOPLE_PASSWORD_MIN 8
#define PEOPLE_PASSWORD_MAX 128

extern const struct perm_action people_act_view, people_act_phone, people_act_claims;

/* Self-registration from a building's poster. */
struct people_registration {
    const char *phone, *name, *password;
    int64_t building_id;
    const char *reg_key; /* from the poster's QR code */
    int64_t household_id;
    const char *relation; /* owner tenant family */
};
int people_register(dctx *c, const struct people_registration *r, int64_t *person_id, int64_t *claim_id);
/* A signed-in person claims another household (an owner of several units
 * claims each): the building's poster id and key, a household of it in the
 * person's community and the relation (r's phone, name and password are
 * not used). A pending claim, decided by staff like a registration's;
 * WG_ECONFLICT (claim_exists) when one is pending or approved. */
int people_claim_add(dctx *c, const struct people_registration *r, int64_t *claim_id);
/* The registration page: the building behind a poster's id and key, and
 * its households. No sign-in needed; a wrong key is WG_ENOTFOUND. */
struct people_poster {
    struct st_place building, community;
    struct st_place *households;
    int n;
};
int people_registration_info(dctx *c, int64_t building_id, const char *key, struct people_poster *out);

struct st_claim {
    int64_t id;
    int64_t person_id;
    const char *person_name, *person_phone;
    int64_t household_id;
    const char *household_code, *household_path;
    const char *building_name;
    int64_t community_id;
    const char *relation, *status, *reason;
    int64_t decided_by, decided_at, created_at;
};
/* A community's claims with a status (NULL: any), newest first; *total may be NULL. */
int people_claims(dctx *c, int64_t community_id, const char *status, int limit, int offset, struct st_claim **out,
                  int *n, int *total);
/* approve: 1 approve, 0 reject (reason required). */
int people_claim_decide(dctx *c, int64_t claim_id, int approve, const char *reason);
/* The actor's own household claims, newest first. */
int people_my_claims(dctx *c, struct st_claim **out, int *n);
json_t *people_claim_json(dctx *c, const struct st_claim *cl);

/* The people of a place (any role or claim under it), by name. */
int people_list(dctx *c, int64_t place_id, int limit, int offset, struct st_person **out, int *n);
/* Reveals a full phone number (and the name it belongs to) to staff,
 * audited with the reason given. */
int people_reveal_phone(dctx *c, int64_t person_id, const char *reason, const char **phone, const char **name);

/* The person with this phone, when the actor may do act over her (act
 * NULL: any registered person, for naming an assessor); *name her name.
 * WG_ENOTFOUND "person_not_found" otherwise, whether the phone is unknown or
 * outside the actor's reach (a phone number never tells which), and for a
 * malformed number. */
int people_find(dctx *c, const char *phone, const struct perm_action *act, int64_t *person_id, const char **name);

/* For tools seeding data (the demo, the benchmarks), inside the caller's
 * write transaction and without a check: the person is a member of the
 * household with this relation. */
int people_member_insert(dctx *c, int64_t household_id, int64_t person_id, int64_t community_id,
                         const char *relation);

/* ---- demo ---- */
#define PEOPLE_DEMO_PASSWORD "wugong2026"
/* The demo's sign-ins, printed by `wugong demo` and `wugong serve`. */
void people_demo_print(void);
/* A demo person's id by phone (0 if none), for other modules' demo data. */
int64_t people_demo_person(dctx *c, const char *phone);

/* What a later module adds to each person's row of the staff people page
 * (a module_ext {"people", &its struct people_ext}): its template, rendered
 * with the row (the person's public shape and csrf) where may() says the
 * actor may use it on that person. */
struct people_ext {
    int (*may)(dctx *c, int64_t person_id);
    const char *template;
};

extern const struct module people_module;

#endif
