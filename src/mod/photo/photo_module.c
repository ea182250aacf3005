/* The photo module's descriptor: its routes, libvips started and stopped,
 * and the job that re-encodes photos stored before the pipeline. */
#include "http/http.h"
#include "mod/photo/photo.h"

extern const struct http_route photo_web_routes[];
int photo_reprocess(dctx *c, const struct job *j);

static const struct http_route *const routes[] = {photo_web_routes, NULL};
static const struct job_kind jobs[] = {{"photo.reprocess", photo_reprocess}, {NULL, NULL}};

const struct module photo_module = {
    .name = "photo",
    .dir = "mod/photo",
    .routes = routes,
    .jobs = jobs,
    .init = photo_image_init,
    .fini = photo_image_fini,
};
