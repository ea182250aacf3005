/* The sign-in module's descriptor. */
#include "http/http.h"
#include "mod/signin/signin.h"

extern const struct http_route signin_web_routes[], signin_api_routes[];

static const struct http_route *const routes[] = {signin_web_routes, signin_api_routes, NULL};

const struct module signin_module = {
    .name = "signin",
    .dir = "mod/signin",
    .routes = routes,
};
