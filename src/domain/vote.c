/*
 * Votes (表决): creation with an explicit rule and an electorate snapshot,
 * casting within a window (one person one ballot by a UNIQUE constraint),
 * secret ballots with receipts, meeting records and a confirmed show of
 * hands, lazy closing, and the published data. See vote.h.
 *
 * Secret ballots: the ballot row has no voter, no time and no serial key;
 * its key is a random receipt. A separate participation row says that the
 * person voted. Nothing stored links the two: to change a secret ballot the
 * voter presents their receipt (shown once when they voted), which finds
 * the ballot; the server never keeps which receipt is whose.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "algo/tally_json.h"
#include "core/jalloc.h"
#include "core/log.h"
#include "core/utf8.h"
#include "domain/vote.h"
#include "store/store_council.h"

#define MANAGERS ((1u << ROLE_GRID_WORKER) | (1u << ROLE_COMMUNITY_STAFF) | (1u << ROLE_STREET_ADMIN))

static int text_ok(const char *s, size_t max_cp)
{
    size_t n = s ? strlen(s) : 0;
    return n > 0 && !utf8_blank(s) && utf8_valid(s, n) && utf8_count(s, n) <= max_cp;
}

static const char *vote_url(dctx *c, int64_t id)
{
    return arena_printf(c->a, "/votes/%lld", (long long)id);
}

/* ---- rules ---- */

static int frac_of(json_t *t, int64_t *num, int64_t *den)
{
    json_t *f = json_object_get(t, "fraction");
    if (!json_is_array(f) || json_array_size(f) != 2 || !json_is_integer(json_array_get(f, 0)) ||
        !json_is_integer(json_array_get(f, 1)))
        return WG_EINVAL;
    *num = json_integer_value(json_array_get(f, 0));
    *den = json_integer_value(json_array_get(f, 1));
    return 0;
}

static int threshold_of(json_t *t, int quorum, struct tally_threshold *out)
{
    memset(out, 0, sizeof out[0]);
    out->den = 1;
    if (t == NULL || json_is_null(t))
        return 0;
    if (!json_is_object(t))
        return WG_EINVAL;
    const char *k;
    json_t *v;
    json_object_foreach(t, k, v)
    {
        if (strcmp(k, "basis") && strcmp(k, "fraction") && strcmp(k, "strictness") && strcmp(k, "base"))
            return WG_EINVAL;
    }
    if (tally_basis_parse(json_string_value(json_object_get(t, "basis")), &out->basis))
        return WG_EINVAL;
    if (out->basis == TALLY_BASIS_NONE)
        return 0;
    if (frac_of(t, &out->num, &out->den) ||
        tally_strictness_parse(json_string_value(json_object_get(t, "strictness")), &out->strictness))
        return WG_EINVAL;
    json_t *base = json_object_get(t, "base");
    if (quorum) {
        out->base = TALLY_OF_ELECTORATE;
        if (base && (!json_is_string(base) || strcmp(json_string_value(base), "electorate")))
            return WG_EINVAL;
    } else if (tally_base_parse(json_string_value(base), &out->base)) {
        return WG_EINVAL;
    }
    return 0;
}

/* {"preset": CODE} or a custom rule; *code the preset's code or "custom". */
static int rule_of(json_t *j, struct tally_rule *r)
{
    memset(r, 0, sizeof *r);
    if (!json_is_object(j))
        return WG_EINVAL;
    json_t *p = json_object_get(j, "preset");
    if (p) {
        const struct tally_rule *pr = json_is_string(p) && json_object_size(j) == 1 ? tally_preset(json_string_value(p)) : NULL;
        if (pr == NULL)
            return WG_EINVAL;
        *r = *pr;
        return 0;
    }
    const char *k;
    json_t *v;
    json_object_foreach(j, k, v)
    {
        if (strcmp(k, "voters") && strcmp(k, "quorum") && strcmp(k, "alt_quorum") && strcmp(k, "approval") &&
            strcmp(k, "code"))
            return WG_EINVAL;
    }
    r->code = "custom";
    if (tally_voters_parse(json_string_value(json_object_get(j, "voters")), &r->voters) ||
        threshold_of(json_object_get(j, "quorum"), 1, &r->quorum) ||
        threshold_of(json_object_get(j, "alt_quorum"), 1, &r->alt_quorum) || json_object_get(j, "approval") == NULL ||
        threshold_of(json_object_get(j, "approval"), 0, &r->approval))
        return WG_EINVAL;
    return 0;
}

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
static void rule_of_vote(const struct st_vote *v, struct tally_rule *r)
{
    memset(r, 0, sizeof *r);
    r->code = v->rule_code;
    tally_voters_parse(v->voters, &r->voters);
    fill_threshold(&r->quorum, v->q_basis, v->q_num, v->q_den, v->q_strict, NULL);
    fill_threshold(&r->alt_quorum, v->aq_basis, v->aq_num, v->aq_den, v->aq_strict, NULL);
    fill_threshold(&r->approval, v->ap_basis, v->ap_num, v->ap_den, v->ap_strict, v->ap_base);
}

static json_t *threshold_json(const struct tally_threshold *t, int with_base)
{
    json_t *o = json_pack("{s:s, s:[I, I], s:s}", "basis", tally_basis_name(t->basis), "fraction", (json_int_t)t->num,
                          (json_int_t)t->den, "strictness", tally_strictness_name(t->strictness));
    if (with_base)
        json_object_set_new(o, "base", json_string(tally_base_name(t->base)));
    return o;
}

/* The rule as written in the published document. */
static json_t *rule_json(const struct tally_rule *r)
{
    if (tally_preset(r->code) != NULL)
        return json_pack("{s:s}", "preset", r->code);
    json_t *o = json_pack("{s:s}", "voters", tally_voters_name(r->voters));
    if (r->quorum.basis != TALLY_BASIS_NONE)
        json_object_set_new(o, "quorum", threshold_json(&r->quorum, 0));
    if (r->alt_quorum.basis != TALLY_BASIS_NONE)
        json_object_set_new(o, "alt_quorum", threshold_json(&r->alt_quorum, 0));
    json_object_set_new(o, "approval", threshold_json(&r->approval, 1));
    return o;
}

/* ---- the rule in plain words ---- */

struct words {
    const char *subj[5]; /* by voters */
    const char *none, *or_, *and_, *sep, *end, *schulze;
    const char *q_heads, *q_area, *q_both, *q_households; /* %1$s subject, then op frac */
    const char *agree, *winner;                          /* yes/no, other methods */
    const char *base[3];                                 /* electorate present voting */
    const char *a_heads, *a_area;                        /* verb, op frac, base */
};

