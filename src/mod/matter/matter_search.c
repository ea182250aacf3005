/* Matters are found by search: the source the matter module declares. */
#include "mod/matter/matter.h"
#include "mod/matter/matter_store.h"
#include "mod/search/search.h"

static int doc(dctx *c, int64_t id, struct search_doc *out)
{
    struct st_matter m;
    int rc = matter_store_get(c->st, c->a, id, &m);
    if (rc)
        return rc;
    *out = (struct search_doc){.community_id = m.community_id, .place_id = m.place_id, .place_path = m.place_path,
                               .title = m.title, .body = m.body_md,
                               .url = arena_printf(c->a, "/matters/%lld", (long long)id), .updated_at = m.updated_at};
    return 0;
}

static int ids(dctx *c, int64_t after, int max, int64_t **out, int *n)
{
    return matter_store_ids(c->st, c->a, after, max, out, n);
}

const struct search_source matter_search = {"matter", "search_kind_matter", doc, ids};
