/* Sign-in codes: issuing one, and setting a password with it (see passcode.h). */
#include "mod/passcode/passcode.h"

#include <assert.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/time.h"
#include "edge/session.h"
#include "mod/passcode/passcode_store.h"
#include "mod/people/people.h"

#define N PERM_NONE
#define S PERM_SUBTREE

const struct perm_action passcode_act_issue = {"issue_passcode",
                                               "issue a one-time code to set a resident's password", {N, N, S, S, S}};
const struct perm_action passcode_act_issue_staff = {"issue_staff_passcode",
                                                     "issue a one-time code to set a staff member's password",
                                                     {N, N, N, N, S}};

/* In the open transaction: the entry stands or falls with the change. */
static int audit(dctx *c, const char *action, int64_t person_id, int64_t community_id)
{
    struct st_audit e = {.at = c->now, .actor_id = c->actor ? c->actor->id : 0, .community_id = community_id,
                         .ip = c->ip, .action = action,
                         .target = arena_printf(c->a, "person:%lld", (long long)person_id)};
    return audit_insert(c->st, &e);
}

/* The person a code may be issued for (she has a phone), and the action it takes. */
static int target(dctx *c, int64_t person_id, struct actor **who, const struct perm_action **act)
{
    int rc = actor_load(c, person_id, who);
    if (rc == WG_ENOTFOUND || (rc == 0 && ((*who)->phone == NULL || !*(*who)->phone))) /* never signs in */
        return dctx_fail(c, WG_ENOTFOUND, "not_found", "person_id");
    *act = rc == 0 && (*who)->is_staff ? &passcode_act_issue_staff : &passcode_act_issue;
    return rc;
}

int passcode_may_issue(dctx *c, int64_t person_id)
{
    struct actor *who = NULL;
    const struct perm_action *act = NULL;
    if (c->actor == NULL || target(c, person_id, &who, &act))
        return 0;
    /* as actor_check_over: at her first role's place (a claimant without a
     * role is not on the people list; passcode_issue reaches her through
     * her community) */
    return who->nroles > 0 && perm_allows(c->actor, act, who->roles[0].place_path);
}

int passcode_issue(dctx *c, int64_t person_id, struct passcode_issued *out)
{
    struct actor *who = NULL;
    char *code = out->code;
    int64_t community = 0;
    const struct perm_action *act = NULL;
    int rc = target(c, person_id, &who, &act);
    if (rc || (rc = actor_check_over(c, act, person_id, &community)))
        return rc;
    snprintf(code, PASSCODE_DIGITS + 1, "%0*u", PASSCODE_DIGITS, randombytes_uniform(PASSCODE_SPACE));
    char hash[128];
    if (person_password_hash(code, hash) != 0)
        return WG_EDB;
    struct st_passcode p = {.person_id = person_id, .community_id = community, .code_hash = hash,
                            .issued_by = c->actor->id, .issued_at = c->now,
                            .expires_at = c->now + PASSCODE_DAYS * TIME_DAY};
    if ((rc = store_begin(c->st)))
        return rc;
    rc = passcode_store_put(c->st, &p);
    if (rc == 0)
        rc = audit(c, "passcode_issue", person_id, community);
    if ((rc = store_end(c->st, rc)) == 0) {
        out->expires_at = p.expires_at;
        out->name = who->name;
        out->phone_masked = person_phone_mask(c->a, who->phone);
    }
    return rc;
}

static int invalid(dctx *c)
{
    return dctx_fail(c, WG_EINVAL, "passcode_invalid", "code");
}

static int code_shaped(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n != PASSCODE_DIGITS)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (code[i] < '0' || code[i] > '9')
            return 0;
    return 1;
}

/* A wrong try: counted, and the code spent at the last one. */
static int wrong(dctx *c, const struct st_passcode *p)
{
    int gone = 0, rc = store_begin(c->st);
    if (rc)
        return rc;
    rc = p->tries + 1 >= PASSCODE_TRIES ? passcode_store_spend(c->st, p->person_id, p->code_hash, &gone)
                                        : passcode_store_tried(c->st, p->person_id, p->code_hash);
    if (rc == 0)
        rc = audit(c, "passcode_wrong", p->person_id, p->community_id);
    rc = store_end(c->st, rc);
    return rc ? rc : invalid(c);
}

int passcode_redeem(dctx *c, const char *phone, const char *code, const char *password, int64_t *person_id)
{
    struct st_person who;
    struct st_passcode p;
    if (!person_phone_valid(phone))
        return dctx_fail(c, WG_EINVAL, "phone_invalid", "phone");
    size_t pl = password ? strlen(password) : 0;
    if (pl < PEOPLE_PASSWORD_MIN || pl > PEOPLE_PASSWORD_MAX)
        return dctx_fail(c, WG_EINVAL, "password_invalid", "password");
    if (!code_shaped(code))
        return invalid(c);
    int rc = person_by_phone(c->st, c->a, phone, &who);
    if (rc == 0)
        rc = passcode_store_get(c->st, c->a, who.id, &p);
    if (rc == WG_ENOTFOUND) {
        (void)person_password_verify(PERSON_DUMMY_HASH, code); /* the time of a real check */
        return invalid(c);
    }
    if (rc)
        return rc;
    if (p.expires_at <= c->now || p.tries >= PASSCODE_TRIES) {
        (void)person_password_verify(p.code_hash, code);
        return invalid(c);
    }
    if (!person_password_verify(p.code_hash, code))
        return wrong(c, &p);
    char hash[128];
    int gone = 0;
    if (person_password_hash(password, hash) != 0)
        return dctx_fail(c, WG_EINVAL, "password_invalid", "password");
    if ((rc = store_begin(c->st)))
        return rc;
    rc = passcode_store_spend(c->st, who.id, p.code_hash, &gone); /* once, however many at once */
    if (rc == 0 && !gone)
        rc = invalid(c);
    if (rc == 0)
        rc = person_set_password(c->st, who.id, hash);
    if (rc == 0)
        rc = session_end_person(c->st, who.id);
    if (rc == 0)
        rc = audit(c, "passcode_used", who.id, p.community_id);
    if ((rc = store_end(c->st, rc)) == 0 && person_id)
        *person_id = who.id;
    return rc;
}
