#pragma once
// --bench: frame times with a busy night's picture (unchanged, and changing every frame),
// then CPU use over a stretch of idling against the hub, as one JSON object on stdout
// (docs/performance.md).
#include "console_window.hpp"
#include "picture.hpp"
#include "zone_map.hpp"

#include <functional>

namespace platslage::console {

class HubLink;

// `frame` draws one whole frame of the console from a picture, as the frame loop does.
int run_frame_bench(ConsoleWindow& window, const ZoneMap& zones, HubLink& link,
                    const std::function<void(const Picture&)>& frame, int alerts, double idle_s);

} // namespace platslage::console
