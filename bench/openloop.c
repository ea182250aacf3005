/*
 * An open-loop HTTP/1.1 load generator (no Debian package does open loop):
 * requests are due on a fixed schedule, rate R for S seconds, over C
 * keep-alive connections; a request waits for a free connection when all are
 * busy, and every latency is measured from the time the request was DUE, not
 * from when it was sent, so a slow server cannot hide its slow responses by
 * slowing the client down (coordinated omission). Also holds N idle
 * keep-alive connections open for memory measurements.
 *
 *   openloop run --port P --path PATH [--header "Name: value"]... --rate R
 *                [--seconds S] [--connections C]
 *       prints: OPENLOOP rate=R due=N ok=N errors=N unfinished=N
 *               p50_ms=.. p90_ms=.. p99_ms=.. p999_ms=.. max_ms=..
 *   openloop idle --port P --n N [--seconds S]
 *       opens N connections, sends GET /healthz on each and reads the answer,
 *       prints "IDLE open=K" once all have answered, holds them S seconds
 *       (default 10), then prints "IDLE still_open=K".
 *
 * Bench use only (bench/run.sh); 127.0.0.1 only.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_HEADERS 8
#define BUF_SIZE (256 * 1024)

struct conn {
    int fd;
    int busy;
    double due;     /* the request's scheduled time */
    size_t len;     /* bytes in buf */
    char *buf;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int usage(void)
{
    fputs("usage: openloop run --port P --path PATH [--header H]... --rate R [--seconds S] [--connections C]\n"
          "       openloop idle --port P --n N [--seconds S]\n",
          stderr);
    return 2;
}

static void raise_nofile(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

static int connect_to(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                             .sin_addr.s_addr = htonl(0x7f000001)};
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0 && errno != EINPROGRESS) {
        close(fd);
        return -1;
    }
    return fd;
}

/* A complete response in buf: its length, 0 when more is needed, -1 when
 * malformed. *status gets the status code. */
