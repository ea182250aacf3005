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

/* "赵桂兰 回复了您": who wrote (the detail), then the words */
static const char *reply_text(arena *a, enum lang lang, const char *detail)
{
    const char *words = i18n_get(lang, "ntext_comment_reply");
    return arena_printf(a, "%s %s", detail ? detail : "", words ? words : "");
}

static const struct notify_kind kinds[] = {{"comment_reply", reply_text}, {NULL, NULL}};

const struct module comment_module = {
    .name = "comment",
    .dir = "mod/comment",
    .routes = routes,
    .actions = actions,
    .notify_kinds = kinds,
    .settings = comment_settings,
    .matter = &comment_matter_ext,
};
