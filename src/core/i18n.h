/*
 * UI strings in 简体 (zh-Hans, the default), 繁體 (zh-Hant) and English,
 * loaded once at start from a tab-separated table (key, zh-Hans, zh-Hant, en)
 * and read by any thread afterwards.
 */
#ifndef WG_I18N_H
#define WG_I18N_H

#include <stddef.h>

enum lang { LANG_HANS, LANG_HANT, LANG_EN, LANG_COUNT };

/* Parses the table (copied). Returns 0 or WG_EINVAL with the line number in *bad_line. */
int i18n_load(const char *tsv, size_t len, int *bad_line);
void i18n_free(void);
/* The text of key in lang; falls back to zh-Hans, then NULL. */
const char *i18n_get(enum lang lang, const char *key);
/* "zh-Hans" "zh-Hant" "en" -> enum; -1 when unknown. */
int i18n_lang_parse(const char *code);
const char *i18n_lang_code(enum lang lang);
/* The best language for an Accept-Language header (q-values honoured);
 * zh-TW, zh-HK, zh-MO and zh-Hant map to zh-Hant; NULL gives zh-Hans. */
enum lang i18n_negotiate(const char *accept_language);
/* Number of keys (for tests). */
size_t i18n_count(void);

#endif
