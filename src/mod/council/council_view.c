/* The public shapes of councils, meetings, agenda items and presence. */
#include <string.h>

#include "core/md.h"
#include "core/time.h"
#include "mod/council/council.h"
#include "mod/council/council_int.h"

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *council_view(dctx *c, const struct st_council *co)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:i, s:i, s:s, s:i, s:s, s:i}", "id", (json_int_t)co->id, "name",
                          co->name, "kind", co->kind, "unit", co->unit, "every", co->every_n, "day_of_month",
                          co->day_of_month, "time",
                          arena_printf(c->a, "%02d:%02d", co->time_min / 60, co->time_min % 60), "duration_min",
                          co->duration_min, "location", co->location, "notice_days", co->notice_days);
    json_object_set_new(o, "place", json_pack("{s:I, s:o, s:o}", "id", (json_int_t)co->place_id, "name",
                                              str_or_null(co->place_name), "kind", str_or_null(co->place_kind)));
    json_object_set_new(o, "community_id", json_integer(co->community_id));
    /* a local midnight: the date part of its local time */
    json_object_set_new(o, "starts_on", json_string(arena_strndup(c->a, council_local_text(c, co->starts_on), 10)));
    json_object_set_new(o, "facilitator", co->facilitator_id ? json_pack("{s:I, s:o}", "id",
                                                                         (json_int_t)co->facilitator_id, "name",
                                                                         str_or_null(co->facilitator_name))
                                                             : json_null());
    return time_json_pair(o, "created_at", co->created_at);
}

json_t *council_view_meeting(dctx *c, const struct st_meeting *m, int with_code)
{
    json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:i, s:b}", "id", (json_int_t)m->id, "council_id",
                          (json_int_t)m->council_id, "location", m->location, "status", m->status, "sequence",
                          m->sequence, "ad_hoc", m->occurrence < 0);
    json_object_set_new(o, "council", json_pack("{s:I, s:o}", "id", (json_int_t)m->council_id, "name",
                                                str_or_null(m->council_name)));
    json_object_set_new(o, "place", json_pack("{s:I, s:o}", "id", (json_int_t)m->place_id, "name",
                                              str_or_null(m->place_name)));
    json_object_set_new(o, "community_id", json_integer(m->community_id));
    json_object_set_new(o, "duration_min", json_integer((m->end_at - m->start_at) / 60));
    time_json_pair(o, "start_at", m->start_at);
    time_json_pair(o, "end_at", m->end_at);
    time_json_pair(o, "held_at", m->held_at);
    time_json_pair(o, "updated_at", m->updated_at);
    json_object_set_new(o, "minutes", json_string(m->minutes_md ? m->minutes_md : ""));
    const char *html = NULL;
    if (m->minutes_md && *m->minutes_md && md_render(c->a, m->minutes_md, strlen(m->minutes_md), &html) == 0)
        json_object_set_new(o, "minutes_html", json_string(html));
    if (with_code)
        json_object_set_new(o, "signin_code", json_string(m->signin_code));
    return o;
}

json_t *council_view_agenda(dctx *c, const struct st_agenda *g)
{
    (void)c;
    json_t *o = json_pack("{s:I, s:i, s:s, s:o, s:o}", "id", (json_int_t)g->id, "position", g->position, "title",
                          g->title, "outcome", str_or_null(g->outcome), "outcome_text", str_or_null(g->outcome_text));
    json_object_set_new(o, "matter", g->matter_id ? json_pack("{s:I, s:o}", "id", (json_int_t)g->matter_id, "title",
                                                              str_or_null(g->matter_title))
                                                  : json_null());
    json_object_set_new(o, "carried_from", g->carried_from ? json_integer(g->carried_from) : json_null());
    return o;
}

json_t *council_view_presence(dctx *c, const struct st_presence *p)
{
    (void)c;
    return json_pack("{s:i, s:i, s:i, s:I, s:f, s:i, s:i}", "heads", p->heads, "households", p->households, "owners",
                     p->owners, "owner_area_dm2", (json_int_t)p->owner_area_dm2, "owner_area_m2",
                     (double)p->owner_area_dm2 / 100.0, "attendees", p->attendees, "proxies", p->proxies);
}
