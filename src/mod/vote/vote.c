/*
 * Votes (表决): creation with an explicit rule and an electorate snapshot,
 * casting within a window (one person one ballot by a UNIQUE constraint),
 * secret ballots with receipts, meeting records and a confirmed show of
 * hands. Closing, counting and the published data: vote_close.c. See
 * vote.h.
 *
 * Secret ballots: the ballot row has no voter, no time and no serial key;
 * its key is a random receipt. A separate participation row says that the
 * person voted. Nothing stored links the two: to change a secret ballot the
 * voter presents their receipt (shown once when they voted), which finds
 * the ballot; the server never keeps which receipt is whose.
 */
#include <stdio.h>
#include <string.h>

#include "algo/tally_json.h"
#include "core/token.h"
#include "core/utf8.h"
#include "mod/place/place.h"
#include "mod/vote/vote.h"
#include "mod/vote/vote_int.h"
#include "mod/vote/vote_store.h"

#define N PERM_NONE
#define S PERM_SUBTREE
/*                                                        resident leader grid staff street */
const struct perm_action vote_act_manage = {"manage_vote", "create, close and cancel votes, record ballots at a meeting",
                                            {N, N, S, S, S}};
#undef N
#undef S

const char *vote_url(dctx *c, int64_t id)
{
    return arena_printf(c->a, "/votes/%lld", (long long)id);
}

/* ---- rules ---- */

static void fill_threshold(struct tally_threshold *t, const char *basis, int64_t num, int64_t den,
                           const char *strict, const char *base)
{
    memset(t, 0, sizeof *t);
    tally_basis_parse(basis, &t->basis);
    t->num = num;
    t->den = den;
    tally_strictness_parse(strict, &t->strictness);
    if (base)
        tally_base_parse(base, &t->base);
}

/* The rule stored with a vote. */
void vote_rule_of(const struct st_vote *v, struct tally_rule *r)
{
    memset(r, 0, sizeof *r);
    r->code = v->rule_code;
    tally_voters_parse(v->voters, &r->voters);
    fill_threshold(&r->quorum, v->q_basis, v->q_num, v->q_den, v->q_strict, NULL);
    fill_threshold(&r->alt_quorum, v->aq_basis, v->aq_num, v->aq_den, v->aq_strict, NULL);
    fill_threshold(&r->approval, v->ap_basis, v->ap_num, v->ap_den, v->ap_strict, v->ap_base);
}

/* ---- reading ---- */

static int may_manage(dctx *c, const struct st_vote *v)
{
    return perm_allows(c->actor, &vote_act_manage, v->place_path);
}

int vote_load(dctx *c, int64_t id, struct vote_info *out, int mine)
{
    memset(out, 0, sizeof *out);
    int rc = vote_store_get(c->st, c->a, id, &out->v);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc || (rc = perm_check(c, &perm_read, out->v.place_path, out->v.community_id)))
        return rc;
    struct st_vote *v = &out->v;
    if ((rc = vote_store_options(c->st, c->a, id, &out->labels, &out->nlabels)))
        return rc;
    tally_method_parse(v->method, &out->method);
    vote_rule_of(v, &out->rule);
    out->state = vote_state_at(c, v);
    out->may_manage = may_manage(c, v);
    if (!mine)
        return 0;
    int64_t hh, unit, area;
    rc = vote_store_elector(c->st, id, c->actor->id, &hh, &unit, &area);
    if (rc && rc != WG_ENOTFOUND)
        return rc;
    out->is_elector = rc == 0;
    if (out->is_elector && (rc = vote_store_participation(c->st, id, c->actor->id, unit, &out->voted, &out->unit_taken)))
        return rc;
    if (!v->secret && out->voted) {
        rc = vote_store_ballot_of(c->st, c->a, id, c->actor->id, &out->mine);
        if (rc && rc != WG_ENOTFOUND)
            return rc;
        out->has_mine = rc == 0;
    }
    rc = vote_store_hands_get(c->st, c->a, id, &out->hands);
    if (rc && rc != WG_ENOTFOUND)
        return rc;
    out->has_hands = rc == 0;
    return 0;
}