static const struct words W[3] = {
    {{"居民", "户", "业主", "代表", "党员"}, "不设参与门槛", " 或", " 且", "；", "", "按 Schulze 方法确定胜出选项；",
     "参与表决的%s人数占比 %s %s", "参与表决的%s所持专有面积占比 %s %s", "参与表决的%s所持专有面积占比 %s %s 且人数占比 %s %s",
     "参与表决的户数占比 %s %s", "同意", "胜出选项支持", {"全体", "参与", "投票"}, "%s人数占%s人数 %s %s",
     "%s面积占%s面积 %s %s"},
    {{"居民", "戶", "業主", "代表", "黨員"}, "不設參與門檻", " 或", " 且", "；", "", "按 Schulze 方法確定勝出選項；",
     "參與表決的%s人數佔比 %s %s", "參與表決的%s所持專有面積佔比 %s %s", "參與表決的%s所持專有面積佔比 %s %s 且人數佔比 %s %s",
     "參與表決的戶數佔比 %s %s", "同意", "勝出選項支持", {"全體", "參與", "投票"}, "%s人數佔%s人數 %s %s",
     "%s面積佔%s面積 %s %s"},
    {{"residents", "households", "owners", "representatives", "party members"}, "no quorum", " or ", " and ", "; ",
     ".", "the winner is found by the Schulze method; ", "participating %s number %s %s of all",
     "participating %s hold %s %s of the floor area", "participating %s hold %s %s of the floor area and number %s %s of all",
     "participating households %s %s of all households", "agreeing", "supporting the winner",
     {"all", "participating", "voting"}, "%s heads %s of %s heads", "%s area %s of %s area"},
};

/* Writes tpl with each "%s" replaced by the next of args (the templates
 * are the tables above, so no format string comes from outside). */
static void expand(char *out, size_t outlen, const char *tpl, const char *const *args, int nargs)
{
    size_t len = 0;
    int k = 0;
    for (const char *p = tpl; *p && len + 1 < outlen; p++) {
        if (p[0] == '%' && p[1] == 's') {
            const char *a = k < nargs ? args[k++] : "";
            size_t n = strlen(a);
            if (len + n >= outlen)
                n = outlen - len - 1;
            memcpy(out + len, a, n);
            len += n;
            p++;
        } else {
            out[len++] = *p;
        }
    }
    out[len] = '\0';
}

static void words_add(char *out, size_t outlen, size_t *len, const char *s)
{
    if (*len >= outlen)
        return;
    int w = snprintf(out + *len, outlen - *len, "%s", s);
    *len += w > 0 ? (size_t)w : 0;
    if (*len >= outlen)
        *len = outlen - 1;
}

static void words_quorum(const struct words *w, const struct tally_threshold *t, enum tally_voters voters, char *out,
                         size_t outlen, size_t *len)
{
    char frac[48], tmp[512];
    const char *op = t->strictness == TALLY_AT_LEAST ? "≥" : ">";
    const char *subj = w->subj[voters];
    snprintf(frac, sizeof frac, "%lld/%lld", (long long)t->num, (long long)t->den);
    switch (t->basis) {
    case TALLY_BASIS_HEADS:
        if (voters == TALLY_ONE_PER_HOUSEHOLD) { /* the heads are households */
            expand(tmp, sizeof tmp, w->q_households, (const char *const[]){op, frac}, 2);
            break;
        }
        expand(tmp, sizeof tmp, w->q_heads, (const char *const[]){subj, op, frac}, 3);
        break;
    case TALLY_BASIS_AREA:
        expand(tmp, sizeof tmp, w->q_area, (const char *const[]){subj, op, frac}, 3);
        break;
    case TALLY_BASIS_BOTH:
        expand(tmp, sizeof tmp, w->q_both, (const char *const[]){subj, op, frac, op, frac}, 5);
        break;
    case TALLY_BASIS_HOUSEHOLDS:
        expand(tmp, sizeof tmp, w->q_households, (const char *const[]){op, frac}, 2);
        break;
    case TALLY_BASIS_NONE:
        tmp[0] = '\0';
        break;
    }
    words_add(out, outlen, len, tmp);
}

void vote_rule_words(const struct tally_rule *r, enum tally_method m, int lang, char *out, size_t outlen)
{
    const struct words *w = &W[lang < 0 || lang > 2 ? 0 : lang];
    size_t len = 0;
    out[0] = '\0';
    if (m == TALLY_RANKED)
        words_add(out, outlen, &len, w->schulze);
    if (r->quorum.basis == TALLY_BASIS_NONE && r->alt_quorum.basis == TALLY_BASIS_NONE)
        words_add(out, outlen, &len, w->none);
    words_quorum(w, &r->quorum, r->voters, out, outlen, &len);
    if (r->alt_quorum.basis != TALLY_BASIS_NONE) {
        if (r->quorum.basis != TALLY_BASIS_NONE)
            words_add(out, outlen, &len, w->or_);
        words_quorum(w, &r->alt_quorum, r->voters, out, outlen, &len);
    }
    words_add(out, outlen, &len, w->sep);
    const struct tally_threshold *a = &r->approval;
    char frac[48], tmp[512];
    const char *op = a->strictness == TALLY_AT_LEAST ? "≥" : ">";
    const char *verb = m == TALLY_YES_NO_ABSTAIN ? w->agree : w->winner;
    const char *base = w->base[a->base];
    snprintf(frac, sizeof frac, "%lld/%lld", (long long)a->num, (long long)a->den);
    if (a->basis == TALLY_BASIS_AREA || a->basis == TALLY_BASIS_BOTH) {
        if (lang == 2)
            expand(tmp, sizeof tmp, w->a_area, (const char *const[]){verb, op, frac, base}, 4);
        else
            expand(tmp, sizeof tmp, w->a_area, (const char *const[]){verb, base, op, frac}, 4);
        words_add(out, outlen, &len, tmp);
    }
    if (a->basis == TALLY_BASIS_BOTH)
        words_add(out, outlen, &len, w->and_);
    if (a->basis == TALLY_BASIS_HEADS || a->basis == TALLY_BASIS_BOTH) {
        if (lang == 2)
            expand(tmp, sizeof tmp, w->a_heads, (const char *const[]){verb, op, frac, base}, 4);
        else
            expand(tmp, sizeof tmp, w->a_heads, (const char *const[]){verb, base, op, frac}, 4);
        words_add(out, outlen, &len, tmp);
    }
    words_add(out, outlen, &len, w->end);
}

/* ---- reading ---- */

static int may_manage(dctx *c, const struct st_vote *v)
{
    return perm_allows_roles(c->actor, ACT_MANAGE_MATTER, v->place_path, MANAGERS);
}

static int vote_finish(dctx *c, int64_t id, int64_t closer, int early);

