/* Points: the ledger's rules (see points.h). */
#include "mod/points/points.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/time.h"
#include "kernel/actor.h"
#include "kernel/audit.h"
#include "kernel/perm.h"
#include "kernel/tree.h"
#include "mod/place/place.h"
#include "mod/points/points_int.h"
#include "mod/points/points_store.h"

#define N PERM_NONE
#define S PERM_SUBTREE
const struct perm_action points_act_view = {"view_points", "read a person's points statement", {N, N, S, S, S}};
const struct perm_action points_act_manage = {"manage_points", "award points by hand and reverse a transaction",
                                              {N, N, N, S, S}};
#undef N
#undef S

const struct setting_def points_settings[] = {
    [POINTS_SET_VOLUNTEER_HOUR] = {"points_volunteer_hour", 0, 1000, 5}, /* per confirmed volunteer hour */
    [POINTS_SET_COUNCIL] = {"points_council_attend", 0, 1000, 2},       /* per council meeting attended */
    [POINTS_SET_REPORT] = {"points_report_useful", 0, 1000, 1},         /* per report confirmed useful */
    [POINTS_SET_DAY_CAP] = {"points_day_cap", 0, 100000, 20},           /* earned per holder per day; 0: none */
    [POINTS_SET_MONTH_CAP] = {"points_month_cap", 0, 1000000, 200},     /* per month; 0: none */
    [POINTS_SET_HOLDER] = {"points_holder", 0, 1, 0},                   /* 0: each person, 1: the household */
    [POINTS_SET_EXPIRE] = {"points_expire_mmdd", 0, 1231, 0},           /* e.g. 1231: held points expire each 31 Dec */
    {NULL, 0, 0, 0},
};

static const struct points_rule rules[] = {
    {"volunteer_hour", "points_volunteer_hour", 60}, /* counted in minutes, paid per hour */
    {"council_attend", "points_council_attend", 1},
    {"report_useful", "points_report_useful", 1},
    {NULL, NULL, 0},
};

#define CN_OFFSET TIME_ZONE_OFFSET /* days and months are counted in China's time */

static int64_t day_start(int64_t now) { return (now + CN_OFFSET) / 86400 * 86400 - CN_OFFSET; }

static int64_t month_start(int64_t now)
{
    time_t t = (time_t)(now + CN_OFFSET);
    struct tm tm;
    gmtime_r(&t, &tm);
    tm.tm_mday = 1;
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    return (int64_t)timegm(&tm) - CN_OFFSET;
}

/* The next expiry after now for a date MMDD (China time, the end of that
 * day), or 0 when mmdd is not a date. */
static int64_t next_expiry(int64_t now, long mmdd)
{
    int m = (int)(mmdd / 100), d = (int)(mmdd % 100);
    if (m < 1 || m > 12 || d < 1 || d > time_month_days(2001, m)) /* 29 Feb is not a yearly date */
        return 0;
    time_t t = (time_t)(now + CN_OFFSET);
    struct tm tm;
    gmtime_r(&t, &tm);
    for (int y = tm.tm_year + 1900;; y++) {
        int64_t at = (time_days_from_civil(y, m, d) + 1) * 86400 - CN_OFFSET;
        if (at > now)
            return at;
    }
}

static long setting(dctx *c, const char *path, int which)
{
    long v = points_settings[which].def;
    place_line_setting(c, path, &points_settings[which], &v);
    return v;
}

/* Who holds a person's points in the community: they, or their household
 * when the community says so (a person without a household there holds
 * their own). With create, the account is made if absent; without, a
 * missing account is WG_ENOTFOUND. */
int points_holder_account(dctx *c, int64_t community_id, int64_t person_id, const char *path, int create,
                          int64_t *account)
{
    int64_t owner = person_id;
    const char *kind = "person";
    if (setting(c, path, POINTS_SET_HOLDER) == 1) {
        struct actor *who = NULL;
        int rc = actor_load(c, person_id, &who);
        if (rc)
            return rc;
        int64_t hh = actor_household(who, community_id);
        if (hh > 0) {
            owner = hh;
            kind = "household";
        }
    }
    return create ? points_store_account(c->st, community_id, kind, owner, account)
                  : points_store_find(c->st, community_id, kind, owner, account);
}

static int community_path(dctx *c, int64_t community_id, struct st_place *p)
{
    int rc = tree_get(c->st, c->a, community_id, p);
    if (rc == 0 && strcmp(p->kind, "community") != 0)
        rc = WG_ENOTFOUND;
    return rc;
}