static long response_len(const char *buf, size_t len, int *status)
{
    const char *end = memmem(buf, len, "\r\n\r\n", 4);
    if (end == NULL)
        return len > BUF_SIZE / 2 ? -1 : 0;
    size_t head = (size_t)(end - buf) + 4;
    if (len < 12 || memcmp(buf, "HTTP/1.", 7) != 0)
        return -1;
    *status = (int)strtol(buf + 9, NULL, 10);
    long clen = -1;
    int chunked = 0;
    for (const char *p = memchr(buf, '\n', head); p && p < end; p = memchr(p + 1, '\n', (size_t)(end - p))) {
        const char *h = p + 1;
        if (strncasecmp(h, "content-length:", 15) == 0)
            clen = strtol(h + 15, NULL, 10);
        else if (strncasecmp(h, "transfer-encoding:", 18) == 0 && memmem(h, (size_t)(end - h), "chunked", 7))
            chunked = 1;
    }
    if (chunked) {
        const char *fin = memmem(buf + head, len - head, "\r\n0\r\n\r\n", 7);
        if (fin == NULL)
            fin = len - head >= 5 && memcmp(buf + head, "0\r\n\r\n", 5) == 0 ? buf + head - 2 : NULL;
        return fin ? (long)(fin - buf) + 7 : 0;
    }
    if (clen < 0)
        clen = 0;
    return len >= head + (size_t)clen ? (long)(head + (size_t)clen) : 0;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

static double pct(const double *v, long n, double p)
{
    if (n == 0)
        return 0;
    long i = (long)(p / 100.0 * (double)n);
    return v[i >= n ? n - 1 : i] * 1e3;
}

static int run(int port, const char *path, const char **headers, int nh, double rate, double seconds, int nconn)
{
    char req[8192];
    int rl = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n", path);
    for (int i = 0; i < nh && rl < (int)sizeof req; i++)
        rl += snprintf(req + rl, sizeof req - (size_t)rl, "%s\r\n", headers[i]);
    if (rl + 3 >= (int)sizeof req)
        return usage();
    rl += snprintf(req + rl, sizeof req - (size_t)rl, "\r\n");
    long total = (long)(rate * seconds);
    double *lat = malloc(sizeof *lat * (size_t)(total + 1));
    double *queue = malloc(sizeof *queue * (size_t)(total + 1)); /* due times waiting for a connection */
    struct conn *cs = calloc((size_t)nconn, sizeof *cs);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    if (lat == NULL || queue == NULL || cs == NULL || ep < 0)
        return 1;
    for (int i = 0; i < nconn; i++) {
        cs[i].buf = malloc(BUF_SIZE);
        if (cs[i].buf == NULL || (cs[i].fd = connect_to(port)) < 0)
            return 1;
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
        epoll_ctl(ep, EPOLL_CTL_ADD, cs[i].fd, &ev);
    }
    long due_n = 0, qhead = 0, qtail = 0, nlat = 0, ok = 0, errors = 0, inflight = 0;
    int *idle = malloc(sizeof *idle * (size_t)nconn), nidle = nconn;
    for (int i = 0; i < nconn; i++)
        idle[i] = nconn - 1 - i;
    usleep(100000); /* let the connections establish */
    double t0 = now_s(), end = t0 + seconds, deadline = end + 10;
    struct epoll_event evs[256];
    for (;;) {
        double t = now_s();
        /* requests due by now join the queue */
        while (due_n < total && t0 + (double)due_n / rate <= t)
            queue[qtail++] = t0 + (double)(due_n++) / rate;
        /* free connections take them, oldest first */
        while (qhead < qtail && nidle > 0) {
            struct conn *c = &cs[idle[--nidle]];
            c->busy = 1;
            c->due = queue[qhead++];
            c->len = 0;
            if (write(c->fd, req, (size_t)rl) != rl) {
                errors++;
                c->busy = 0;
                idle[nidle++] = (int)(c - cs);
                continue;
            }
            inflight++;
        }
        if (due_n >= total && qhead == qtail && inflight == 0)
            break;
        if (t > deadline)
            break;
        double next = due_n < total ? t0 + (double)due_n / rate : t + 0.001;
        int timeout = next > t ? (int)((next - t) * 1e3) : 0;
        int n = epoll_wait(ep, evs, 256, timeout > 10 ? 10 : timeout);
        for (int k = 0; k < n; k++) {
            struct conn *c = &cs[evs[k].data.u32];
            ssize_t r = read(c->fd, c->buf + c->len, BUF_SIZE - c->len);
            if (r <= 0) {
                if (r < 0 && (errno == EAGAIN || errno == EINTR))
                    continue;
                /* closed: reconnect; a request in flight is an error */
                epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
                close(c->fd);
                if (c->busy) {
                    errors++;
                    inflight--;
                    c->busy = 0;
                    idle[nidle++] = (int)(c - cs);
                }
                c->fd = connect_to(port);
                struct epoll_event ev = {.events = EPOLLIN, .data.u32 = evs[k].data.u32};
                if (c->fd >= 0)
                    epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
                continue;
            }
            c->len += (size_t)r;
            int status = 0;
            long got = response_len(c->buf, c->len, &status);
            if (got == 0)
                continue;
            double done = now_s();
            if (c->busy) {
                lat[nlat++] = done - c->due;
                if (got > 0 && status >= 200 && status < 400)
                    ok++;
                else
                    errors++;
                inflight--;
                c->busy = 0;
                idle[nidle++] = (int)(c - cs);
            }
            c->len = 0;
        }
    }
    double took = now_s() - t0;
    qsort(lat, (size_t)nlat, sizeof *lat, cmp_double);
    printf("OPENLOOP rate=%.0f due=%ld ok=%ld errors=%ld unfinished=%ld achieved=%.0f p50_ms=%.2f p90_ms=%.2f "
           "p99_ms=%.2f p999_ms=%.2f max_ms=%.2f\n",
           rate, total, ok, errors, total - nlat - errors, (double)nlat / (took > seconds ? took : seconds),
           pct(lat, nlat, 50), pct(lat, nlat, 90), pct(lat, nlat, 99), pct(lat, nlat, 99.9),
           nlat ? lat[nlat - 1] * 1e3 : 0.0);
    return errors || nlat < total ? 1 : 0;
}

static int idle_conns(int port, int n, double seconds)
{
    static const char req[] = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    int *fds = malloc(sizeof *fds * (size_t)n), ep = epoll_create1(EPOLL_CLOEXEC);
    char buf[4096];
    if (fds == NULL || ep < 0)
        return 1;
    int open = 0, answered = 0;
    for (int i = 0; i < n; i++) {
        if ((fds[i] = connect_to(port)) < 0) {
            perror("openloop: connect");
            break;
        }
        struct epoll_event ev = {.events = EPOLLOUT | EPOLLIN | EPOLLRDHUP, .data.u32 = (uint32_t)i};
        epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev);
        open++;
    }
    char *sent = calloc((size_t)n, 1), *done = calloc((size_t)n, 1);
    struct epoll_event evs[512];
    double stop = now_s() + 60;
    while (answered < open && now_s() < stop) {
        int k = epoll_wait(ep, evs, 512, 100);
        for (int j = 0; j < k; j++) {
            int i = (int)evs[j].data.u32;
            if ((evs[j].events & EPOLLOUT) && !sent[i]) {
                sent[i] = write(fds[i], req, sizeof req - 1) == (ssize_t)(sizeof req - 1);
                struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP, .data.u32 = (uint32_t)i};
                epoll_ctl(ep, EPOLL_CTL_MOD, fds[i], &ev);
            }
            if ((evs[j].events & EPOLLIN) && !done[i] && read(fds[i], buf, sizeof buf) > 0) {
                done[i] = 1;
                answered++;
            }
        }
    }
    printf("IDLE open=%d\n", answered);
    fflush(stdout);
    /* hold them; count the ones the server closes */
    int closed = 0;
    stop = now_s() + seconds;
    while (now_s() < stop) {
        int k = epoll_wait(ep, evs, 512, 100);
        for (int j = 0; j < k; j++) {
            int i = (int)evs[j].data.u32;
            if (evs[j].events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
                epoll_ctl(ep, EPOLL_CTL_DEL, fds[i], NULL);
                closed++;
            } else {
                (void)!read(fds[i], buf, sizeof buf);
            }
        }
    }
    printf("IDLE still_open=%d\n", answered - closed);
    for (int i = 0; i < open; i++)
        close(fds[i]);
    return answered == n ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    const char *path = NULL, *headers[MAX_HEADERS];
    int nh = 0, port = 0, nconn = 32, n = 0;
    double rate = 0, seconds = 0;
    for (int i = 2; i + 1 < argc; i += 2) {
        const char *k = argv[i], *v = argv[i + 1];
        if (strcmp(k, "--port") == 0)
            port = (int)strtol(v, NULL, 10);
        else if (strcmp(k, "--path") == 0)
            path = v;
        else if (strcmp(k, "--header") == 0 && nh < MAX_HEADERS)
            headers[nh++] = v;
        else if (strcmp(k, "--rate") == 0)
            rate = strtod(v, NULL);
        else if (strcmp(k, "--seconds") == 0)
            seconds = strtod(v, NULL);
        else if (strcmp(k, "--connections") == 0)
            nconn = (int)strtol(v, NULL, 10);
        else if (strcmp(k, "--n") == 0)
            n = (int)strtol(v, NULL, 10);
        else
            return usage();
    }
    raise_nofile();
    if (port <= 0 || port > 65535)
        return usage();
    if (strcmp(argv[1], "run") == 0) {
        if (path == NULL || rate <= 0 || nconn < 1 || nconn > 10000)
            return usage();
        return run(port, path, headers, nh, rate, seconds > 0 ? seconds : 5, nconn);
    }
    if (strcmp(argv[1], "idle") == 0 && n > 0 && n <= 100000)
        return idle_conns(port, n, seconds > 0 ? seconds : 10);
    return usage();
}
