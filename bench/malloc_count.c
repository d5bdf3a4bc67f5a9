/*
 * Allocation counter for the micro-benchmarks, loaded with LD_PRELOAD by bench/microbench:
 * interposes malloc, calloc, realloc, posix_memalign, aligned_alloc and memalign, forwards each to glibc's
 * __libc_* entry points, and counts calls in a relaxed atomic. traceproxy-microbench finds
 * traceproxy_bench_malloc_count() with dlsym and reads it before and after each measured loop.
 *
 *   cc -O2 -shared -fPIC -o bench/.build/malloc_count.so bench/malloc_count.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdint.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static uint64_t count;

uint64_t traceproxy_bench_malloc_count(void) { return __atomic_load_n(&count, __ATOMIC_RELAXED); }

static inline void bump(void) { __atomic_fetch_add(&count, 1, __ATOMIC_RELAXED); }

void *malloc(size_t size) { bump(); return __libc_malloc(size); }
void *calloc(size_t n, size_t size) { bump(); return __libc_calloc(n, size); }
void *realloc(void *p, size_t size) { bump(); return __libc_realloc(p, size); }
void *memalign(size_t alignment, size_t size) { bump(); return __libc_memalign(alignment, size); }
void *aligned_alloc(size_t alignment, size_t size) { bump(); return __libc_memalign(alignment, size); }
int posix_memalign(void **out, size_t alignment, size_t size) {
    if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
    bump();
    void *p = __libc_memalign(alignment, size);
    if (!p) return ENOMEM;
    *out = p;
    return 0;
}
