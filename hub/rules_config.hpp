#pragma once
// Hotspot weights and alert rules from a TOML file (hub/platslage-rules.toml shows every
// setting at its default; docs/hotspots.md explains them). Partners tune these together;
// the hub refuses a file with an unknown or mistyped setting rather than guess.
#include "fusion.hpp"

#include <string>

namespace platslage {

// Throws std::runtime_error naming the file and the setting.
FusionSettings load_rules(const std::string& path, FusionSettings defaults = {});

} // namespace platslage
