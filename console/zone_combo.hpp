#pragma once
// The one way a console form asks for a zone: a combo of zone names under their stations.
#include "zone_map.hpp"

#include <string>

namespace platslage::console {

// Draws the combo; `zone` is the chosen id. With `none`, that label is offered first and
// chooses no zone (""). True when the choice changed.
bool zone_combo(const char* label, const ZoneMap& zones, std::string& zone, float width, const char* none = nullptr);

} // namespace platslage::console
