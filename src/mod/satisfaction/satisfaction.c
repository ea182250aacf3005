/* Satisfaction surveys, one response per household (see satisfaction.h). */
#include "mod/satisfaction/satisfaction.h"

#include <assert.h>
#include <string.h>

#include "core/time.h"
#include "mod/satisfaction/satisfaction_store.h"

#define N PERM_NONE
#define S PERM_SUBTREE
#define L PERM_LINE
const struct perm_action satisfaction_act_manage = {"manage_survey", "ask the households under a place how satisfied they are",
                                                    {N, N, S, S, S}};
/* a resident's household answers the surveys of the places above it (its line) */
const struct perm_action satisfaction_act_answer = {"answer_survey", "answer a satisfaction survey for one's household",
                                                    {L, N, N, N, N}};
#undef N
#undef S
#undef L

/* The place a survey asks: a building, grid or community the actor may manage surveys at. */
static int survey_place(dctx *c, int64_t place_id, struct st_place *p)
{
    int rc = place_id > 0 ? place_get(c, place_id, p) : dctx_fail(c, WG_EINVAL, "place_required", "place_id");
    if (rc)
        return rc;
    if (strcmp(p->kind, "building") && strcmp(p->kind, "grid") && strcmp(p->kind, "community"))
        return dctx_fail(c, WG_EINVAL, "satisfaction_place_invalid", "place_id");
    return perm_check(c, &satisfaction_act_manage, p->path, p->community_id);
}

static int validate(dctx *c, const struct survey_new *in, const struct st_place *p)
{
    int rc = dctx_text(c, in->question, SATISFACTION_QUESTION_MAX, 1, "question", "satisfaction_question_required",
                       "satisfaction_question_invalid");
    if (rc)
        return rc;
    if (in->threshold < 1 || in->threshold > 100)
        return dctx_fail(c, WG_EINVAL, "satisfaction_threshold_invalid", "threshold");
    if (in->closes_at <= c->now || in->closes_at > c->now + (int64_t)SATISFACTION_DAYS_MAX * TIME_DAY)
        return dctx_fail(c, WG_EINVAL, "satisfaction_closes_invalid", "closes_at");
    if (in->matter_id) {
        struct st_matter m;
        if (matter_get(c, in->matter_id, &m) != 0 || m.community_id != p->community_id)
            return dctx_fail(c, WG_EINVAL, "satisfaction_matter_invalid", "matter_id");
    }
    return 0;
}

/* Inside the write transaction, after the checks. */
static int insert(dctx *c, const struct survey_new *in, const struct st_place *p, int64_t *id)
{
    struct st_survey v = {.community_id = p->community_id ? p->community_id : p->id, .place_id = p->id,
                          .matter_id = in->matter_id, .question = in->question, .threshold = in->threshold,
                          .opens_at = c->now, .closes_at = in->closes_at, .created_by = c->actor->id,
                          .created_at = c->now};
    int rc = satisfaction_store_insert(c->st, &v);
    if (rc == 0)
        *id = v.id;
    return rc;
}

int satisfaction_create_in_tx(dctx *c, const struct survey_new *in, int64_t *id)
{
    struct st_place p;
    int rc = in->place_id > 0 ? place_get(c, in->place_id, &p) : dctx_fail(c, WG_EINVAL, "place_required", "place_id");
    if (rc)
        return rc;
    if (strcmp(p.kind, "building") && strcmp(p.kind, "grid") && strcmp(p.kind, "community"))
        return dctx_fail(c, WG_EINVAL, "satisfaction_place_invalid", "place_id");
    /* no perm_check here: its audit of a denial writes in a transaction of
     * its own, and the caller's is open (the caller checked, outside it) */
    if (!perm_allows(c->actor, &satisfaction_act_manage, p.path))
        return dctx_fail(c, WG_EPERM, "forbidden", NULL);
    if ((rc = validate(c, in, &p)))
        return rc;
    return insert(c, in, &p, id);
}

