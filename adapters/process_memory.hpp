#pragma once
// Memory a long-running process gives back. glibc raises its threshold for serving a request
// from mmap each time a large block is freed, so after one 50 MB message every later buffer up
// to 32 MB came from the heap and stayed there; a fixed threshold keeps large buffers in their
// own mappings, returned when freed, and a trim now and then returns the heap's free pages
// (the queue of a console that stopped reading, once it has gone).
#include <malloc.h>

namespace platslage {

inline void keep_large_buffers_returnable() { mallopt(M_MMAP_THRESHOLD, 256 * 1024); }

inline void give_back_free_memory() { malloc_trim(0); }

} // namespace platslage
