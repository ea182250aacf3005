/* The comment module's descriptor. */
#include "http/http.h"
#include "mod/comment/comment.h"

extern const struct http_route comment_web_routes[], comment_api_routes[];
extern const struct matter_ext comment_matter_ext;

static const struct http_route *const routes[] = {comment_web_routes, comment_api_routes, NULL};
static const struct perm_action *const actions[] = {&comment_act_moderate, NULL};

/* new comments of residents wait for a moderator where a place sets it */
const struct setting_def comment_settings[] = {
    {"premoderation", 0, 1, 0},
    {NULL, 0, 0, 0},
};

const struct module comment_module = {
    .name = "comment",
    .dir = "mod/comment",
    .routes = routes,
    .actions = actions,
    .settings = comment_settings,
    .matter = &comment_matter_ext,
};
