/*
 * Registration from a poster, household claims and their review, people
 * lists and the audited reveal of a phone number (see people.h).
 */
#include "mod/people/people.h"

#include <string.h>

#include "core/time.h"
#include "core/utf8.h"
#include "mod/people/people_store.h"

#define N PERM_NONE
#define S PERM_SUBTREE
/*                                                                   resident leader grid staff street */
const struct perm_action people_act_view = {"view_people", "list people of a place (phones masked)", {N, S, S, S, S}};
const struct perm_action people_act_phone = {"view_phone", "see a full phone number (audited)", {N, N, S, S, S}};
const struct perm_action people_act_claims = {"decide_claim", "approve or reject a household claim", {N, N, N, S, S}};
#undef N
#undef S

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static int relation_valid(const char *r)
{
    return r && (strcmp(r, "owner") == 0 || strcmp(r, "tenant") == 0 || strcmp(r, "family") == 0);
}

int people_register(dctx *c, const struct people_registration *r, int64_t *person_id, int64_t *claim_id)
{
    struct st_place b, h;
    int rc;
    if (!person_phone_valid(r->phone))
        return dctx_fail(c, WG_EINVAL, "phone_invalid", "phone");
    if ((rc = dctx_text(c, r->name, PEOPLE_NAME_MAX, 1, "name", "name_invalid", "name_invalid")))
        return rc;
    size_t pl = r->password ? strlen(r->password) : 0;
    if (pl < PEOPLE_PASSWORD_MIN || pl > PEOPLE_PASSWORD_MAX)
        return dctx_fail(c, WG_EINVAL, "password_invalid", "password");
    if (!relation_valid(r->relation))
        return dctx_fail(c, WG_EINVAL, "relation_invalid", "relation");
    if ((rc = place_of_kind(c, r->building_id, "building", "building_not_found", &b)))
        return rc;
    if (b.reg_key == NULL || r->reg_key == NULL || strcmp(b.reg_key, r->reg_key) != 0)
        return dctx_fail(c, WG_ENOTFOUND, "poster_key_invalid", "key");
    rc = tree_get(c->st, c->a, r->household_id, &h);
    if (rc == WG_ENOTFOUND || (rc == 0 && (strcmp(h.kind, "household") != 0 || h.parent_id != b.id)))
        return dctx_fail(c, WG_EINVAL, "household_invalid", "household_id");
    if (rc)
        return rc;
    char hash[128];
    if (person_password_hash(r->password, hash) != 0)
        return dctx_fail(c, WG_EINVAL, "password_invalid", "password");
    struct st_person p = {.phone = r->phone, .name = r->name, .pw_hash = hash,
                          .community_id = b.community_id, .created_at = c->now};
    rc = store_begin(c->st);
    if (rc)
        return rc;
    rc = person_insert(c->st, &p);
    if (rc == WG_ECONFLICT)
        return dctx_fail(c, store_end(c->st, rc), "phone_taken", "phone");
    struct st_claim cl = {.person_id = p.id, .household_id = h.id, .community_id = b.community_id,
                          .relation = r->relation, .created_at = c->now};
    if (rc == 0)
        rc = people_store_claim_insert(c->st, &cl);
    if (rc == 0) {
        struct st_audit e = {.at = c->now, .actor_id = p.id, .ip = c->ip, .action = "register",
                             .target = h.path, .community_id = b.community_id};
        rc = audit_insert(c->st, &e);
    }
    if ((rc = store_end(c->st, rc)))
        return rc;
    *person_id = p.id;
    *claim_id = cl.id;
    return 0;
}

