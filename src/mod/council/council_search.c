/* Meetings are found by search: the source the council module declares.
 * A meeting's title is its council's name and day; its text the place it
 * is held at, its agenda and its minutes. */
#include "core/buf.h"
#include "core/time.h"
#include "mod/council/council.h"
#include "mod/council/council_store.h"
#include "mod/search/search.h"

static int doc(dctx *c, int64_t id, struct search_doc *out)
{
    struct st_meeting m;
    struct st_agenda *items;
    int n = 0;
    int rc = council_store_meeting_get(c->st, c->a, id, &m);
    if (rc == 0)
        rc = council_store_agenda(c->st, c->a, id, &items, &n);
    if (rc)
        return rc;
    char when[32];
    time_format_local(m.start_at, when, sizeof when);
    when[10] = '\0'; /* the day */
    buf b;
    buf_init(&b, 1024 * 1024);
    buf_adds(&b, m.location ? m.location : "");
    for (int i = 0; i < n; i++)
        buf_addf(&b, "\n%s", items[i].title ? items[i].title : items[i].matter_title ? items[i].matter_title : "");
    if (m.minutes_md)
        buf_addf(&b, "\n%s", m.minutes_md);
    *out = (struct search_doc){.community_id = m.community_id, .place_id = m.place_id, .place_path = m.place_path,
                               .title = arena_printf(c->a, "%s %s", m.council_name, when),
                               .body = arena_strndup(c->a, b.data ? b.data : "", b.len),
                               .url = arena_printf(c->a, "/meetings/%lld", (long long)id), .updated_at = m.updated_at};
    buf_free(&b);
    return 0;
}

static int ids(dctx *c, int64_t after, int max, int64_t **out, int *n)
{
    return council_store_meeting_ids(c->st, c->a, after, max, out, n);
}

const struct search_source council_meeting_search = {"meeting", "search_kind_meeting", doc, ids};
