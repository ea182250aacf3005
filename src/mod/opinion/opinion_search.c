/* Calls for opinions and opinions are found by search: the two sources the
 * opinion module declares. An opinion's title is the start of its text. */
#include <string.h>

#include "core/utf8.h"
#include "mod/opinion/opinion.h"
#include "mod/opinion/opinion_store.h"
#include "mod/search/search.h"

#define OPINION_TITLE_CHARS 30

static int call_doc(dctx *c, int64_t id, struct search_doc *out)
{
    struct st_call cl;
    int rc = opinion_store_call_get(c->st, c->a, id, &cl);
    if (rc)
        return rc;
    *out = (struct search_doc){.community_id = cl.community_id, .place_id = cl.place_id, .place_path = cl.place_path,
                               .title = cl.title, .body = cl.body,
                               .url = arena_printf(c->a, "/calls/%lld", (long long)id), .updated_at = cl.created_at};
    return 0;
}

static int call_ids(dctx *c, int64_t after, int max, int64_t **out, int *n)
{
    return opinion_store_call_ids(c->st, c->a, after, max, out, n);
}

static int opinion_doc(dctx *c, int64_t id, struct search_doc *out)
{
    struct st_opinion o;
    struct st_call cl;
    int rc = opinion_store_get(c->st, c->a, id, 0, &o);
    if (rc == 0)
        rc = opinion_store_call_get(c->st, c->a, o.call_id, &cl);
    if (rc)
        return rc;
    size_t len = utf8_trim_len(o.body, strlen(o.body), OPINION_TITLE_CHARS);
    const char *title = len < strlen(o.body) ? arena_printf(c->a, "%.*s…", (int)len, o.body) : o.body;
    *out = (struct search_doc){.community_id = o.community_id, .place_id = cl.place_id, .place_path = cl.place_path,
                               .title = title, .body = o.body,
                               .url = arena_printf(c->a, "/opinions/%lld", (long long)id), .updated_at = o.created_at};
    return 0;
}

static int opinion_ids(dctx *c, int64_t after, int max, int64_t **out, int *n)
{
    return opinion_store_ids(c->st, c->a, after, max, out, n);
}

const struct search_source opinion_call_search = {"call", "search_kind_call", call_doc, call_ids};
const struct search_source opinion_search = {"opinion", "search_kind_opinion", opinion_doc, opinion_ids};
