/*
 * Votes (表决), the second half: a show of hands and its confirmation,
 * closing (by staff, or on time by the "vote.close" job), cancelling, the
 * published wugong-tally/1 document and receipts, and the work due at a
 * vote's times (jobs). See vote.h.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "algo/tally_json.h"
#include "core/log.h"
#include "core/jalloc.h"
#include "core/token.h"
#include "mod/vote/vote.h"
#include "mod/vote/vote_int.h"
#include "mod/vote/vote_store.h"

/* ---- on time ---- */

/* The jobs of a vote, by index: 0 open, 1 closing soon, 2 close. */
static const char *const job_kinds[] = {"vote.open", "vote.closing", "vote.close"};

static const char *job_key(dctx *c, int k, int64_t id)
{
    return arena_printf(c->a, "%s:%lld", job_kinds[k], (long long)id);
}

/* Tells the vote's electorate, dated at (a job's notification is dated
 * when it was due, even when the runner is late). */
static int tell(dctx *c, const struct st_vote *v, const char *kind, int64_t at)
{
    struct notify_msg msg = {.kind = kind, .title = v->title, .url = vote_url(c, v->id), .at = at};
    return vote_store_notify(c->st, v->id, &msg, NULL);
}

int vote_jobs_schedule(dctx *c, const struct st_vote *v)
{
    int online = strcmp(v->mode, "online") == 0;
    int64_t soon = v->closes_at - VOTE_CLOSING_NOTICE;
    int rc = online && v->opens_at > c->now
                 ? job_schedule(c->st, job_kinds[0], job_key(c, 0, v->id), v->id, v->opens_at, c->now)
                 : tell(c, v, "vote_opened", c->now);
    if (rc == 0 && online && soon > c->now && soon > v->opens_at)
        rc = job_schedule(c->st, job_kinds[1], job_key(c, 1, v->id), v->id, soon, c->now);
    if (rc == 0 && online)
        rc = job_schedule(c->st, job_kinds[2], job_key(c, 2, v->id), v->id, v->closes_at, c->now);
    return rc;
}

/* A job's vote, when it is still open (else *open 0: nothing to do). */
static int job_vote(dctx *c, const struct job *j, struct st_vote *v, int *open)
{
    int rc = vote_store_get(c->st, c->a, j->ref_id, v);
    *open = rc == 0 && strcmp(v->status, "open") == 0;
    return rc == WG_ENOTFOUND ? 0 : rc;
}

int vote_job_open(dctx *c, const struct job *j)
{
    struct st_vote v;
    int open, rc = job_vote(c, j, &v, &open);
    return rc || !open ? rc : tell(c, &v, "vote_opened", j->due_at);
}

int vote_job_closing(dctx *c, const struct job *j)
{
    struct st_vote v;
    int open, rc = job_vote(c, j, &v, &open);
    return rc || !open ? rc : tell(c, &v, "vote_closing", j->due_at);
}

static int finish_tx(dctx *c, int64_t id, int64_t closer, int early, int64_t told_at);

