/* The sign-in page, signing in and signing out. */
#include "edge/page.h"
#include "edge/session.h"
#include "mod/signin/signin.h"

static int signin_page(http_req *r, int status, const char *error)
{
    json_t *c = page_ctx(r, "signin");
    const char *next = page_field(r, "next");
    if (next == NULL)
        next = edge_query(r, "next");
    json_object_set_new(c, "next", json_string(page_safe_back(next)));
    if (error)
        json_object_set_new(c, "error", json_string(error));
    const char *phone = page_field(r, "phone");
    if (phone)
        json_object_set_new(c, "phone_value", json_string(phone));
    return page_render(r, status, "signin", c);
}

static int signin_form(http_req *r)
{
    return signin_page(r, 200, NULL);
}

static int signin(http_req *r)
{
    char token[TOKEN_HEX + 1];
    struct actor *ac = NULL;
    int rc = signin_password(page_dc(r), page_field(r, "phone"), page_field(r, "password"), token, &ac);
    if (rc == WG_EAUTH || rc == WG_EINVAL || rc == WG_ERATE) {
        if (rc == WG_ERATE)
            http_add_header(r, "retry-after", "900");
        return signin_page(r, edge_status_of(rc), edge_t(r, page_dc(r)->code));
    }
    if (rc)
        return edge_fail(r, rc);
    edge_set_session_cookie(r, token, ac);
    return http_redirect(r, page_safe_back(page_field(r, "next")));
}

static int signout(http_req *r)
{
    struct edge_req *ar = edge_req(r);
    if (ar->actor)
        session_end(page_dc(r), ar->cookie_token);
    edge_set_cookie(r, COOKIE_SESSION, "", -1);
    return http_redirect(r, "/");
}

const struct http_route signin_web_routes[] = {
    {"GET", "/signin", signin_form, 0, 0, NULL},
    {"POST", "/signin", signin, HTTP_CSRF, 4096, NULL},
    {"POST", "/signout", signout, HTTP_CSRF, 4096, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
