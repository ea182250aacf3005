#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

static enum log_level g_level = LOG_INFO;
static int g_access = 1;

void log_set_level(enum log_level lvl) { g_level = lvl; }
void log_set_access(int enabled) { g_access = enabled; }
int log_access_enabled(void) { return g_access; }

void log_msg(enum log_level lvl, const char *fmt, ...)
{
    static const char *names[] = {"debug", "info", "warn", "error"};
    if (lvl < g_level)
        return;
    char line[2048];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    int n = (int)strftime(line, sizeof line, "%Y-%m-%dT%H:%M:%SZ ", &tm);
    n += snprintf(line + n, sizeof line - (size_t)n, "%s ", names[lvl]);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    /* one fputs per line: stdio locks the stream, so lines never interleave */
    fprintf(stderr, "%s\n", line);
}

void log_access(const char *line)
{
    if (g_access)
        fprintf(stdout, "%s\n", line);
}
