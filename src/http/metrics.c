/*
 * The server's metrics (Prometheus text, GET /metrics): requests by route
 * and status, latency, open and refused connections, time in the store, and
 * the application's own counters. Counted from any thread (atomics).
 */
#include <stdatomic.h>
#include <time.h>

#include "http/internal.h"

#define METRIC_ROUTES 256

static const double lat_bounds[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
#define NLAT (sizeof lat_bounds / sizeof lat_bounds[0])
static atomic_ulong m_req[METRIC_ROUTES + 1][500]; /* [route or unmatched][status-100] */
static atomic_ulong m_lat[NLAT + 1];
static atomic_ulong m_lat_sum_ns, m_lat_count, m_db_ns, m_refused;
static const struct http_route *g_routes; /* the table being served */
static size_t g_nroutes;

void http_metrics_routes(const struct http_route *routes, size_t n)
{
    g_routes = routes;
    g_nroutes = n;
}

void http_metrics_refused(void)
{
    atomic_fetch_add(&m_refused, 1);
}

uint64_t http_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

#define APP_COUNTERS 16
static struct {
    const char *name, *help;
    atomic_ulong value;
} m_app[APP_COUNTERS];
static int m_napp;

int http_metrics_counter(const char *name, const char *help)
{
    if (m_napp == APP_COUNTERS)
        return -1;
    m_app[m_napp].name = name;
    m_app[m_napp].help = help;
    return m_napp++;
}

void http_metrics_add(int counter, uint64_t n)
{
    if (counter >= 0 && counter < m_napp)
        atomic_fetch_add_explicit(&m_app[counter].value, n, memory_order_relaxed);
}

void http_metrics_add_db_ns(uint64_t ns)
{
    atomic_fetch_add_explicit(&m_db_ns, ns, memory_order_relaxed);
}

/* Counted in http_send, before the answer leaves: a client that reads
 * /metrics right after its response must see that response counted. */
void http_metrics_count(const http_req *r, uint64_t ns)
{
    size_t ri = METRIC_ROUTES;
    if (r->route != NULL && g_routes != NULL) {
        size_t i = (size_t)(r->route - g_routes);
        if (i < METRIC_ROUTES)
            ri = i;
    }
    int st = r->status >= 100 && r->status < 600 ? r->status - 100 : 400;
    atomic_fetch_add_explicit(&m_req[ri][st], 1, memory_order_relaxed);
    double sec = (double)ns / 1e9;
    size_t b = 0;
    while (b < NLAT && sec > lat_bounds[b])
        b++;
    atomic_fetch_add_explicit(&m_lat[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&m_lat_sum_ns, ns, memory_order_relaxed);
    atomic_fetch_add_explicit(&m_lat_count, 1, memory_order_relaxed);
}

void http_metrics_render(buf *out)
{
    buf_adds(out, "# HELP wugong_http_requests_total Requests by route and status.\n"
                  "# TYPE wugong_http_requests_total counter\n");
    for (size_t ri = 0; ri <= METRIC_ROUTES; ri++) {
        const char *label = "unmatched";
        if (ri < METRIC_ROUTES) {
            if (g_routes == NULL || ri >= g_nroutes)
                continue;
            const struct http_route *rt = &g_routes[ri];
            label = rt->name ? rt->name : rt->pattern;
        }
        for (int st = 0; st < 500; st++) {
            unsigned long v = atomic_load_explicit(&m_req[ri][st], memory_order_relaxed);
            if (v == 0)
                continue;
            const char *method = ri < METRIC_ROUTES ? g_routes[ri].method : NULL;
            buf_addf(out, "wugong_http_requests_total{route=\"%s%s%s\",status=\"%d\"} %lu\n",
                     method ? method : "", method ? " " : "", label, st + 100, v);
        }
    }
    buf_adds(out, "# HELP wugong_http_request_duration_seconds Time from routing to response.\n"
                  "# TYPE wugong_http_request_duration_seconds histogram\n");
    unsigned long cum = 0;
    for (size_t b = 0; b <= NLAT; b++) {
        cum += atomic_load_explicit(&m_lat[b], memory_order_relaxed);
        if (b < NLAT)
            buf_addf(out, "wugong_http_request_duration_seconds_bucket{le=\"%g\"} %lu\n", lat_bounds[b], cum);
        else
            buf_addf(out, "wugong_http_request_duration_seconds_bucket{le=\"+Inf\"} %lu\n", cum);
    }
    buf_addf(out, "wugong_http_request_duration_seconds_sum %.6f\n",
             (double)atomic_load(&m_lat_sum_ns) / 1e9);
    buf_addf(out, "wugong_http_request_duration_seconds_count %lu\n", atomic_load(&m_lat_count));
    buf_addf(out, "# HELP wugong_http_open_connections Open client connections.\n"
                  "# TYPE wugong_http_open_connections gauge\n"
                  "wugong_http_open_connections %zu\n", http_open_connections());
    buf_addf(out, "# HELP wugong_http_refused_connections_total Connections refused over the limit.\n"
                  "# TYPE wugong_http_refused_connections_total counter\n"
                  "wugong_http_refused_connections_total %lu\n", atomic_load(&m_refused));
    size_t waiting, running;
    http_workers_busy(&waiting, &running);
    buf_addf(out, "# HELP wugong_worker_requests Requests on the worker threads (uploads, a roster's apply).\n"
                  "# TYPE wugong_worker_requests gauge\n"
                  "wugong_worker_requests{state=\"waiting\"} %zu\nwugong_worker_requests{state=\"running\"} %zu\n",
             waiting, running);
    buf_addf(out, "# HELP wugong_db_seconds_total Time spent in the store.\n"
                  "# TYPE wugong_db_seconds_total counter\n"
                  "wugong_db_seconds_total %.6f\n", (double)atomic_load(&m_db_ns) / 1e9);
    for (int i = 0; i < m_napp; i++)
        buf_addf(out, "# HELP %s %s\n# TYPE %s counter\n%s %lu\n", m_app[i].name, m_app[i].help, m_app[i].name,
                 m_app[i].name, atomic_load(&m_app[i].value));
}
