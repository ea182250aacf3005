/*
 * Open311's documents: JSON in the Spark convention (the spec's mapping of
 * its XML), and the XML written from that JSON by libxml2's text writer
 * (escaping, the declaration with encoding="UTF-8"): an object is an
 * element per member, an array an element holding one element per item
 * named by the singular of its name, null an empty element.
 */
#include "mod/open311/open311.h"

#include <libxml/xmlwriter.h>
#include <string.h>

#include "core/time.h"

static const char *tr(enum lang lang, const char *key)
{
    const char *s = i18n_get(lang, key);
    return s ? s : key;
}

static const char *trf(dctx *c, enum lang lang, const char *prefix, const char *value)
{
    return tr(lang, arena_printf(c->a, "%s%s", prefix, value));
}

/* A W3C datetime with its zone, or JSON null for none. */
static json_t *w3c(int64_t t)
{
    char s[32];
    return t > 0 && time_format_w3c(t, s, sizeof s) == 0 ? json_string(s) : json_null();
}

const char *open311_status(const char *state)
{
    const char *type = report_state_type(state);
    return type && strcmp(type, "open") == 0 ? "open" : "closed";
}

const char *open311_status_ext(const char *state)
{
    static const char *const map[][2] = {
        {"new", "OPEN"},          {"confirmed", "OPEN"},     {"investigating", "INVESTIGATING"},
        {"in_progress", "IN_PROGRESS"}, {"action_scheduled", "ACTION_SCHEDULED"}, {"fixed", "FIXED"},
        {"closed_duplicate", "DUPLICATE"}, {"closed_not_ours", "NOT_COUNCILS_RESPONSIBILITY"},
        {"closed_unable", "NO_FURTHER_ACTION"}, {"closed_not_fixed", "CLOSED"},
    };
    for (size_t i = 0; state && i < sizeof map / sizeof *map; i++)
        if (strcmp(map[i][0], state) == 0)
            return map[i][1];
    return "OPEN";
}

json_t *open311_request_json(dctx *c, const struct st_report *r, const char *media_url, enum lang lang)
{
    const char *type = report_state_type(r->state);
    int open = type && strcmp(type, "open") == 0;
    const char *address = r->facility_name && *r->facility_name ? arena_printf(c->a, "%s, %s", r->facility_name, r->place_name)
                                                                 : r->place_name;
    json_t *o = json_object();
    json_object_set_new(o, "service_request_id", json_integer(r->id));
    json_object_set_new(o, "status", json_string(open ? "open" : "closed"));
    json_object_set_new(o, "status_notes", json_string(trf(c, lang, "report_state_", r->state)));
    json_object_set_new(o, "service_name", json_string(trf(c, lang, "report_cat_", r->category)));
    json_object_set_new(o, "service_code", json_string(r->category));
    json_object_set_new(o, "description", json_string(r->description));
    json_object_set_new(o, "agency_responsible", json_string(trf(c, lang, "report_level_", r->level)));
    json_object_set_new(o, "service_notice", json_null());
    json_object_set_new(o, "requested_datetime", w3c(r->created_at));
    json_object_set_new(o, "updated_datetime", w3c(r->updated_at ? r->updated_at : r->created_at));
    json_object_set_new(o, "expected_datetime", open ? w3c(r->resolution_due) : json_null());
    json_object_set_new(o, "address", json_string(address ? address : ""));
    json_object_set_new(o, "address_id", json_integer(r->place_id));
    if (r->has_point) {
        json_object_set_new(o, "lat", json_real((double)r->lat_e6 / 1e6));
        json_object_set_new(o, "long", json_real((double)r->lon_e6 / 1e6));
    }
    json_object_set_new(o, "media_url", json_string(media_url ? media_url : ""));
    return o;
}

json_t *open311_update_json(dctx *c, const struct st_report_event *e, enum lang lang)
{
    /* an escalation's note is a level's code: the event's name says more */
    int coded = strcmp(e->kind, "escalated") == 0 || strcmp(e->kind, "overdue") == 0;
    const char *note = e->note && *e->note && !coded ? e->note : trf(c, lang, "report_event_", e->kind);
    json_t *o = json_object();
    json_object_set_new(o, "update_id", json_integer(e->id));
    json_object_set_new(o, "service_request_id", json_integer(e->report_id));
    json_object_set_new(o, "status", json_string(open311_status_ext(e->to_state)));
    json_object_set_new(o, "updated_datetime", w3c(e->at));
    json_object_set_new(o, "description", json_string(note));
    json_object_set_new(o, "media_url", json_string(""));
    return o;
}

/* The category's names in every language, as keywords. */
static const char *keywords(dctx *c, const char *code)
{
    const char *key = arena_printf(c->a, "report_cat_%s", code);
    return arena_printf(c->a, "%s, %s, %s", tr(LANG_HANS, key), tr(LANG_HANT, key), tr(LANG_EN, key));
}

