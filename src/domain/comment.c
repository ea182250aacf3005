/* Discussion on matters and on opinions of calls for opinions: threaded
 * comments, reports of abuse, moderation with public reasons, and
 * pre-moderation where a community chooses it. */
#include <string.h>

#include "core/utf8.h"
#include "domain/domain.h"
#include "domain/opinion.h"

/* What a comment hangs on: a matter or an opinion, and the place whose
 * rules (reach, moderators, pre-moderation) apply. */
struct target {
    int64_t matter_id, opinion_id, community_id;
    const char *place_path;
};

#define MODERATORS ((1u << ROLE_GRID_WORKER) | (1u << ROLE_COMMUNITY_STAFF) | (1u << ROLE_STREET_ADMIN))

int comment_may_moderate(dctx *c, const struct st_matter *m)
{
    return perm_allows_roles(c->actor, ACT_MANAGE_MATTER, m->place_path, MODERATORS);
}

static int may_moderate(dctx *c, const struct target *t)
{
    return perm_allows_roles(c->actor, ACT_MANAGE_MATTER, t->place_path, MODERATORS);
}

/* The target as visible to the actor (WG_ENOTFOUND otherwise). */
static int target_get(dctx *c, int64_t matter_id, int64_t opinion_id, struct target *t)
{
    int rc;
    memset(t, 0, sizeof *t);
    if (matter_id) {
        struct st_matter m;
        if ((rc = matter_get(c, matter_id, &m)))
            return rc;
        *t = (struct target){.matter_id = m.id, .community_id = m.community_id, .place_path = m.place_path};
        return 0;
    }
    struct st_opinion o;
    struct st_call cl;
    if ((rc = opinion_get(c, opinion_id, &o, &cl)))
        return rc;
    *t = (struct target){.opinion_id = o.id, .community_id = o.community_id, .place_path = cl.place_path};
    return 0;
}

static int text_ok(const char *s, size_t max_cp)
{
    size_t n = s ? strlen(s) : 0;
    return n > 0 && utf8_valid(s, n) && utf8_count(s, n) <= max_cp;
}

/* Whether the nearest place on the path that says so holds new comments
 * for review. */
static int premoderated(dctx *c, const char *path, int *yes)
{
    long v = 0;
    int rc = place_line_setting(c, path, &comment_settings[0], &v);
    *yes = v == 1;
    return rc;
}

static int list_of(dctx *c, const struct target *t, struct st_comment **out, int *n)
{
    struct st_comment *all;
    int k = 0, rc = t->matter_id ? store_comments_of(c->st, c->a, t->matter_id, &all, n)
                                 : store_comments_of_opinion(c->st, c->a, t->opinion_id, &all, n);
    if (rc)
        return rc;
    int mod = may_moderate(c, t);
    for (int i = 0; i < *n; i++)
        if (mod || strcmp(all[i].status, "pending") != 0 || all[i].author_id == c->actor->id)
            all[k++] = all[i];
    *out = all;
    *n = k;
    return 0;
}

int comment_list(dctx *c, int64_t matter_id, struct st_comment **out, int *n)
{
    struct target t;
    int rc = target_get(c, matter_id, 0, &t);
    return rc ? rc : list_of(c, &t, out, n);
}

int comment_list_opinion(dctx *c, int64_t opinion_id, struct st_comment **out, int *n, int *moderator)
{
    struct target t;
    int rc = opinion_id ? target_get(c, 0, opinion_id, &t) : dctx_fail(c, WG_ENOTFOUND, "not_found", NULL);
    if (rc)
        return rc;
    *moderator = may_moderate(c, &t);
    return list_of(c, &t, out, n);
}

