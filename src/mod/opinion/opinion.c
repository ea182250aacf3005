/*
 * Calls for opinions (意见征集): staff open a call at a place, its residents
 * post opinions with photos and support each other's, staff merge
 * duplicates and turn opinions into matters. See opinion.h for the rules.
 */
#include <string.h>
#include <time.h>

#include "core/time.h"
#include "mod/opinion/opinion.h"
#include "mod/opinion/opinion_store.h"
#include "mod/search/search.h"

#define N PERM_NONE
#define S PERM_SUBTREE
/*                                                                              resident leader grid staff street */
const struct perm_action opinion_act_manage = {
    "manage_call", "open and close calls for opinions, merge opinions, adopt them as matters", {N, N, S, S, S}};
#undef N
#undef S

/* A refusal of permission, on the audit record like perm_check's. */
static int denied(dctx *c, const char *what, int64_t id, int64_t community_id)
{
    audit_log(c, "denied", arena_printf(c->a, "%s:%lld", what, (long long)id), "opinion call", community_id);
    return dctx_fail(c, WG_EPERM, "forbidden", NULL);
}

/* ---- calls ---- */

int opinion_call_is_open(const dctx *c, const struct st_call *cl)
{
    return strcmp(cl->status, "open") == 0 && c->now < cl->deadline;
}

int opinion_call_may_manage(dctx *c, const struct st_call *cl)
{
    return perm_allows(c->actor, &opinion_act_manage, cl->place_path);
}

int opinion_call_in_audience(const dctx *c, const struct st_call *cl)
{
    for (int i = 0; c->actor && i < c->actor->nroles; i++)
        if (c->actor->roles[i].role == ROLE_RESIDENT && tree_under(c->actor->roles[i].place_path, cl->place_path))
            return 1;
    return 0;
}

int opinion_call_create(dctx *c, const struct opinion_call_new *in, int64_t *id)
{
    struct st_place p;
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    int rc = tree_get(c->st, c->a, in->place_id, &p);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, WG_ENOTFOUND, "not_found", "place_id");
    if (rc || (rc = perm_check(c, &perm_read, p.path, p.community_id)))
        return rc;
    if (!perm_allows(c->actor, &opinion_act_manage, p.path))
        return denied(c, "place", p.id, p.community_id);
    if (strcmp(p.kind, "building") && strcmp(p.kind, "grid") && strcmp(p.kind, "community"))
        return dctx_fail(c, WG_EINVAL, "place_level_invalid", "place_id");
    if ((rc = dctx_text(c, in->title, CALL_TITLE_MAX, 1, "title", "title_required", "title_invalid")) ||
        (rc = dctx_text(c, in->body, CALL_BODY_MAX, 0, "body", NULL, "body_invalid")))
        return rc;
    if (in->deadline <= c->now || in->deadline > c->now + (int64_t)CALL_DEADLINE_MAX_DAYS * 86400)
        return dctx_fail(c, WG_EINVAL, "deadline_invalid", "deadline");
    struct st_call cl = {.place_id = p.id, .community_id = p.community_id, .author_id = c->actor->id,
                         .title = in->title, .body = in->body ? in->body : "", .deadline = in->deadline,
                         .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    rc = opinion_store_call_insert(c->st, &cl);
    if (rc == 0)
        rc = search_touch(c, "call", cl.id);
    if (rc == 0)
        rc = opinion_store_notify_members(c->st,
                                          &(struct notify_msg){.kind = "call_opened", .title = cl.title, .at = c->now,
                                                               .url = arena_printf(c->a, "/calls/%lld", (long long)cl.id)},
                                          p.path);
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = cl.id;
    return 0;
}

int opinion_call_get(dctx *c, int64_t id, struct st_call *out)
{
    int rc = opinion_store_call_get(c->st, c->a, id, out);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    return rc ? rc : perm_check(c, &perm_read, out->place_path, out->community_id);
}

