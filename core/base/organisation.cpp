#include "organisation.hpp"

#include <array>

namespace platslage {

namespace {
struct Organisation {
    std::string_view id;
    std::string_view title;
};
// The partners of the station agreement and the voluntary organisations working nearby.
constexpr std::array<Organisation, 17> organisations{{
    {"socialforvaltningen", "Socialförvaltningen"},
    {"norrmalm", "Norrmalms stadsdelsförvaltning"},
    {"eu-team", "EU-teamet"},
    {"socialjouren", "Socialjouren"},
    {"capio", "Capio Vård för hemlösa"},
    {"region-psykiatri", "Region Stockholm, psykiatri"},
    {"stadsmissionen", "Stadsmissionen"},
    {"frälsningsarmén", "Frälsningsarmén"},
    {"convictus", "Convictus"},
    {"ny-gemenskap", "Ny Gemenskap"},
    {"filadelfia", "Filadelfia"},
    {"jernhusen", "Jernhusen"},
    // Those the outreach team works with and gets tips from (Socialförvaltningen's own account).
    {"polisen", "Polisen"},
    {"mariamottagningen", "Mariamottagningen"},
    {"ungdomsjouren", "Ungdomsjouren"},
    {"äldrelotsen", "Äldrelotsen"},
    {"sprututbytet", "Sprututbytet, Region Stockholm"},
}};
constexpr auto organisation_id_list = [] {
    std::array<std::string_view, organisations.size()> ids{};
    for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = organisations[i].id;
    return ids;
}();
} // namespace

std::span<const std::string_view> organisation_ids() { return organisation_id_list; }

bool is_organisation(std::string_view id) {
    for (auto known : organisation_id_list)
        if (known == id) return true;
    return false;
}

std::string_view organisation_title(std::string_view id) {
    for (const auto& o : organisations)
        if (o.id == id) return o.title;
    return id;
}

} // namespace platslage
