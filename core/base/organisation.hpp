#pragma once
// The organisations working on site: the partners of the station agreement and the
// voluntary organisations nearby. Teams report which one they belong to; meetings list
// which take part; every action item is owned by one, since each acts within its own
// mandate (rådighet). Ids on the wire as docs/protocol.md lists them.
#include <span>
#include <string_view>

namespace platslage {

std::span<const std::string_view> organisation_ids();
bool is_organisation(std::string_view id);
// How partners write their own names: "Socialförvaltningen", "Capio Vård för hemlösa".
std::string_view organisation_title(std::string_view id);

} // namespace platslage