int vote_job_close(dctx *c, const struct job *j)
{
    return finish_tx(c, j->ref_id, 0, 0, j->due_at);
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
    if (vi->v.meeting_id && vote_store_meeting_present(c->st, vi->v.id, vi->v.meeting_id, &in->present.heads,
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
    if (rc || (rc = vote_manage_check(c, &vi)) || (rc = vote_meeting_open(c, &vi)))
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
    if ((rc = vote_still_open(c, id)) == 0)
        rc = vote_store_hands_set(c->st, id, vi.v.community_id, t, c->actor->id, c->now);
    return store_end(c->st, rc);
}

const char *vote_hands_version(dctx *c, const struct st_vote_hands *h)
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
    if (rc || (rc = vote_manage_check(c, &vi)) || (rc = vote_meeting_open(c, &vi)))
        return rc;
    if (!vi.has_hands)
        return dctx_fail(c, WG_ECONFLICT, "nothing_to_confirm", NULL);
    if (vi.hands.entered_by == c->actor->id)
        return dctx_fail(c, WG_ECONFLICT, "same_person", NULL);
    if (vi.hands.confirmed_by)
        return dctx_fail(c, WG_ECONFLICT, "already_confirmed", NULL);
    /* the confirmer confirms the counts they saw: re-entered since, refused */
    if (version && strcmp(version, vote_hands_version(c, &vi.hands)) != 0)
        return dctx_fail(c, WG_ECONFLICT, "hands_changed", "version");
    if ((rc = store_begin(c->st)))
        return rc;
    rc = vote_store_hands_confirm(c->st, id, c->actor->id, c->now, vi.hands.counts_json);
    rc = store_end(c->st, rc);
    return rc == WG_ECONFLICT ? dctx_fail(c, rc, "hands_changed", NULL) : rc;
}

int vote_parse_choice(const char *s, int *opts)
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

/* ---- the published document ---- */

/* The electors of a vote under anonymous keys: random for each document
 * (nothing stored links a key to a unit or a person), listed by key. */
struct electors {
    struct vote_store_group *g; /* by group key */
    const char **key;           /* key[i] is g[i]'s */
    int n;
};

static int electors_load(dctx *c, int64_t vote_id, struct electors *el)
{
    int rc = vote_store_groups(c->st, c->a, vote_id, &el->g, &el->n);
    if (rc)
        return rc;
    el->key = arena_alloc(c->a, (size_t)(el->n > 0 ? el->n : 1) * sizeof *el->key);
    for (int i = 0; i < el->n; i++) {
        char tok[TOKEN_HEX + 1];
        token_random(tok);
        el->key[i] = arena_strndup(c->a, tok, 16);
    }
    return 0;
}

/* The key of the elector with this group key, or NULL. */
static const char *electors_key(const struct electors *el, int64_t group_key)
{
    int lo = 0, hi = el->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (el->g[mid].key < group_key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < el->n && el->g[lo].key == group_key ? el->key[lo] : NULL;
}

static int cmp_elector_json(const void *x, const void *y)
{
    return strcmp(json_string_value(json_object_get(*(json_t *const *)x, "key")),
                  json_string_value(json_object_get(*(json_t *const *)y, "key")));
}

/* [{key, heads, area_dm2}] by key: what a recount regroups. */
static json_t *electors_json(const struct electors *el)
{
    json_t **items = malloc(sizeof *items * (size_t)(el->n > 0 ? el->n : 1));
    json_t *arr = json_array();
    if (items == NULL)
        return arr;
    for (int i = 0; i < el->n; i++)
        items[i] = json_pack("{s:s, s:i, s:I}", "key", el->key[i], "heads", 1, "area_dm2", (json_int_t)el->g[i].area_dm2);
    qsort(items, (size_t)el->n, sizeof *items, cmp_elector_json);
    for (int i = 0; i < el->n; i++)
        json_array_append_new(arr, items[i]);
    free(items);
    return arr;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The keys of those present (took part; at a meeting vote, present at the
 * meeting), sorted. */
static int present_json(dctx *c, const struct st_vote *v, const struct electors *el, json_t *present)
{
    int64_t *keys;
    int n = 0;
    int64_t meeting = strcmp(v->mode, "meeting") == 0 ? v->meeting_id : 0;
    int rc = vote_store_present_keys(c->st, c->a, v->id, meeting, &keys, &n);
    if (rc)
        return rc;
    const char **ks = arena_alloc(c->a, (size_t)(n > 0 ? n : 1) * sizeof *ks);
    int m = 0;
    for (int i = 0; i < n; i++)
        if ((ks[m] = electors_key(el, keys[i])) != NULL)
            m++;
    qsort(ks, (size_t)m, sizeof *ks, cmp_str);
    json_t *arr = json_array();
    for (int i = 0; i < m; i++)
        json_array_append_new(arr, json_string(ks[i]));
    json_object_set_new(present, "electors", arr);
    return 0;
}

/* A show of hands: the confirmed counts and who was present. */
static int hands_json(dctx *c, const struct st_vote *v, json_t *vote, json_t *ballots, json_t **present, int *hands)
{
    struct st_vote_hands h;
    int rc = vote_store_hands_get(c->st, c->a, v->id, &h);
    *hands = 0;
    if (rc == WG_ENOTFOUND)
        return 0;
    if (rc)
        return rc;
    if (!h.confirmed_by)
        return dctx_fail(c, WG_ECONFLICT, "hands_unconfirmed", NULL);
    json_t *e = json_loads(h.counts_json, 0, NULL);
    *present = json_incref(json_object_get(e, "present"));
    json_object_set(ballots, "counts", json_object_get(e, "counts"));
    json_object_set(ballots, "abstain", json_object_get(e, "abstain"));
    if (json_object_get(e, "cast"))
        json_object_set(ballots, "cast", json_object_get(e, "cast"));
    json_decref(e);
    json_object_set_new(vote, "counting", json_string("show_of_hands"));
    *hands = 1;
    return 0;
}

/* One ballot of the list: its options (or ranking), area, receipt (secret)
 * or elector (open); NULL for a ranked ballot that ranks nothing (an
 * abstention). */
static json_t *ballot_json(const struct vote_info *vi, const struct st_ballot *b, const struct electors *el)
{
    int opts[TALLY_MAX_OPTIONS];
    int n = vote_parse_choice(b->choice, opts);
    json_t *o = json_array();
    for (int k = 0; k < n; k++)
        json_array_append_new(o, json_integer(opts[k]));
    if (vi->method == TALLY_RANKED && n == 0) {
        json_decref(o);
        return NULL;
    }
    json_t *e = json_pack("{s:o}", vi->method == TALLY_RANKED ? "ranking" : "options", o);
    if (vi->method != TALLY_RANKED && b->area_dm2 > 0)
        json_object_set_new(e, "area_dm2", json_integer(b->area_dm2));
    if (vi->v.secret)
        json_object_set_new(e, "receipt", json_string(b->receipt));
    else if (vi->method != TALLY_RANKED && b->person_id && electors_key(el, b->group_key))
        json_object_set_new(e, "elector", json_string(electors_key(el, b->group_key)));
    return e;
}

/* Individual ballots: those present and the list (or rankings). */
static int ballots_json(dctx *c, const struct vote_info *vi, const struct electors *el, json_t *ballots,
                        json_t **present)
{
    const struct st_vote *v = &vi->v;
    int64_t ph = 0, pa = 0, phh = 0;
    struct st_ballot *bs;
    int nb = 0, rc = v->meeting_id && strcmp(v->mode, "meeting") == 0
                         ? vote_store_meeting_present(c->st, v->id, v->meeting_id, &ph, &pa, &phh)
                         : vote_store_present(c->st, v->id, &ph, &pa, &phh);
    if (rc == 0)
        rc = vote_store_ballots(c->st, c->a, v->id, &bs, &nb);
    if (rc)
        return rc;
    *present = json_pack("{s:I, s:I, s:I}", "heads", (json_int_t)ph, "area_dm2", (json_int_t)pa, "households",
                         (json_int_t)phh);
    if ((rc = present_json(c, v, el, *present)))
        return rc;
    json_t *list = json_array();
    int64_t abstain = 0;
    for (int i = 0; i < nb; i++) {
        json_t *e = ballot_json(vi, &bs[i], el);
        if (e)
            json_array_append_new(list, e);
        else
            abstain++;
    }
    json_object_set_new(ballots, vi->method == TALLY_RANKED ? "rankings" : "list", list);
    if (vi->method == TALLY_RANKED && abstain)
        json_object_set_new(ballots, "abstain", json_pack("{s:I}", "heads", (json_int_t)abstain));
    return 0;
}

/* The wugong-tally/1 document of a vote, from what is stored now (inside
 * the closing transaction): the electors under anonymous keys, those
 * present, the ballots (docs/tally.md). */
static int build_export(dctx *c, const struct vote_info *vi, json_t **out)
{
    const struct st_vote *v = &vi->v;
    struct electors el;
    int rc = electors_load(c, v->id, &el), hands = 0;
    if (rc)
        return rc;
    json_t *labels = json_array();
    for (int i = 0; i < vi->nlabels; i++)
        json_array_append_new(labels, json_string(vi->labels[i]));
    json_t *vote = json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)v->id, "title", v->title, "method", v->method,
                             "options", labels);
    json_t *ballots = json_object(), *present = NULL;
    if (strcmp(v->mode, "meeting") == 0)
        rc = hands_json(c, v, vote, ballots, &present, &hands);
    else
        json_object_set_new(vote, "counting", json_string(v->secret ? "secret_ballot" : "online"));
    /* a show of hands keeps who was present when it was counted */
    if (rc == 0 && !hands)
        rc = ballots_json(c, vi, &el, ballots, &present);
    if (rc) {
        json_decref(vote);
        json_decref(ballots);
        json_decref(present);
        return rc;
    }
    json_object_set_new(vote, "rule", vote_rule_json(&vi->rule));
    *out = json_pack("{s:s, s:o, s:{s:I, s:I, s:I, s:o}, s:o, s:o}", "format", TALLY_JSON_FORMAT, "vote", vote,
                     "electorate", "heads", (json_int_t)v->elect_heads, "area_dm2", (json_int_t)v->elect_area,
                     "households", (json_int_t)v->elect_households, "electors", electors_json(&el), "present",
                     present, "ballots", ballots);
    return 0;
}

/* Inside a transaction: closes an open vote, builds its document, counts
 * it with tally_run (via tally_json_run, as `wugong tally` does), stores
 * both and tells the electorate the result. A vote no longer open is left
 * as it is (0: closing is idempotent; the loser of a race finds it
 * closed). early: staff close an online vote before its window ends.
 * The result notification is dated told_at. */
static int finish_tx(dctx *c, int64_t id, int64_t closer, int early, int64_t told_at)
{
    struct vote_info vi;
    memset(&vi, 0, sizeof vi);
    int rc = vote_store_get(c->st, c->a, id, &vi.v);
    if (rc || strcmp(vi.v.status, "open") != 0)
        return rc;
    if ((rc = vote_store_options(c->st, c->a, id, &vi.labels, &vi.nlabels)))
        return rc;
    tally_method_parse(vi.v.method, &vi.method);
    vote_rule_of(&vi.v, &vi.rule);
    json_t *doc = NULL;
    if ((rc = build_export(c, &vi, &doc)))
        return rc;
    char *text = json_dumps(doc, JSON_INDENT(1));
    json_decref(doc);
    if (text == NULL)
        return dctx_fail(c, WG_EINVAL, "tally_failed", NULL);
    const char *export = arena_strdup(c->a, text);
    jalloc_free(text);
    buf out;
    buf_init(&out, (size_t)1 << 30);
    char err[512];
    if ((rc = tally_json_run(c->a, export, strlen(export), &out, err, sizeof err))) {
        buf_free(&out);
        log_error("vote %lld: the tally failed: %s", (long long)id, err);
        return dctx_fail(c, rc, "tally_failed", arena_strdup(c->a, err));
    }
    json_t *res = json_loads(out.data, 0, NULL);
    int passed = res && json_is_true(json_object_get(res, "passed"));
    json_decref(res);
    rc = vote_store_close(c->st, id, closer, c->now, early ? c->now : 0, passed, export, out.data);
    buf_free(&out);
    if (rc == WG_ECONFLICT) /* closed meanwhile */
        return 0;
    /* Secret ballots were written in the transaction that recorded who
     * voted; on PostgreSQL the two rows share a transaction id until they
     * are rewritten. Rewriting every ballot in the closing transaction
     * leaves them all with one (the old row versions go with VACUUM). */
    if (rc == 0 && vi.v.secret)
        rc = vote_store_ballots_rewrite(c->st, id);
    /* closed early: the work that was due later goes */
    for (int k = 0; rc == 0 && early && k < 3; k++)
        rc = job_cancel(c->st, job_key(c, k, id), NULL);
    if (rc == 0)
        rc = tell(c, &vi.v, "vote_result", told_at);
    return rc;
}

int vote_close(dctx *c, int64_t id)
{
    struct vote_info vi;
    int rc = vote_get(c, id, &vi);
    if (rc || (rc = vote_manage_check(c, &vi)))
        return rc;
    if (strcmp(vi.v.status, "cancelled") == 0)
        return dctx_fail(c, WG_ECONFLICT, "vote_cancelled", NULL);
    if (strcmp(vi.v.status, "open") != 0)
        return dctx_fail(c, WG_ECONFLICT, "vote_closed", NULL);
    if ((rc = store_begin(c->st)))
        return rc;
    if ((rc = store_end(c->st, finish_tx(c, id, c->actor->id, strcmp(vi.v.mode, "online") == 0 && c->now < vi.v.closes_at, c->now))))
        return rc;
    audit_log(c, "vote_close", vote_url(c, id), NULL, vi.v.community_id);
    return 0;
}

int vote_cancel(dctx *c, int64_t id)
{
    struct vote_info vi;
    int rc = vote_get(c, id, &vi);
    if (rc || (rc = vote_manage_check(c, &vi)))
        return rc;
    if (strcmp(vi.v.status, "open") != 0)
        return dctx_fail(c, WG_ECONFLICT, strcmp(vi.v.status, "cancelled") == 0 ? "vote_cancelled" : "vote_closed", NULL);
    const char *url = vote_url(c, id);
    if ((rc = store_begin(c->st)))
        return rc;
    rc = vote_store_cancel(c->st, id, c->actor->id, c->now);
    for (int k = 0; rc == 0 && k < 3; k++)
        rc = job_cancel(c->st, job_key(c, k, id), NULL);
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
    return vote_store_receipt_exists(c->st, id, code, found);
}