const char *vote_state_at(dctx *c, const struct st_vote *v)
{
    int online = strcmp(v->mode, "online") == 0;
    /* "counting": the window has ended and the job that closes it has not
     * run yet (seconds, unless the server was down at the time) */
    return strcmp(v->status, "open") != 0        ? v->status
           : online && c->now < v->opens_at  ? "scheduled"
           : online && c->now >= v->closes_at ? "counting"
                                              : "open";
}

int vote_get(dctx *c, int64_t id, struct vote_info *out)
{
    return vote_load(c, id, out, 1);
}

int vote_waiting(dctx *c, int max, struct st_vote **out, int *n)
{
    *n = 0;
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    return vote_store_waiting(c->st, c->a, c->actor->id, c->now, max, out, n);
}

int vote_list(dctx *c, int64_t matter_id, int limit, int offset, struct st_vote **out, int *n, int *total)
{
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    /* registered but not yet approved: reads nothing (found in review) */
    int64_t community = c->actor->nroles > 0 ? actor_community(c->actor) : 0;
    limit = limit <= 0 ? LIST_LIMIT_DEFAULT : limit > LIST_LIMIT_MAX ? LIST_LIMIT_MAX : limit;
    if (matter_id) {
        struct st_matter m;
        int rc = matter_get(c, matter_id, &m);
        if (rc)
            return rc;
        community = m.community_id;
    }
    *n = *total = 0;
    *out = NULL;
    if (community == 0)
        return 0;
    return vote_store_list(c->st, c->a, community, matter_id, limit, offset < 0 ? 0 : offset, out, n, total);
}

/* ---- creating ---- */

/* What vote_create has checked, before it writes. */
struct vote_plan {
    struct st_place place;
    enum tally_method method;
    const char *const *labels;
    int nlabels, online;
    struct tally_rule rule;
    int64_t opens, closes, matter_id, meeting_id;
};

/* The place and who may create a vote there. */
static int plan_place(dctx *c, const struct vote_new *in, struct vote_plan *pl)
{
    struct st_place *p = &pl->place;
    int rc = place_get(c, in->place_id, p);
    if (rc)
        return rc;
    if (strcmp(p->kind, "community") && strcmp(p->kind, "grid") && strcmp(p->kind, "building"))
        return dctx_fail(c, WG_EINVAL, "place_invalid", "place_id");
    return perm_check(c, &vote_act_manage, p->path, p->community_id);
}

/* Title, method, options and the rule (read by the one parser of rules,
 * tally_json_rule, as `wugong tally` reads it). */
static int plan_ballot(dctx *c, const struct vote_new *in, struct vote_plan *pl)
{
    static const char *const yesno[] = {"yes", "no"};
    int rc = dctx_text(c, in->title, VOTE_TITLE_MAX, 1, "title", "title_required", "title_invalid");
    if (rc)
        return rc;
    if (in->method == NULL || tally_method_parse(in->method, &pl->method))
        return dctx_fail(c, WG_EINVAL, "method_invalid", "method");
    pl->labels = in->labels;
    pl->nlabels = in->nlabels;
    if (pl->method == TALLY_YES_NO_ABSTAIN) {
        if (pl->nlabels != 0)
            return dctx_fail(c, WG_EINVAL, "options_fixed", "options");
        pl->labels = yesno;
        pl->nlabels = 2;
    } else if (pl->nlabels < 2 || pl->nlabels > TALLY_MAX_OPTIONS) {
        return dctx_fail(c, WG_EINVAL, "options_count", "options");
    }
    for (int i = 0; i < pl->nlabels && pl->labels != yesno; i++) {
        if ((rc = dctx_text(c, pl->labels[i], VOTE_LABEL_MAX, 1, "options", "option_invalid", "option_invalid")))
            return rc;
        for (int j = 0; j < i; j++)
            if (strcmp(pl->labels[i], pl->labels[j]) == 0)
                return dctx_fail(c, WG_EINVAL, "option_duplicate", "options");
    }
    char msg[256];
    if (in->rule == NULL || tally_json_rule(c->a, in->rule, pl->method, &pl->rule, msg, sizeof msg))
        return dctx_fail(c, WG_EINVAL, "rule_invalid", "rule");
    return 0;
}

