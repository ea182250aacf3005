/*
 * Files compiled into the binary (templates, static assets, migrations),
 * generated at build time by tools/embed.c into build/gen/embed.c.
 */
#ifndef WG_EMBED_H
#define WG_EMBED_H

#include <stddef.h>

struct embed_file {
    const char *name; /* path relative to the source tree, e.g. "web/templates/home.html" */
    const unsigned char *data;
    size_t len;
};

extern const struct embed_file embed_files[];
extern const size_t embed_count;

/* The embedded file with this name, or NULL. */
const struct embed_file *embed_find(const char *name);

#endif
