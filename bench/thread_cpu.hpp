#pragma once
// The CPU time a process's threads have used, summed by thread name, read from
// /proc/<pid>/task/*/stat: the hub's cost a message by thread (its loop, which carries the
// program's name, the log writer, Paho's receiving and sending threads, ZeroMQ's I/O thread),
// measured beside its rate rather than taken from a profiler by hand.
#include <sys/types.h>

#include <cstddef>
#include <map>
#include <string>

namespace platslage::bench {

using ThreadCpu = std::map<std::string, double>; // thread name → seconds of CPU, user and system

// The threads alive now; empty when the process is gone. A thread that ends between two
// readings takes its time with it.
ThreadCpu thread_cpu(pid_t pid);

// Microseconds of CPU a message per thread name between two readings; threads that used no
// CPU in between are left out.
std::map<std::string, double> cpu_us_per_message(const ThreadCpu& before, const ThreadCpu& after, std::size_t messages);

} // namespace platslage::bench
