#pragma once
// The partner organisations that meet at the station and own action items. Each acts
// within its own mandate (rådighet), so an action item always names the one that owns it.
#include <array>
#include <optional>
#include <string_view>

namespace platslage {

enum class Organisation { jernhusen, city_outreach, norrmalm, capio, psychiatry, voluntary };

inline constexpr std::array<std::string_view, 6> organisation_ids{
    "jernhusen", "city_outreach", "norrmalm", "capio", "psychiatry", "voluntary"};

std::string_view organisation_id(Organisation o);
std::optional<Organisation> organisation_from_id(std::string_view id);
// As partners write it in a handout: "Capio Vård för hemlösa".
std::string_view organisation_label(Organisation o);

} // namespace platslage
