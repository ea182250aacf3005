/*
 * Subjects: the things of one module that another may hang something on
 * (comments on a matter or an opinion; later, follows and search results).
 * The owning module declares the kind with a resolver; a later module
 * stores (kind, id) and resolves it to where it lives and how to link it,
 * without knowing the owner.
 */
#ifndef WG_KERNEL_SUBJECT_H
#define WG_KERNEL_SUBJECT_H

#include "kernel/dctx.h"

struct subject {
    const char *kind; /* "matter" */
    int64_t id;
    int64_t community_id;
    const char *place_path; /* whose rules (reach, moderators, settings) apply */
    const char *title;
    const char *url; /* its page: "/matters/7" */
    int64_t author_id; /* who wrote it (0: nobody in particular): told of comments on it */
};

struct subject_kind {
    const char *name;
    /* Fills out for a subject the actor may read: WG_ENOTFOUND (with
     * c->code "not_found") when it does not exist or is not readable. */
    int (*resolve)(dctx *c, int64_t id, struct subject *out);
};

/* The declared kind, or NULL. */
const struct subject_kind *subject_kind_find(const char *name);
/* Resolves (kind, id) through its owner; an unknown kind is WG_ENOTFOUND. */
int subject_resolve(dctx *c, const char *kind, int64_t id, struct subject *out);

#endif
