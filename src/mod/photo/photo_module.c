/* The photo module's descriptor. */
#include "http/http.h"
#include "mod/photo/photo.h"

extern const struct http_route photo_web_routes[];

static const struct http_route *const routes[] = {photo_web_routes, NULL};

const struct module photo_module = {
    .name = "photo",
    .dir = "mod/photo",
    .routes = routes,
};
