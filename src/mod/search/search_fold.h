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

#define SEARCH_TEXT_MAX 16000 /* code points of a text that are indexed */
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
/* The grams of a folded text, separated by spaces, in a. */
const char *search_grams(arena *a, const char *folded);
/* The scope grams of a record of kind at a place path "/1/4/9/":
 * "§p1 §p4 §p9 §kmatter" (the mark keeps them apart from any text gram). */
const char *search_scope_grams(arena *a, const char *path, const char *kind);
/* The terms of a query (folded here): *n of them (0 when it holds nothing to
 * search for), at most SEARCH_TERMS_MAX. */
void search_parse(arena *a, const char *q, struct search_term **terms, int *n);
/* The terms within the place scope_id (and of kind, unless NULL) as an FTS5
 * MATCH expression (every term; phrases quoted; the scope in its column). */
const char *search_fts5_match(arena *a, int64_t scope_id, const char *kind, const struct search_term *t, int n);
/* The same as a PostgreSQL tsquery literal ('p9' & ('a' <-> 'b') & ('c':*));
 * without the scope when scope_id is 0 (to rank by: ts_rank counts how near
 * the terms are to each other, and the scope's grams are far from all). */
const char *search_tsquery(arena *a, int64_t scope_id, const char *kind, const struct search_term *t, int n);
/* A PostgreSQL tsvector literal of a document's grams with their positions,
 * title grams weighted A, body grams B and scope grams D. */
const char *search_tsvector(arena *a, const char *title_grams, const char *body_grams, const char *scope_grams);
/* The text with the terms' matches marked, as [{text, hit}] parts: the whole
 * text when width is 0, else about width characters around the first match
 * (with "…" where it was cut). */
json_t *search_highlight(arena *a, const char *text, const struct search_term *t, int n, int width);

#endif
