/* The public shape of each domain object, as jansson values: dumped as-is by
 * the JSON API and rendered by the page templates. Privacy rules live here:
 * phone numbers are always masked in views. */
#include <string.h>
#include <time.h>

#include "core/md.h"
#include "domain/domain.h"

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *ref(int64_t id, const char *name)
{
    return json_pack("{s:I, s:o}", "id", (json_int_t)id, "name", str_or_null(name));
}



json_t *view_matter(dctx *c, const struct st_matter *m, int with_body)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:I, s:o, s:i}", "id", (json_int_t)m->id, "title",
                          m->title, "category", m->category, "stage", m->stage, "phase", matter_phase(m->stage),
                          "place",
                          json_pack("{s:I, s:o, s:o}", "id", (json_int_t)m->place_id, "name",
                                    str_or_null(m->place_name), "kind", str_or_null(m->place_kind)),
                          "community_id", (json_int_t)m->community_id, "author", ref(m->author_id, m->author_name),
                          "followers", m->followers);
    json_object_set_new(o, "merged_into", m->merged_into ? json_integer(m->merged_into) : json_null());
    time_pair(o, "created_at", m->created_at);
    time_pair(o, "updated_at", m->updated_at);
    time_pair(o, "notice_until", m->notice_until);
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

json_t *view_event(dctx *c, const struct st_event *e)
{
    (void)c;
    json_t *o = json_pack("{s:I, s:o, s:o, s:s, s:o}", "id", (json_int_t)e->id, "actor",
                          ref(e->actor_id, e->actor_name), "from", str_or_null(e->from_stage), "to", e->to_stage,
                          "reason", str_or_null(e->reason));
    return time_pair(o, "at", e->at);
}




json_t *view_objection(dctx *c, const struct st_objection *o)
{
    (void)c;
    json_t *obj = json_pack("{s:I, s:I, s:o, s:s, s:o, s:o}", "id", (json_int_t)o->id, "matter_id",
                            (json_int_t)o->matter_id, "author", ref(o->author_id, o->author_name), "body", o->body,
                            "answer", str_or_null(o->answer), "upheld",
                            o->upheld < 0 ? json_null() : json_boolean(o->upheld));
    json_object_set_new(obj, "answered_by", o->answered_by ? ref(o->answered_by, o->answerer_name) : json_null());
    time_pair(obj, "created_at", o->created_at);
    return time_pair(obj, "answered_at", o->answered_at);
}

json_t *view_comment(dctx *c, const struct st_comment *cm, int moderator)
{
    (void)c;
    int hidden = strcmp(cm->status, "hidden") == 0;
    json_t *o = json_pack("{s:I, s:I, s:o, s:i, s:o, s:s}", "id", (json_int_t)cm->id, "matter_id",
                          (json_int_t)cm->matter_id, "parent_id", cm->parent_id ? json_integer(cm->parent_id) : json_null(),
                          "depth", cm->depth, "author", ref(cm->author_id, cm->author_name), "status", cm->status);
    /* a hidden comment stays in the thread as a notice with its public reason */
    json_object_set_new(o, "body", hidden && !moderator ? json_null() : json_string(cm->body));
    json_object_set_new(o, "hidden_reason", str_or_null(cm->hidden_reason));
    if (moderator)
        json_object_set_new(o, "reports", json_integer(cm->reports));
    return time_pair(o, "created_at", cm->created_at);
}
