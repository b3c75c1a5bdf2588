#include "organisation.hpp"

namespace platslage {

namespace {
constexpr std::array<std::string_view, 6> labels{
    "Jernhusen",
    "Stockholms stad, uppsökare",
    "Norrmalms stadsdelsförvaltning",
    "Capio Vård för hemlösa",
    "Region Stockholm, psykiatri",
    "Ideella organisationer",
};
} // namespace

std::string_view organisation_id(Organisation o) { return organisation_ids[static_cast<std::size_t>(o)]; }

std::optional<Organisation> organisation_from_id(std::string_view id) {
    for (std::size_t i = 0; i < organisation_ids.size(); ++i)
        if (organisation_ids[i] == id) return static_cast<Organisation>(i);
    return std::nullopt;
}

std::string_view organisation_label(Organisation o) { return labels[static_cast<std::size_t>(o)]; }

} // namespace platslage
