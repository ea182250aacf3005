/* Search text (mod/search/search_fold.c) and the reindexing jobs: folding,
 * grams, queries in both engines' syntax, highlights; and a reindex over
 * more records than one job takes, on the store the suite gives. */
#include <sodium.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "core/hanzi.h"
#include "mod/demo/demo.h"
#include "mod/search/search.h"
#include "modules.h"
#include "store/sql.h"
#include "t.h"

static arena *g_a;
static store *g_st;

static void test_fold_and_grams(void)
{
    CHECK_STR(search_fold(g_a, "停車場"), "停车场");
    CHECK_STR(search_fold(g_a, "ＷｉＦｉ 6"), "wifi 6");
    CHECK_STR(search_fold(g_a, NULL), "");
    CHECK_STR(search_grams(g_a, "东院停车位", 3), "3§东院 3§院停 3§停车 3§车位 3§位");
    CHECK_STR(search_grams(g_a, "3栋楼，wifi6！", 3), "3§3 3§栋楼 3§楼 3§wifi6");
    CHECK_STR(search_grams(g_a, "灯", 77), "77§灯");
    CHECK_STR(search_grams(g_a, "…！？", 3), "");
    CHECK_STR(search_scope_grams(g_a, "/1/4/19/", "matter"), "§p1 §p4 §p19 §kmatter");
    /* a long text: its first SEARCH_TEXT_MAX characters, whose positions PostgreSQL keeps exact */
    char *longtext = arena_alloc(g_a, 20000 * 3 + 1), *p = longtext;
    for (int i = 0; i < 20000; i++, p += 3)
        memcpy(p, i % 2 ? "车" : "停", 3);
    *p = '\0';
    const char *grams = search_grams(g_a, longtext, 3);
    int ngrams = 1;
    for (const char *q = grams; *q; q++)
        ngrams += *q == ' ';
    CHECK_INT(ngrams, SEARCH_TEXT_MAX);
    const char *title = "东院停车位不够，晚上回来找不到车位，希望增设临时停车位，大家商量";
    const char *tsv = search_tsvector(g_a, search_grams(g_a, title, 3), grams, "§p1 §p2 §p3 §p4 §kmatter");
    const char *last = strrchr(tsv, ':');
    CHECK(last != NULL && atoi(last + 1) < 16384);
    /* folding maps one character to one, through OpenCC's table */
    CHECK_INT(hanzi_fold(0x8ECA), 0x8F66); /* 車 -> 车 */
    CHECK_INT(hanzi_fold(0x8F66), 0x8F66);
    CHECK_INT(hanzi_fold('A'), 'A');
    CHECK_STR(search_fold(g_a, "臺灣樓道燈壞了"), "台湾楼道灯坏了");
}

static void test_queries(void)
{
    struct search_term *t;
    int n;
    search_parse(g_a, "停車位 灯 WiFi", &t, &n);
    CHECK_INT(n, 3);
    CHECK_INT(t[0].n, 2);
    CHECK_STR(t[0].grams[0], "停车");
    CHECK_STR(t[0].grams[1], "车位");
    CHECK_INT(t[0].prefix, 0);
    CHECK_STR(t[0].text, "停车位");
    CHECK_INT(t[1].prefix, 1);
    CHECK_STR(t[2].grams[0], "wifi");
    const int64_t one[] = {3}, two[] = {3, 77};
    struct search_scope grid = {one, 1, 7, "matter"}, community = {one, 1, 0, NULL}, street = {two, 2, 0, "call"};
    CHECK_STR(search_fts5_match(g_a, &grid, t, 1), "\"§p7\" AND \"§kmatter\" AND (\"3§停车 3§车位\")");
    CHECK_STR(search_fts5_match(g_a, &community, t, n),
              "(\"3§停车 3§车位\") AND (\"3§灯\"*) AND (\"3§wifi\"*)");
    CHECK_STR(search_fts5_match(g_a, &street, t, 2),
              "\"§kcall\" AND (\"3§停车 3§车位\" OR \"77§停车 77§车位\") AND (\"3§灯\"* OR \"77§灯\"*)");
    CHECK_STR(search_tsquery(g_a, &grid, t, n),
              "'§p7' & '§kmatter' & ('3§停车' <-> '3§车位') & ('3§灯':*) & ('3§wifi':*)");
    CHECK_STR(search_tsquery(g_a, &street, t, 1), "'§kcall' & (('3§停车' <-> '3§车位') | ('77§停车' <-> '77§车位'))");
    CHECK_STR(search_tsquery(g_a, &community, t, 1), "('3§停车' <-> '3§车位')");
    CHECK_STR(search_tsvector(g_a, "东院 院停 停车 车", "停车", "§p1 §p3"),
              "'东院':1A '院停':2A '停车':3A '车':4A '停车':6B '§p1':8D '§p3':9D");
    /* a word the text holds never meets a scope gram */
    CHECK_STR(search_grams(g_a, search_fold(g_a, "§p3 P3"), 5), "5§p3 5§p3");
    search_parse(g_a, "，。！", &t, &n);
    CHECK_INT(n, 0);
    /* at most SEARCH_TERMS_MAX terms count */
    search_parse(g_a, "a b c d e f g h i j k", &t, &n);
    CHECK_INT(n, SEARCH_TERMS_MAX);
}

