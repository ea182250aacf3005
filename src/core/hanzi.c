/* 簡/繁 conversion with OpenCC (see hanzi.h). */
#include "core/hanzi.h"

#include <opencc/opencc.h>
#include <pthread.h>
#include <string.h>

#include "core/log.h"

enum { TO_HANS, TO_HANT, NCONV };
static const char *const configs[NCONV] = {"t2s.json", "s2t.json"};

/* One converter of each kind for the process, opened on first use; each
 * used under its lock (OpenCC does not promise that a converter may be used
 * by two threads at once, and a page's strings convert in microseconds). */
static opencc_t conv[NCONV];
static int tried[NCONV];
static pthread_mutex_t mu[NCONV] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};

/* The converter, locked; NULL (unlocked) when OpenCC cannot start. */
static opencc_t converter(int which)
{
    pthread_mutex_lock(&mu[which]);
    if (!tried[which]) {
        tried[which] = 1;
        conv[which] = opencc_open(configs[which]);
        if (conv[which] == (opencc_t)-1) {
            conv[which] = NULL;
            log_error("OpenCC cannot open %s (%s): text is not converted", configs[which], opencc_error());
        }
    }
    if (conv[which] == NULL)
        pthread_mutex_unlock(&mu[which]);
    return conv[which];
}

static const char *convert(arena *a, const char *s, int which)
{
    if (s == NULL)
        return NULL;
    /* ASCII has nothing to convert: the common case costs a scan */
    const unsigned char *p = (const unsigned char *)s;
    while (*p && *p < 0x80)
        p++;
    opencc_t cv = *p ? converter(which) : NULL;
    if (cv == NULL)
        return arena_strdup(a, s);
    char *out = opencc_convert_utf8(cv, s, strlen(s));
    pthread_mutex_unlock(&mu[which]);
    if (out == NULL)
        return arena_strdup(a, s);
    const char *copy = arena_strdup(a, out);
    opencc_convert_utf8_free(out);
    return copy;
}

const char *hanzi_hans(arena *a, const char *s)
{
    return convert(a, s, TO_HANS);
}

const char *hanzi_hant(arena *a, const char *s)
{
    return convert(a, s, TO_HANT);
}

void hanzi_fini(void)
{
    for (int i = 0; i < NCONV; i++) {
        pthread_mutex_lock(&mu[i]);
        if (conv[i] != NULL)
            opencc_close(conv[i]);
        conv[i] = NULL;
        tried[i] = 0;
        pthread_mutex_unlock(&mu[i]);
    }
}
