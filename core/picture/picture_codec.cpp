#include "picture_codec.hpp"

#include "entry_reader.hpp"

#include <array>
#include <utility>

namespace platslage {

namespace {
bool starts(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

template <class T>
std::optional<PictureEntry> entry(std::optional<T> decoded) {
    if (!decoded) return std::nullopt;
    return PictureEntry(std::move(*decoded));
}
} // namespace

EntryFamily family_of(std::string_view key) {
    static constexpr std::array<std::pair<std::string_view, EntryFamily>, 10> prefixes{{
        {"zone/", EntryFamily::zone},       {"station/", EntryFamily::station}, {"report/", EntryFamily::report},
        {"device/", EntryFamily::device},   {"team/", EntryFamily::team},       {"alert/", EntryFamily::alert},
        {"dispatch/", EntryFamily::dispatch}, {"shelter/", EntryFamily::shelter}, {"meeting/", EntryFamily::meeting},
        {"note/", EntryFamily::note},
    }};
    if (key == "weather") return EntryFamily::weather;
    if (key == "shift") return EntryFamily::shift;
    if (key == storage_entry_key) return EntryFamily::storage;
    for (const auto& [prefix, family] : prefixes)
        if (starts(key, prefix)) return family;
    return EntryFamily::other;
}

std::optional<PictureEntry> decode_entry(std::string_view key, std::string_view body) {
    // Every body is read as an object first, even of a family this build does not know:
    // a body that is not one is broken whoever sent it, and is counted.
    auto j = parse_entry(body);
    if (!j) return std::nullopt;
    switch (family_of(key)) {
    case EntryFamily::zone: return entry(zone_entry_from(*j));
    case EntryFamily::station: return entry(station_entry_from(*j));
    case EntryFamily::report: return entry(report_entry_from(*j));
    case EntryFamily::device: return entry(device_entry_from(*j));
    case EntryFamily::team: return entry(team_entry_from(*j));
    case EntryFamily::alert: return entry(published_alert_from(*j));
    case EntryFamily::dispatch: return entry(dispatch_entry_from(*j));
    case EntryFamily::weather: return entry(weather_entry_from(*j));
    case EntryFamily::shelter: return entry(shelter_entry_from(*j));
    case EntryFamily::meeting: return entry(meeting_entry_from(*j));
    case EntryFamily::note: return entry(note_entry_from(*j));
    case EntryFamily::shift: return entry(shift_log_from(*j));
    case EntryFamily::storage: return entry(storage_entry_from(*j));
    case EntryFamily::other: break;
    }
    return PictureEntry{};
}

} // namespace platslage