int opinion_calls(dctx *c, int limit, int offset, struct st_call **out, int *n, int *total)
{
    const char *prefix = NULL;
    struct st_place p;
    *n = *total = 0;
    *out = NULL;
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    for (int i = 0; i < c->actor->nroles && !prefix; i++)
        if (c->actor->roles[i].role == ROLE_STREET_ADMIN)
            prefix = c->actor->roles[i].place_path;
    if (prefix == NULL) {
        int64_t community = actor_community(c->actor);
        if (community == 0)
            return 0;
        int rc = tree_get(c->st, c->a, community, &p);
        if (rc)
            return rc;
        prefix = p.path;
    }
    struct st_call *all;
    int m = 0, k = 0, rc = opinion_store_calls(c->st, c->a, prefix, CALL_LIST_CAP, &all, &m);
    if (rc)
        return rc;
    for (int i = 0; i < m; i++) {
        int keep = c->actor->is_staff;
        for (int j = 0; j < c->actor->nroles && !keep; j++)
            keep = tree_under(c->actor->roles[j].place_path, all[i].place_path);
        if (keep)
            all[k++] = all[i];
    }
    *total = k;
    if (offset >= k)
        return 0;
    *out = all + offset;
    *n = k - offset < limit ? k - offset : limit;
    return 0;
}

int opinion_call_close(dctx *c, int64_t id)
{
    struct st_call cl;
    int rc = opinion_call_get(c, id, &cl);
    if (rc)
        return rc;
    if (!opinion_call_may_manage(c, &cl))
        return denied(c, "call", id, cl.community_id);
    if (!opinion_call_is_open(c, &cl))
        return dctx_fail(c, WG_ECONFLICT, "call_closed", NULL);
    if ((rc = store_begin(c->st)))
        return rc;
    rc = store_end(c->st, opinion_store_call_close(c->st, id, c->actor->id, c->now));
    return rc == WG_ECONFLICT ? dctx_fail(c, rc, "call_closed", NULL) : rc;
}

/* ---- opinions ---- */

