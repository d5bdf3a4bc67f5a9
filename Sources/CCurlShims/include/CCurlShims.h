// Swift cannot call C variadic functions, so each argument kind of curl_easy_setopt,
// curl_easy_getinfo and curl_multi_setopt gets its own typed entry point here.
// Function-like and composite macros do not import into Swift either: their values are re-exported below.
#ifndef CCURLSHIMS_H
#define CCURLSHIMS_H
#include <curl/curl.h>

/// The shape shared by CURLOPT_WRITEFUNCTION, CURLOPT_READFUNCTION and CURLOPT_HEADERFUNCTION.
typedef size_t (*CCurlShims_data_callback)(char *buffer, size_t size, size_t count, void *userdata);

CURLcode CCurlShims_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode CCurlShims_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode CCurlShims_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode CCurlShims_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode CCurlShims_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode CCurlShims_easy_setopt_write_callback(CURL *handle, CCurlShims_data_callback callback);
CURLcode CCurlShims_easy_setopt_read_callback(CURL *handle, CCurlShims_data_callback callback);
CURLcode CCurlShims_easy_setopt_header_callback(CURL *handle, CCurlShims_data_callback callback);

CURLcode CCurlShims_easy_getinfo_long(CURL *handle, CURLINFO info, long *out);
CURLcode CCurlShims_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *out);
CURLcode CCurlShims_easy_getinfo_string(CURL *handle, CURLINFO info, const char **out);
CURLcode CCurlShims_easy_getinfo_double(CURL *handle, CURLINFO info, double *out);

CURLMcode CCurlShims_multi_setopt_long(CURLM *multi, CURLMoption option, long value);

/// curl_global_init(CURL_GLOBAL_ALL).
CURLcode CCurlShims_global_init(void);

/// CURL_WRITEFUNC_PAUSE and CURL_READFUNC_PAUSE, as size_t.
size_t CCurlShims_write_pause(void);
size_t CCurlShims_read_pause(void);
/// The bitmask values of curl_easy_pause.
int CCurlShims_pause_recv(void);
int CCurlShims_pause_send(void);
int CCurlShims_pause_cont(void);

/// Names the calling thread (at most 15 bytes show), so profiles tell the curl thread apart.
void CCurlShims_set_thread_name(const char *name);

#endif