int satisfaction_create(dctx *c, const struct survey_new *in, int64_t *id)
{
    struct st_place p;
    int rc = survey_place(c, in->place_id, &p);
    if (rc || (rc = validate(c, in, &p)) || (rc = store_begin(c->st)))
        return rc;
    rc = insert(c, in, &p, id);
    return store_end(c->st, rc);
}

/* The one rule's refusal, for surveys and subjects alike: the household's
 * key (the table's) was taken, here or by a member answering at once. */
static int answered(dctx *c, int rc)
{
    return rc == WG_ECONFLICT ? dctx_fail(c, rc, "satisfaction_answered", NULL) : rc;
}

int satisfaction_get(dctx *c, int64_t id, struct st_survey *out)
{
    int rc = id > 0 ? satisfaction_store_get(c->st, c->a, id, out) : WG_ENOTFOUND;
    if (rc == 0 && (c->actor == NULL || !perm_allows(c->actor, &perm_read, out->place_path)))
        rc = WG_ENOTFOUND;
    return rc == WG_ENOTFOUND ? dctx_fail(c, rc, "not_found", NULL) : rc;
}

int satisfaction_respond(dctx *c, int64_t id, int score)
{
    struct st_survey v;
    int rc = satisfaction_get(c, id, &v);
    if (rc)
        return rc;
    if ((rc = perm_check(c, &satisfaction_act_answer, v.place_path, v.community_id)))
        return rc;
    int64_t household = actor_household_under(c->actor, v.place_path);
    if (household == 0)
        return dctx_fail(c, WG_EPERM, "forbidden", NULL);
    if (c->now < v.opens_at || c->now >= v.closes_at)
        return dctx_fail(c, WG_ECONFLICT, "satisfaction_closed", NULL);
    if (score < 1 || score > 5)
        return dctx_fail(c, WG_EINVAL, "satisfaction_score_invalid", "score");
    if ((rc = store_begin(c->st)))
        return rc;
    rc = answered(c, satisfaction_store_respond(c->st, &v, household, c->actor->id, score, c->now));
    return store_end(c->st, rc);
}

int satisfaction_list(dctx *c, int64_t community_id, struct st_survey **out, int *n)
{
    struct st_place com;
    *n = 0;
    int rc = place_get(c, community_id, &com);
    if (rc)
        return rc;
    return satisfaction_store_list(c->st, c->a, com.community_id ? com.community_id : com.id, SATISFACTION_LIST_MAX,
                                   out, n);
}

int satisfaction_result(dctx *c, int64_t id, int *low, int *permille)
{
    struct st_survey v;
    struct survey_counts k;
    int rc = satisfaction_store_get(c->st, c->a, id, &v);
    if (rc || (rc = satisfaction_store_counts(c->st, &v, &k)))
        return rc;
    int satisfied = k.score[4] + k.score[5];
    *low = k.answered > 0 && satisfied * 100 < v.threshold * k.answered;
    *permille = k.answered ? (satisfied * 1000 + k.answered / 2) / k.answered : -1;
    return 0;
}