/* The vote the actor may read, closed first when its window ended (lazy).
 * mine: with the actor's part (elector, participation, own ballot) and the
 * show of hands; without, only what casting needs (vote_cast reads its own
 * under the transaction). */
static int vote_load(dctx *c, int64_t id, struct vote_info *out, int lazy, int mine)
{
    memset(out, 0, sizeof *out);
    int rc = store_vote_get(c->st, c->a, id, &out->v);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc || (rc = perm_check(c, ACT_READ, out->v.place_path, out->v.community_id)))
        return rc;
    struct st_vote *v = &out->v;
    if (lazy && strcmp(v->status, "open") == 0 && strcmp(v->mode, "online") == 0 && c->now >= v->closes_at) {
        /* the window has ended: the first read closes it. If the tally
         * cannot be made (it should not happen), say so in the log and show
         * the vote as it is rather than failing every read of it. */
        if ((rc = vote_finish(c, id, 0, 0)) != 0) {
            log_error("vote %lld: closing failed (%s, %s)", (long long)id, wg_err_name(rc),
                      c->code ? c->code : "-");
            c->code = NULL;
        }
        if ((rc = store_vote_get(c->st, c->a, id, v)))
            return rc;
    }
    if ((rc = store_vote_options(c->st, c->a, id, &out->labels, &out->nlabels)))
        return rc;
    tally_method_parse(v->method, &out->method);
    rule_of_vote(v, &out->rule);
    out->state = strcmp(v->status, "open") != 0                            ? v->status
                 : strcmp(v->mode, "online") == 0 && c->now < v->opens_at ? "scheduled"
                                                                           : "open";
    out->may_manage = may_manage(c, v);
    if (!mine)
        return 0;
    int64_t hh, unit, area;
    rc = store_vote_elector(c->st, id, c->actor->id, &hh, &unit, &area);
    if (rc && rc != WG_ENOTFOUND)
        return rc;
    out->is_elector = rc == 0;
    if (out->is_elector && (rc = store_vote_participation(c->st, id, c->actor->id, unit, &out->voted, &out->unit_taken)))
        return rc;
    if (!v->secret && out->voted) {
        rc = store_vote_ballot_of(c->st, c->a, id, c->actor->id, &out->mine);
        if (rc && rc != WG_ENOTFOUND)
            return rc;
        out->has_mine = rc == 0;
    }
    rc = store_vote_hands_get(c->st, c->a, id, &out->hands);
    if (rc && rc != WG_ENOTFOUND)
        return rc;
    out->has_hands = rc == 0;
    return 0;
}

int vote_get(dctx *c, int64_t id, struct vote_info *out)
{
    return vote_load(c, id, out, 1, 1);
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
    return store_vote_list(c->st, c->a, community, matter_id, limit, offset < 0 ? 0 : offset, out, n, total);
}

/* ---- creating ---- */

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

