/*
 * Open311 GeoReport v2 (STAGES.md co-manage; https://wiki.open311.org/GeoReport_v2/)
 * at /open311/v2/: other systems (a city's platform, FixMyStreet and the
 * like) read a community's problem reports and post their own, and
 * mySociety's extension servicerequestupdates carries updates both ways.
 *
 * Keys: staff (manage_open311) make an API key for one external system and
 * one community. The key is shown once; only its BLAKE2b hash is kept. A
 * key acts as its own account (a person without a phone that signs in and
 * without a role) reading and reporting in its community as a resident
 * would: it reads the community's reports, files reports, adds to them and
 * reopens them; it never handles, rates or sees anything of another
 * community. It follows none of the reports it files or adds to, so no
 * notification piles up unread: the system reads the updates through
 * servicerequestupdates. A revoked key answers 403 at once.
 *
 * Services are the report categories (report_categories); a request is a
 * report; its status is open, or closed once fixed or closed; an update is
 * an event of a report. Reads need the key too (the spec leaves GET open;
 * here a community's reports are read by its members only).
 *
 * Limits: a window of at most OPEN311_DAYS_MAX days and OPEN311_RESULTS_MAX
 * results; OPEN311_IDS_MAX ids in one query; a key files at most
 * OPEN311_POSTS_PER_MINUTE and OPEN311_POSTS_PER_HOUR requests; form fields
 * at most OPEN311_FIELD_MAX code points (description: REPORT_TEXT_MAX).
 *
 * Ownership: what the rules return lives in c->a; json_t values are the
 * caller's to release.
 */
#ifndef WG_MOD_OPEN311_H
#define WG_MOD_OPEN311_H

#include <jansson.h>

#include "core/buf.h"
#include "core/i18n.h"
#include "kernel/kernel.h"
#include "mod/report/report.h"

#define OPEN311_DAYS_MAX 90
#define OPEN311_RESULTS_MAX REPORT_WINDOW_MAX /* 1,000 */
#define OPEN311_IDS_MAX 100
#define OPEN311_FIELD_MAX 200
#define OPEN311_URL_MAX 500
#define OPEN311_UPDATE_ID_MAX 64
#define OPEN311_NAME_MAX 60
#define OPEN311_KEYS_MAX 20 /* live keys of a community */
#define OPEN311_POSTS_PER_MINUTE 60
#define OPEN311_POSTS_PER_HOUR 1000
#define OPEN311_KEY_PREFIX "o311_"
#define OPEN311_KEY_LEN (5 + 64)

extern const struct perm_action open311_act_manage;

struct st_open311_key {
    int64_t id, community_id, person_id, created_by, created_at, revoked_at;
    const char *name, *prefix, *created_by_name;
};

/* ---- keys (staff) ---- */
/* A new key for a system named name in a community: the key itself in
 * key (OPEN311_KEY_LEN + 1 bytes), shown this once. */
int open311_key_create(dctx *c, int64_t community_id, const char *name, char *key, int64_t *id);
/* The community's keys, newest first (revoked ones too). */
int open311_key_list(dctx *c, int64_t community_id, struct st_open311_key **out, int *n);
int open311_key_revoke(dctx *c, int64_t id);
json_t *open311_key_json(dctx *c, const struct st_open311_key *k);

/* ---- the protocol ---- */
/* The live key api_key names: c->actor becomes the key's account, reading
 * its community. WG_EAUTH "open311_key_invalid" otherwise. */
int open311_auth(dctx *c, const char *api_key, struct st_open311_key *k);
/* jurisdiction_id (NULL or "": none) names the key's community, by id or code; else WG_ENOTFOUND. */
int open311_jurisdiction(dctx *c, const struct st_open311_key *k, const char *jurisdiction_id);

struct open311_new {
    const char *service_code, *description, *address_string, *media_url;
    const char *email, *first_name, *last_name, *phone, *account_id, *device_id;
    int64_t address_id, facility_id; /* a place of the community; a facility (attribute[facility]) */
    int has_point, anonymous;
    int64_t lat_e6, lon_e6;
};
/* A media_url a client may send: http or https, at most OPEN311_URL_MAX bytes of UTF-8 (kept, never fetched). */
int open311_media_url_ok(const char *u);
/* Files a request as a report of the key's community; its token in *token. */
int open311_request_create(dctx *c, const struct st_open311_key *k, const struct open311_new *in, int64_t *report_id,
                           const char **token);
/* The request a token of the key's community stands for. */
int open311_token(dctx *c, const struct st_open311_key *k, const char *token, int64_t *report_id);
/* Posts an update: status OPEN on a fixed or closed report reopens it with
 * the description as the reason; otherwise the description is added to the
 * open report. A key's update_id is taken once (WG_ECONFLICT
 * "open311_update_repeated"). *event_id: the update's id. */
int open311_update_post(dctx *c, const struct st_open311_key *k, int64_t report_id, const char *update_id,
                        const char *status, const char *description, int64_t *event_id);

/* ---- documents (open311_doc.c): JSON in the Spark convention; XML from it ---- */
/* The Open311 status of a report state (open or closed), and mySociety's extended one (OPEN, FIXED...). */
const char *open311_status(const char *state);
const char *open311_status_ext(const char *state);
/* A report as an Open311 request (lang: words for names and notes). */
json_t *open311_request_json(dctx *c, const struct st_report *r, const char *media_url, enum lang lang);
json_t *open311_update_json(dctx *c, const struct st_report_event *e, enum lang lang);
json_t *open311_services_json(dctx *c, const char *community_path, enum lang lang);
/* WG_ENOTFOUND for an unknown service code. */
json_t *open311_definition_json(dctx *c, const char *code, enum lang lang);
/* What a request's media_url was, for reports filed through Open311 ("" else). */
const char *open311_media_url(dctx *c, int64_t report_id);
/* doc as XML (root element name; arrays name their items by the singular
 * of their element), in buf b. 0 or WG_ETOOBIG. */
int open311_xml(const char *root, json_t *doc, buf *b);

extern const struct module open311_module;

#endif