static int post_on(dctx *c, const struct target *t, int64_t parent_id, const char *body, int64_t *id,
                   const char **status)
{
    int rc, held = 0, depth = 0;
    if ((rc = perm_check(c, ACT_FOLLOW, t->place_path, t->community_id)))
        return rc;
    if (utf8_blank(body))
        return dctx_fail(c, WG_EINVAL, "comment_required", "body");
    if (!text_ok(body, COMMENT_MAX))
        return dctx_fail(c, WG_EINVAL, "comment_invalid", "body");
    if (parent_id) {
        struct st_comment p;
        rc = store_comment_get(c->st, c->a, parent_id, &p);
        if (rc == WG_ENOTFOUND || (rc == 0 && (p.matter_id != t->matter_id || p.opinion_id != t->opinion_id ||
                                               strcmp(p.status, "visible") != 0)))
            return dctx_fail(c, WG_EINVAL, "parent_invalid", "parent_id");
        if (rc)
            return rc;
        if (p.depth + 1 > COMMENT_DEPTH_MAX)
            return dctx_fail(c, WG_EINVAL, "thread_too_deep", "parent_id");
        depth = p.depth + 1;
    }
    if (!may_moderate(c, t) && (rc = premoderated(c, t->place_path, &held)))
        return rc;
    struct st_comment cm = {.matter_id = t->matter_id, .opinion_id = t->opinion_id, .community_id = t->community_id,
                            .parent_id = parent_id, .depth = depth, .author_id = c->actor->id, .body = body,
                            .status = held ? "pending" : "visible", .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    rc = dctx_rate_locked(c, store_comment_count_since, COMMENT_RATE_MINUTE, COMMENT_RATE_HOUR, "comment_rate_limited");
    if ((rc = store_end(c->st, rc ? rc : store_comment_insert(c->st, &cm))))
        return rc;
    *id = cm.id;
    *status = cm.status;
    return 0;
}

int comment_post(dctx *c, int64_t matter_id, int64_t parent_id, const char *body, int64_t *id, const char **status)
{
    struct target t;
    int rc = target_get(c, matter_id, 0, &t);
    return rc ? rc : post_on(c, &t, parent_id, body, id, status);
}

int comment_post_opinion(dctx *c, int64_t opinion_id, int64_t parent_id, const char *body, int64_t *id,
                         const char **status)
{
    struct target t;
    int rc = opinion_id ? target_get(c, 0, opinion_id, &t) : dctx_fail(c, WG_ENOTFOUND, "not_found", NULL);
    return rc ? rc : post_on(c, &t, parent_id, body, id, status);
}

/* The comment and what it hangs on, as visible to the actor. */
static int comment_with_target(dctx *c, int64_t comment_id, struct st_comment *cm, struct target *t)
{
    int rc = store_comment_get(c->st, c->a, comment_id, cm);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    return rc ? rc : target_get(c, cm->matter_id, cm->opinion_id, t);
}

int comment_report(dctx *c, int64_t comment_id, const char *reason)
{
    struct st_comment cm;
    struct target m;
    int rc = comment_with_target(c, comment_id, &cm, &m);
    if (rc || (rc = perm_check(c, ACT_FOLLOW, m.place_path, m.community_id)))
        return rc;
    if (utf8_blank(reason))
        return dctx_fail(c, WG_EINVAL, "reason_required", "reason");
    if (!text_ok(reason, REASON_MAX))
        return dctx_fail(c, WG_EINVAL, "reason_invalid", "reason");
    if ((rc = store_begin(c->st)))
        return rc;
    rc = store_end(c->st, store_comment_report(c->st, comment_id, c->actor->id, m.community_id, reason, c->now));
    return rc == WG_ECONFLICT ? dctx_fail(c, rc, "already_reported", NULL) : rc;
}

int comment_moderate(dctx *c, int64_t comment_id, const char *action, const char *reason)
{
    struct st_comment cm;
    struct target m;
    int rc = comment_with_target(c, comment_id, &cm, &m);
    if (rc)
        return rc;
    if (!may_moderate(c, &m)) {
        audit_log(c, "denied", arena_printf(c->a, "comment:%lld", (long long)comment_id), "moderate", m.community_id);
        return dctx_fail(c, WG_EPERM, "forbidden", NULL);
    }
    const char *status;
    if (action && strcmp(action, "hide") == 0) {
        if (utf8_blank(reason))
            return dctx_fail(c, WG_EINVAL, "reason_required", "reason");
        if (!text_ok(reason, REASON_MAX))
            return dctx_fail(c, WG_EINVAL, "reason_invalid", "reason");
        status = "hidden";
    } else if (action && (strcmp(action, "approve") == 0 || strcmp(action, "show") == 0)) {
        status = "visible";
        reason = NULL;
    } else {
        return dctx_fail(c, WG_EINVAL, "action_invalid", "action");
    }
    if ((rc = store_begin(c->st)))
        return rc;
    rc = store_comment_moderate(c->st, comment_id, status, reason, c->actor->id, c->now);
    if (rc == 0) {
        struct st_audit e = {.at = c->now, .actor_id = c->actor->id, .ip = c->ip,
                             .action = strcmp(status, "hidden") == 0 ? "comment_hide" : "comment_show",
                             .target = arena_printf(c->a, "comment:%lld", (long long)comment_id),
                             .detail = reason, .community_id = m.community_id};
        rc = audit_insert(c->st, &e);
    }
    return store_end(c->st, rc);
}