/* Online: the window; at a meeting: neither secret nor changeable. */
static int plan_window(dctx *c, const struct vote_new *in, struct vote_plan *pl)
{
    pl->online = in->mode && strcmp(in->mode, "online") == 0;
    if (in->mode == NULL || (!pl->online && strcmp(in->mode, "meeting")))
        return dctx_fail(c, WG_EINVAL, "mode_invalid", "mode");
    pl->opens = in->opens_at ? in->opens_at : c->now;
    pl->closes = in->closes_at;
    if (pl->online) {
        if (pl->closes <= pl->opens || pl->closes <= c->now || pl->closes - pl->opens > VOTE_WINDOW_MAX ||
            pl->opens < c->now - 86400 || pl->opens > c->now + VOTE_OPENS_WITHIN)
            return dctx_fail(c, WG_EINVAL, "window_invalid", "closes_at");
        return 0;
    }
    if (in->secret)
        return dctx_fail(c, WG_EINVAL, "secret_online_only", "secret");
    if (in->allow_change)
        return dctx_fail(c, WG_EINVAL, "change_online_only", "allow_change");
    pl->opens = pl->closes = 0;
    return 0;
}

/* The matter, agenda item and meeting the vote hangs on: of the place's
 * community; an agenda item names its meeting and, when it has one, its
 * matter; the meeting is scheduled and its council sits at the vote's
 * place or above it (a grid council may vote on one of its buildings),
 * never beside it. */
static int plan_links(dctx *c, const struct vote_new *in, struct vote_plan *pl)
{
    const struct st_place *p = &pl->place;
    pl->matter_id = in->matter_id;
    pl->meeting_id = in->meeting_id;
    int rc;
    if (in->matter_id) {
        struct st_matter m;
        rc = matter_lookup(c, in->matter_id, &m);
        if (rc == WG_ENOTFOUND || (rc == 0 && m.community_id != p->community_id))
            return dctx_fail(c, WG_EINVAL, "matter_invalid", "matter_id");
        if (rc)
            return rc;
    }
    if (in->agenda_item_id) {
        struct st_agenda g;
        rc = meeting_agenda_lookup(c, in->agenda_item_id, &g);
        if (rc == WG_ENOTFOUND || (rc == 0 && (g.community_id != p->community_id ||
                                               (pl->meeting_id && pl->meeting_id != g.meeting_id))))
            return dctx_fail(c, WG_EINVAL, "agenda_item_invalid", "agenda_item_id");
        if (rc)
            return rc;
        pl->meeting_id = g.meeting_id;
        if (pl->matter_id == 0)
            pl->matter_id = g.matter_id;
    }
    if (pl->meeting_id == 0)
        return 0;
    struct st_meeting mt;
    rc = meeting_lookup(c, pl->meeting_id, &mt);
    if (rc == WG_ENOTFOUND || (rc == 0 && (mt.community_id != p->community_id ||
                                           strncmp(p->path, mt.place_path, strlen(mt.place_path)) != 0)))
        return dctx_fail(c, WG_EINVAL, "meeting_invalid", "meeting_id");
    if (rc)
        return rc;
    if (strcmp(mt.status, "scheduled") != 0)
        return dctx_fail(c, WG_ECONFLICT, "meeting_not_scheduled", "meeting_id");
    return 0;
}