/* The cache of short conversions: what was remembered comes back, nothing else. */
static void test_hant_cache(void)
{
    const char *s = "东院停车位不够";
    CHECK(hanzi_hant_cached(g_a, s, strlen(s)) == NULL);
    const char *t = hanzi_hant(g_a, s);
    CHECK_STR(t, "東院停車位不夠");
    hanzi_hant_remember(s, strlen(s), t);
    CHECK_STR(hanzi_hant_cached(g_a, s, strlen(s)), "東院停車位不夠");
    CHECK(hanzi_hant_cached(g_a, s, strlen(s) - 3) == NULL); /* another text */
    char longer[HANZI_CACHE_TEXT + 8];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    hanzi_hant_remember(longer, strlen(longer), longer);
    CHECK(hanzi_hant_cached(g_a, longer, strlen(longer)) == NULL); /* too long to keep */
}

static const char *parts_text(json_t *parts, int hits)
{
    static char out[512];
    size_t i, len = 0;
    json_t *p;
    out[0] = '\0';
    json_array_foreach(parts, i, p)
    {
        int hit = json_is_true(json_object_get(p, "hit"));
        if (hits && !hit)
            continue;
        len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", hits && len ? "|" : "",
                                json_string_value(json_object_get(p, "text")));
    }
    return out;
}

static void test_highlight(void)
{
    struct search_term *t;
    int n;
    search_parse(g_a, "停车", &t, &n);
    json_t *p = search_highlight(g_a, "東院停車，西院也停車", t, n, 0);
    CHECK_STR(parts_text(p, 0), "東院停車，西院也停車"); /* shown as written */
    CHECK_STR(parts_text(p, 1), "停車|停車");
    json_decref(p);
    char long_text[2000] = "";
    for (int i = 0; i < 50; i++)
        strcat(long_text, "前面的话。");
    strcat(long_text, "这里停车");
    for (int i = 0; i < 50; i++)
        strcat(long_text, "后面的话。");
    p = search_highlight(g_a, long_text, t, n, 20);
    const char *s = parts_text(p, 0);
    CHECK(strncmp(s, "…", 3) == 0);
    CHECK(strstr(s, "这里停车") != NULL);
    CHECK(strcmp(s + strlen(s) - 3, "…") == 0);
    CHECK_STR(parts_text(p, 1), "停车");
    json_decref(p);
}

static int count(const char *sql)
{
    int n = -1;
    void *st = sql_prep(g_st, sql);
    if (st && sql_count(g_st, st, &n) != 0)
        n = -1;
    return n;
}

/* 2,500 matters: the job search.reindex hands them to search.index jobs of
 * SEARCH_INDEX_BATCH each, which chain until every one is in the index;
 * the direct reindex drops a pending full reindex. */
static void test_reindex_jobs_chain(void)
{
    dctx c = {.st = g_st, .a = g_a, .now = (int64_t)time(NULL)};
    CHECK_INT(store_exec_script(g_st, "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 2500) "
                                      "INSERT INTO matter(place_id, community_id, category, title, body_md, author_id, "
                                      "stage, created_at, updated_at) "
                                      "SELECT m.place_id, m.community_id, m.category, '楼道第' || k.n || '号灯', '', "
                                      "m.author_id, m.stage, m.created_at, m.updated_at FROM matter m, k WHERE m.id = 1"),
              0);
    CHECK_INT(store_begin(g_st), 0);
    CHECK_INT(store_end(g_st, job_schedule(g_st, "search.reindex", "search.reindex", 0, c.now, c.now)), 0);
    int ran = 0, total = 0;
    for (int i = 0; i < 50; i++) {
        CHECK_INT(job_run_due(&c, 100, &ran), 0);
        total += ran;
        if (ran == 0)
            break;
        arena_reset(g_a);
    }
    int matters = count("SELECT COUNT(*) FROM matter");
    CHECK(matters > 2500);
    CHECK_INT(count("SELECT COUNT(*) FROM search_doc WHERE kind = 'matter'"), matters);
    /* one reindex, and per source its batches: a full one leads to the next */
    int batches = matters / SEARCH_INDEX_BATCH + 1;
    CHECK(total >= 1 + batches);
    CHECK_INT(count("SELECT COUNT(*) FROM job WHERE kind = 'search.index' AND key LIKE 'search.index:matter:%'"), batches);
    /* the direct reindex (the benchmark generator's) gives the same index */
    int indexed = 0;
    CHECK_INT(search_reindex(&c, 700, &indexed), 0);
    CHECK(indexed >= matters);
    CHECK_INT(count("SELECT COUNT(*) FROM search_doc WHERE kind = 'matter'"), matters);
    CHECK_INT(store_begin(g_st), 0);
    CHECK_INT(store_end(g_st, job_schedule(g_st, "search.reindex", "search.reindex", 0, c.now, c.now)), 0);
    CHECK_INT(search_reindex(&c, 700, &indexed), 0);
    CHECK_INT(count("SELECT COUNT(*) FROM job WHERE key = 'search.reindex' AND status = 'pending'"), 0);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    char path[96], url[512];
    snprintf(path, sizeof path, "/tmp/wg-unit-search-%d.db", (int)getpid());
    unlink(path);
    const char *env = getenv("WG_TEST_DB");
    snprintf(url, sizeof url, env ? "%s" : "sqlite:%s", env ? env : path);
    printf("# store: %s\n", url);
    g_a = arena_new(1 << 16);
    if (modules_install() || store_open(url, &g_st) || module_migrate(g_st, NULL))
        return 1;
    dctx c = {.st = g_st, .a = g_a, .now = (int64_t)time(NULL)};
    if (demo_create(&c) != 0)
        return 1;
    T_RUN(test_fold_and_grams);
    T_RUN(test_queries);
    T_RUN(test_highlight);
    T_RUN(test_hant_cache);
    T_RUN(test_reindex_jobs_chain);
    store_close(g_st);
    arena_free(g_a);
    char p[128];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
    T_END();
}