json_t *satisfaction_json(dctx *c, const struct st_survey *v, int *rc)
{
    struct survey_counts k;
    int mine = 0;
    int64_t by = 0, household = actor_household_under(c->actor, v->place_path);
    if ((*rc = satisfaction_store_counts(c->st, v, &k)) ||
        (household && (*rc = satisfaction_store_answer_of(c->st, v->id, household, &mine, &by))))
        return NULL;
    int satisfied = k.score[4] + k.score[5];
    json_t *scores = json_array();
    for (int s = 5; s >= 1; s--)
        json_array_append_new(scores, json_pack("{s:i, s:i}", "score", s, "households", k.score[s]));
    int open = c->now >= v->opens_at && c->now < v->closes_at;
    json_t *o = json_pack("{s:I, s:s, s:{s:I, s:s, s:s}, s:i, s:b, s:o, s:i, s:i, s:i}", "id", (json_int_t)v->id,
                          "question", v->question, "place", "id", (json_int_t)v->place_id, "name", v->place_name, "kind",
                          v->place_kind, "threshold", v->threshold, "open", open, "scores", scores, "answered",
                          k.answered, "households", k.households, "satisfied", satisfied);
    /* the share satisfied, to a tenth of a percent: null before anyone answered */
    int permille = k.answered ? (satisfied * 1000 + k.answered / 2) / k.answered : 0; /* rounded half up */
    json_object_set_new(o, "satisfied_percent",
                        k.answered ? json_string(arena_printf(c->a, "%d.%d", permille / 10, permille % 10)) : json_null());
    json_object_set_new(o, "low", json_boolean(k.answered > 0 && satisfied * 100 < v->threshold * k.answered));
    json_object_set_new(o, "matter", v->matter_id ? json_pack("{s:I, s:s}", "id", (json_int_t)v->matter_id, "title",
                                                              v->matter_title ? v->matter_title : "")
                                                  : json_null());
    int by_me = mine && by == c->actor->id;
    json_object_set_new(o, "mine", satisfaction_mine_json(&(struct satisfaction_mine){household != 0, mine != 0, by_me,
                                                                                      by_me ? mine : 0}));
    json_object_set_new(o, "may_answer", json_boolean(open && household && !mine));
    time_json_pair(o, "closes_at", v->closes_at);
    return time_json_pair(o, "created_at", v->created_at);
}

int satisfaction_households(dctx *c, int64_t matter_id, struct household_ref **out, int *n)
{
    return satisfaction_store_households(c->st, c->a, matter_id, out, n);
}

/* ---- answers about another module's subject ---- */

/* The key the subject's answer is kept under: the household's, or her own. */
static const char *voter(arena *a, int64_t household_id, int64_t person_id)
{
    return household_id ? arena_printf(a, "h%lld", (long long)household_id) : arena_printf(a, "p%lld", (long long)person_id);
}

int satisfaction_subject_record(dctx *c, const struct satisfaction_subject *s, int64_t household_id,
                                int64_t person_id, int score, int64_t at)
{
    assert(s->kind && *s->kind && s->id > 0 && person_id > 0);
    if (score < 1 || score > 5)
        return dctx_fail(c, WG_EINVAL, "satisfaction_score_invalid", "score");
    return answered(c, satisfaction_store_answer(c->st, s, voter(c->a, household_id, person_id), person_id, score, at));
}

int satisfaction_subject_answer_in_tx(dctx *c, const struct satisfaction_subject *s, int score)
{
    assert(c->actor != NULL);
    return satisfaction_subject_record(c, s, actor_household(c->actor, s->community_id), c->actor->id, score, c->now);
}

int satisfaction_subject_mine(dctx *c, const struct satisfaction_subject *s, struct satisfaction_mine *out)
{
    int64_t by = 0;
    *out = (struct satisfaction_mine){0};
    if (c->actor == NULL)
        return 0;
    int64_t household = actor_household(c->actor, s->community_id);
    int rc = satisfaction_store_answer_to(c->st, s, voter(c->a, household, c->actor->id), &out->score, &by);
    out->household = household != 0; /* else she answers for herself */
    out->answered = out->score != 0;
    out->by_me = out->answered && by == c->actor->id;
    if (!out->by_me)
        out->score = 0; /* how another member answered stays hers */
    return rc;
}

json_t *satisfaction_mine_json(const struct satisfaction_mine *m)
{
    /* the household's state, never its answer to another member */
    json_t *o = json_pack("{s:b, s:b, s:b}", "household", m->household, "answered", m->answered, "by_me", m->by_me);
    if (m->by_me && m->score)
        json_object_set_new(o, "score", json_integer(m->score));
    return o;
}
