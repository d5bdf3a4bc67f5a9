/*
 * The libcurl floor: what driving the upstream through libcurl's multi interface costs on its own,
 * with the options traceproxy sets (Sources/TraceProxyUpstream/Curl/CurlTransfer+EasyOptions.swift):
 * easy handles reused and reset per transfer, keep-alive connections, HTTP/1.1, TCP_NODELAY,
 * no proxy lookups (CURLOPT_PROXY "" + NOPROXY "*"), no decoding, header + write callbacks,
 * a request header list like the one the proxy forwards, and a curl_multi_perform + curl_multi_poll loop.
 *
 *   cc -O2 -o bench/.build/curl_floor bench/curl_floor.c -lcurl
 *   curl_floor URL CONCURRENCY SECONDS [MAX_REQUESTS]
 *
 * Prints one JSON line: requests, seconds, requests_per_s, cpu_us_per_request (getrusage user+sys of
 * this process), errors.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

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

    CURLM *multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, 256L);
    struct transfer *transfers = calloc((size_t)concurrency, sizeof *transfers);

    /* Warm-up: one round opens the keep-alive connections; it is not counted. */
    for (int i = 0; i < concurrency; i++) {
        transfers[i].easy = curl_easy_init();
        start(multi, &transfers[i]);
    }
    int running = 1;
    while (running) {
        curl_multi_perform(multi, &running);
        if (running) curl_multi_poll(multi, NULL, 0, 1000, NULL);
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
    while (running > 0 || !stopping) {
        curl_multi_perform(multi, &running);
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
        curl_multi_poll(multi, NULL, 0, 100, NULL);
    }
    double elapsed = now_seconds() - begin;
    double cpu = cpu_seconds() - cpu_begin;
    printf("{\"requests\": %ld, \"seconds\": %.3f, \"requests_per_s\": %.1f, \"cpu_us_per_request\": %.2f, "
           "\"errors\": %ld, \"concurrency\": %d}\n",
           done, elapsed, done / elapsed, done ? cpu * 1e6 / (double)done : 0.0, errors, concurrency);

    for (int i = 0; i < concurrency; i++) curl_easy_cleanup(transfers[i].easy);
    curl_multi_cleanup(multi);
    curl_slist_free_all(headers);
    curl_global_cleanup();
    free(transfers);
    return errors ? 1 : 0;
}
