/*
 * A disk whose forcing is slow, or absent, for bench/durability.sh: preloaded into the engine's JVM
 * (LD_PRELOAD), it wraps fsync and fdatasync, the calls behind FileChannel.force.
 *
 *   SLOW_FSYNC_US=N   each call waits N microseconds, then forces as before (a network file system, a SAN,
 *                     a database across the network: where a forcing costs milliseconds, not tens of microseconds)
 *   SLOW_FSYNC_US=-1  nothing is forced (the calls return at once): the run without durability, what the
 *                     other runs are weighed against
 *
 * It counts nothing and changes nothing else; a file that preloads it still writes every byte.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>

static long wait_us;
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);

__attribute__((constructor)) static void init(void) {
    const char *setting = getenv("SLOW_FSYNC_US");
    wait_us = setting ? atol(setting) : 0;
    real_fsync = (int (*)(int)) dlsym(RTLD_NEXT, "fsync");
    real_fdatasync = (int (*)(int)) dlsym(RTLD_NEXT, "fdatasync");
}

static int forced(int (*real)(int), int fd) {
    if (wait_us < 0) {
        return 0;
    }
    if (wait_us > 0) {
        struct timespec pause = { wait_us / 1000000, (wait_us % 1000000) * 1000 };
        while (nanosleep(&pause, &pause) != 0) {
        }
    }
    return real(fd);
}

int fsync(int fd) { return forced(real_fsync, fd); }
int fdatasync(int fd) { return forced(real_fdatasync, fd); }