static int voters_kind(enum tally_voters v)
{
    switch (v) {
    case TALLY_RESIDENTS: return 0;
    case TALLY_ONE_PER_HOUSEHOLD: return 1;
    case TALLY_OWNERS_BY_AREA: return 2;
    case TALLY_REPRESENTATIVES: return 3;
    case TALLY_PARTY_MEMBERS: return 4;
    }
    return 0;
}

/* Whether a unit at path is the developer's: the nearest place on its line
 * that sets developer_held (marks: shallowest first). */
static int developer_held(const struct vote_store_mark *m, int nm, const char *path)
{
    int on = 0;
    for (int i = 0; i < nm; i++)
        if (strncmp(m[i].path, path, strlen(m[i].path)) == 0)
            on = m[i].on;
    return on;
}

/* The electors of an owners' vote (algo/owners.h): units joined by common
 * owners, the developer's units together; each registered owner votes for
 * their group. */
static int snapshot_owners(dctx *c, const struct st_vote *v, const char *path, int64_t *heads, int64_t *area,
                           int64_t *households)
{
    struct vote_store_unit *su = NULL;
    struct owners_link *links = NULL;
    struct vote_store_mark *marks = NULL;
    int nu = 0, nl = 0, nm = 0;
    int rc = vote_store_owner_units(c->st, c->a, v->community_id, path, &su, &nu);
    if (rc == 0)
        rc = vote_store_owner_links(c->st, c->a, v->community_id, path, &links, &nl);
    if (rc == 0)
        rc = vote_store_developer_marks(c->st, c->a, path, &marks, &nm);
    if (rc)
        return rc;
    struct owners_unit *u = arena_alloc(c->a, (size_t)(nu > 0 ? nu : 1) * sizeof *u);
    for (int i = 0; i < nu; i++)
        u[i] = (struct owners_unit){su[i].id, su[i].area_dm2, developer_held(marks, nm, su[i].path)};
    struct owners_result r;
    if ((rc = owners_group(c->a, u, (size_t)nu, links, (size_t)nl, &r)))
        return rc;
    *heads = (int64_t)r.ngroups;
    *area = *households = 0;
    for (size_t i = 0; rc == 0 && i < r.ngroups; i++) {
        *area += r.groups[i].area_dm2;
        *households += r.groups[i].units;
        rc = vote_store_group_insert(c->st, v->id, r.groups[i].key, v->community_id, r.groups[i].area_dm2,
                                     r.groups[i].units);
    }
    for (size_t i = 0; rc == 0 && i < r.npersons; i++) {
        const struct owners_group *g = &r.groups[r.persons[i].group];
        rc = vote_store_elector_insert(c->st, v->id, r.persons[i].person_id, v->community_id, g->key, g->area_dm2,
                                       g->units);
    }
    return rc;
}

/* Inside the transaction: the vote, its options, the electorate snapshot
 * and the work due later (vote_jobs_schedule). */
static int create_write(dctx *c, struct st_vote *v, const struct vote_plan *pl)
{
    int64_t heads = 0, area = 0, households = 0;
    int rc = vote_store_insert(c->st, v);
    for (int i = 0; rc == 0 && i < pl->nlabels; i++)
        rc = vote_store_option_insert(c->st, v->id, v->community_id, i, pl->labels[i]);
    if (rc == 0 && pl->rule.voters == TALLY_OWNERS_BY_AREA) {
        rc = snapshot_owners(c, v, pl->place.path, &heads, &area, &households);
    } else if (rc == 0) {
        rc = vote_store_snapshot(c->st, v->id, v->community_id, pl->place.path, voters_kind(pl->rule.voters));
        if (rc == 0)
            rc = vote_store_electorate_count(c->st, v->id, &heads, &area, &households);
    }
    if (rc == 0 && heads == 0)
        rc = dctx_fail(c, WG_EINVAL, "electorate_empty", "rule");
    if (rc == 0 && pl->rule.voters == TALLY_OWNERS_BY_AREA && area == 0)
        rc = dctx_fail(c, WG_EINVAL, "electorate_no_area", "rule");
    if (rc == 0)
        rc = vote_store_set_electorate(c->st, v->id, heads, area, households);
    if (rc == 0)
        rc = vote_jobs_schedule(c, v);
    return rc;
}

