/* The notifications module's descriptor. */
#include "http/http.h"
#include "mod/notification/notification.h"

extern const struct http_route notification_web_routes[], notification_api_routes[];

static const struct http_route *const routes[] = {notification_web_routes, notification_api_routes, NULL};

const struct module notification_module = {
    .name = "notification",
    .dir = "mod/notification",
    .routes = routes,
};
