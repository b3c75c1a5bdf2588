#pragma once
// The stations' zones, loaded from the GeoJSON files in maps/ (RFC 7946, WGS84).
// Zones are the unit of everything: reports, counts, presence.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace platslage {

struct LonLat {
    double lon = 0;
    double lat = 0;
};

struct Zone {
    std::string id;      // "centralen.centralhallen": stable once used
    std::string name;    // shown to people: "Centralhallen"
    std::string station; // "centralen" | "cityterminalen"
    int level = 0;       // 0 street level, -1 lower, 1 upper
    std::string kind;    // hall, entrance, waiting, platform, restroom, service, tunnel, passage
    int capacity = 0;    // people
    std::vector<LonLat> outline; // exterior ring, closed (first == last)
};

// A map file that cannot be used. The message names the file and the feature.
class MapError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class ZoneMap {
public:
    ZoneMap() = default;

    // `origin` names the source in error messages (usually the file path).
    static ZoneMap from_geojson(std::string_view text, const std::string& origin);
    // Every *.geojson in `dir`; zone ids must be unique across files.
    static ZoneMap load_dir(const std::filesystem::path& dir);

    void merge(ZoneMap other, const std::string& origin);

    const Zone* find(std::string_view id) const;
    bool has_station(std::string_view station) const;
    const std::vector<Zone>& zones() const { return zones_; }
    std::vector<std::string> stations() const;
    std::vector<const Zone*> zones_of(std::string_view station) const;

private:
    std::vector<Zone> zones_;
};

} // namespace platslage
