/* The public shapes of matters, their timeline, objections and detail. */
#include "mod/matter/matter.h"

#include <string.h>

#include "core/md.h"
#include "core/time.h"

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *ref(int64_t id, const char *name)
{
    return json_pack("{s:I, s:o}", "id", (json_int_t)id, "name", str_or_null(name));
}

json_t *matter_view(dctx *c, const struct st_matter *m, int with_body)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:I, s:o, s:i}", "id", (json_int_t)m->id, "title",
                          m->title, "category", m->category, "stage", m->stage, "phase", matter_phase(m->stage),
                          "place",
                          json_pack("{s:I, s:o, s:o}", "id", (json_int_t)m->place_id, "name",
                                    str_or_null(m->place_name), "kind", str_or_null(m->place_kind)),
                          "community_id", (json_int_t)m->community_id, "author", ref(m->author_id, m->author_name),
                          "followers", m->followers);
    json_object_set_new(o, "merged_into", m->merged_into ? json_integer(m->merged_into) : json_null());
    time_json_pair(o, "created_at", m->created_at);
    time_json_pair(o, "updated_at", m->updated_at);
    time_json_pair(o, "notice_until", m->notice_until);
    json_object_set_new(o, "notice_days", m->notice_days ? json_integer(m->notice_days) : json_null());
    if (with_body) {
        const char *html = "";
        json_object_set_new(o, "body", json_string(m->body_md));
        if (md_render(c->a, m->body_md, strlen(m->body_md), &html) != 0)
            html = "";
        json_object_set_new(o, "body_html", json_string(html));
    } else {
        json_object_set_new(o, "excerpt", json_string(md_excerpt(c->a, m->body_md, 60)));
    }
    return o;
}

json_t *matter_view_event(dctx *c, const struct st_event *e)
{
    (void)c;
    json_t *o = json_pack("{s:I, s:o, s:o, s:s, s:o}", "id", (json_int_t)e->id, "actor",
                          ref(e->actor_id, e->actor_name), "from", str_or_null(e->from_stage), "to", e->to_stage,
                          "reason", str_or_null(e->reason));
    return time_json_pair(o, "at", e->at);
}

json_t *matter_view_objection(dctx *c, const struct st_objection *o)
{
    (void)c;
    json_t *obj = json_pack("{s:I, s:I, s:o, s:s, s:o, s:o}", "id", (json_int_t)o->id, "matter_id",
                            (json_int_t)o->matter_id, "author", ref(o->author_id, o->author_name), "body", o->body,
                            "answer", str_or_null(o->answer), "upheld",
                            o->upheld < 0 ? json_null() : json_boolean(o->upheld));
    json_object_set_new(obj, "answered_by", o->answered_by ? ref(o->answered_by, o->answerer_name) : json_null());
    time_json_pair(obj, "created_at", o->created_at);
    return time_json_pair(obj, "answered_at", o->answered_at);
}

json_t *matter_view_detail(dctx *c, const struct matter_detail *d)
{
    json_t *o = matter_view(c, &d->m, 1);
    json_t *tl = json_array(), *tj = json_array(), *oj = json_array();
    for (int i = 0; i < d->nevents; i++)
        json_array_append_new(tl, matter_view_event(c, &d->events[i]));
    for (int i = 0; i < d->nmoves; i++)
        json_array_append_new(tj, json_pack("{s:s, s:b}", "to", d->moves[i]->to, "reason_required",
                                            d->moves[i]->reason_required));
    for (int i = 0; i < d->nobjections; i++)
        json_array_append_new(oj, matter_view_objection(c, &d->objections[i]));
    json_object_set_new(o, "timeline", tl);
    json_object_set_new(o, "transitions", tj);
    json_object_set_new(o, "objections", oj);
    json_object_set_new(o, "support", json_pack("{s:i, s:i, s:b}", "households", d->support.households, "needed",
                                                d->support.needed, "mine", d->support.mine));
    json_object_set_new(o, "may_answer_objections", json_boolean(d->may_answer));
    json_object_set_new(o, "following", json_boolean(d->following));
    for (int i = 0; i < d->npanels; i++)
        json_object_set(o, d->panels[i].ext->key, d->panels[i].data);
    return o;
}