int people_claim_add(dctx *c, const struct people_registration *r, int64_t *claim_id)
{
    struct st_place b, h;
    int rc;
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    if (!relation_valid(r->relation))
        return dctx_fail(c, WG_EINVAL, "relation_invalid", "relation");
    if ((rc = place_of_kind(c, r->building_id, "building", "building_not_found", &b)))
        return rc;
    if (b.reg_key == NULL || r->reg_key == NULL || strcmp(b.reg_key, r->reg_key) != 0)
        return dctx_fail(c, WG_ENOTFOUND, "poster_key_invalid", "key");
    rc = tree_get(c->st, c->a, r->household_id, &h);
    /* a household of the building, in the community the person belongs to */
    if (rc == WG_ENOTFOUND || (rc == 0 && (strcmp(h.kind, "household") != 0 || h.parent_id != b.id ||
                                           b.community_id != c->actor->home_community)))
        return dctx_fail(c, WG_EINVAL, "household_invalid", "household_id");
    if (rc || (rc = store_begin(c->st)))
        return rc;
    struct st_claim cl = {.person_id = c->actor->id, .household_id = h.id, .community_id = b.community_id,
                          .relation = r->relation, .created_at = c->now};
    rc = people_store_claim_insert(c->st, &cl);
    if (rc == WG_ECONFLICT)
        return dctx_fail(c, store_end(c->st, rc), "claim_exists", "household_id");
    if (rc == 0) {
        struct st_audit e = {.at = c->now, .actor_id = c->actor->id, .ip = c->ip, .action = "claim",
                             .target = h.path, .community_id = b.community_id};
        rc = audit_insert(c->st, &e);
    }
    if ((rc = store_end(c->st, rc)))
        return rc;
    *claim_id = cl.id;
    return 0;
}

int people_claims(dctx *c, int64_t community_id, const char *status, int limit, int offset, struct st_claim **out,
                  int *n, int *total)
{
    struct st_place cm;
    int rc = place_of_kind(c, community_id, "community", "not_found", &cm);
    if (rc)
        return rc;
    if (status && strcmp(status, "pending") && strcmp(status, "approved") && strcmp(status, "rejected"))
        return dctx_fail(c, WG_EINVAL, "status_invalid", "status");
    rc = perm_check(c, &people_act_claims, cm.path, cm.id);
    if (rc)
        return rc;
    if (total && (rc = people_store_claim_count(c->st, community_id, status, total)))
        return rc;
    return people_store_claims(c->st, c->a, community_id, status, limit, offset, out, n);
}

int people_claim_decide(dctx *c, int64_t claim_id, int approve, const char *reason)
{
    struct st_claim cl;
    int rc = people_store_claim_get(c->st, c->a, claim_id, &cl);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc)
        return rc;
    if ((rc = perm_check(c, &people_act_claims, cl.household_path, cl.community_id)) ||
        (rc = dctx_text(c, reason, REASON_MAX, !approve, "reason", "reason_required", "reason_invalid")))
        return rc;
    if (utf8_blank(reason))
        reason = NULL;
    if (strcmp(cl.status, "pending") != 0)
        return dctx_fail(c, WG_ECONFLICT, "claim_decided", NULL);
    rc = store_begin(c->st);
    if (rc)
        return rc;
    rc = people_store_claim_decide(c->st, claim_id, approve ? "approved" : "rejected", reason, c->actor->id, c->now);
    if (rc == 0 && approve) {
        rc = people_store_member_insert(c->st, cl.household_id, cl.person_id, cl.community_id, cl.relation, c->now);
        if (rc == 0) {
            struct st_role r = {.person_id = cl.person_id, .role = "resident", .place_id = cl.household_id};
            rc = role_insert(c->st, &r);
            if (rc == WG_ECONFLICT) /* already a resident of that household */
                rc = 0;
        }
    }
    if (rc == 0) {
        struct st_audit e = {.at = c->now, .actor_id = c->actor->id, .ip = c->ip,
                             .action = approve ? "claim_approve" : "claim_reject",
                             .target = arena_printf(c->a, "claim:%lld", (long long)claim_id),
                             .detail = reason, .community_id = cl.community_id};
        rc = audit_insert(c->st, &e);
    }
    rc = store_end(c->st, rc);
    return rc == WG_ECONFLICT ? dctx_fail(c, rc, "claim_decided", NULL) : rc;
}

int people_my_claims(dctx *c, struct st_claim **out, int *n)
{
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    return people_store_claims_of(c->st, c->a, c->actor->id, out, n);
}

int people_list(dctx *c, int64_t place_id, int limit, int offset, struct st_person **out, int *n)
{
    struct st_place p;
    int rc = tree_get(c->st, c->a, place_id, &p);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc)
        return rc;
    rc = perm_check(c, &people_act_view, p.path, p.community_id);
    if (rc)
        return rc;
    return people_store_list(c->st, c->a, p.path, limit, offset, out, n);
}

/* The places a person is attached to, for the permission check: their
 * roles' places and their claimed households. */
