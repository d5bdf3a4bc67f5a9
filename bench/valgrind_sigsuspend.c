/*
 * Lets the Swift binary run under valgrind 3.19 (Debian bookworm). libdispatch parks the main thread with
 * sigsuspend() on a sigset_t in read-only memory, and valgrind 3.19's sigsuspend wrapper writes into the
 * caller's mask, so valgrind dies with an internal SIGSEGV. This shim, preloaded by bench/callgrind only,
 * passes a writable copy of the mask instead; nothing else changes.
 *
 *   cc -O2 -shared -fPIC -o bench/.build/valgrind_sigsuspend.so bench/valgrind_sigsuspend.c
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, 8);
}
