/* 簡/繁 conversion with OpenCC (see hanzi.h). */
#include "core/hanzi.h"

#include <opencc/opencc.h>
#include <pthread.h>
#include <stdlib.h>
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

/* ---- the character table ---- */

static const struct {
    uint32_t from, to;
} blocks[] = {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}};
#define NBLOCKS (sizeof blocks / sizeof blocks[0])
static uint32_t *fold_table[NBLOCKS];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static size_t put_utf8(char *o, uint32_t c)
{
    o[0] = (char)(0xE0 | c >> 12); /* every block is in the BMP, above U+0800 */
    o[1] = (char)(0x80 | (c >> 6 & 0x3F));
    o[2] = (char)(0x80 | (c & 0x3F));
    return 3;
}

/* One block: its characters, one a line, through t2s; each line that comes
 * back as one character is the table's entry. */
static void fold_block(size_t b)
{
    uint32_t n = blocks[b].to - blocks[b].from + 1;
    uint32_t *t = malloc(n * sizeof *t);
    char *in = malloc((size_t)n * 4 + 1);
    if (t == NULL || in == NULL) {
        free(t);
        free(in);
        return;
    }
    size_t len = 0;
    for (uint32_t i = 0; i < n; i++) {
        t[i] = blocks[b].from + i;
        len += put_utf8(in + len, t[i]);
        in[len++] = '\n';
    }
    in[len] = '\0';
    opencc_t cv = converter(TO_HANS);
    char *out = cv ? opencc_convert_utf8(cv, in, len) : NULL;
    if (cv)
        pthread_mutex_unlock(&mu[TO_HANS]);
    const unsigned char *p = (const unsigned char *)out;
    for (uint32_t i = 0; p && *p && i < n; i++) {
        const unsigned char *line = p;
        while (*p && *p != '\n')
            p++;
        if (p - line == 3 && (line[0] & 0xF0) == 0xE0) /* one BMP character */
            t[i] = (uint32_t)(line[0] & 0x0F) << 12 | (uint32_t)(line[1] & 0x3F) << 6 | (line[2] & 0x3F);
        if (*p)
            p++;
    }
    if (out)
        opencc_convert_utf8_free(out);
    free(in);
    fold_table[b] = t;
}

static void fold_init(void)
{
    for (size_t b = 0; b < NBLOCKS; b++)
        fold_block(b);
}

uint32_t hanzi_fold(uint32_t c)
{
    pthread_once(&fold_once, fold_init);
    for (size_t b = 0; b < NBLOCKS; b++)
        if (c >= blocks[b].from && c <= blocks[b].to)
            return fold_table[b] ? fold_table[b][c - blocks[b].from] : c;
    return c;
}

/* ---- the cache of short conversions ---- */

struct slot {
    uint64_t hash;
    char *src, *dst; /* malloc'd; src NULL: empty */
    size_t n;
};
static struct slot cache[HANZI_CACHE_SLOTS];
static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

const char *hanzi_hant_cached(arena *a, const char *s, size_t n)
{
    if (n > HANZI_CACHE_TEXT)
        return NULL;
    uint64_t h = fnv1a(s, n);
    const char *out = NULL;
    pthread_mutex_lock(&cache_mu);
    struct slot *sl = &cache[h % HANZI_CACHE_SLOTS];
    if (sl->src && sl->hash == h && sl->n == n && memcmp(sl->src, s, n) == 0)
        out = arena_strdup(a, sl->dst);
    pthread_mutex_unlock(&cache_mu);
    return out;
}

void hanzi_hant_remember(const char *s, size_t n, const char *converted)
{
    if (n > HANZI_CACHE_TEXT || strlen(converted) > 2 * HANZI_CACHE_TEXT)
        return;
    char *src = malloc(n + 1), *dst = strdup(converted);
    if (src == NULL || dst == NULL) {
        free(src);
        free(dst);
        return;
    }
    memcpy(src, s, n);
    src[n] = '\0';
    uint64_t h = fnv1a(s, n);
    pthread_mutex_lock(&cache_mu);
    struct slot *sl = &cache[h % HANZI_CACHE_SLOTS];
    char *old_src = sl->src, *old_dst = sl->dst;
    *sl = (struct slot){h, src, dst, n};
    pthread_mutex_unlock(&cache_mu);
    free(old_src);
    free(old_dst);
}

void hanzi_fini(void)
{
    pthread_mutex_lock(&cache_mu);
    for (size_t i = 0; i < HANZI_CACHE_SLOTS; i++) {
        free(cache[i].src);
        free(cache[i].dst);
        cache[i] = (struct slot){0};
    }
    pthread_mutex_unlock(&cache_mu);
    for (int i = 0; i < NCONV; i++) {
        pthread_mutex_lock(&mu[i]);
        if (conv[i] != NULL)
            opencc_close(conv[i]);
        conv[i] = NULL;
        tried[i] = 0;
        pthread_mutex_unlock(&mu[i]);
    }
    /* the fold table stays: it may still be read, and is freed with the process */
}