int vote_create(dctx *c, const struct vote_new *in, int64_t *id)
{
    struct st_place p;
    int rc = place_get(c, in->place_id, &p);
    if (rc)
        return rc;
    if (strcmp(p.kind, "community") && strcmp(p.kind, "grid") && strcmp(p.kind, "building"))
        return dctx_fail(c, WG_EINVAL, "place_invalid", "place_id");
    if (!perm_allows_roles(c->actor, ACT_MANAGE_MATTER, p.path, MANAGERS)) {
        audit_log(c, "denied", p.path, "vote_create", p.community_id);
        return dctx_fail(c, WG_EPERM, "forbidden", NULL);
    }
    if (in->title == NULL || utf8_blank(in->title))
        return dctx_fail(c, WG_EINVAL, "title_required", "title");
    if (!text_ok(in->title, VOTE_TITLE_MAX))
        return dctx_fail(c, WG_EINVAL, "title_invalid", "title");
    enum tally_method method;
    if (in->method == NULL || tally_method_parse(in->method, &method))
        return dctx_fail(c, WG_EINVAL, "method_invalid", "method");
    int online = in->mode && strcmp(in->mode, "online") == 0;
    if (in->mode == NULL || (!online && strcmp(in->mode, "meeting")))
        return dctx_fail(c, WG_EINVAL, "mode_invalid", "mode");
    static const char *const yesno[] = {"yes", "no"};
    const char *const *labels = in->labels;
    int nlabels = in->nlabels;
    if (method == TALLY_YES_NO_ABSTAIN) {
        if (nlabels != 0)
            return dctx_fail(c, WG_EINVAL, "options_fixed", "options");
        labels = yesno;
        nlabels = 2;
    } else {
        if (nlabels < 2 || nlabels > TALLY_MAX_OPTIONS)
            return dctx_fail(c, WG_EINVAL, "options_count", "options");
        for (int i = 0; i < nlabels; i++) {
            if (!text_ok(labels[i], VOTE_LABEL_MAX))
                return dctx_fail(c, WG_EINVAL, "option_invalid", "options");
            for (int j = 0; j < i; j++)
                if (strcmp(labels[i], labels[j]) == 0)
                    return dctx_fail(c, WG_EINVAL, "option_duplicate", "options");
        }
    }
    struct tally_rule rule;
    char msg[256];
    if (in->rule == NULL || rule_of(in->rule, &rule))
        return dctx_fail(c, WG_EINVAL, "rule_invalid", "rule");
    if (tally_rule_check(&rule, method, msg, sizeof msg))
        return dctx_fail(c, WG_EINVAL, "rule_invalid", "rule");
    int64_t opens = in->opens_at ? in->opens_at : c->now, closes = in->closes_at;
    if (online) {
        if (closes <= opens || closes <= c->now || closes - opens > VOTE_WINDOW_MAX || opens < c->now - 86400 ||
            opens > c->now + VOTE_OPENS_WITHIN)
            return dctx_fail(c, WG_EINVAL, "window_invalid", "closes_at");
    } else {
        if (in->secret)
            return dctx_fail(c, WG_EINVAL, "secret_online_only", "secret");
        if (in->allow_change)
            return dctx_fail(c, WG_EINVAL, "change_online_only", "allow_change");
        opens = closes = 0;
    }
    if (in->matter_id) {
        struct st_matter m;
        rc = matter_lookup(c, in->matter_id, &m);
        if (rc == WG_ENOTFOUND || (rc == 0 && m.community_id != p.community_id))
            return dctx_fail(c, WG_EINVAL, "matter_invalid", "matter_id");
        if (rc)
            return rc;
    }
    /* on an agenda item: of a scheduled meeting of this community; the item
     * names its meeting and, when it has one, its matter */
    int64_t meeting_id = in->meeting_id, matter_id = in->matter_id;
    if (in->agenda_item_id) {
        struct st_agenda g;
        rc = store_agenda_get(c->st, c->a, in->agenda_item_id, &g);
        if (rc == WG_ENOTFOUND || (rc == 0 && (g.community_id != p.community_id ||
                                               (meeting_id && meeting_id != g.meeting_id))))
            return dctx_fail(c, WG_EINVAL, "agenda_item_invalid", "agenda_item_id");
        if (rc)
            return rc;
        meeting_id = g.meeting_id;
        if (matter_id == 0)
            matter_id = g.matter_id;
    }
    if (meeting_id) {
        struct st_meeting mt;
        rc = store_meeting_get(c->st, c->a, meeting_id, &mt);
        if (rc == WG_ENOTFOUND || (rc == 0 && mt.community_id != p.community_id))
            return dctx_fail(c, WG_EINVAL, "meeting_invalid", "meeting_id");
        if (rc)
            return rc;
        /* the meeting's council sits at the vote's place or above it (a grid
         * council may vote on one of its buildings), never beside it */
        if (strncmp(p.path, mt.place_path, strlen(mt.place_path)) != 0)
            return dctx_fail(c, WG_EINVAL, "meeting_invalid", "meeting_id");
        if (strcmp(mt.status, "scheduled") != 0)
            return dctx_fail(c, WG_ECONFLICT, "meeting_not_scheduled", "meeting_id");
    }
    struct st_vote v = {
        .community_id = p.community_id, .place_id = p.id, .matter_id = matter_id, .meeting_id = meeting_id,
        .agenda_item_id = in->agenda_item_id, .title = in->title, .method = tally_method_name(method),
        .secret = in->secret != 0, .mode = online ? "online" : "meeting", .allow_change = in->allow_change != 0,
        .opens_at = opens, .closes_at = closes, .status = "open",
        .rule_code = tally_preset(rule.code) ? rule.code : "custom", .voters = tally_voters_name(rule.voters),
        .q_basis = tally_basis_name(rule.quorum.basis), .q_num = rule.quorum.num, .q_den = rule.quorum.den,
        .q_strict = tally_strictness_name(rule.quorum.strictness),
        .aq_basis = tally_basis_name(rule.alt_quorum.basis), .aq_num = rule.alt_quorum.num,
        .aq_den = rule.alt_quorum.den, .aq_strict = tally_strictness_name(rule.alt_quorum.strictness),
        .ap_basis = tally_basis_name(rule.approval.basis), .ap_num = rule.approval.num, .ap_den = rule.approval.den,
        .ap_strict = tally_strictness_name(rule.approval.strictness), .ap_base = tally_base_name(rule.approval.base),
        .created_by = c->actor->id, .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    int64_t heads = 0, area = 0, households = 0;
    rc = store_vote_insert(c->st, &v);
    for (int i = 0; rc == 0 && i < nlabels; i++)
        rc = store_vote_option_insert(c->st, v.id, v.community_id, i, labels[i]);
    if (rc == 0)
        rc = store_vote_snapshot(c->st, v.id, v.community_id, p.path, voters_kind(rule.voters));
    if (rc == 0)
        rc = store_vote_electorate_count(c->st, v.id, &heads, &area, &households);
    if (rc == 0 && heads == 0)
        rc = dctx_fail(c, WG_EINVAL, "electorate_empty", "rule");
    if (rc == 0 && rule.voters == TALLY_OWNERS_BY_AREA && area == 0)
        rc = dctx_fail(c, WG_EINVAL, "electorate_no_area", "rule");
    if (rc == 0)
        rc = store_vote_set_electorate(c->st, v.id, heads, area, households);
    /* notifications: opened (when it opens), closing soon, result */
    const char *url = vote_url(c, v.id);
    if (rc == 0)
        rc = store_vote_notify(c->st, v.id, "vote_opened", v.title, url, NULL, online && opens > c->now ? opens : c->now,
                               NULL);
    if (rc == 0 && online && closes - VOTE_CLOSING_NOTICE > c->now && closes - VOTE_CLOSING_NOTICE > opens)
        rc = store_vote_notify(c->st, v.id, "vote_closing", v.title, url, NULL, closes - VOTE_CLOSING_NOTICE, NULL);
    if (rc == 0 && online)
        rc = store_vote_notify(c->st, v.id, "vote_result", v.title, url, NULL, closes, NULL);
    if ((rc = store_end(c->st, rc)))
        return rc;
    audit_log(c, "vote_create", url, v.rule_code, v.community_id);
    *id = v.id;
    return 0;
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
static int open_for_ballots(dctx *c, const struct st_vote *v)
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
static int still_open(dctx *c, int64_t id)
{
    struct st_vote now;
    int rc = store_vote_get(c->st, c->a, id, &now);
    return rc ? rc : open_for_ballots(c, &now);
}

int vote_cast(dctx *c, int64_t id, const int *opts, int nopts, const char *receipt_in, const char **receipt_out,
              int *changed)
{
    struct vote_info vi;
    int rc = vote_load(c, id, &vi, 1, 0);
    *receipt_out = NULL;
    *changed = 0;
    if (rc)
        return rc;
    if (strcmp(vi.v.mode, "online") != 0 && strcmp(vi.v.status, "open") == 0)
        return dctx_fail(c, WG_ECONFLICT, "vote_at_meeting", NULL);
    if ((rc = open_for_ballots(c, &vi.v)))
        return rc;
    int64_t hh, unit, area;
    rc = store_vote_elector(c->st, id, c->actor->id, &hh, &unit, &area);
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
    if ((rc = still_open(c, id)) == 0)
        rc = store_vote_participate(c->st, id, c->actor->id, vi.v.community_id, unit, 0, c->now, &inserted);
    if (rc == 0 && inserted) {
        const char *receipt = new_receipt(c);
        rc = store_vote_ballot_insert(c->st, id, receipt, vi.v.community_id, vi.v.secret ? 0 : c->actor->id, choice,
                                      area);
        if (vi.v.secret)
            *receipt_out = receipt;
    } else if (rc == 0) {
        rc = store_vote_participation(c->st, id, c->actor->id, unit, &voted, &taken);
        if (rc == 0 && !voted)
            rc = dctx_fail(c, WG_ECONFLICT, "household_voted", NULL);
        else if (rc == 0 && !vi.v.allow_change)
            rc = dctx_fail(c, WG_ECONFLICT, "already_voted", NULL);
        else if (rc == 0 && !vi.v.secret)
            rc = store_vote_ballot_replace_person(c->st, id, c->actor->id, choice);
        else if (rc == 0 && receipt_in == NULL)
            rc = dctx_fail(c, WG_ECONFLICT, "receipt_required", "receipt");
        else if (rc == 0) {
            rc = store_vote_ballot_replace_receipt(c->st, id, receipt_in, choice);
            if (rc == WG_ENOTFOUND)
                rc = dctx_fail(c, WG_EINVAL, "receipt_invalid", "receipt");
        }
        if (rc == 0)
            rc = store_vote_participation_bump(c->st, id, c->actor->id);
        if (rc == 0)
            *changed = 1;
    }
    rc = store_end(c->st, rc);
    if (rc == WG_ECONFLICT && c->code == NULL)
        return dctx_fail(c, rc, "already_voted", NULL);
    return rc;
}

static int manage_check(dctx *c, const struct vote_info *vi)
{
    if (vi->may_manage)
        return 0;
    audit_log(c, "denied", vi->v.place_path, "vote_manage", vi->v.community_id);
    return dctx_fail(c, WG_EPERM, "forbidden", NULL);
}

static int meeting_open(dctx *c, const struct vote_info *vi)
{
    if (strcmp(vi->v.mode, "meeting") != 0)
        return dctx_fail(c, WG_ECONFLICT, "vote_online", NULL);
    return open_for_ballots(c, &vi->v);
}

int vote_record(dctx *c, int64_t id, int64_t person_id, const int *opts, int nopts, int *changed)
{
    struct vote_info vi;
    int rc = vote_get(c, id, &vi);
    *changed = 0;
    if (rc || (rc = manage_check(c, &vi)) || (rc = meeting_open(c, &vi)))
        return rc;
    int64_t hh, unit, area;
    rc = person_id > 0 ? store_vote_elector(c->st, id, person_id, &hh, &unit, &area) : WG_ENOTFOUND;
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, WG_EINVAL, "not_elector", "person_id");
    if (rc == 0 && vi.v.meeting_id) {
        int present = 0;
        if ((rc = store_vote_elector_present(c->st, id, vi.v.meeting_id, person_id, &present)) == 0 && !present)
            return dctx_fail(c, WG_ECONFLICT, "not_present", "person_id");
    }
    const char *choice;
    if (rc || (rc = choice_text(c, vi.method, vi.nlabels, opts, nopts, &choice)))
        return rc;
    if ((rc = store_begin(c->st)))
        return rc;
    int inserted = 0, voted = 0, taken = 0;
    if ((rc = still_open(c, id)) == 0)
        rc = store_vote_participate(c->st, id, person_id, vi.v.community_id, unit, c->actor->id, c->now, &inserted);
    if (rc == 0 && inserted) {
        rc = store_vote_ballot_insert(c->st, id, new_receipt(c), vi.v.community_id, person_id, choice, area);
    } else if (rc == 0) {
        rc = store_vote_participation(c->st, id, person_id, unit, &voted, &taken);
        if (rc == 0 && !voted)
            rc = dctx_fail(c, WG_ECONFLICT, "household_voted", NULL);
        if (rc == 0)
            rc = store_vote_ballot_replace_person(c->st, id, person_id, choice);
        if (rc == 0)
            rc = store_vote_participation_bump(c->st, id, person_id);
        *changed = rc == 0;
    }
    return store_end(c->st, rc);
}

/* ---- show of hands ---- */

static int amount_of(json_t *o, struct tally_amount *a, int64_t *households)
{
    memset(a, 0, sizeof *a);
    if (o == NULL)
        return 0;
    if (!json_is_object(o))
        return WG_EINVAL;
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v)
    {
        int64_t *dst = strcmp(k, "heads") == 0        ? &a->heads
                       : strcmp(k, "area_dm2") == 0   ? &a->area
                       : strcmp(k, "households") == 0 && households ? households
                                                                    : NULL;
        if (dst == NULL || !json_is_integer(v) || json_integer_value(v) < 0 ||
            json_integer_value(v) > TALLY_MAX_COUNT)
            return WG_EINVAL;
        *dst = json_integer_value(v);
    }
    return 0;
}