/* How much of `want` the caps leave for the holder now. */
static int capped(dctx *c, const char *path, int64_t holder, int64_t want, int64_t *grant)
{
    long day = setting(c, path, POINTS_SET_DAY_CAP), month = setting(c, path, POINTS_SET_MONTH_CAP);
    int64_t got = 0;
    int rc = 0;
    *grant = want;
    if (day > 0 && (rc = points_store_earned_since(c->st, holder, day_start(c->now), &got)) == 0)
        *grant = got >= day ? 0 : (want < day - got ? want : day - got);
    if (rc == 0 && month > 0 && (rc = points_store_earned_since(c->st, holder, month_start(c->now), &got)) == 0) {
        int64_t left = got >= month ? 0 : month - got;
        if (*grant > left)
            *grant = left;
    }
    return rc;
}

/* Posts an earning of amount (capped) to the holder: the caller holds the
 * write transaction. */
/* The next local POINTS_SEAL_HOUR after t. */
static int64_t next_seal(int64_t t)
{
    int64_t at = (time_local_day(t) * TIME_DAY) - TIME_ZONE_OFFSET + POINTS_SEAL_HOUR * 3600;
    return at > t ? at : at + TIME_DAY;
}

/* Writes a transaction's postings (points_store_post), and has the
 * community's accounts sealed at the next POINTS_SEAL_HOUR (the same time
 * for every change of the day: rescheduling leaves the job where it is). */
static int post(dctx *c, const struct points_txn *t, int64_t holder, int64_t from, int64_t to, int64_t *id)
{
    int rc = points_store_post(c->st, t, holder, from, to, id);
    if (rc)
        return rc;
    return job_schedule(c->st, "points.seal", arena_printf(c->a, "points.seal:%lld", (long long)t->community_id),
                        t->community_id, next_seal(c->now), c->now);
}

int points_seal(dctx *c, int64_t community_id, int64_t before)
{
    int64_t through = 0;
    return points_store_seal(c->st, community_id, before, &through);
}

int points_job_seal(dctx *c, const struct job *j)
{
    return points_seal(c, j->ref_id, c->now - POINTS_SEAL_SETTLE);
}

static int earn(dctx *c, const struct st_place *com, int64_t person_id, const char *rule, int64_t amount,
                const char *reason, const char *source_kind, int64_t source_id, const char *key, int64_t *granted,
                int64_t *txn_id)
{
    struct points_txn t = {0};
    int64_t holder, issue;
    int rc = points_store_by_key(c->st, c->a, com->id, key, &t);
    *granted = 0;
    *txn_id = 0;
    if (rc == 0) { /* the same key: the same transaction */
        *granted = t.amount;
        *txn_id = t.id;
        return 0;
    }
    if (rc != WG_ENOTFOUND)
        return rc;
    if ((rc = points_holder_account(c, com->id, person_id, com->path, 1, &holder)) ||
        (rc = points_store_account(c->st, com->id, "issue", 0, &issue)) ||
        (rc = points_store_lock(c->st, issue, holder)))
        return rc;
    if ((rc = capped(c, com->path, holder, amount, granted)) || *granted == 0)
        return rc;
    t = (struct points_txn){.community_id = com->id, .amount = *granted, .source_id = source_id,
                            .actor_id = c->actor ? c->actor->id : 0, .created_at = c->now, .kind = "earn",
                            .rule = rule, .reason = reason, .source_kind = source_kind, .idem_key = key};
    if ((rc = post(c, &t, holder, issue, holder, txn_id)))
        return rc;
    int64_t at = next_expiry(c->now, setting(c, com->path, POINTS_SET_EXPIRE));
    if (at == 0)
        return 0;
    return job_schedule(c->st, "points.expire",
                        arena_printf(c->a, "points.expire:%lld:%lld", (long long)com->id, (long long)at), com->id, at,
                        c->now);
}

/* An audit record inside the open write transaction. */
static int audit_in(dctx *c, const char *action, int64_t txn_id, const char *reason, int64_t community_id)
{
    struct st_audit e = {.at = c->now, .actor_id = c->actor ? c->actor->id : 0, .ip = c->ip, .action = action,
                         .target = arena_printf(c->a, "points_txn:%lld", (long long)txn_id), .detail = reason,
                         .community_id = community_id};
    return audit_insert(c->st, &e);
}

static int check_key(dctx *c, const char *key)
{
    if (key == NULL || key[0] == '\0')
        return dctx_fail(c, WG_EINVAL, "points_key_required", "key");
    if (strlen(key) > POINTS_KEY_MAX)
        return dctx_fail(c, WG_EINVAL, "points_key_invalid", "key");
    return dctx_text(c, key, POINTS_KEY_MAX, 1, "key", "points_key_required", "points_key_invalid");
}

