// zlib for gzip request bodies (OTLP `Content-Encoding: gzip`); Foundation-free builds have no other deflate.
#include <zlib.h>