static int visible_to(dctx *c, int64_t person_id, const struct perm_action *act, int *ok, int64_t *community)
{
    struct st_role *roles;
    struct st_claim *claims;
    int nr, ncl, rc;
    *ok = 0;
    if ((rc = role_list(c->st, c->a, person_id, &roles, &nr)))
        return rc;
    for (int i = 0; i < nr && !*ok; i++)
        if (perm_allows(c->actor, act, roles[i].place_path)) {
            *ok = 1;
            *community = roles[i].community_id;
        }
    if ((rc = people_store_claims_of(c->st, c->a, person_id, &claims, &ncl)))
        return rc;
    for (int i = 0; i < ncl && !*ok; i++)
        if (perm_allows(c->actor, act, claims[i].household_path)) {
            *ok = 1;
            *community = claims[i].community_id;
        }
    return 0;
}

int people_reveal_phone(dctx *c, int64_t person_id, const char *reason, const char **phone, const char **name)
{
    struct st_person p;
    int ok = 0, rc;
    int64_t community = 0;
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    rc = person_get(c->st, c->a, person_id, &p);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc)
        return rc;
    if ((rc = visible_to(c, person_id, &people_act_phone, &ok, &community)))
        return rc;
    if (!ok) {
        audit_log(c, "denied", arena_printf(c->a, "person:%lld", (long long)person_id), "view_phone", 0);
        return dctx_fail(c, WG_ENOTFOUND, "not_found", NULL);
    }
    if ((rc = dctx_text(c, reason, REASON_MAX, 1, "reason", "reason_required", "reason_invalid")))
        return rc;
    rc = audit_log(c, "view_phone", arena_printf(c->a, "person:%lld", (long long)person_id), reason, community);
    if (rc)
        return rc; /* no audit record, no number */
    *phone = p.phone;
    *name = p.name;
    return 0;
}

int people_registration_info(dctx *c, int64_t building_id, const char *key, struct people_poster *out)
{
    int rc = place_of_kind(c, building_id, "building", "building_not_found", &out->building);
    if (rc)
        return rc;
    if (out->building.reg_key == NULL || key == NULL || strcmp(out->building.reg_key, key) != 0)
        return dctx_fail(c, WG_ENOTFOUND, "poster_key_invalid", "key");
    if ((rc = tree_get(c->st, c->a, out->building.community_id, &out->community)))
        return rc;
    return tree_children(c->st, c->a, out->building.id, "household", 500, 0, &out->households, &out->n);
}

int people_member_insert(dctx *c, int64_t household_id, int64_t person_id, int64_t community_id,
                         const char *relation)
{
    return people_store_member_insert(c->st, household_id, person_id, community_id, relation, c->now);
}

json_t *people_claim_json(dctx *c, const struct st_claim *cl)
{
    json_t *o = json_pack("{s:I, s:o, s:o, s:o, s:s, s:s, s:o}", "id", (json_int_t)cl->id, "person",
                          json_pack("{s:I, s:s, s:s}", "id", (json_int_t)cl->person_id, "name", cl->person_name,
                                    "phone", person_phone_mask(c->a, cl->person_phone)),
                          "household", json_pack("{s:I, s:o}", "id", (json_int_t)cl->household_id, "code",
                                                 str_or_null(cl->household_code)),
                          "building", str_or_null(cl->building_name), "relation", cl->relation, "status",
                          cl->status, "reason", str_or_null(cl->reason));
    json_object_set_new(o, arena_printf(c->a, "is_%s", cl->status), json_true());
    time_json_pair(o, "created_at", cl->created_at);
    return time_json_pair(o, "decided_at", cl->decided_at);
}

int people_find(dctx *c, const char *phone, const struct perm_action *act, int64_t *person_id, const char **name)
{
    struct st_person p;
    int64_t community = 0;
    int rc = phone && person_phone_valid(phone) ? person_by_phone(c->st, c->a, phone, &p) : WG_ENOTFOUND;
    if (rc == 0 && act != NULL && c->actor == NULL)
        rc = WG_ENOTFOUND;
    if (rc == 0 && act != NULL) { /* a denial is audited, and reads as no one found */
        rc = actor_check_over(c, act, p.id, &community);
        rc = rc == WG_ENOTFOUND || rc == WG_EPERM ? WG_ENOTFOUND : rc;
    }
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "person_not_found", "phone");
    if (rc)
        return rc;
    *person_id = p.id;
    if (name)
        *name = p.name;
    return 0;
}
