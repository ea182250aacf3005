/*
 * Search text, pure (no store): folding, the index's grams, the parsed
 * query, the two engines' query strings and the highlighted snippet.
 *
 * Folding makes 停車 and 停车 the same: Traditional characters become
 * Simplified (OpenCC t2s's character table, one character for one:
 * hanzi_fold), ASCII letters lower case, full-width ASCII half-width. Grams: a run of Chinese characters is indexed as its
 * overlapping pairs (character bigrams) plus its last character alone, so
 * that any substring of two or more characters is a phrase of bigrams and a
 * single character is a prefix; a run of letters and digits is one word.
 * Everything else separates runs. Only the first SEARCH_TEXT_MAX characters
 * of a text are indexed.
 */
#ifndef WG_MOD_SEARCH_FOLD_H
#define WG_MOD_SEARCH_FOLD_H

#include <jansson.h>
#include <stddef.h>

#include "core/arena.h"

/* code points of a text that are indexed: its grams (about one a character)
 * with the title's and the scope's stay under PostgreSQL's last tsvector
 * position (16,383), so phrases are exact on both stores */
#define SEARCH_TEXT_MAX 12000
#define SEARCH_TERMS_MAX 8    /* runs of a query that count */

/* One run of the query: a phrase of grams, or (prefix) one gram that a word
 * or a Chinese character of the text starts with. text is the folded run,
 * which the highlighter looks for. */
struct search_term {
    const char **grams;
    int n;
    int prefix;
    const char *text;
};

/* s folded (see above), in a; NULL gives "". */
const char *search_fold(arena *a, const char *s);
/* The grams of a folded text of a record of community_id, separated by
 * spaces, in a. Each gram carries its community ("3§停车"): a search within
 * a community looks up short lists, however common a word is in the city. */
const char *search_grams(arena *a, const char *folded, int64_t community_id);
/* The scope grams of a record of kind at a place path "/1/4/9/":
 * "§p1 §p4 §p9 §kmatter" (the mark keeps them apart from any text gram). */
const char *search_scope_grams(arena *a, const char *path, const char *kind);
/* The terms of a query (folded here): *n of them (0 when it holds nothing to
 * search for), at most SEARCH_TERMS_MAX. */
void search_parse(arena *a, const char *q, struct search_term **terms, int *n);
/* Where a query looks: each term in one of the communities (grams carry
 * theirs), within a place (0: the communities are the scope) and of a kind
 * (NULL: all). */
struct search_scope {
    const int64_t *communities;
    int ncommunities; /* at least one */
    int64_t place_id;
    const char *kind;
};
/* The terms as an FTS5 MATCH expression (every term; phrases quoted). */
const char *search_fts5_match(arena *a, const struct search_scope *sc, const struct search_term *t, int n);
/* The same as a PostgreSQL tsquery literal ('§p9' & ('3§a' <-> '3§b') & ('3§c':*)). */
const char *search_tsquery(arena *a, const struct search_scope *sc, const struct search_term *t, int n);
/* A PostgreSQL tsvector literal of a document's grams with their positions,
 * title grams weighted A, body grams B and scope grams D. */
const char *search_tsvector(arena *a, const char *title_grams, const char *body_grams, const char *scope_grams);
/* The text with the terms' matches marked, as [{text, hit}] parts: the whole
 * text when width is 0, else about width characters around the first match
 * (with "…" where it was cut). */
json_t *search_highlight(arena *a, const char *text, const struct search_term *t, int n, int width);

#endif
