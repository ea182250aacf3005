/*
 * Votes as shown: the rule in plain words in three languages, the rule as
 * published, and the views of a vote for the API and the pages. See
 * vote.h.
 */
#include <stdio.h>
#include <string.h>

#include "core/time.h"
#include "mod/vote/vote.h"
#include "mod/vote/vote_int.h"

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

json_t *vote_threshold_json(const struct tally_threshold *t, int with_base)
{
    if (t->basis == TALLY_BASIS_NONE) /* no condition: the reader takes no other field */
        return json_pack("{s:s}", "basis", "none");
    json_t *o = json_pack("{s:s, s:[I, I], s:s}", "basis", tally_basis_name(t->basis), "fraction", (json_int_t)t->num,
                          (json_int_t)t->den, "strictness", tally_strictness_name(t->strictness));
    if (with_base)
        json_object_set_new(o, "base", json_string(tally_base_name(t->base)));
    return o;
}

/* The rule as written in the published document. */
json_t *vote_rule_json(const struct tally_rule *r)
{
    if (tally_preset(r->code) != NULL)
        return json_pack("{s:s}", "preset", r->code);
    json_t *o = json_pack("{s:s}", "voters", tally_voters_name(r->voters));
    if (r->quorum.basis != TALLY_BASIS_NONE)
        json_object_set_new(o, "quorum", vote_threshold_json(&r->quorum, 0));
    if (r->alt_quorum.basis != TALLY_BASIS_NONE)
        json_object_set_new(o, "alt_quorum", vote_threshold_json(&r->alt_quorum, 0));
    json_object_set_new(o, "approval", vote_threshold_json(&r->approval, 1));
    return o;
}

json_t *vote_view_item(dctx *c, const struct st_vote *v)
{
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
    time_json_pair(o, "opens_at", v->opens_at);
    time_json_pair(o, "closes_at", v->closes_at);
    time_json_pair(o, "created_at", v->created_at);
    time_json_pair(o, "closed_at", v->closed_at);
    json_object_set_new(o, "passed", v->passed < 0 ? json_null() : json_boolean(v->passed));
    json_object_set_new(o, "state", json_string(vote_state_at(c, v)));
    return o;
}

json_t *vote_view(dctx *c, const struct vote_info *vi)
{
    const struct st_vote *v = &vi->v;
    json_t *o = vote_view_item(c, v);
    json_object_set_new(o, "state", json_string(vi->state));
    json_object_set_new(o, "created_by", json_pack("{s:I, s:s}", "id", (json_int_t)v->created_by, "name",
                                                   v->creator_name ? v->creator_name : ""));
    json_t *opts = json_array();
    for (int i = 0; i < vi->nlabels; i++)
        json_array_append_new(opts, json_pack("{s:i, s:s}", "index", i, "label", vi->labels[i]));
    json_object_set_new(o, "options", opts);
    json_t *rule = json_pack("{s:s, s:b, s:s, s:o, s:o, s:o}", "code", v->rule_code, "preset",
                             tally_preset(v->rule_code) != NULL, "voters", v->voters, "quorum",
                             vote_threshold_json(&vi->rule.quorum, 0), "alt_quorum",
                             vi->rule.alt_quorum.basis == TALLY_BASIS_NONE ? json_null()
                                                                           : vote_threshold_json(&vi->rule.alt_quorum, 0),
                             "approval", vote_threshold_json(&vi->rule.approval, 1));
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
        int opts2[TALLY_MAX_OPTIONS], n = vote_parse_choice(vi->mine.choice, opts2);
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
        time_json_pair(h, "entered_at", vi->hands.entered_at);
        json_object_set_new(h, "version", json_string(vote_hands_version(c, &vi->hands)));
        json_object_set_new(h, "confirmed_by", vi->hands.confirmed_by
                                                   ? json_pack("{s:I, s:s?}", "id", (json_int_t)vi->hands.confirmed_by,
                                                               "name", vi->hands.confirmed_name)
                                                   : json_null());
        time_json_pair(h, "confirmed_at", vi->hands.confirmed_at);
        json_object_set_new(o, "hands", h);
    } else {
        json_object_set_new(o, "hands", json_null());
    }
    json_t *res = v->result_json ? json_loads(v->result_json, 0, NULL) : NULL;
    json_object_set_new(o, "result", res ? res : json_null());
    return o;
}
