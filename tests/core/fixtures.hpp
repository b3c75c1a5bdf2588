#pragma once
// Shared test fixtures: the real maps, and a fixed "now".
#include "time_text.hpp"
#include "zone_map.hpp"

namespace platslage::test {

inline const ZoneMap& real_maps() {
    static const ZoneMap maps = ZoneMap::load_dir(PLATSLAGE_MAPS_DIR);
    return maps;
}

inline TimePoint at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

} // namespace platslage::test
