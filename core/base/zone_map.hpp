#pragma once
// The stations' zones, loaded from the GeoJSON files in maps/ (RFC 7946, WGS84).
// Zones are the unit of everything: reports, counts, presence.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "zone_geometry.hpp"

namespace platslage {

struct Zone {
    std::string id;      // "centralen.centralhallen": stable once used
    std::string name;    // shown to people: "Centralhallen"
    std::string station; // "centralen" | "cityterminalen"
    int level = 0;       // storey within the station: 0 its level 0 (docs/maps.md), -1 below, 1 above
    std::string kind;    // hall, entrance, waiting, platform, restroom, service, tunnel, passage
    int capacity = 0;    // people
    std::vector<LonLat> outline; // exterior ring, closed (first == last), either winding
};

// A map file that cannot be used. The message names the file, the feature and the zone; the
// rules are in docs/maps.md.
class MapError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class ZoneMap {
public:
    ZoneMap() = default;

    // `origin` names the source in error messages (usually the file path).
    static ZoneMap from_geojson(std::string_view text, const std::string& origin);
    // Every *.geojson in `dir`; zone ids unique and zones apart across files too.
    static ZoneMap load_dir(const std::filesystem::path& dir);

    // Adds another file's zones: none may reuse an id here or overlap a zone of its station and level.
    void merge(ZoneMap other, const std::string& origin);

    const Zone* find(std::string_view id) const;
    bool has_station(std::string_view station) const;
    const std::vector<Zone>& zones() const { return zones_; }
    std::vector<std::string> stations() const;
    std::vector<const Zone*> zones_of(std::string_view station) const;

private:
    // The first zone here that shares area with `z` on its station and level.
    const Zone* overlapped_by(const Zone& z, std::size_t among_first) const;

    std::vector<Zone> zones_;
};

} // namespace platslage