/* The plan and the row of a new vote, checked (reads only). */
static int create_plan(dctx *c, const struct vote_new *in, struct vote_plan *pl, struct st_vote *v)
{
    memset(pl, 0, sizeof *pl);
    int rc = plan_place(c, in, pl);
    if (rc || (rc = plan_ballot(c, in, pl)) || (rc = plan_window(c, in, pl)) || (rc = plan_links(c, in, pl)))
        return rc;
    const struct tally_rule *r = &pl->rule;
    *v = (struct st_vote){
        .community_id = pl->place.community_id, .place_id = pl->place.id, .matter_id = pl->matter_id,
        .meeting_id = pl->meeting_id, .agenda_item_id = in->agenda_item_id, .title = in->title,
        .method = tally_method_name(pl->method), .secret = in->secret != 0, .mode = pl->online ? "online" : "meeting",
        .allow_change = in->allow_change != 0, .opens_at = pl->opens, .closes_at = pl->closes, .status = "open",
        .rule_code = tally_preset(r->code) ? r->code : "custom", .voters = tally_voters_name(r->voters),
        .q_basis = tally_basis_name(r->quorum.basis), .q_num = r->quorum.num, .q_den = r->quorum.den,
        .q_strict = tally_strictness_name(r->quorum.strictness),
        .aq_basis = tally_basis_name(r->alt_quorum.basis), .aq_num = r->alt_quorum.num,
        .aq_den = r->alt_quorum.den, .aq_strict = tally_strictness_name(r->alt_quorum.strictness),
        .ap_basis = tally_basis_name(r->approval.basis), .ap_num = r->approval.num, .ap_den = r->approval.den,
        .ap_strict = tally_strictness_name(r->approval.strictness), .ap_base = tally_base_name(r->approval.base),
        .created_by = c->actor->id, .created_at = c->now};
    return 0;
}

int vote_create(dctx *c, const struct vote_new *in, int64_t *id)
{
    struct vote_plan pl;
    struct st_vote v;
    int rc = create_plan(c, in, &pl, &v);
    if (rc || (rc = store_begin(c->st)))
        return rc;
    if ((rc = store_end(c->st, create_write(c, &v, &pl))))
        return rc;
    audit_log(c, "vote_create", vote_url(c, v.id), v.rule_code, v.community_id);
    *id = v.id;
    return 0;
}

int vote_create_in(dctx *c, const struct vote_new *in, int64_t *id)
{
    struct vote_plan pl;
    struct st_vote v;
    int rc = create_plan(c, in, &pl, &v);
    if (rc || (rc = create_write(c, &v, &pl)))
        return rc;
    struct st_audit e = {.at = c->now, .actor_id = c->actor->id, .ip = c->ip, .action = "vote_create",
                         .target = vote_url(c, v.id), .detail = v.rule_code, .community_id = v.community_id};
    *id = v.id;
    return audit_insert(c->st, &e);
}

/* ---- ballots ---- */

/* Checks a choice for the method; writes it as "2,0,1" ("" abstains). */
static int choice_text(dctx *c, enum tally_method m, int noptions, const int *opts, int n, const char **out)
{
    if (n < 0 || n > noptions || (n > 1 && m != TALLY_APPROVAL && m != TALLY_RANKED))
        return dctx_fail(c, WG_EINVAL, "choice_invalid", "options");
    char *s = arena_alloc(c->a, (size_t)n * 4 + 1), *w = s;
    unsigned char seen[TALLY_MAX_OPTIONS] = {0};
    for (int i = 0; i < n; i++) {
        if (opts[i] < 0 || opts[i] >= noptions || seen[opts[i]])
            return dctx_fail(c, WG_EINVAL, "choice_invalid", "options");
        seen[opts[i]] = 1;
        w += snprintf(w, 5, "%s%d", i ? "," : "", opts[i]);
    }
    *w = '\0';
    *out = s;
    return 0;
}

