/*
 * Sign-in codes (一次性设置密码验证码): how a person who has no password (a
 * member imported from the community's roster) or who has forgotten it
 * (often an elderly resident) comes to sign in, without SMS. A grid worker
 * or community staff member, who knows the resident, issues a code for her:
 * PASSCODE_DIGITS random digits, shown once on a slip to hand over, valid
 * PASSCODE_DAYS days. On /passcode she types her phone, the code and a new
 * password; the code is then spent, and every session of hers ends.
 *
 * Only a hash of the code is kept (argon2id, as passwords). A code takes
 * PASSCODE_TRIES wrong tries, then stops working. An unknown phone, a wrong,
 * spent, expired or used-up code all answer the same 422 passcode_invalid,
 * so the form never tells which numbers have accounts or codes. A new code
 * replaces the person's last one.
 *
 * Permission: issue_passcode (grid workers, community staff and the street,
 * over the person's place) for residents and building leaders; a staff
 * member's account (grid worker and up, so one's own as well) only the
 * street resets (issue_staff_passcode); a street's own accounts, of no
 * community, are out of reach (404). Every issue and every use is in the
 * audit log.
 *
 * Ownership: nothing the caller frees.
 */
#ifndef WG_MOD_PASSCODE_H
#define WG_MOD_PASSCODE_H

#include "kernel/kernel.h"

#define PASSCODE_DIGITS 8
#define PASSCODE_SPACE 100000000u /* 10^PASSCODE_DIGITS codes, drawn uniformly (libsodium) */
#define PASSCODE_DAYS 7
#define PASSCODE_TRIES 5

extern const struct perm_action passcode_act_issue, passcode_act_issue_staff;

struct passcode_issued {
    char code[PASSCODE_DIGITS + 1]; /* the digits, shown once */
    int64_t expires_at;
    const char *name, *phone_masked; /* whose (in c->a) */
};

/* A new code for person_id, replacing any earlier one. 404 for a person
 * outside the actor's places (or without a phone), 403 without the action. */
int passcode_issue(dctx *c, int64_t person_id, struct passcode_issued *out);
/* 1 when passcode_issue would issue one for person_id (no audit: to decide
 * what a page shows). */
int passcode_may_issue(dctx *c, int64_t person_id);
/* Sets the password of the person with phone, given her code: 422
 * phone_invalid, password_invalid (PEOPLE_PASSWORD_MIN..MAX bytes), or
 * passcode_invalid (see above). On success the code is spent and her
 * sessions end; *person_id (may be NULL) is who she is. */
int passcode_redeem(dctx *c, const char *phone, const char *code, const char *password, int64_t *person_id);

extern const struct module passcode_module;

#endif
