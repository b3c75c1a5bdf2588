#pragma once
// The console's keyboard shortcuts that belong to no one window (F1 help, Ctrl+Q, Ctrl+R,
// levels, meetings, statistics, map view, Tab between stations). The windows' own keys are in their panels.
#include "console_state.hpp"

#include <cstddef>

struct GLFWwindow;

namespace platslage::console {

class HubLink;

// True when a window appeared or went: the frame loop then draws a couple more frames.
bool handle_shortcuts(ConsoleState& s, HubLink& link, GLFWwindow* window, std::size_t stations);

} // namespace platslage::console