/* Builds the tally input of a show of hands; the canonical entry in *canon. */
static int hands_input(dctx *c, const struct vote_info *vi, json_t *e, struct tally_input *in, json_t **canon)
{
    memset(in, 0, sizeof *in);
    *canon = NULL;
    if (!json_is_object(e))
        return WG_EINVAL;
    const char *k;
    json_t *v;
    json_object_foreach(e, k, v)
    {
        if (strcmp(k, "counts") && strcmp(k, "abstain") && strcmp(k, "cast") && strcmp(k, "present"))
            return WG_EINVAL;
    }
    json_t *counts = json_object_get(e, "counts"), *present = json_object_get(e, "present");
    /* with a meeting, who is present comes from its sign-in, never typed in */
    if (!json_is_array(counts) || json_array_size(counts) > (size_t)vi->nlabels ||
        (vi->v.meeting_id ? present != NULL : !json_is_object(present)))
        return WG_EINVAL;
    struct tally_amount *amounts = arena_calloc(c->a, sizeof *amounts * (size_t)vi->nlabels), pres;
    unsigned char seen[TALLY_MAX_OPTIONS] = {0};
    json_t *cj = json_array();
    size_t i;
    json_array_foreach(counts, i, v)
    {
        json_t *o = json_is_object(v) ? json_object_get(v, "option") : NULL;
        if (!json_is_integer(o) || json_integer_value(o) < 0 || json_integer_value(o) >= vi->nlabels ||
            seen[json_integer_value(o)]) {
            json_decref(cj);
            return WG_EINVAL;
        }
        int opt = (int)json_integer_value(o);
        seen[opt] = 1;
        json_t *rest = json_deep_copy(v);
        json_object_del(rest, "option");
        int bad = amount_of(rest, &amounts[opt], NULL);
        json_decref(rest);
        if (bad) {
            json_decref(cj);
            return WG_EINVAL;
        }
        json_array_append_new(cj, json_pack("{s:i, s:I, s:I}", "option", opt, "heads", (json_int_t)amounts[opt].heads,
                                            "area_dm2", (json_int_t)amounts[opt].area));
    }
    in->method = vi->method;
    in->rule = vi->rule;
    in->noptions = (size_t)vi->nlabels;
    in->electorate = (struct tally_group){vi->v.elect_heads, vi->v.elect_area, vi->v.elect_households};
    in->counts = amounts;
    if (amount_of(json_object_get(e, "abstain"), &in->abstain, NULL) ||
        amount_of(json_object_get(e, "cast"), &in->cast, NULL) ||
        amount_of(present, &pres, &in->present.households) || (vi->method != TALLY_APPROVAL && json_object_get(e, "cast"))) {
        json_decref(cj);
        return WG_EINVAL;
    }
    in->present.heads = pres.heads;
    in->present.area = pres.area;
    if (vi->v.meeting_id && store_vote_meeting_present(c->st, vi->v.id, vi->v.meeting_id, &in->present.heads,
                                                       &in->present.area, &in->present.households)) {
        json_decref(cj);
        return WG_EDB;
    }
    json_t *out = json_pack("{s:o, s:{s:I, s:I}, s:{s:I, s:I, s:I}}", "counts", cj, "abstain", "heads",
                            (json_int_t)in->abstain.heads, "area_dm2", (json_int_t)in->abstain.area, "present",
                            "heads", (json_int_t)in->present.heads, "area_dm2", (json_int_t)in->present.area,
                            "households", (json_int_t)in->present.households);
    if (vi->method == TALLY_APPROVAL)
        json_object_set_new(out, "cast", json_pack("{s:I, s:I}", "heads", (json_int_t)in->cast.heads, "area_dm2",
                                                   (json_int_t)in->cast.area));
    *canon = out;
    return 0;
}

