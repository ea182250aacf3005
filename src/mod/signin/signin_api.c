/*
 * /api/v1 of sessions (docs/api.md, "Session"): signing in and out, and
 * who is signed in (their roles' places from the street down, their claims).
 */
#include "edge/api.h"
#include "edge/session.h"
#include "mod/people/people.h"
#include "mod/signin/signin.h"

static int session_create(http_req *r)
{
    const char *phone, *password;
    if (api_need_body(r) || api_jstr(r, "phone", &phone) || api_jstr(r, "password", &password))
        return 0;
    char token[TOKEN_HEX + 1], csrf[TOKEN_HEX + 1];
    struct actor *ac;
    int rc = signin_password(api_dc(r), phone, password, token, &ac);
    if (rc)
        return edge_fail(r, rc);
    edge_set_session_cookie(r, token, ac);
    session_csrf(token, csrf);
    return api_send_json(r, 201, json_pack("{s:s, s:o}", "csrf", csrf, "me", actor_json(api_dc(r), ac)));
}

static int session_delete(http_req *r)
{
    session_end(api_dc(r), edge_req(r)->cookie_token);
    edge_set_cookie(r, COOKIE_SESSION, "", -1);
    buf_reset(r->out);
    return http_send(r, 204, NULL);
}

static int me(http_req *r)
{
    struct edge_req *ar = edge_req(r);
    json_t *o = actor_json(api_dc(r), ar->actor);
    json_t *places = json_array();
    for (int i = 0; i < ar->actor->nroles; i++) {
        struct st_place p, *line;
        int n = 0;
        if (place_get(api_dc(r), ar->actor->roles[i].place_id, &p) || place_line(api_dc(r), &p, &line, &n))
            continue;
        json_t *lj = json_array();
        for (int k = n - 1; k >= 0; k--)
            json_array_append_new(lj, tree_json(api_dc(r), &line[k]));
        json_array_append_new(places,
                              json_pack("{s:s, s:o}", "role", role_name(ar->actor->roles[i].role), "line", lj));
    }
    json_t *claims = json_array();
    struct st_claim *cl;
    int nc = 0;
    if (people_my_claims(api_dc(r), &cl, &nc) == 0)
        for (int i = 0; i < nc; i++)
            json_array_append_new(claims, people_claim_json(api_dc(r), &cl[i]));
    json_object_set_new(o, "places", places);
    json_object_set_new(o, "claims", claims);
    json_object_set_new(o, "csrf", json_string(ar->csrf));
    return api_send_json(r, 200, o);
}

const struct http_route signin_api_routes[] = {
    {"POST", "/api/v1/session", session_create, HTTP_API | HTTP_CSRF, 4096, NULL},
    {"DELETE", "/api/v1/session", session_delete, HTTP_API | HTTP_AUTH | HTTP_CSRF, 0, NULL},
    {"GET", "/api/v1/me", me, HTTP_API | HTTP_AUTH, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
