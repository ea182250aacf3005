/* The meeting photo module's descriptor: its routes, and its panel on the
 * meeting (an extension of the council module). */
#include "http/http.h"
#include "mod/meeting_photo/meeting_photo.h"

extern const struct http_route meeting_photo_web_routes[], meeting_photo_api_routes[];
extern const struct council_page_ext meeting_photo_page;
json_t *meeting_photo_panel(dctx *c, const struct st_meeting *m, int run, int *rc);

static const struct http_route *const routes[] = {meeting_photo_web_routes, meeting_photo_api_routes, NULL};

static const struct council_ext council = {.panel = meeting_photo_panel, .page = &meeting_photo_page};
static const struct module_ext exts[] = {{"council", &council}, {NULL, NULL}};

const struct module meeting_photo_module = {
    .name = "meeting_photo",
    .dir = "mod/meeting_photo",
    .routes = routes,
    .ext = exts,
};
