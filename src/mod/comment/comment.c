/* Threaded comments on subjects, reports and moderation (see comment.h). */
#include "mod/comment/comment.h"

#include <string.h>

#include "core/time.h"
#include "core/utf8.h"
#include "mod/comment/comment_store.h"

#define N PERM_NONE
#define S PERM_SUBTREE
/*                                                                                   resident leader grid staff street */
const struct perm_action comment_act_moderate = {
    "moderate_comment", "hide or approve comments (with a public reason)", {N, N, S, S, S}};
#undef N
#undef S

extern const struct setting_def comment_settings[];

int comment_may_moderate(dctx *c, const struct subject *s)
{
    return perm_allows(c->actor, &comment_act_moderate, s->place_path);
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

int comment_list(dctx *c, const struct subject *s, struct st_comment **out, int *n)
{
    struct st_comment *all;
    int k = 0, rc = comment_store_of(c->st, c->a, s->kind, s->id, &all, n);
    if (rc)
        return rc;
    int mod = comment_may_moderate(c, s);
    for (int i = 0; i < *n; i++)
        if (mod || strcmp(all[i].status, "pending") != 0 || (c->actor && all[i].author_id == c->actor->id))
            all[k++] = all[i];
    *out = all;
    *n = k;
    return 0;
}

/* A visible comment tells the author of the comment it answers and the
 * author of what it is about (each once, never the commenter): "comment_reply". */
static int tell_replied(dctx *c, const struct subject *s, int64_t parent_author, const struct st_comment *cm)
{
    struct notify_msg msg = {.kind = "comment_reply", .title = s->title, .detail = c->actor->name, .at = c->now,
                             .url = arena_printf(c->a, "%s#comment-%lld", s->url, (long long)cm->id)};
    int rc = 0;
    if (parent_author && parent_author != c->actor->id)
        rc = notify_person(c->st, parent_author, &msg);
    if (rc == 0 && s->author_id && s->author_id != c->actor->id && s->author_id != parent_author)
        rc = notify_person(c->st, s->author_id, &msg);
    return rc;
}

int comment_post(dctx *c, const struct subject *s, int64_t parent_id, const char *body, int64_t *id,
                 const char **status)
{
    int rc, held = 0, depth = 0;
    int64_t parent_author = 0;
    if ((rc = perm_check(c, &matter_act_take_part, s->place_path, s->community_id)) ||
        (rc = dctx_text(c, body, COMMENT_MAX, 1, "body", "comment_required", "comment_invalid")))
        return rc;
    if (parent_id) {
        struct st_comment p;
        rc = comment_store_get(c->st, c->a, parent_id, &p);
        if (rc == WG_ENOTFOUND || (rc == 0 && (p.subject_id != s->id || strcmp(p.subject_kind, s->kind) != 0 ||
                                               strcmp(p.status, "visible") != 0)))
            return dctx_fail(c, WG_EINVAL, "parent_invalid", "parent_id");
        if (rc)
            return rc;
        if (p.depth + 1 > COMMENT_DEPTH_MAX)
            return dctx_fail(c, WG_EINVAL, "thread_too_deep", "parent_id");
        depth = p.depth + 1;
        parent_author = p.author_id;
    }
    if (!comment_may_moderate(c, s) && (rc = premoderated(c, s->place_path, &held)))
        return rc;
    struct st_comment cm = {.subject_kind = s->kind, .subject_id = s->id, .community_id = s->community_id,
                            .parent_id = parent_id, .depth = depth, .author_id = c->actor->id, .body = body,
                            .status = held ? "pending" : "visible", .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    rc = dctx_rate_locked(c, comment_store_count_since, COMMENT_RATE_MINUTE, COMMENT_RATE_HOUR,
                          "comment_rate_limited");
    if (rc == 0)
        rc = comment_store_insert(c->st, &cm);
    if (rc == 0 && !held)
        rc = tell_replied(c, s, parent_author, &cm);
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = cm.id;
    *status = cm.status;
    return 0;
}

/* The comment and its subject, as visible to the actor. */
static int with_subject(dctx *c, int64_t comment_id, struct st_comment *cm, struct subject *s)
{
    int rc = comment_store_get(c->st, c->a, comment_id, cm);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    return rc ? rc : subject_resolve(c, cm->subject_kind, cm->subject_id, s);
}

int comment_report(dctx *c, int64_t comment_id, const char *reason, struct subject *out)
{
    struct st_comment cm;
    struct subject s;
    int rc = with_subject(c, comment_id, &cm, &s);
    if (rc || (rc = perm_check(c, &matter_act_take_part, s.place_path, s.community_id)) ||
        (rc = dctx_text(c, reason, REASON_MAX, 1, "reason", "reason_required", "reason_invalid")) ||
        (rc = store_begin(c->st)))
        return rc;
    rc = store_end(c->st, comment_store_report(c->st, comment_id, c->actor->id, s.community_id, reason, c->now));
    if (rc == WG_ECONFLICT)
        return dctx_fail(c, rc, "already_reported", NULL);
    if (rc == 0 && out)
        *out = s;
    return rc;
}

int comment_moderate(dctx *c, int64_t comment_id, const char *action, const char *reason, struct subject *out)
{
    struct st_comment cm;
    struct subject s;
    int rc = with_subject(c, comment_id, &cm, &s);
    if (rc)
        return rc;
    if (!comment_may_moderate(c, &s)) {
        audit_log(c, "denied", arena_printf(c->a, "comment:%lld", (long long)comment_id), "moderate", s.community_id);
        return dctx_fail(c, WG_EPERM, "forbidden", NULL);
    }
    const char *status;
    if (action && strcmp(action, "hide") == 0) {
        if ((rc = dctx_text(c, reason, REASON_MAX, 1, "reason", "reason_required", "reason_invalid")))
            return rc;
        status = "hidden";
    } else if (action && (strcmp(action, "approve") == 0 || strcmp(action, "show") == 0)) {
        status = "visible";
        reason = NULL;
    } else {
        return dctx_fail(c, WG_EINVAL, "action_invalid", "action");
    }
    if ((rc = store_begin(c->st)))
        return rc;
    rc = comment_store_moderate(c->st, comment_id, status, reason, c->actor->id, c->now);
    if (rc == 0) {
        struct st_audit e = {.at = c->now, .actor_id = c->actor->id, .ip = c->ip,
                             .action = strcmp(status, "hidden") == 0 ? "comment_hide" : "comment_show",
                             .target = arena_printf(c->a, "comment:%lld", (long long)comment_id),
                             .detail = reason, .community_id = s.community_id};
        rc = audit_insert(c->st, &e);
    }
    if ((rc = store_end(c->st, rc)) == 0 && out)
        *out = s;
    return rc;
}

json_t *comment_view(dctx *c, const struct st_comment *cm, int moderator)
{
    int hidden = strcmp(cm->status, "hidden") == 0;
    json_t *o = json_pack("{s:I, s:{s:s, s:I}, s:o, s:i, s:{s:I, s:s}, s:s}", "id", (json_int_t)cm->id, "subject",
                          "kind", cm->subject_kind, "id", (json_int_t)cm->subject_id, "parent_id",
                          cm->parent_id ? json_integer(cm->parent_id) : json_null(), "depth", cm->depth, "author",
                          "id", (json_int_t)cm->author_id, "name", cm->author_name ? cm->author_name : "", "status",
                          cm->status);
    /* the subject's id under its own name too ("matter_id", as before subjects) */
    json_object_set_new(o, arena_printf(c->a, "%s_id", cm->subject_kind), json_integer(cm->subject_id));
    /* a hidden comment stays in the thread as a notice with its public reason */
    json_object_set_new(o, "body", hidden && !moderator ? json_null() : json_string(cm->body));
    json_object_set_new(o, "hidden_reason", cm->hidden_reason ? json_string(cm->hidden_reason) : json_null());
    if (moderator)
        json_object_set_new(o, "reports", json_integer(cm->reports));
    return time_json_pair(o, "created_at", cm->created_at);
}

json_t *comment_thread(dctx *c, const struct subject *s, int *rc)
{
    struct st_comment *cs;
    int n = 0;
    if ((*rc = comment_list(c, s, &cs, &n)))
        return NULL;
    int mod = comment_may_moderate(c, s);
    json_t *cj = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = comment_view(c, &cs[i], mod);
        json_object_set_new(o, "is_hidden", json_boolean(strcmp(cs[i].status, "hidden") == 0));
        json_object_set_new(o, "is_pending", json_boolean(strcmp(cs[i].status, "pending") == 0));
        json_object_set_new(o, "may_reply",
                            json_boolean(strcmp(cs[i].status, "visible") == 0 && cs[i].depth < COMMENT_DEPTH_MAX));
        json_object_set_new(o, "moderator", json_boolean(mod));
        json_array_append_new(cj, o);
    }
    return json_pack("{s:o, s:s, s:b}", "comments", cj, "comments_base", s->url, "may_moderate", mod);
}
