#include "core/i18n.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"

struct entry {
    const char *key;
    const char *text[LANG_COUNT];
};

static char *g_text;
static struct entry *g_entries;
static size_t g_n;

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->key, ((const struct entry *)b)->key);
}

void i18n_free(void)
{
    free(g_text);
    free(g_entries);
    g_text = NULL;
    g_entries = NULL;
    g_n = 0;
}

int i18n_load(const char *tsv, size_t len, int *bad_line)
{
    i18n_free();
    g_text = malloc(len + 1);
    if (g_text == NULL)
        return WG_EINVAL;
    memcpy(g_text, tsv, len);
    g_text[len] = '\0';
    size_t cap = 16;
    for (size_t i = 0; i < len; i++)
        cap += tsv[i] == '\n';
    g_entries = calloc(cap, sizeof *g_entries);
    if (g_entries == NULL)
        return WG_EINVAL;
    int line = 0;
    char *save = NULL;
    for (char *l = strtok_r(g_text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        line++;
        size_t ll = strlen(l);
        if (ll && l[ll - 1] == '\r')
            l[--ll] = '\0';
        if (ll == 0 || l[0] == '#')
            continue;
        char *f[4];
        int nf = 0;
        f[nf++] = l;
        for (char *p = l; *p && nf < 4; p++)
            if (*p == '\t') {
                *p = '\0';
                f[nf++] = p + 1;
            }
        if (nf != 4 || strchr(f[3], '\t') || !*f[0] || !*f[1] || !*f[2] || !*f[3]) {
            if (bad_line)
                *bad_line = line;
            i18n_free();
            return WG_EINVAL;
        }
        struct entry *e = &g_entries[g_n++];
        e->key = f[0];
        for (int k = 0; k < LANG_COUNT; k++)
            e->text[k] = f[k + 1];
    }
    qsort(g_entries, g_n, sizeof *g_entries, cmp_entry);
    for (size_t i = 1; i < g_n; i++)
        if (strcmp(g_entries[i - 1].key, g_entries[i].key) == 0) {
            if (bad_line)
                *bad_line = -1; /* duplicate key */
            i18n_free();
            return WG_EINVAL;
        }
    return 0;
}

const char *i18n_get(enum lang lang, const char *key)
{
    if (key == NULL || g_n == 0)
        return NULL;
    struct entry k = {.key = key};
    const struct entry *e = bsearch(&k, g_entries, g_n, sizeof *g_entries, cmp_entry);
    if (e == NULL)
        return NULL;
    return e->text[lang < LANG_COUNT ? lang : LANG_HANS];
}

size_t i18n_count(void)
{
    return g_n;
}

int i18n_lang_parse(const char *code)
{
    if (code == NULL)
        return -1;
    if (strcmp(code, "zh-Hans") == 0)
        return LANG_HANS;
    if (strcmp(code, "zh-Hant") == 0)
        return LANG_HANT;
    if (strcmp(code, "en") == 0)
        return LANG_EN;
    return -1;
}

const char *i18n_lang_code(enum lang lang)
{
    static const char *codes[] = {"zh-Hans", "zh-Hant", "en"};
    return lang < LANG_COUNT ? codes[lang] : "zh-Hans";
}

static int tag_lang(const char *tag, size_t n)
{
    char t[32];
    if (n == 0 || n >= sizeof t)
        return -1;
    for (size_t i = 0; i < n; i++)
        t[i] = (char)tolower((unsigned char)tag[i]);
    t[n] = '\0';
    if (strcmp(t, "zh-hant") == 0 || strncmp(t, "zh-hant-", 8) == 0 || strcmp(t, "zh-tw") == 0 ||
        strcmp(t, "zh-hk") == 0 || strcmp(t, "zh-mo") == 0)
        return LANG_HANT;
    if (strcmp(t, "zh") == 0 || strncmp(t, "zh-", 3) == 0)
        return LANG_HANS;
    if (strcmp(t, "en") == 0 || strncmp(t, "en-", 3) == 0)
        return LANG_EN;
    return -1;
}

enum lang i18n_negotiate(const char *al)
{
    int best = LANG_HANS;
    double best_q = -1;
    while (al && *al) {
        while (*al == ' ' || *al == ',')
            al++;
        const char *start = al;
        while (*al && *al != ';' && *al != ',' && *al != ' ')
            al++;
        size_t n = (size_t)(al - start);
        double q = 1.0;
        while (*al && *al != ',') {
            if (al[0] == ';' && al[1] == 'q' && al[2] == '=')
                q = strtod(al + 3, NULL);
            al++;
        }
        int l = tag_lang(start, n);
        if (l >= 0 && q > best_q) {
            best = l;
            best_q = q;
        }
    }
    return (enum lang)best;
}
