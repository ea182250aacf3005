/* The contest 最美社区我来建: rubric, scorecards, ranking (see contest.h). */
#include "mod/contest/contest.h"

#include <string.h>

#include "core/time.h"
#include "mod/contest/contest_store.h"

#define N PERM_NONE
#define S PERM_SUBTREE
const struct perm_action contest_act_manage = {"manage_contest",
                                               "open a contest for a street's communities and publish its ranking",
                                               {N, N, N, N, S}};
#undef N
#undef S

int contest_create(dctx *c, const struct contest_new *in, int64_t *id)
{
    struct st_place street;
    int64_t wsum = 0;
    int rc = in->street_id > 0 ? place_get(c, in->street_id, &street)
                               : dctx_fail(c, WG_EINVAL, "place_required", "street_id");
    if (rc || (rc = perm_check(c, &contest_act_manage, street.path, 0)))
        return rc;
    if (strcmp(street.kind, "street") != 0)
        return dctx_fail(c, WG_EINVAL, "contest_street_required", "street_id");
    if ((rc = dctx_text(c, in->title, 80, 1, "title", "title_required", "contest_title_invalid")))
        return rc;
    if (in->ncriteria < 1 || in->ncriteria > CONTEST_CRITERIA_MAX)
        return dctx_fail(c, WG_EINVAL, "contest_criteria_invalid", "criteria");
    for (int i = 0; i < in->ncriteria; i++) {
        if ((rc = dctx_text(c, in->criteria[i].name, 40, 1, "criteria", "contest_criteria_invalid",
                            "contest_criteria_invalid")))
            return rc;
        if (in->criteria[i].weight < 1 || in->criteria[i].weight > 100)
            return dctx_fail(c, WG_EINVAL, "contest_weights_invalid", "criteria");
        wsum += in->criteria[i].weight;
    }
    if (wsum != 100)
        return dctx_fail(c, WG_EINVAL, "contest_weights_invalid", "criteria");
    if (in->assessor_weight < 0 || in->resident_weight < 0 || in->assessor_weight + in->resident_weight != 100)
        return dctx_fail(c, WG_EINVAL, "contest_sides_invalid", "assessor_weight");
    if (in->ncommunities < 2 || in->ncommunities > CONTEST_ENTRIES_MAX)
        return dctx_fail(c, WG_EINVAL, "contest_entries_invalid", "communities");
    for (int i = 0; i < in->ncommunities; i++) {
        struct st_place p;
        if (place_get(c, in->communities[i], &p) != 0 || strcmp(p.kind, "community") != 0 || p.parent_id != street.id)
            return dctx_fail(c, WG_EINVAL, "contest_entries_invalid", "communities");
        for (int j = 0; j < i; j++)
            if (in->communities[j] == in->communities[i])
                return dctx_fail(c, WG_EINVAL, "contest_entries_invalid", "communities");
    }
    for (int i = 0; i < in->nassessors; i++) {
        struct st_person who;
        if (in->assessors[i] <= 0 || person_get(c->st, c->a, in->assessors[i], &who) != 0)
            return dctx_fail(c, WG_EINVAL, "contest_assessors_invalid", "assessors");
    }
    if (in->closes_at <= c->now)
        return dctx_fail(c, WG_EINVAL, "contest_closes_invalid", "closes_at");
    if (in->winners < 1 || in->winners > in->ncommunities || in->priority_days < 0 || in->priority_days > 3650)
        return dctx_fail(c, WG_EINVAL, "contest_winners_invalid", "winners");
    struct st_contest k = {.street_id = street.id, .title = in->title, .assessor_weight = in->assessor_weight,
                           .resident_weight = in->resident_weight, .winners = in->winners,
                           .priority_days = in->priority_days, .closes_at = in->closes_at, .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    rc = contest_store_insert(c->st, &k, c->actor->id);
    for (int i = 0; rc == 0 && i < in->ncriteria; i++)
        rc = contest_store_criterion(c->st, k.id, i, in->criteria[i].name, in->criteria[i].weight);
    for (int i = 0; rc == 0 && i < in->ncommunities; i++)
        rc = contest_store_entry(c->st, k.id, in->communities[i]);
    for (int i = 0; rc == 0 && i < in->nassessors; i++)
        rc = contest_store_assessor(c->st, k.id, in->assessors[i]);
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = k.id;
    return 0;
}

static int contest_get(dctx *c, int64_t id, struct st_contest *k)
{
    int rc = contest_store_get(c->st, c->a, id, k);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc)
        return rc;
    /* the street's readers, and the people of the communities entered */
    if (c->actor && perm_allows(c->actor, &perm_read, k->street_path))
        return 0;
    struct st_entry *es = NULL;
    int ne = 0;
    if ((rc = contest_store_entries(c->st, c->a, id, &es, &ne)))
        return rc;
    for (int i = 0; c->actor && i < ne; i++)
        if (es[i].community_id == actor_community(c->actor))
            return 0;
    return dctx_fail(c, c->actor ? WG_ENOTFOUND : WG_EAUTH, c->actor ? "not_found" : "signin_required", NULL);
}