int opinion_post(dctx *c, int64_t call_id, const char *body, const struct photo_upload *photos, int nphotos,
                 int64_t *id)
{
    struct st_call cl;
    int rc = opinion_call_get(c, call_id, &cl);
    if (rc)
        return rc;
    if (!opinion_call_in_audience(c, &cl))
        return denied(c, "call", call_id, cl.community_id);
    if (!opinion_call_is_open(c, &cl))
        return dctx_fail(c, WG_ECONFLICT, "call_closed", NULL);
    if ((rc = dctx_text(c, body, OPINION_MAX, 1, "body", "opinion_required", "opinion_invalid")))
        return rc;
    if (nphotos > OPINION_PHOTOS_MAX)
        return dctx_fail(c, WG_EINVAL, "too_many_photos", "photos");
    struct photo_image img[OPINION_PHOTOS_MAX];
    for (int i = 0; i < nphotos; i++)
        if ((rc = photo_prepare(c, photos[i].data, photos[i].len, &img[i])))
            return rc;
    struct st_opinion o = {.call_id = call_id, .community_id = cl.community_id, .author_id = c->actor->id,
                           .body = body, .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    rc = dctx_rate_locked(c, opinion_store_count_since, OPINION_RATE_MINUTE, OPINION_RATE_HOUR, "opinion_rate_limited");
    if (rc == 0)
        rc = opinion_store_insert(c->st, &o);
    if (rc == 0)
        rc = search_touch(c, "opinion", o.id);
    for (int i = 0; rc == 0 && i < nphotos; i++) {
        int64_t pid = 0;
        rc = photo_insert(c, cl.community_id, &img[i], &pid);
        if (rc == 0)
            rc = opinion_store_photo_add(c->st, o.id, pid, cl.community_id, i);
    }
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = o.id;
    return 0;
}

int opinion_list(dctx *c, int64_t call_id, struct st_opinion **out, int *n)
{
    struct st_call cl;
    int rc = opinion_call_get(c, call_id, &cl);
    return rc ? rc : opinion_store_list(c->st, c->a, call_id, c->actor->id, out, n);
}

int opinion_get(dctx *c, int64_t id, struct st_opinion *o, struct st_call *cl)
{
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    int rc = opinion_store_get(c->st, c->a, id, c->actor->id, o);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    return rc ? rc : opinion_call_get(c, o->call_id, cl);
}

int opinion_support(dctx *c, int64_t id, int on, struct st_opinion *out)
{
    struct st_call cl;
    int rc = opinion_get(c, id, out, &cl), changed = 0;
    if (rc)
        return rc;
    if (!opinion_call_in_audience(c, &cl))
        return denied(c, "opinion", id, cl.community_id);
    if (strcmp(out->status, "open") != 0)
        return dctx_fail(c, WG_ECONFLICT, "opinion_not_open", NULL);
    if (!opinion_call_is_open(c, &cl))
        return dctx_fail(c, WG_ECONFLICT, "call_closed", NULL);
    if (on && out->author_id == c->actor->id)
        return dctx_fail(c, WG_EINVAL, "own_opinion", NULL);
    if ((rc = store_begin(c->st)))
        return rc;
    rc = on ? opinion_store_support_add(c->st, id, c->actor->id, cl.community_id, c->now, &changed)
            : opinion_store_support_remove(c->st, id, c->actor->id, &changed);
    if ((rc = store_end(c->st, rc)))
        return rc;
    return opinion_store_get(c->st, c->a, id, c->actor->id, out);
}

int opinion_merge(dctx *c, int64_t from, int64_t into)
{
    struct st_opinion b, a;
    struct st_call cl, acl;
    int rc = opinion_get(c, from, &b, &cl);
    if (rc)
        return rc;
    if (!opinion_call_may_manage(c, &cl))
        return denied(c, "opinion", from, cl.community_id);
    if (into <= 0)
        return dctx_fail(c, WG_EINVAL, "into_required", "into");
    if (into == from)
        return dctx_fail(c, WG_EINVAL, "merge_self", "into");
    rc = opinion_get(c, into, &a, &acl);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, WG_EINVAL, "into_invalid", "into");
    if (rc)
        return rc;
    if (a.call_id != b.call_id)
        return dctx_fail(c, WG_EINVAL, "merge_other_call", "into");
    if (strcmp(b.status, "merged") == 0)
        return dctx_fail(c, WG_ECONFLICT, "already_merged", NULL);
    if (strcmp(b.status, "open") != 0)
        return dctx_fail(c, WG_ECONFLICT, "opinion_not_open", NULL);
    if (strcmp(a.status, "open") != 0)
        return dctx_fail(c, WG_ECONFLICT, "target_not_open", "into");
    if ((rc = store_begin(c->st)))
        return rc;
    rc = opinion_store_merge(c->st, from, into, a.author_id, b.author_id, cl.community_id, c->now);
    if (rc == 0 && b.author_id != c->actor->id)
        rc = notify_person(c->st, b.author_id,
                           &(struct notify_msg){.kind = "opinion_merged", .title = cl.title, .at = c->now,
                                                .url = arena_printf(c->a, "/calls/%lld#opinion-%lld",
                                                                    (long long)cl.id, (long long)into)});
    rc = store_end(c->st, rc);
    return rc == WG_ECONFLICT ? dctx_fail(c, rc, "already_merged", NULL) : rc;
}

/* The matter's body: where it came from, the opinion, and those merged into it. */
static const char *adopted_body(dctx *c, const struct st_call *cl, const struct st_opinion *o,
                                const struct st_opinion *merged, int nmerged)
{
    const char *body = arena_printf(c->a, "来自意见征集「%s」（/calls/%lld）\n\n%s", cl->title, (long long)cl->id, o->body);
    for (int i = 0; i < nmerged; i++) {
        if (strlen(body) + strlen(merged[i].body) > (size_t)MATTER_BODY_MAX)
            break;
        body = arena_printf(c->a, "%s\n\n- %s", body, merged[i].body);
    }
    return body;
}