int points_earn(dctx *c, int64_t community_id, int64_t person_id, const char *rule, int64_t qty,
                const char *source_kind, int64_t source_id, const char *idem_key, int64_t *granted,
                int64_t *txn_id)
{
    struct st_place com;
    int i = 0, rc;
    while (rules[i].code != NULL && strcmp(rules[i].code, rule) != 0)
        i++;
    if (rules[i].code == NULL)
        return dctx_fail(c, WG_EINVAL, "points_rule_unknown", "rule");
    if ((rc = check_key(c, idem_key)) || (rc = community_path(c, community_id, &com)))
        return rc;
    long per = points_settings[i].def;
    place_line_setting(c, com.path, &points_settings[i], &per);
    *granted = 0;
    *txn_id = 0;
    if (per <= 0 || qty <= 0 || per * qty / rules[i].unit == 0)
        return 0;
    return earn(c, &com, person_id, rule, per * qty / rules[i].unit, rule, source_kind, source_id, idem_key, granted,
                txn_id);
}

/* The person's community (their first role's) and its place, with the
 * check that the actor may manage points there. */
static int person_community(dctx *c, int64_t person_id, const struct perm_action *act, struct st_place *com)
{
    int64_t community = 0;
    int rc = actor_check_over(c, act, person_id, &community);
    return rc ? rc : community_path(c, community, com);
}

int points_award(dctx *c, int64_t person_id, int64_t amount, const char *reason, const char *idem_key,
                 int64_t *granted, int64_t *txn_id)
{
    struct st_place com;
    int rc;
    if ((rc = person_community(c, person_id, &points_act_manage, &com)))
        return rc;
    if (amount < 1 || amount > POINTS_AWARD_MAX)
        return dctx_fail(c, WG_EINVAL, "points_amount_invalid", "amount");
    if ((rc = dctx_text(c, reason, REASON_MAX, 1, "reason", "reason_required", "reason_invalid")) ||
        (rc = check_key(c, idem_key)) || (rc = store_begin(c->st)))
        return rc;
    rc = earn(c, &com, person_id, "manual", amount, reason, "person", person_id, idem_key, granted, txn_id);
    if (rc == 0 && *txn_id > 0)
        rc = audit_in(c, "points_award", *txn_id, reason, com.id);
    if (rc == 0 && *granted == 0)
        rc = dctx_fail(c, WG_ECONFLICT, "points_cap_reached", "amount");
    return store_end(c->st, rc);
}

int points_reverse_in(dctx *c, int64_t txn_id, const char *reason, int64_t *rev_id)
{
    struct points_txn t;
    int64_t holder, issue, bal;
    int rc = points_store_get(c->st, c->a, txn_id, &t, &holder);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, WG_ENOTFOUND, "not_found", NULL);
    if (rc == 0 && strcmp(t.kind, "earn") != 0)
        rc = dctx_fail(c, WG_ECONFLICT, "points_not_reversible", NULL);
    if (rc == 0)
        rc = points_store_account(c->st, t.community_id, "issue", 0, &issue);
    if (rc == 0)
        rc = points_store_lock(c->st, issue, holder);
    if (rc == 0 && (rc = points_store_get(c->st, c->a, txn_id, &t, &holder)) == 0 && t.reversed_by != 0)
        rc = dctx_fail(c, WG_ECONFLICT, "points_already_reversed", NULL);
    if (rc == 0)
        rc = points_store_balance(c->st, holder, &bal);
    if (rc == 0 && bal < t.amount)
        rc = dctx_fail(c, WG_ECONFLICT, "points_balance_low", NULL);
    if (rc)
        return rc;
    struct points_txn r = {.community_id = t.community_id, .amount = t.amount, .reverses_id = t.id,
                           .actor_id = c->actor ? c->actor->id : 0, .created_at = c->now, .kind = "reverse",
                           .rule = t.rule, .reason = reason, .source_kind = "points_txn", .source_id = t.id,
                           .idem_key = arena_printf(c->a, "reverse:%lld", (long long)t.id)};
    return post(c, &r, holder, holder, issue, rev_id);
}

