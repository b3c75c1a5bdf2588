#pragma once
// Names the calling thread as `top -H`, `ps -L`, gdb, perf and /proc/<pid>/task/*/comm show
// it: the hub's threads would otherwise all carry the program's name, and the benchmark's
// CPU a message by thread (docs/performance.md) could not tell the log writer from the loop.
#include <pthread.h>

namespace platslage {

// Linux keeps at most 15 characters; a longer name is refused and the thread keeps its old one.
inline void name_this_thread(const char* name) {
    ::pthread_setname_np(::pthread_self(), name);
}

} // namespace platslage
