#pragma once
// The protocol's codes as people read them: "needs_care" → "needs care", or "Needs care" at
// the start of a row. One rule for the console's queue and the partners' handouts.
#include <string>
#include <string_view>

namespace platslage {

std::string code_words(std::string_view code, bool capital = false);

} // namespace platslage