int points_spend_in(dctx *c, int64_t community_id, int64_t person_id, int64_t amount, const char *reason,
                    const char *source_kind, int64_t source_id, const char *key, int64_t *txn_id)
{
    struct st_place com;
    struct points_txn had;
    int64_t holder, shop, bal;
    int rc = community_path(c, community_id, &com);
    if (rc)
        return rc;
    if (amount < 1)
        return dctx_fail(c, WG_EINVAL, "points_amount_invalid", "amount");
    if (points_store_by_key(c->st, c->a, com.id, key, &had) == 0) {
        *txn_id = had.id;
        return 0;
    }
    if ((rc = points_holder_account(c, com.id, person_id, com.path, 1, &holder)) ||
        (rc = points_store_account(c->st, com.id, "shop", 0, &shop)) || (rc = points_store_lock(c->st, holder, shop)) ||
        (rc = points_store_balance(c->st, holder, &bal)))
        return rc;
    if (bal < amount)
        return dctx_fail(c, WG_ECONFLICT, "points_not_enough", NULL);
    struct points_txn t = {.community_id = com.id, .amount = amount, .source_id = source_id,
                           .actor_id = c->actor ? c->actor->id : 0, .created_at = c->now, .kind = "redeem",
                           .rule = "redeem", .reason = reason, .source_kind = source_kind, .idem_key = key};
    return post(c, &t, holder, holder, shop, txn_id);
}

int points_refund_in(dctx *c, int64_t txn_id, const char *reason, int64_t *rev_id)
{
    struct points_txn t;
    int64_t holder, shop;
    int rc = points_store_get(c->st, c->a, txn_id, &t, &holder);
    if (rc == 0 && strcmp(t.kind, "redeem") != 0)
        rc = dctx_fail(c, WG_ECONFLICT, "points_not_reversible", NULL);
    if (rc == 0)
        rc = points_store_account(c->st, t.community_id, "shop", 0, &shop);
    if (rc == 0)
        rc = points_store_lock(c->st, holder, shop);
    if (rc == 0 && (rc = points_store_get(c->st, c->a, txn_id, &t, &holder)) == 0 && t.reversed_by != 0)
        rc = dctx_fail(c, WG_ECONFLICT, "points_already_reversed", NULL);
    if (rc)
        return rc;
    struct points_txn r = {.community_id = t.community_id, .amount = t.amount, .reverses_id = t.id,
                           .actor_id = c->actor ? c->actor->id : 0, .created_at = c->now, .kind = "refund",
                           .rule = "redeem", .reason = reason, .source_kind = t.source_kind, .source_id = t.source_id,
                           .idem_key = arena_printf(c->a, "refund:%lld", (long long)t.id)};
    return post(c, &r, holder, shop, holder, rev_id);
}

int points_reverse(dctx *c, int64_t txn_id, const char *reason, int64_t *rev_id)
{
    struct points_txn t;
    struct st_place com;
    int64_t holder;
    int rc = points_store_get(c->st, c->a, txn_id, &t, &holder);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, WG_ENOTFOUND, "not_found", NULL);
    if (rc || (rc = community_path(c, t.community_id, &com)) ||
        (rc = perm_check(c, &points_act_manage, com.path, com.id)))
        return rc;
    if (strcmp(t.kind, "earn") != 0)
        return dctx_fail(c, WG_ECONFLICT, "points_not_reversible", NULL);
    if ((rc = dctx_text(c, reason, REASON_MAX, 1, "reason", "reason_required", "reason_invalid")) ||
        (rc = store_begin(c->st)))
        return rc;
    rc = points_reverse_in(c, txn_id, reason, rev_id);
    if (rc == 0)
        rc = audit_in(c, "points_reverse", txn_id, reason, com.id);
    return store_end(c->st, rc);
}

int points_job_expire(dctx *c, const struct job *j)
{
    struct st_place com;
    struct points_held *held = NULL;
    int64_t expired, y, id;
    int n = 0, m = 0, d = 0;
    if (community_path(c, j->ref_id, &com) == WG_ENOTFOUND)
        return 0;
    time_civil_from_days((j->due_at + CN_OFFSET - 1) / 86400, &y, &m, &d); /* the day that ended */
    const char *day = arena_printf(c->a, "%04lld-%02d-%02d", (long long)y, m, d);
    int rc = points_store_account(c->st, com.id, "expired", 0, &expired);
    if (rc == 0)
        rc = points_store_held(c->st, c->a, com.id, &held, &n);
    for (int i = 0; rc == 0 && i < n; i++) {
        struct points_txn t = {.community_id = com.id, .amount = held[i].balance, .created_at = j->due_at,
                               .kind = "expire", .rule = "expire", .reason = day,
                               .idem_key = arena_printf(c->a, "expire:%s:%lld", day, (long long)held[i].account)};
        struct points_txn had;
        if (points_store_by_key(c->st, c->a, com.id, t.idem_key, &had) == 0)
            continue;
        rc = points_store_lock(c->st, held[i].account, expired);
        if (rc == 0)
            rc = post(c, &t, held[i].account, held[i].account, expired, &id);
    }
    return rc;
}

