#pragma once
// The live picture's entries, key → JSON body (docs/protocol.md, "The live picture"), in
// one place: the hub publishes each family with its to_json and the consoles read every
// entry through decode_entry, so the schema is written once. Each family's type and its
// encode and decode live in the header named below; this is the table that joins them.
//
//   zone/, station/              place_entries.hpp    ZoneEntry, StationEntry
//   report/, device/, team/      field_entries.hpp    ReportEntry, DeviceEntry, TeamEntry
//   alert/, dispatch/            work_entries.hpp     PublishedAlert, Dispatch
//   weather, shelter/            supply_entries.hpp   WeatherEntry, ShelterEntry
//   meeting/, note/              meeting_entries.hpp  MeetingEntry, MeetingNote
//   shift                        shift_log.hpp        ShiftLog
//   hub/storage                  hub_entries.hpp      StorageEntry
#include "field_entries.hpp"
#include "hub_entries.hpp"
#include "meeting_entries.hpp"
#include "place_entries.hpp"
#include "shift_log.hpp"
#include "supply_entries.hpp"
#include "work_entries.hpp"

#include <optional>
#include <string_view>
#include <variant>

namespace platslage {

enum class EntryFamily { zone, station, report, device, team, alert, dispatch, weather, shelter, meeting, note, shift, storage, other };
// Which family a key belongs to, by its prefix; `other` for keys this build does not know.
EntryFamily family_of(std::string_view key);

// One decoded entry. monostate: a key of a family this build does not know (not an error:
// a newer hub may publish more).
using PictureEntry = std::variant<std::monostate, ZoneEntry, StationEntry, ReportEntry, DeviceEntry, TeamEntry,
                                  PublishedAlert, Dispatch, WeatherEntry, ShelterEntry, MeetingEntry, MeetingNote, ShiftLog,
                                  StorageEntry>;

// The entry under `key`; none when the body cannot be read as that family (not JSON, not an
// object, or without what the family cannot do without). Never throws.
std::optional<PictureEntry> decode_entry(std::string_view key, std::string_view body);

} // namespace platslage
