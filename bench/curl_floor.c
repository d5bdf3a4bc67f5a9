/*
 * The libcurl floor: what driving the upstream through libcurl's multi interface costs on its own,
 * with the options traceproxy sets (Sources/TraceProxyUpstream/Curl/CurlTransfer+EasyOptions.swift):
 * easy handles reused and reset per transfer, keep-alive connections, HTTP/1.1, TCP_NODELAY,
 * no proxy lookups (CURLOPT_PROXY "" + NOPROXY "*"), no decoding, header + write callbacks,
 * a request header list like the one the proxy forwards, and a curl_multi_perform + curl_multi_poll loop
 * (the loop traceproxy runs). With CURL_FLOOR_MODE=socket_action the same transfers are driven the other
 * way libcurl offers: curl_multi_socket_action with our own epoll set, socket and timer callbacks.
 *
 *   cc -O2 -o bench/.build/curl_floor bench/curl_floor.c -lcurl
 *   [CURL_FLOOR_MODE=socket_action] curl_floor URL CONCURRENCY SECONDS [MAX_REQUESTS]
 *
 * Prints one JSON line: requests, seconds, requests_per_s, cpu_us_per_request (getrusage user+sys of
 * this process), errors.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

struct transfer {
    CURL *easy;
    size_t header_bytes;
    size_t body_bytes;
};

static size_t on_header(char *data, size_t size, size_t count, void *user) {
    struct transfer *t = user;
    t->header_bytes += size * count;
    return size * count;
}

static size_t on_body(char *data, size_t size, size_t count, void *user) {
    struct transfer *t = user;
    t->body_bytes += size * count;
    return size * count;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_seconds(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return (double)usage.ru_utime.tv_sec + (double)usage.ru_utime.tv_usec / 1e6 + (double)usage.ru_stime.tv_sec +
           (double)usage.ru_stime.tv_usec / 1e6;
}

static struct curl_slist *headers;
static const char *url;

/* socket_action mode: libcurl tells us which sockets to watch and when its next timeout is due. */
static int epoll_fd = -1;
static long timer_ms = -1;

static int on_socket(CURL *easy, curl_socket_t s, int what, void *user, void *socket_user) {
    (void)easy; (void)user; (void)socket_user;
    if (what == CURL_POLL_REMOVE) {
        epoll_ctl(epoll_fd, EPOLL_CTL_DEL, s, NULL);
        return 0;
    }
    struct epoll_event event = {0};
    event.data.fd = s;
    if (what & CURL_POLL_IN) event.events |= EPOLLIN;
    if (what & CURL_POLL_OUT) event.events |= EPOLLOUT;
    if (epoll_ctl(epoll_fd, EPOLL_CTL_MOD, s, &event) != 0 && errno == ENOENT) {
        epoll_ctl(epoll_fd, EPOLL_CTL_ADD, s, &event);
    }
    return 0;
}

static int on_timer(CURLM *multi, long timeout_ms, void *user) {
    (void)multi; (void)user;
    timer_ms = timeout_ms;
    return 0;
}

/* One round of the socket_action loop: wait for sockets or the timer, let libcurl act on them. */
static void socket_action_round(CURLM *multi, int *running, int max_wait_ms) {
    struct epoll_event events[64];
    int wait = timer_ms < 0 ? max_wait_ms : (timer_ms < max_wait_ms ? (int)timer_ms : max_wait_ms);
    int count = epoll_wait(epoll_fd, events, 64, wait);
    if (count <= 0) {
        timer_ms = -1;
        curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, running);
        return;
    }
    for (int i = 0; i < count; i++) {
        int flags = 0;
        if (events[i].events & EPOLLIN) flags |= CURL_CSELECT_IN;
        if (events[i].events & EPOLLOUT) flags |= CURL_CSELECT_OUT;
        if (events[i].events & (EPOLLERR | EPOLLHUP)) flags |= CURL_CSELECT_ERR;
        curl_multi_socket_action(multi, events[i].data.fd, flags, running);
    }
    if (timer_ms == 0) {
        timer_ms = -1;
        curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, running);
    }
}