int vote_hands_enter(dctx *c, int64_t id, json_t *entry)
{
    struct vote_info vi;
    int rc = vote_get(c, id, &vi);
    if (rc || (rc = manage_check(c, &vi)) || (rc = meeting_open(c, &vi)))
        return rc;
    if (vi.method == TALLY_RANKED)
        return dctx_fail(c, WG_EINVAL, "hands_ranked", NULL);
    struct tally_input in;
    json_t *canon;
    char msg[256];
    if (hands_input(c, &vi, entry, &in, &canon))
        return dctx_fail(c, WG_EINVAL, "counts_invalid", "counts");
    if (tally_check(&in, msg, sizeof msg)) {
        json_decref(canon);
        return dctx_fail(c, WG_EINVAL, "counts_invalid", arena_strdup(c->a, msg));
    }
    char *text = json_dumps(canon, JSON_COMPACT);
    json_decref(canon);
    const char *t = arena_strdup(c->a, text);
    jalloc_free(text);
    if ((rc = store_begin(c->st)))
        return rc;
    if ((rc = still_open(c, id)) == 0)
        rc = store_vote_hands_set(c->st, id, vi.v.community_id, t, c->actor->id, c->now);
    return store_end(c->st, rc);
}

/* A short fingerprint of entered counts: what a confirmer saw. */
static const char *hands_version(dctx *c, const struct st_vote_hands *h)
{
    unsigned char md[8];
    char *hex = arena_alloc(c->a, 2 * sizeof md + 1);
    const char *stamp = arena_printf(c->a, "%lld/%lld/", (long long)h->entered_by, (long long)h->entered_at);
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, sizeof md);
    crypto_generichash_update(&st, (const unsigned char *)stamp, strlen(stamp));
    crypto_generichash_update(&st, (const unsigned char *)h->counts_json, strlen(h->counts_json));
    crypto_generichash_final(&st, md, sizeof md);
    sodium_bin2hex(hex, 2 * sizeof md + 1, md, sizeof md);
    return hex;
}

int vote_hands_confirm(dctx *c, int64_t id, const char *version)
{
    struct vote_info vi;
    int rc = vote_get(c, id, &vi);
    if (rc || (rc = manage_check(c, &vi)) || (rc = meeting_open(c, &vi)))
        return rc;
    if (!vi.has_hands)
        return dctx_fail(c, WG_ECONFLICT, "nothing_to_confirm", NULL);
    if (vi.hands.entered_by == c->actor->id)
        return dctx_fail(c, WG_ECONFLICT, "same_person", NULL);
    if (vi.hands.confirmed_by)
        return dctx_fail(c, WG_ECONFLICT, "already_confirmed", NULL);
    /* the confirmer confirms the counts they saw: re-entered since, refused */
    if (version && strcmp(version, hands_version(c, &vi.hands)) != 0)
        return dctx_fail(c, WG_ECONFLICT, "hands_changed", "version");
    if ((rc = store_begin(c->st)))
        return rc;
    rc = store_vote_hands_confirm(c->st, id, c->actor->id, c->now, vi.hands.counts_json);
    rc = store_end(c->st, rc);
    return rc == WG_ECONFLICT ? dctx_fail(c, rc, "hands_changed", NULL) : rc;
}

/* ---- closing ---- */

/* Parses "2,0,1" into opts; the count. */
static int parse_choice(const char *s, int *opts)
{
    int n = 0;
    while (s && *s && n < TALLY_MAX_OPTIONS) {
        char *end;
        opts[n++] = (int)strtol(s, &end, 10);
        s = *end == ',' ? end + 1 : end;
        if (end == s && *s)
            break;
    }
    return n;
}

/* The wugong-tally/1 document of a vote, from what is stored now (inside
 * the closing transaction). */
static int build_export(dctx *c, const struct vote_info *vi, json_t **out)
{
    const struct st_vote *v = &vi->v;
    json_t *labels = json_array();
    for (int i = 0; i < vi->nlabels; i++)
        json_array_append_new(labels, json_string(vi->labels[i]));
    json_t *vote = json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)v->id, "title", v->title, "method", v->method,
                             "options", labels);
    json_t *ballots = json_object(), *present;
    int hands = 0;
    if (strcmp(v->mode, "meeting") == 0) {
        struct st_vote_hands h;
        int rc = store_vote_hands_get(c->st, c->a, v->id, &h);
        if (rc && rc != WG_ENOTFOUND) {
            json_decref(vote);
            json_decref(ballots);
            return rc;
        }
        if (rc == 0 && !h.confirmed_by) {
            json_decref(vote);
            json_decref(ballots);
            return dctx_fail(c, WG_ECONFLICT, "hands_unconfirmed", NULL);
        }
        hands = rc == 0;
        if (hands) {
            json_t *e = json_loads(h.counts_json, 0, NULL);
            present = json_incref(json_object_get(e, "present"));
            json_object_set(ballots, "counts", json_object_get(e, "counts"));
            json_object_set(ballots, "abstain", json_object_get(e, "abstain"));
            if (json_object_get(e, "cast"))
                json_object_set(ballots, "cast", json_object_get(e, "cast"));
            json_decref(e);
            json_object_set_new(vote, "counting", json_string("show_of_hands"));
        }
    } else {
        json_object_set_new(vote, "counting", json_string(v->secret ? "secret_ballot" : "online"));
    }
    if (!hands) {
        int64_t ph = 0, pa = 0, phh = 0;
        struct st_ballot *bs;
        int nb = 0, rc = v->meeting_id && strcmp(v->mode, "meeting") == 0
                             ? store_vote_meeting_present(c->st, v->id, v->meeting_id, &ph, &pa, &phh)
                             : store_vote_present(c->st, v->id, &ph, &pa, &phh);
        if (rc == 0)
            rc = store_vote_ballots(c->st, c->a, v->id, &bs, &nb);
        if (rc) {
            json_decref(vote);
            json_decref(ballots);
            return rc;
        }
        present = json_pack("{s:I, s:I, s:I}", "heads", (json_int_t)ph, "area_dm2", (json_int_t)pa, "households",
                            (json_int_t)phh);
        json_t *list = json_array();
        int64_t abstain = 0;
        int opts[TALLY_MAX_OPTIONS];
        for (int i = 0; i < nb; i++) {
            int n = parse_choice(bs[i].choice, opts);
            json_t *o = json_array();
            for (int k = 0; k < n; k++)
                json_array_append_new(o, json_integer(opts[k]));
            json_t *e;
            if (vi->method == TALLY_RANKED) {
                if (n == 0) {
                    abstain++;
                    json_decref(o);
                    continue;
                }
                e = json_pack("{s:o}", "ranking", o);
            } else {
                e = json_pack("{s:o}", "options", o);
                if (bs[i].area_dm2 > 0)
                    json_object_set_new(e, "area_dm2", json_integer(bs[i].area_dm2));
            }
            if (v->secret)
                json_object_set_new(e, "receipt", json_string(bs[i].receipt));
            json_array_append_new(list, e);
        }
        if (vi->method == TALLY_RANKED) {
            json_object_set_new(ballots, "rankings", list);
            if (abstain)
                json_object_set_new(ballots, "abstain", json_pack("{s:I}", "heads", (json_int_t)abstain));
        } else {
            json_object_set_new(ballots, "list", list);
        }
    }
    json_object_set_new(vote, "rule", rule_json(&vi->rule));
    *out = json_pack("{s:s, s:o, s:{s:I, s:I, s:I}, s:o, s:o}", "format", TALLY_JSON_FORMAT, "vote", vote,
                     "electorate", "heads", (json_int_t)v->elect_heads, "area_dm2", (json_int_t)v->elect_area,
                     "households", (json_int_t)v->elect_households, "present", present, "ballots", ballots);
    return 0;
}