/* A random receipt "xxxx-xxxx-xxxx-xxxx" (64 bits). */
static const char *new_receipt(dctx *c)
{
    char tok[TOKEN_HEX + 1];
    token_random(tok);
    return arena_printf(c->a, "%.4s-%.4s-%.4s-%.4s", tok, tok + 4, tok + 8, tok + 12);
}

/* The vote must be open for ballots now. */
int vote_open_for_ballots(dctx *c, const struct st_vote *v)
{
    if (strcmp(v->status, "cancelled") == 0)
        return dctx_fail(c, WG_ECONFLICT, "vote_cancelled", NULL);
    if (strcmp(v->status, "open") != 0)
        return dctx_fail(c, WG_ECONFLICT, "vote_closed", NULL);
    if (strcmp(v->mode, "online") == 0) {
        if (c->now < v->opens_at)
            return dctx_fail(c, WG_ECONFLICT, "vote_not_open", NULL);
        if (c->now >= v->closes_at)
            return dctx_fail(c, WG_ECONFLICT, "vote_closed", NULL);
    }
    return 0;
}

/* Inside the transaction: the vote as it is now (a close may have won). */
int vote_still_open(dctx *c, int64_t id)
{
    struct st_vote now;
    int rc = vote_store_get(c->st, c->a, id, &now);
    return rc ? rc : vote_open_for_ballots(c, &now);
}

int vote_cast(dctx *c, int64_t id, const int *opts, int nopts, const char *receipt_in, const char **receipt_out,
              int *changed)
{
    struct vote_info vi;
    int rc = vote_load(c, id, &vi, 0);
    *receipt_out = NULL;
    *changed = 0;
    if (rc)
        return rc;
    if (strcmp(vi.v.mode, "online") != 0 && strcmp(vi.v.status, "open") == 0)
        return dctx_fail(c, WG_ECONFLICT, "vote_at_meeting", NULL);
    if ((rc = vote_open_for_ballots(c, &vi.v)))
        return rc;
    int64_t hh, unit, area;
    rc = vote_store_elector(c->st, id, c->actor->id, &hh, &unit, &area);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, WG_EPERM, "forbidden", "not_elector"); /* not in the electorate */
    const char *choice;
    if (rc || (rc = choice_text(c, vi.method, vi.nlabels, opts, nopts, &choice)))
        return rc;
    if (receipt_in && (strlen(receipt_in) == 0 || strlen(receipt_in) > VOTE_RECEIPT_MAX))
        return dctx_fail(c, WG_EINVAL, "receipt_invalid", "receipt");
    if ((rc = store_begin(c->st)))
        return rc;
    int inserted = 0, voted = 0, taken = 0;
    if ((rc = vote_still_open(c, id)) == 0)
        rc = vote_store_participate(c->st, id, c->actor->id, vi.v.community_id, unit, 0, c->now, &inserted);
    if (rc == 0 && inserted) {
        const char *receipt = new_receipt(c);
        rc = vote_store_ballot_insert(c->st, id, receipt, vi.v.community_id, vi.v.secret ? 0 : c->actor->id, choice,
                                      area);
        if (vi.v.secret)
            *receipt_out = receipt;
    } else if (rc == 0) {
        rc = vote_store_participation(c->st, id, c->actor->id, unit, &voted, &taken);
        if (rc == 0 && !voted)
            rc = dctx_fail(c, WG_ECONFLICT, "household_voted", NULL);
        else if (rc == 0 && !vi.v.allow_change)
            rc = dctx_fail(c, WG_ECONFLICT, "already_voted", NULL);
        else if (rc == 0 && !vi.v.secret)
            rc = vote_store_ballot_replace_person(c->st, id, c->actor->id, choice);
        else if (rc == 0 && receipt_in == NULL)
            rc = dctx_fail(c, WG_ECONFLICT, "receipt_required", "receipt");
        else if (rc == 0) {
            rc = vote_store_ballot_replace_receipt(c->st, id, receipt_in, choice);
            if (rc == WG_ENOTFOUND)
                rc = dctx_fail(c, WG_EINVAL, "receipt_invalid", "receipt");
        }
        if (rc == 0)
            rc = vote_store_participation_bump(c->st, id, c->actor->id);
        if (rc == 0)
            *changed = 1;
    }
    rc = store_end(c->st, rc);
    if (rc == WG_ECONFLICT && c->code == NULL)
        return dctx_fail(c, rc, "already_voted", NULL);
    return rc;
}

