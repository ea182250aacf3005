/* Notifications in the app: listing, reading and each person's choice of
 * kinds. They are written by the features that cause them (matter.c), in
 * the same transaction as the change they announce. */
#include <string.h>

#include "domain/domain.h"

static const char *const kinds[] = {"matter_stage", "objection_answered",
                                    /* councils and meetings (domain/council.c) */
                                    "meeting_notice", "meeting_changed", "meeting_cancelled",
                                    /* end councils and meetings */
                                    /* calls for opinions */
                                    "call_opened", "opinion_merged", "opinion_adopted",
                                    /* votes (domain/vote.c) */
                                    "vote_opened", "vote_closing", "vote_result",
                                    NULL};

const char *const *notification_kinds(void)
{
    return kinds;
}

static int kind_valid(const char *k)
{
    for (const char *const *p = kinds; k && *p; p++)
        if (strcmp(*p, k) == 0)
            return 1;
    return 0;
}

int notify_list(dctx *c, int unread_only, int limit, int offset, struct notification_page *out)
{
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    memset(out, 0, sizeof *out);
    limit = limit <= 0 ? LIST_LIMIT_DEFAULT : limit > LIST_LIMIT_MAX ? LIST_LIMIT_MAX : limit;
    int rc = store_notification_counts(c->st, c->actor->id, c->now, &out->total, &out->unread);
    if (rc)
        return rc;
    if (unread_only)
        out->total = out->unread;
    return store_notifications(c->st, c->a, c->actor->id, unread_only, c->now, limit, offset < 0 ? 0 : offset, &out->items,
                               &out->n);
}

int notify_unread(dctx *c, int *unread)
{
    *unread = 0;
    if (c->actor == NULL)
        return 0;
    return store_notification_counts(c->st, c->actor->id, c->now, NULL, unread);
}

int notify_read(dctx *c, int64_t id, int *changed)
{
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    int rc = store_begin(c->st);
    if (rc)
        return rc;
    /* only the actor's own rows: another person's id changes nothing */
    return store_end(c->st, store_notifications_read(c->st, c->actor->id, id, c->now, changed));
}

int notify_pref(dctx *c, const char *kind, int *enabled)
{
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    if (!kind_valid(kind))
        return dctx_fail(c, WG_EINVAL, "kind_invalid", "kind");
    return store_notification_pref(c->st, c->actor->id, kind, enabled);
}

int notify_pref_set(dctx *c, const char *kind, int enabled)
{
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    if (!kind_valid(kind))
        return dctx_fail(c, WG_EINVAL, "kind_invalid", "kind");
    int rc = store_begin(c->st);
    if (rc)
        return rc;
    return store_end(c->st, store_notification_pref_set(c->st, c->actor->id, kind, enabled != 0));
}