int contest_score(dctx *c, int64_t id, int64_t community_id, const int64_t *scores, int n, const char **as)
{
    struct st_contest k;
    struct st_entry *es = NULL;
    const char **names = NULL;
    int64_t *weights = NULL;
    int ne = 0, nc = 0, assessor = 0, entered = 0, own_entered = 0;
    int rc = contest_get(c, id, &k);
    if (rc || (rc = contest_store_entries(c->st, c->a, id, &es, &ne)) ||
        (rc = contest_store_criteria(c->st, c->a, id, &names, &weights, &nc)) ||
        (rc = contest_store_is_assessor(c->st, id, c->actor->id, &assessor)))
        return rc;
    if (k.published_at || c->now >= k.closes_at)
        return dctx_fail(c, WG_ECONFLICT, "contest_closed", NULL);
    int64_t own = actor_community(c->actor);
    for (int i = 0; i < ne; i++) {
        entered |= es[i].community_id == community_id;
        own_entered |= es[i].community_id == own;
    }
    if (!entered)
        return dctx_fail(c, WG_EINVAL, "contest_entry_invalid", "community_id");
    if (n != nc)
        return dctx_fail(c, WG_EINVAL, "contest_scores_invalid", "scores");
    for (int i = 0; i < n; i++)
        if (scores[i] < 0 || scores[i] > 100)
            return dctx_fail(c, WG_EINVAL, "contest_scores_invalid", "scores");
    int64_t key = c->actor->id;
    *as = "assessor";
    if (!assessor) { /* a resident of another entered community, for their household */
        key = actor_household(c->actor, own);
        *as = "resident";
        if (!own_entered || key <= 0)
            return dctx_fail(c, WG_EPERM, "contest_not_scorer", NULL);
        if (own == community_id)
            return dctx_fail(c, WG_EPERM, "contest_own_community", NULL);
    }
    if ((rc = store_begin(c->st)))
        return rc;
    for (int i = 0; rc == 0 && i < n; i++)
        rc = contest_store_score(c->st, id, community_id, *as, key, i, scores[i], c->actor->id, c->now);
    return store_end(c->st, rc);
}

/* ---- the arithmetic ---- */

struct side {
    int64_t n;                         /* scorecards */
    int64_t sum[CONTEST_CRITERIA_MAX]; /* per criterion */
};

struct standing {
    int64_t community_id;
    const char *name, *praise;
    struct side a, r;
    /* total = num / den exactly */
    __int128 num, den;
    int rank;
    int64_t priority_until;
};

/* A side's score as a fraction: sum_c w_c x sum_c / (100 x n). */
static void side_score(const struct side *s, const int64_t *w, int nc, __int128 *num, __int128 *den)
{
    *num = 0;
    for (int i = 0; i < nc; i++)
        *num += (__int128)w[i] * s->sum[i];
    *den = s->n > 0 ? (__int128)100 * s->n : 1;
}

/* The standing of every entry, ranked (equal totals share a rank). */
static void rank_all(const struct st_contest *k, struct standing *st, int ne, const int64_t *w, int nc)
{
    for (int i = 0; i < ne; i++) {
        __int128 an, ad, rn, rd;
        side_score(&st[i].a, w, nc, &an, &ad);
        side_score(&st[i].r, w, nc, &rn, &rd);
        /* (Aw x an/ad + Rw x rn/rd) / 100 */
        st[i].num = (__int128)k->assessor_weight * an * rd + (__int128)k->resident_weight * rn * ad;
        st[i].den = (__int128)100 * ad * rd;
    }
    for (int i = 0; i < ne; i++) {
        int better = 0;
        for (int j = 0; j < ne; j++)
            better += st[j].num * st[i].den > st[i].num * st[j].den;
        st[i].rank = better + 1;
    }
}