/* The holder's side of a transaction: earnings and refunds add, everything
 * else (a reversal, an expiry, a redemption) takes away. */
static int64_t holder_sign(const struct points_txn *t)
{
    return strcmp(t->kind, "earn") == 0 || strcmp(t->kind, "refund") == 0 ? 1 : -1;
}

static json_t *txn_json(const struct points_txn *t, int64_t sign)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:s, s:I}", "id", (json_int_t)t->id, "kind", t->kind, "rule",
                          t->rule, "amount", (json_int_t)(t->amount * sign), "reason", t->reason, "at",
                          (json_int_t)t->created_at);
    json_object_set_new(o, "source", t->source_kind ? json_pack("{s:s, s:I}", "kind", t->source_kind, "id",
                                                                (json_int_t)t->source_id)
                                                    : json_null());
    json_object_set_new(o, "reverses", t->reverses_id ? json_integer(t->reverses_id) : json_null());
    json_object_set_new(o, "reversed_by", t->reversed_by ? json_integer(t->reversed_by) : json_null());
    return o;
}

json_t *points_statement(dctx *c, int64_t person_id, int64_t community_id, int64_t before, int limit, int *rc)
{
    struct st_place com;
    int64_t holder, derived = 0, cached = 0;
    struct points_txn *list = NULL;
    int n = 0;
    *rc = 0;
    if (c->actor == NULL) {
        *rc = dctx_fail(c, WG_EAUTH, "signin_required", NULL);
        return NULL;
    }
    if (person_id == 0 || person_id == c->actor->id) {
        person_id = c->actor->id;
        if (community_id == 0)
            community_id = actor_community(c->actor);
        if (community_id <= 0 || (*rc = community_path(c, community_id, &com)) ||
            (*rc = perm_check(c, &perm_read, com.path, com.id))) {
            if (*rc == 0)
                *rc = dctx_fail(c, WG_ENOTFOUND, "not_found", "community");
            return NULL;
        }
    } else if ((*rc = person_community(c, person_id, &points_act_view, &com))) {
        return NULL;
    }
    if (limit < 1 || limit > POINTS_STATEMENT_MAX)
        limit = LIST_LIMIT_DEFAULT;
    *rc = points_holder_account(c, com.id, person_id, com.path, 0, &holder);
    if (*rc == WG_ENOTFOUND) { /* nothing earned yet */
        *rc = 0;
        holder = 0;
    }
    if (*rc || (holder && (*rc = points_store_derived(c->st, holder, &derived))) ||
        (*rc = points_store_balance(c->st, holder, &cached)) == WG_EDB ||
        (*rc = points_store_list(c->st, c->a, holder, before, limit, &list, &n)))
        return NULL;
    if (holder == 0)
        cached = 0;
    struct st_person who;
    if ((*rc = person_get(c->st, c->a, person_id, &who)))
        return NULL;
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, txn_json(&list[i], holder_sign(&list[i])));
    return json_pack("{s:I, s:s, s:I, s:I, s:b, s:o, s:o}", "person_id", (json_int_t)person_id, "name", who.name,
                     "community_id", (json_int_t)com.id, "balance", (json_int_t)derived, "balance_checked", derived == cached,
                     "items", items, "next_before",
                     n == limit && n > 0 ? json_integer(list[n - 1].id) : json_null());
}

int points_check(store *s, arena *a, int64_t *ntxn, int64_t *naccounts, char *msg, size_t msglen)
{
    int64_t *bt = NULL, *ba = NULL;
    int nbt = 0, nba = 0;
    int rc = points_store_check(s, a, 10, &bt, &nbt, &ba, &nba, ntxn, naccounts);
    msg[0] = '\0';
    if (rc)
        return rc;
    if (nbt == 0 && nba == 0)
        return 0;
    size_t len = 0;
    for (int i = 0; i < nbt && len < msglen; i++)
        len += (size_t)snprintf(msg + len, msglen - len, "transaction %lld: its postings do not sum to zero\n",
                                (long long)bt[i]);
    for (int i = 0; i < nba && len < msglen; i++)
        len += (size_t)snprintf(msg + len, msglen - len, "account %lld: the cached balance or its seal is not its postings\n",
                                (long long)ba[i]);
    return WG_ECONFLICT;
}