/* Closes an open vote: builds its document, counts it with tally_run (via
 * tally_json_run, as `wugong tally` does) and stores both, in one
 * transaction. Closing twice is harmless: the loser of a race finds it
 * closed. early: staff close an online vote before its window ends. */
static int vote_finish(dctx *c, int64_t id, int64_t closer, int early)
{
    int rc = store_begin(c->st);
    if (rc)
        return rc;
    struct vote_info vi;
    memset(&vi, 0, sizeof vi);
    rc = store_vote_get(c->st, c->a, id, &vi.v);
    if (rc || strcmp(vi.v.status, "open") != 0) {
        store_rollback(c->st);
        return rc;
    }
    if ((rc = store_vote_options(c->st, c->a, id, &vi.labels, &vi.nlabels))) {
        store_rollback(c->st);
        return rc;
    }
    tally_method_parse(vi.v.method, &vi.method);
    rule_of_vote(&vi.v, &vi.rule);
    json_t *doc = NULL;
    if ((rc = build_export(c, &vi, &doc))) {
        store_rollback(c->st);
        return rc;
    }
    char *text = json_dumps(doc, JSON_INDENT(1));
    json_decref(doc);
    if (text == NULL) {
        store_rollback(c->st);
        return dctx_fail(c, WG_EINVAL, "tally_failed", NULL);
    }
    const char *export = arena_strdup(c->a, text);
    jalloc_free(text);
    buf out;
    buf_init(&out, (size_t)1 << 30);
    char err[512];
    rc = tally_json_run(c->a, export, strlen(export), &out, err, sizeof err);
    if (rc) {
        buf_free(&out);
        store_rollback(c->st);
        return dctx_fail(c, rc, "tally_failed", arena_strdup(c->a, err));
    }
    json_t *res = json_loads(out.data, 0, NULL);
    int passed = res && json_is_true(json_object_get(res, "passed"));
    json_decref(res);
    const char *url = vote_url(c, id);
    rc = store_vote_close(c->st, id, closer, c->now, early ? c->now : 0, passed, export, out.data);
    buf_free(&out);
    /* Secret ballots were written in the transaction that recorded who
     * voted; on PostgreSQL the two rows share a transaction id until they
     * are rewritten. Rewriting every ballot in the closing transaction
     * leaves them all with one (the old row versions go with VACUUM). */
    if (rc == 0 && vi.v.secret)
        rc = store_vote_ballots_rewrite(c->st, id);
    if (rc == 0 && early) {
        /* the reminders that are still pending go, the result is due now */
        rc = store_vote_notify_drop(c->st, url, "vote_closing", c->now);
        if (rc == 0)
            rc = store_vote_notify_move(c->st, url, "vote_result", c->now);
    }
    if (rc == 0 && strcmp(vi.v.mode, "meeting") == 0)
        rc = store_vote_notify(c->st, id, "vote_result", vi.v.title, url, NULL, c->now, NULL);
    if (rc == WG_ECONFLICT) { /* closed meanwhile */
        store_rollback(c->st);
        return 0;
    }
    return store_end(c->st, rc);
}

int vote_close(dctx *c, int64_t id)
{
    struct vote_info vi;
    int rc = vote_get(c, id, &vi);
    if (rc || (rc = manage_check(c, &vi)))
        return rc;
    if (strcmp(vi.v.status, "cancelled") == 0)
        return dctx_fail(c, WG_ECONFLICT, "vote_cancelled", NULL);
    if (strcmp(vi.v.status, "open") != 0)
        return dctx_fail(c, WG_ECONFLICT, "vote_closed", NULL);
    if ((rc = vote_finish(c, id, c->actor->id, strcmp(vi.v.mode, "online") == 0)))
        return rc;
    audit_log(c, "vote_close", vote_url(c, id), NULL, vi.v.community_id);
    return 0;
}

int vote_cancel(dctx *c, int64_t id)
{
    struct vote_info vi;
    int rc = vote_get(c, id, &vi);
    if (rc || (rc = manage_check(c, &vi)))
        return rc;
    if (strcmp(vi.v.status, "open") != 0)
        return dctx_fail(c, WG_ECONFLICT, strcmp(vi.v.status, "cancelled") == 0 ? "vote_cancelled" : "vote_closed", NULL);
    const char *url = vote_url(c, id);
    if ((rc = store_begin(c->st)))
        return rc;
    rc = store_vote_cancel(c->st, id, c->actor->id, c->now);
    static const char *const kinds[] = {"vote_opened", "vote_closing", "vote_result"};
    for (int i = 0; rc == 0 && i < 3; i++)
        rc = store_vote_notify_drop(c->st, url, kinds[i], c->now);
    rc = store_end(c->st, rc);
    if (rc == WG_ECONFLICT)
        return dctx_fail(c, rc, "vote_closed", NULL);
    if (rc == 0)
        audit_log(c, "vote_cancel", url, NULL, vi.v.community_id);
    return rc;
}

