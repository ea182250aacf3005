/* Discussion on matters: threaded comments, reports of abuse, moderation
 * with public reasons, and pre-moderation where a community chooses it. */
#include <string.h>

#include "core/utf8.h"
#include "domain/domain.h"

#define MODERATORS ((1u << ROLE_GRID_WORKER) | (1u << ROLE_COMMUNITY_STAFF) | (1u << ROLE_STREET_ADMIN))

int comment_may_moderate(dctx *c, const struct st_matter *m)
{
    return perm_allows_roles(c->actor, ACT_MANAGE_MATTER, m->place_path, MODERATORS);
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
    const char *v = NULL;
    int rc = place_line_setting(c, path, "premoderation", &v);
    *yes = v != NULL && strcmp(v, "1") == 0;
    return rc;
}

int comment_list(dctx *c, int64_t matter_id, struct st_comment **out, int *n)
{
    struct st_matter m;
    struct st_comment *all;
    int k = 0, rc = matter_get(c, matter_id, &m);
    if (rc || (rc = store_comments_of(c->st, c->a, matter_id, &all, n)))
        return rc;
    int mod = comment_may_moderate(c, &m);
    for (int i = 0; i < *n; i++)
        if (mod || strcmp(all[i].status, "pending") != 0 || all[i].author_id == c->actor->id)
            all[k++] = all[i];
    *out = all;
    *n = k;
    return 0;
}

int comment_post(dctx *c, int64_t matter_id, int64_t parent_id, const char *body, int64_t *id, const char **status)
{
    struct st_matter m;
    int rc = matter_get(c, matter_id, &m), recent = 0, held = 0, depth = 0;
    if (rc || (rc = perm_check(c, ACT_FOLLOW, m.place_path, m.community_id)))
        return rc;
    if (utf8_blank(body))
        return dctx_fail(c, WG_EINVAL, "comment_required", "body");
    if (!text_ok(body, COMMENT_MAX))
        return dctx_fail(c, WG_EINVAL, "comment_invalid", "body");
    if (parent_id) {
        struct st_comment p;
        rc = store_comment_get(c->st, c->a, parent_id, &p);
        if (rc == WG_ENOTFOUND || (rc == 0 && (p.matter_id != matter_id || strcmp(p.status, "visible") != 0)))
            return dctx_fail(c, WG_EINVAL, "parent_invalid", "parent_id");
        if (rc)
            return rc;
        if (p.depth + 1 > COMMENT_DEPTH_MAX)
            return dctx_fail(c, WG_EINVAL, "thread_too_deep", "parent_id");
        depth = p.depth + 1;
    }
    if ((rc = store_comment_count_since(c->st, c->actor->id, c->now - 60, &recent)))
        return rc;
    if (recent >= COMMENT_RATE_MINUTE)
        return dctx_fail(c, WG_ERATE, "comment_rate_limited", NULL);
    if ((rc = store_comment_count_since(c->st, c->actor->id, c->now - 3600, &recent)))
        return rc;
    if (recent >= COMMENT_RATE_HOUR)
        return dctx_fail(c, WG_ERATE, "comment_rate_limited", NULL);
    if (!comment_may_moderate(c, &m) && (rc = premoderated(c, m.place_path, &held)))
        return rc;
    struct st_comment cm = {.matter_id = matter_id, .community_id = m.community_id, .parent_id = parent_id,
                            .depth = depth, .author_id = c->actor->id, .body = body,
                            .status = held ? "pending" : "visible", .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    if ((rc = store_end(c->st, store_comment_insert(c->st, &cm))))
        return rc;
    *id = cm.id;
    *status = cm.status;
    return 0;
}

/* The comment and its matter, as visible to the actor. */
static int comment_with_matter(dctx *c, int64_t comment_id, struct st_comment *cm, struct st_matter *m)
{
    int rc = store_comment_get(c->st, c->a, comment_id, cm);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    return rc ? rc : matter_get(c, cm->matter_id, m);
}

int comment_report(dctx *c, int64_t comment_id, const char *reason)
{
    struct st_comment cm;
    struct st_matter m;
    int rc = comment_with_matter(c, comment_id, &cm, &m);
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
    struct st_matter m;
    int rc = comment_with_matter(c, comment_id, &cm, &m);
    if (rc)
        return rc;
    if (!comment_may_moderate(c, &m)) {
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
        rc = store_audit_insert(c->st, &e);
    }
    return store_end(c->st, rc);
}
