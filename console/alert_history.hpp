#pragma once
// An alert's steps as the operator reads them when hovering its row: what happened, when,
// and who did it. Decided without a window, so the wording is tested.
#include "picture.hpp"

#include <string>
#include <vector>

namespace platslage::console {

// One line per step, oldest first, in Stockholm time: "22:01:05  acknowledged by kc-1: on our way".
// Steps by the hub itself name nobody. When the hub sent only the newest steps, a line after
// the raising step says how many are left out and where they are kept.
std::vector<std::string> history_lines(const AlertView& a);

} // namespace platslage::console