static json_t *frac_json(arena *a, __int128 num, __int128 den)
{
    int64_t e2 = (int64_t)(num * 100 / den); /* rounded down to 0.01 */
    return json_string(arena_printf(a, "%lld.%02lld", (long long)(e2 / 100), (long long)(e2 % 100)));
}

static json_t *side_json(dctx *c, const struct side *s, const int64_t *w, int nc)
{
    __int128 num, den;
    side_score(s, w, nc, &num, &den);
    json_t *means = json_array();
    for (int i = 0; i < nc; i++)
        json_array_append_new(means, s->n ? frac_json(c->a, s->sum[i], s->n) : json_null());
    return json_pack("{s:I, s:o, s:o, s:b}", "scorecards", (json_int_t)s->n, "means", means, "score",
                     frac_json(c->a, num, den), "none", s->n == 0);
}

static int standings(dctx *c, int64_t id, const struct st_contest *k, struct standing **out, int *ne,
                     const char ***names, int64_t **w, int *nc)
{
    struct st_entry *es = NULL;
    struct st_tally *t = NULL;
    int nt = 0;
    int rc = contest_store_entries(c->st, c->a, id, &es, ne);
    if (rc || (rc = contest_store_criteria(c->st, c->a, id, names, w, nc)) ||
        (rc = contest_store_tallies(c->st, c->a, id, &t, &nt)))
        return rc;
    struct standing *st = arena_calloc(c->a, (size_t)(*ne ? *ne : 1) * sizeof *st);
    for (int i = 0; i < *ne; i++) {
        st[i].community_id = es[i].community_id;
        st[i].name = es[i].name;
        st[i].praise = es[i].praise;
        st[i].priority_until = es[i].priority_until;
        for (int j = 0; j < nt; j++) {
            if (t[j].community_id != es[i].community_id || t[j].position >= *nc)
                continue;
            struct side *s = strcmp(t[j].kind, "assessor") == 0 ? &st[i].a : &st[i].r;
            s->sum[t[j].position] = t[j].sum;
            s->n = t[j].n; /* every scorecard has every criterion */
        }
    }
    rank_all(k, st, *ne, *w, *nc);
    *out = st;
    return 0;
}