static void start(CURLM *multi, struct transfer *t) {
    CURL *easy = t->easy;
    curl_easy_reset(easy);
    curl_easy_setopt(easy, CURLOPT_URL, url);
    curl_easy_setopt(easy, CURLOPT_PATH_AS_IS, 1L);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
    curl_easy_setopt(easy, CURLOPT_HTTP_CONTENT_DECODING, 0L);
    curl_easy_setopt(easy, CURLOPT_HTTP_TRANSFER_DECODING, 1L);
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_PROXY, "");
    curl_easy_setopt(easy, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, t);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, "GET");
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(easy, CURLOPT_PRIVATE, t);
    t->header_bytes = 0;
    t->body_bytes = 0;
    curl_multi_add_handle(multi, easy);
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s URL CONCURRENCY SECONDS [MAX_REQUESTS]\n", argv[0]);
        return 2;
    }
    url = argv[1];
    int concurrency = atoi(argv[2]);
    double seconds = atof(argv[3]);
    long max_requests = argc > 4 ? atol(argv[4]) : 0;
    if (concurrency < 1) concurrency = 1;

    curl_global_init(CURL_GLOBAL_DEFAULT);
    /* What the proxy forwards for a wrk request: Host, forwarding headers, the injected traceparent. */
    headers = curl_slist_append(headers, "Host: 127.0.0.1");
    headers = curl_slist_append(headers, "X-Forwarded-For: 127.0.0.1");
    headers = curl_slist_append(headers, "X-Forwarded-Proto: http");
    headers = curl_slist_append(headers, "X-Forwarded-Host: 127.0.0.1");
    headers = curl_slist_append(headers, "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    headers = curl_slist_append(headers, "Accept:");
    headers = curl_slist_append(headers, "Expect:");

    const char *mode = getenv("CURL_FLOOR_MODE");
    int socket_mode = mode && strcmp(mode, "socket_action") == 0;
    CURLM *multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, 256L);
    if (socket_mode) {
        epoll_fd = epoll_create1(EPOLL_CLOEXEC);
        curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, on_socket);
        curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, on_timer);
    }
    struct transfer *transfers = calloc((size_t)concurrency, sizeof *transfers);

    /* Warm-up: one round opens the keep-alive connections; it is not counted. */
    for (int i = 0; i < concurrency; i++) {
        transfers[i].easy = curl_easy_init();
        start(multi, &transfers[i]);
    }
    int running = 1;
    if (socket_mode) curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
    while (running) {
        if (socket_mode) {
            socket_action_round(multi, &running, 1000);
        } else {
            curl_multi_perform(multi, &running);
            if (running) curl_multi_poll(multi, NULL, 0, 1000, NULL);
        }
    }
    CURLMsg *message;
    int remaining;
    while ((message = curl_multi_info_read(multi, &remaining))) {
        if (message->msg == CURLMSG_DONE) curl_multi_remove_handle(multi, message->easy_handle);
    }

    long done = 0, started = 0, errors = 0;
    double begin = now_seconds(), deadline = begin + seconds;
    double cpu_begin = cpu_seconds();
    for (int i = 0; i < concurrency; i++) {
        start(multi, &transfers[i]);
        started++;
    }
    int stopping = 0;
    running = concurrency;
    if (socket_mode) curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
    while (running > 0 || !stopping) {
        if (socket_mode) {
            if (timer_ms == 0) {
                timer_ms = -1;
                curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
            }
        } else {
            curl_multi_perform(multi, &running);
        }
        while ((message = curl_multi_info_read(multi, &remaining))) {
            if (message->msg != CURLMSG_DONE) continue;
            struct transfer *t;
            curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, (char **)&t);
            long status = 0;
            curl_easy_getinfo(message->easy_handle, CURLINFO_RESPONSE_CODE, &status);
            if (message->data.result != CURLE_OK || status != 200) errors++;
            curl_multi_remove_handle(multi, message->easy_handle);
            done++;
            if (!stopping && (now_seconds() >= deadline || (max_requests > 0 && started >= max_requests))) stopping = 1;
            if (!stopping) {
                start(multi, t);
                started++;
                running++;
            }
        }
        if (stopping && running == 0) break;
        if (socket_mode) {
            socket_action_round(multi, &running, 100);
        } else {
            curl_multi_poll(multi, NULL, 0, 100, NULL);
        }
    }
    double elapsed = now_seconds() - begin;
    double cpu = cpu_seconds() - cpu_begin;
    printf("{\"requests\": %ld, \"seconds\": %.3f, \"requests_per_s\": %.1f, \"cpu_us_per_request\": %.2f, "
           "\"errors\": %ld, \"concurrency\": %d, \"mode\": \"%s\"}\n",
           done, elapsed, done / elapsed, done ? cpu * 1e6 / (double)done : 0.0, errors, concurrency,
           socket_mode ? "socket_action" : "perform");

    for (int i = 0; i < concurrency; i++) curl_easy_cleanup(transfers[i].easy);
    curl_multi_cleanup(multi);
    curl_slist_free_all(headers);
    curl_global_cleanup();
    if (epoll_fd >= 0) close(epoll_fd);
    free(transfers);
    return errors ? 1 : 0;
}
