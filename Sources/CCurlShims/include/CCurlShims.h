// Swift cannot call C variadic functions, so each argument kind of curl_easy_setopt,
// curl_easy_getinfo and curl_multi_setopt gets its own typed entry point here.
#ifndef CCURLSHIMS_H
#define CCURLSHIMS_H
#include <curl/curl.h>

CURLcode CCurlShims_easy_setopt_long(CURL *handle, CURLoption option, long value);

#endif