int vote_manage_check(dctx *c, const struct vote_info *vi)
{
    if (vi->may_manage)
        return 0;
    audit_log(c, "denied", vi->v.place_path, "vote_manage", vi->v.community_id);
    return dctx_fail(c, WG_EPERM, "forbidden", NULL);
}

int vote_meeting_open(dctx *c, const struct vote_info *vi)
{
    if (strcmp(vi->v.mode, "meeting") != 0)
        return dctx_fail(c, WG_ECONFLICT, "vote_online", NULL);
    return vote_open_for_ballots(c, &vi->v);
}

int vote_record(dctx *c, int64_t id, int64_t person_id, const int *opts, int nopts, int *changed)
{
    struct vote_info vi;
    int rc = vote_get(c, id, &vi);
    *changed = 0;
    if (rc || (rc = vote_manage_check(c, &vi)) || (rc = vote_meeting_open(c, &vi)))
        return rc;
    int64_t hh, unit, area;
    rc = person_id > 0 ? vote_store_elector(c->st, id, person_id, &hh, &unit, &area) : WG_ENOTFOUND;
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, WG_EINVAL, "not_elector", "person_id");
    if (rc == 0 && vi.v.meeting_id) {
        int present = 0;
        if ((rc = vote_store_elector_present(c->st, id, vi.v.meeting_id, person_id, &present)) == 0 && !present)
            return dctx_fail(c, WG_ECONFLICT, "not_present", "person_id");
    }
    const char *choice;
    if (rc || (rc = choice_text(c, vi.method, vi.nlabels, opts, nopts, &choice)))
        return rc;
    if ((rc = store_begin(c->st)))
        return rc;
    int inserted = 0, voted = 0, taken = 0;
    if ((rc = vote_still_open(c, id)) == 0)
        rc = vote_store_participate(c->st, id, person_id, vi.v.community_id, unit, c->actor->id, c->now, &inserted);
    if (rc == 0 && inserted) {
        rc = vote_store_ballot_insert(c->st, id, new_receipt(c), vi.v.community_id, person_id, choice, area);
    } else if (rc == 0) {
        rc = vote_store_participation(c->st, id, person_id, unit, &voted, &taken);
        if (rc == 0 && !voted)
            rc = dctx_fail(c, WG_ECONFLICT, "household_voted", NULL);
        if (rc == 0)
            rc = vote_store_ballot_replace_person(c->st, id, person_id, choice);
        if (rc == 0)
            rc = vote_store_participation_bump(c->st, id, person_id);
        *changed = rc == 0;
    }
    return store_end(c->st, rc);
}

/* ---- show of hands ---- */

/* ---- closing ---- */

/* ---- views ---- */


/* ---- demo ---- */

int vote_households(dctx *c, int64_t matter_id, struct household_ref **out, int *n)
{
    return vote_store_households(c->st, c->a, matter_id, out, n);
}
