// codejudge C++ runtime, system side (trusted; compiled once and linked into every test program,
// so that <unistd.h> and <time.h> names never reach the candidate's translation unit).
#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <unistd.h>

namespace cj_io {

void write_all(const char* p, unsigned long n) {
    while (n) {
        ssize_t k = ::write(3, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) _exit(121);  // the record channel is gone: fail closed
        p += k;
        n -= (unsigned long)k;
    }
}

unsigned long read_nonce(char* buf, unsigned long size) {
    unsigned long n = 0;
    while (n < size) {
        ssize_t k = ::read(4, buf + n, size - n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) break;
        n += (unsigned long)k;
    }
    ::close(4);
    return n;
}

double now() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void quit(int code) { _exit(code); }

void release(void* p) { std::free(p); }

}  // namespace cj_io