int opinion_adopt(dctx *c, int64_t id, const char *title, const char *category, int64_t *matter_id)
{
    struct st_opinion o, *merged = NULL;
    struct st_call cl;
    struct st_matter m;
    int nmerged = 0, rc = opinion_get(c, id, &o, &cl);
    if (rc)
        return rc;
    if (!opinion_call_may_manage(c, &cl))
        return denied(c, "opinion", id, cl.community_id);
    if (strcmp(o.status, "merged") == 0)
        return dctx_fail(c, WG_ECONFLICT, "opinion_merged", NULL);
    if (strcmp(o.status, "open") != 0)
        return dctx_fail(c, WG_ECONFLICT, "already_adopted", NULL);
    if ((rc = opinion_store_merged_into(c->st, c->a, id, &merged, &nmerged)))
        return rc;
    struct matter_new in = {.place_id = cl.place_id, .category = category ? category : "other",
                            .title = title ? title : cl.title, .body = adopted_body(c, &cl, &o, merged, nmerged)};
    if ((rc = matter_create_check(c, &in, &m)))
        return rc;
    int64_t *people = NULL;
    int npeople = 0;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = matter_create_write(c, &m);
    if (rc == 0)
        rc = opinion_store_adopt(c->st, id, m.id);
    if (rc == 0)
        rc = matter_add_follower(c, &m, o.author_id);
    if (rc == 0 && o.author_id != c->actor->id)
        rc = matter_notify_person(c, &m, o.author_id, "opinion_adopted", "author");
    if (rc == 0)
        rc = opinion_store_supporters(c->st, c->a, id, &people, &npeople);
    for (int i = 0; rc == 0 && i < npeople; i++)
        if (people[i] != c->actor->id && people[i] != o.author_id)
            rc = matter_notify_person(c, &m, people[i], "opinion_adopted", "supporter");
    rc = store_end(c->st, rc);
    if (rc == WG_ECONFLICT)
        return dctx_fail(c, rc, "already_adopted", NULL);
    if (rc)
        return rc;
    *matter_id = m.id;
    return 0;
}

int opinion_of_matter(dctx *c, int64_t matter_id, struct st_opinion *o, struct st_call *cl)
{
    int rc = opinion_store_of_matter(c->st, c->a, matter_id, o);
    return rc ? rc : opinion_call_get(c, o->call_id, cl);
}

/* ---- views ---- */

json_t *opinion_view_call(dctx *c, const struct st_call *cl)
{
    json_t *o = json_pack("{s:I, s:{s:I, s:s, s:s}, s:I, s:s, s:s, s:I, s:s, s:b, s:i, s:{s:I, s:s}}",
                          "id", (json_int_t)cl->id, "place", "id", (json_int_t)cl->place_id, "name", cl->place_name,
                          "kind", cl->place_kind, "community_id", (json_int_t)cl->community_id, "title", cl->title,
                          "body", cl->body, "deadline", (json_int_t)cl->deadline, "status", cl->status, "open",
                          opinion_call_is_open(c, cl), "opinions", cl->opinions, "author", "id", (json_int_t)cl->author_id,
                          "name", cl->author_name);
    time_json_pair(o, "deadline_at", cl->deadline);
    time_json_pair(o, "created_at", cl->created_at);
    time_json_pair(o, "closed_at", cl->closed_at);
    return o;
}

json_t *opinion_view(dctx *c, const struct st_opinion *op)
{
    (void)c;
    json_t *photos = json_array();
    for (int i = 0; i < op->nphotos; i++)
        json_array_append_new(photos, photo_json(c->a, op->photos[i]));
    json_t *o = json_pack("{s:I, s:I, s:{s:I, s:s}, s:s, s:s, s:i, s:b, s:o}", "id", (json_int_t)op->id, "call_id",
                          (json_int_t)op->call_id, "author", "id", (json_int_t)op->author_id, "name",
                          op->author_name ? op->author_name : "", "body", op->body, "status", op->status, "supports",
                          op->supports, "mine", op->mine, "photos", photos);
    json_object_set_new(o, "merged_into", op->merged_into ? json_integer(op->merged_into) : json_null());
    json_object_set_new(o, "matter_id", op->matter_id ? json_integer(op->matter_id) : json_null());
    time_json_pair(o, "created_at", op->created_at);
    return o;
}

int opinion_households(dctx *c, int64_t matter_id, struct household_ref **out, int *n)
{
    return opinion_store_households(c->st, c->a, matter_id, out, n);
}