json_t *open311_services_json(dctx *c, const char *community_path, enum lang lang)
{
    json_t *arr = json_array();
    for (const struct report_category *k = report_categories; k->code; k++) {
        int64_t resp, reso;
        int working;
        report_limits(c, community_path, k, &resp, &reso, &working);
        const char *desc = arena_printf(c->a, "%s: %s %lld h, %s %lld h%s%s", trf(c, lang, "open311_group_", k->class),
                                        tr(lang, "open311_response"), (long long)(resp / 3600),
                                        tr(lang, "open311_resolution"), (long long)(reso / 3600), working ? ", " : "",
                                        working ? tr(lang, "open311_working") : "");
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:b, s:s, s:s, s:s}", "service_code", k->code,
                                             "service_name", trf(c, lang, "report_cat_", k->code), "description", desc,
                                             "metadata", 1, "type", "realtime", "keywords", keywords(c, k->code),
                                             "group", trf(c, lang, "open311_group_", k->class)));
    }
    return arr;
}

json_t *open311_definition_json(dctx *c, const char *code, enum lang lang)
{
    if (report_category_find(code) == NULL)
        return NULL;
    (void)c;
    json_t *facility = json_pack("{s:b, s:s, s:s, s:b, s:s, s:i, s:s}", "variable", 1, "code", "facility", "datatype",
                                 "number", "required", 0, "datatype_description", tr(lang, "open311_attr_facility_type"),
                                 "order", 1, "description", tr(lang, "open311_attr_facility"));
    json_t *values = json_pack("[{s:s, s:s}, {s:s, s:s}]", "key", "no", "name", tr(lang, "open311_attr_anonymous_no"),
                               "key", "yes", "name", tr(lang, "open311_attr_anonymous_yes"));
    json_t *anonymous = json_pack("{s:b, s:s, s:s, s:b, s:n, s:i, s:s, s:o}", "variable", 1, "code", "anonymous",
                                  "datatype", "singlevaluelist", "required", 0, "datatype_description", "order", 2,
                                  "description", tr(lang, "open311_attr_anonymous"), "values", values);
    return json_pack("{s:s, s:[o, o]}", "service_code", code, "attributes", facility, anonymous);
}

/* ---- XML ---- */

static const char *singular(const char *plural)
{
    static const char *const map[][2] = {
        {"services", "service"},     {"service_requests", "request"}, {"attributes", "attribute"},
        {"values", "value"},         {"errors", "error"},             {"service_request_updates", "request_update"},
        {"endpoints", "endpoint"},   {"formats", "format"},
    };
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(map[i][0], plural) == 0)
            return map[i][1];
    return "item";
}

static int put(xmlTextWriterPtr w, const char *name, json_t *v)
{
    const xmlChar *n = BAD_CAST name;
    int rc = 0;
    char num[64];
    if (json_is_array(v)) {
        size_t i;
        json_t *item;
        rc = xmlTextWriterStartElement(w, n);
        json_array_foreach(v, i, item) if (rc >= 0) rc = put(w, singular(name), item);
        return rc < 0 ? rc : xmlTextWriterEndElement(w);
    }
    if (json_is_object(v)) {
        const char *k;
        json_t *item;
        rc = xmlTextWriterStartElement(w, n);
        json_object_foreach(v, k, item) if (rc >= 0) rc = put(w, k, item);
        return rc < 0 ? rc : xmlTextWriterEndElement(w);
    }
    if (json_is_null(v)) {
        rc = xmlTextWriterStartElement(w, n);
        return rc < 0 ? rc : xmlTextWriterEndElement(w);
    }
    const char *text = num;
    if (json_is_string(v))
        text = json_string_value(v);
    else if (json_is_integer(v))
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        snprintf(num, sizeof num, "%.6f", json_real_value(v));
    else
        snprintf(num, sizeof num, "%s", json_is_true(v) ? "true" : "false");
    return xmlTextWriterWriteElement(w, n, BAD_CAST text);
}

int open311_xml(const char *root, json_t *doc, buf *b)
{
    xmlBufferPtr xb = xmlBufferCreate();
    xmlTextWriterPtr w = xb ? xmlNewTextWriterMemory(xb, 0) : NULL;
    int rc = w ? 0 : -1;
    if (rc == 0)
        xmlTextWriterSetIndent(w, 1);
    if (rc == 0)
        rc = xmlTextWriterStartDocument(w, NULL, "utf-8", NULL);
    if (rc >= 0)
        rc = put(w, root, doc);
    if (rc >= 0)
        rc = xmlTextWriterEndDocument(w);
    if (w)
        xmlFreeTextWriter(w); /* flushes into xb */
    if (rc >= 0 && xb)
        rc = buf_add(b, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
    if (xb)
        xmlBufferFree(xb);
    return rc < 0 || buf_failed(b) ? WG_ETOOBIG : 0;
}