json_t *contest_detail(dctx *c, int64_t id, int *rc)
{
    struct st_contest k;
    struct standing *st = NULL;
    const char **names = NULL;
    int64_t *w = NULL;
    int ne = 0, nc = 0, assessor = 0;
    if ((*rc = contest_get(c, id, &k)) || (*rc = standings(c, id, &k, &st, &ne, &names, &w, &nc)) ||
        (*rc = contest_store_is_assessor(c->st, id, c->actor ? c->actor->id : 0, &assessor)))
        return NULL;
    json_t *crit = json_array(), *entries = json_array();
    for (int i = 0; i < nc; i++)
        json_array_append_new(crit, json_pack("{s:i, s:s, s:I}", "position", i, "name", names[i], "weight",
                                              (json_int_t)w[i]));
    /* in the order of the ranking; equal ranks keep the order of entry */
    int *order = arena_alloc(c->a, (size_t)(ne ? ne : 1) * sizeof *order);
    for (int i = 0; i < ne; i++) {
        int j = i;
        for (; j > 0 && st[order[j - 1]].rank > st[i].rank; j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
    for (int x = 0; x < ne; x++) {
        int i = order[x];
        json_t *e = json_pack("{s:I, s:s, s:o, s:o, s:o, s:i}", "community_id", (json_int_t)st[i].community_id, "name",
                              st[i].name, "assessors", side_json(c, &st[i].a, w, nc), "residents",
                              side_json(c, &st[i].r, w, nc), "total", frac_json(c->a, st[i].num, st[i].den), "rank",
                              st[i].rank);
        json_object_set_new(e, "praise", st[i].praise ? json_string(st[i].praise) : json_null());
        json_object_set_new(e, "winner", json_boolean(k.published_at && st[i].rank <= k.winners));
        json_object_set_new(e, "priority_until", st[i].priority_until ? json_integer(st[i].priority_until) : json_null());
        json_array_append_new(entries, e);
    }
    json_t *o = json_pack("{s:I, s:s, s:I, s:s, s:I, s:I, s:I, s:I, s:o, s:o, s:b, s:b, s:b}", "id", (json_int_t)k.id,
                          "title", k.title, "street_id", (json_int_t)k.street_id, "street", k.street_name,
                          "assessor_weight", (json_int_t)k.assessor_weight, "resident_weight",
                          (json_int_t)k.resident_weight, "winners", (json_int_t)k.winners, "priority_days",
                          (json_int_t)k.priority_days, "criteria", crit, "entries", entries, "published",
                          k.published_at != 0, "open", !k.published_at && c->now < k.closes_at, "assessor",
                          assessor > 0);
    time_json_pair(o, "closes_at", k.closes_at);
    json_object_set_new(o, "may_publish", json_boolean(c->actor && perm_allows(c->actor, &contest_act_manage,
                                                                               k.street_path)));
    return o;
}

int contest_publish(dctx *c, int64_t id, json_t *praise)
{
    struct st_contest k;
    struct standing *st = NULL;
    const char **names = NULL;
    int64_t *w = NULL;
    int ne = 0, nc = 0;
    int rc = contest_get(c, id, &k);
    if (rc || (rc = perm_check(c, &contest_act_manage, k.street_path, 0)))
        return rc;
    if (k.published_at)
        return dctx_fail(c, WG_ECONFLICT, "contest_published", NULL);
    if (c->now < k.closes_at)
        return dctx_fail(c, WG_ECONFLICT, "contest_still_open", NULL);
    if (praise != NULL && !json_is_object(praise))
        return dctx_fail(c, WG_EINVAL, "contest_praise_invalid", "praise");
    if ((rc = standings(c, id, &k, &st, &ne, &names, &w, &nc)))
        return rc;
    const char **texts = arena_calloc(c->a, (size_t)(ne ? ne : 1) * sizeof *texts);
    for (int i = 0; i < ne; i++) {
        json_t *p = praise ? json_object_get(praise, arena_printf(c->a, "%lld", (long long)st[i].community_id)) : NULL;
        if (p && (!json_is_string(p) || dctx_text(c, json_string_value(p), 500, 0, "praise", "contest_praise_invalid",
                                                  "contest_praise_invalid")))
            return dctx_fail(c, WG_EINVAL, "contest_praise_invalid", "praise");
        texts[i] = p ? json_string_value(p) : NULL;
    }
    if ((rc = store_begin(c->st)))
        return rc;
    rc = contest_store_published(c->st, id, c->now);
    for (int i = 0; rc == 0 && i < ne; i++) {
        int64_t until = st[i].rank <= k.winners && k.priority_days > 0 ? c->now + k.priority_days * TIME_DAY : 0;
        rc = contest_store_publish(c->st, id, st[i].community_id, st[i].rank, (int64_t)(st[i].num * 10000 / st[i].den),
                                   until, texts[i]);
    }
    if (rc == WG_ECONFLICT)
        rc = dctx_fail(c, rc, "contest_published", NULL);
    return store_end(c->st, rc);
}

json_t *contest_list(dctx *c, int *rc)
{
    struct st_place scope;
    struct st_contest *ks = NULL;
    int n = 0;
    if ((*rc = place_default_scope(c, &scope)))
        return NULL;
    /* a street's people: its contests; a community's: those it entered */
    int street = strcmp(scope.kind, "street") == 0;
    if ((*rc = contest_store_list(c->st, c->a, street ? scope.id : 0, street ? 0 : actor_community(c->actor), &ks, &n)))
        return NULL;
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        const char *state = ks[i].published_at ? "published" : c->now < ks[i].closes_at ? "open" : "closed";
        json_t *o = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)ks[i].id, "title", ks[i].title, "street",
                              ks[i].street_name, "state", state);
        time_json_pair(o, "closes_at", ks[i].closes_at);
        json_array_append_new(items, o);
    }
    json_t *o = json_pack("{s:o}", "items", items);
    if (street && c->actor && perm_allows(c->actor, &contest_act_manage, scope.path))
        json_object_set_new(o, "may_open", json_pack("{s:I}", "street_id", (json_int_t)scope.id));
    return o;
}

int contest_priority(dctx *c, int64_t community_id, int *holds, int64_t *until, const char **contest_title)
{
    int rc = contest_store_priority(c->st, c->a, community_id, c->now, until, contest_title);
    *holds = rc == 0;
    return rc == WG_ENOTFOUND ? 0 : rc;
}