int vote_export(dctx *c, int64_t id, const char **doc)
{
    struct vote_info vi;
    int rc = vote_get(c, id, &vi);
    if (rc)
        return rc;
    if (strcmp(vi.v.status, "closed") != 0 || vi.v.export_json == NULL)
        return dctx_fail(c, WG_ECONFLICT, "vote_not_closed", NULL);
    *doc = vi.v.export_json;
    return 0;
}

int vote_receipt_check(dctx *c, int64_t id, const char *code, int *found)
{
    struct vote_info vi;
    int rc = vote_get(c, id, &vi);
    *found = 0;
    if (rc)
        return rc;
    if (code == NULL || strlen(code) == 0 || strlen(code) > VOTE_RECEIPT_MAX)
        return dctx_fail(c, WG_EINVAL, "receipt_invalid", "code");
    if (strcmp(vi.v.status, "closed") != 0)
        return dctx_fail(c, WG_ECONFLICT, "vote_not_closed", NULL);
    if (!vi.v.secret)
        return 0;
    return store_vote_receipt_exists(c->st, id, code, found);
}

/* ---- views ---- */


json_t *view_vote_item(dctx *c, const struct st_vote *v)
{
    (void)c;
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:b, s:b, s:s, s:{s:I, s:s, s:s}, s:s, s:I}", "id", (json_int_t)v->id,
                          "title", v->title, "method", v->method, "mode", v->mode, "secret", v->secret, "allow_change",
                          v->allow_change, "status", v->status, "place", "id", (json_int_t)v->place_id, "name",
                          v->place_name, "kind", v->place_kind, "rule_code", v->rule_code, "community_id",
                          (json_int_t)v->community_id);
    json_object_set_new(o, "matter", v->matter_id ? json_pack("{s:I, s:s?}", "id", (json_int_t)v->matter_id, "title",
                                                              v->matter_title)
                                                  : json_null());
    json_object_set_new(o, "meeting_id", v->meeting_id ? json_integer(v->meeting_id) : json_null());
    json_object_set_new(o, "agenda_item_id", v->agenda_item_id ? json_integer(v->agenda_item_id) : json_null());
    time_pair(o, "opens_at", v->opens_at);
    time_pair(o, "closes_at", v->closes_at);
    time_pair(o, "created_at", v->created_at);
    time_pair(o, "closed_at", v->closed_at);
    json_object_set_new(o, "passed", v->passed < 0 ? json_null() : json_boolean(v->passed));
    return o;
}

json_t *view_vote(dctx *c, const struct vote_info *vi)
{
    const struct st_vote *v = &vi->v;
    json_t *o = view_vote_item(c, v);
    json_object_set_new(o, "state", json_string(vi->state));
    json_object_set_new(o, "created_by", json_pack("{s:I, s:s}", "id", (json_int_t)v->created_by, "name",
                                                   v->creator_name ? v->creator_name : ""));
    json_t *opts = json_array();
    for (int i = 0; i < vi->nlabels; i++)
        json_array_append_new(opts, json_pack("{s:i, s:s}", "index", i, "label", vi->labels[i]));
    json_object_set_new(o, "options", opts);
    json_t *rule = json_pack("{s:s, s:b, s:s, s:o, s:o, s:o}", "code", v->rule_code, "preset",
                             tally_preset(v->rule_code) != NULL, "voters", v->voters, "quorum",
                             threshold_json(&vi->rule.quorum, 0), "alt_quorum",
                             vi->rule.alt_quorum.basis == TALLY_BASIS_NONE ? json_null()
                                                                           : threshold_json(&vi->rule.alt_quorum, 0),
                             "approval", threshold_json(&vi->rule.approval, 1));
    json_object_set_new(o, "rule", rule);
    char words[1024];
    json_t *rt = json_object();
    static const char *const langs[] = {"zh-Hans", "zh-Hant", "en"};
    for (int l = 0; l < 3; l++) {
        vote_rule_words(&vi->rule, vi->method, l, words, sizeof words);
        json_object_set_new(rt, langs[l], json_string(words));
    }
    json_object_set_new(o, "rule_text", rt);
    json_object_set_new(o, "electorate", json_pack("{s:I, s:I, s:I}", "heads", (json_int_t)v->elect_heads, "area_dm2",
                                                   (json_int_t)v->elect_area, "households",
                                                   (json_int_t)v->elect_households));
    int open = strcmp(vi->state, "open") == 0 && strcmp(v->mode, "online") == 0;
    json_t *me = json_pack("{s:b, s:b, s:b, s:b, s:b}", "is_elector", vi->is_elector, "voted", vi->voted,
                           "household_voted", vi->unit_taken, "may_vote",
                           open && vi->is_elector && !vi->voted && !vi->unit_taken, "may_change",
                           open && vi->voted && v->allow_change);
    if (vi->has_mine) {
        json_t *b = json_array();
        int opts2[TALLY_MAX_OPTIONS], n = parse_choice(vi->mine.choice, opts2);
        for (int i = 0; i < n; i++)
            json_array_append_new(b, json_integer(opts2[i]));
        json_object_set_new(me, "ballot", b);
    }
    json_object_set_new(o, "me", me);
    json_object_set_new(o, "may_manage", json_boolean(vi->may_manage));
    if (vi->has_hands) {
        json_t *h = json_loads(vi->hands.counts_json, 0, NULL);
        if (h == NULL)
            h = json_object();
        json_object_set_new(h, "entered_by", json_pack("{s:I, s:s?}", "id", (json_int_t)vi->hands.entered_by, "name",
                                                       vi->hands.entered_name));
        time_pair(h, "entered_at", vi->hands.entered_at);
        json_object_set_new(h, "version", json_string(hands_version(c, &vi->hands)));
        json_object_set_new(h, "confirmed_by", vi->hands.confirmed_by
                                                   ? json_pack("{s:I, s:s?}", "id", (json_int_t)vi->hands.confirmed_by,
                                                               "name", vi->hands.confirmed_name)
                                                   : json_null());
        time_pair(h, "confirmed_at", vi->hands.confirmed_at);
        json_object_set_new(o, "hands", h);
    } else {
        json_object_set_new(o, "hands", json_null());
    }
    json_t *res = v->result_json ? json_loads(v->result_json, 0, NULL) : NULL;
    json_object_set_new(o, "result", res ? res : json_null());
    return o;
}

/* ---- demo ---- */

int vote_demo(dctx *c)
{
    /* 赵桂兰 and 吴秀英 of 龙湖, 许芳 of 凤凰苑 */
    static const char *const phones[] = {"13800001201", "13800001204", "13800002201"};
    for (size_t i = 0; i < sizeof phones / sizeof phones[0]; i++) {
        struct st_person p;
        int rc = person_by_phone(c->st, c->a, phones[i], &p);
        if (rc == 0)
            rc = store_person_set_representative(c->st, p.id, 1);
        if (rc)
            return rc;
    }
    return 0;
}
