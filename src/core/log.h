/*
 * Logging to stderr, one line per event, safe from any thread. The access log
 * is a separate stream (log_access) so operators can route it elsewhere.
 */
#ifndef WG_LOG_H
#define WG_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_set_level(enum log_level lvl);
/* When quiet, the access log is not written (tests and benchmarks). */
void log_set_access(int enabled);
int log_access_enabled(void);
void log_msg(enum log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_access(const char *line);

#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
