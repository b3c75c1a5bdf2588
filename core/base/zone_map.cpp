#include "zone_map.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace platslage {

using nlohmann::json;

namespace {

const std::set<std::string, std::less<>> zone_kinds{"hall",     "entrance", "waiting", "platform",
                                                     "restroom", "service",  "tunnel",  "passage"};

[[noreturn]] void fail(const std::string& origin, std::size_t index, const std::string& id,
                       const std::string& what) {
    std::ostringstream msg;
    msg << origin << ": feature " << index;
    if (!id.empty()) msg << " (" << id << ")";
    msg << ": " << what;
    throw MapError(msg.str());
}

LonLat position(const json& p, const std::string& origin, std::size_t index, const std::string& id) {
    if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number())
        fail(origin, index, id, "a position must be [longitude, latitude]");
    LonLat ll{p[0].get<double>(), p[1].get<double>()};
    if (ll.lon < -180 || ll.lon > 180 || ll.lat < -90 || ll.lat > 90)
        fail(origin, index, id, "a position lies outside WGS84 longitude/latitude ranges");
    return ll;
}

// "station.zone-name": a-z and 0-9, a dot, then a-z, 0-9 and '-'.
bool is_zone_id(std::string_view id) {
    auto dot = id.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == id.size()) return false;
    auto in = [](char c, bool dash) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (dash && c == '-'); };
    for (std::size_t i = 0; i < id.size(); ++i)
        if (i != dot && !in(id[i], i > dot)) return false;
    return true;
}

Zone zone_from_feature(const json& f, const std::string& origin, std::size_t index) {
    if (!f.is_object() || f.value("type", "") != "Feature") fail(origin, index, "", "not a GeoJSON Feature");
    const auto& props = f.contains("properties") ? f["properties"] : json();
    if (!props.is_object()) fail(origin, index, "", "'properties' must be an object");

    Zone z;
    if (!props.contains("id") || !props["id"].is_string()) fail(origin, index, "", "property 'id' must be a string");
    z.id = props["id"].get<std::string>();
    if (!is_zone_id(z.id))
        fail(origin, index, z.id, "property 'id' must look like 'station.zone-name' (a-z, 0-9, '-')");

    auto text = [&](const char* key) {
        if (!props.contains(key) || !props[key].is_string() || props[key].get<std::string>().empty())
            fail(origin, index, z.id, std::string("property '") + key + "' must be a non-empty string");
        return props[key].get<std::string>();
    };
    auto integer = [&](const char* key) {
        if (!props.contains(key) || !props[key].is_number_integer())
            fail(origin, index, z.id, std::string("property '") + key + "' must be an integer");
        return props[key].get<int>();
    };
    z.name = text("name");
    z.station = text("station");
    z.kind = text("kind");
    z.level = integer("level");
    z.capacity = integer("capacity");
    if (z.id.rfind(z.station + ".", 0) != 0)
        fail(origin, index, z.id, "zone id must start with its station ('" + z.station + ".')");
    if (z.level < -3 || z.level > 3) fail(origin, index, z.id, "property 'level' must be between -3 and 3");
    if (z.capacity <= 0) fail(origin, index, z.id, "property 'capacity' must be a positive integer");
    if (!zone_kinds.contains(z.kind)) fail(origin, index, z.id, "property 'kind' '" + z.kind + "' is not a known zone kind");

    const auto& geom = f.contains("geometry") ? f["geometry"] : json();
    if (geom.is_object() && geom.value("type", "") == "MultiPolygon")
        fail(origin, index, z.id, "geometry must be a Polygon, not a MultiPolygon: make each part a zone of its own");
    if (!geom.is_object() || geom.value("type", "") != "Polygon")
        fail(origin, index, z.id, "geometry must be a Polygon");
    const auto& rings = geom.contains("coordinates") ? geom["coordinates"] : json();
    if (!rings.is_array() || rings.empty() || !rings[0].is_array())
        fail(origin, index, z.id, "Polygon coordinates must hold at least one ring");
    // A hole would be a place inside the zone that belongs to it on no screen and in no count.
    if (rings.size() > 1)
        fail(origin, index, z.id, "the Polygon has a hole: a zone is one outline; split it into zones without holes");
    const auto& ring = rings[0];
    if (ring.size() < 4) fail(origin, index, z.id, "a ring needs at least four positions");
    for (const auto& p : ring) z.outline.push_back(position(p, origin, index, z.id));
    const auto& first = z.outline.front();
    const auto& last = z.outline.back();
    if (first.lon != last.lon || first.lat != last.lat)
        fail(origin, index, z.id, "the ring is not closed (first and last positions differ)");
    if (auto why = ring_problem(z.outline)) fail(origin, index, z.id, *why);
    return z;
}

} // namespace

ZoneMap ZoneMap::from_geojson(std::string_view text, const std::string& origin) {
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) throw MapError(origin + ": not valid JSON");
    if (!doc.is_object() || doc.value("type", "") != "FeatureCollection")
        throw MapError(origin + ": not a GeoJSON FeatureCollection");
    if (!doc.contains("features") || !doc["features"].is_array())
        throw MapError(origin + ": 'features' must be an array");
    ZoneMap map;
    std::size_t index = 0;
    for (const auto& f : doc["features"]) {
        Zone z = zone_from_feature(f, origin, index);
        if (map.find(z.id)) fail(origin, index, z.id, "zone id appears twice");
        if (const Zone* other = map.overlapped_by(z, map.zones_.size())) {
            auto other_index = static_cast<std::size_t>(other - map.zones_.data());
            fail(origin, index, z.id,
                 "overlaps zone '" + other->id + "' (feature " + std::to_string(other_index) + ") on level " +
                     std::to_string(z.level));
        }
        map.zones_.push_back(std::move(z));
        ++index;
    }
    if (map.zones_.empty()) throw MapError(origin + ": no zones");
    return map;
}

void ZoneMap::merge(ZoneMap other, const std::string& origin) {
    const std::size_t before = zones_.size(); // the other file's zones were checked against each other
    for (auto& z : other.zones_) {
        if (find(z.id)) throw MapError(origin + ": zone '" + z.id + "' is already defined by another map file");
        if (const Zone* earlier = overlapped_by(z, before))
            throw MapError(origin + ": zone '" + z.id + "' overlaps zone '" + earlier->id +
                           "' of another map file on level " + std::to_string(z.level));
        zones_.push_back(std::move(z));
    }
}

const Zone* ZoneMap::overlapped_by(const Zone& z, std::size_t among_first) const {
    // Levels are numbered per station (docs/maps.md), so only a station's own zones can collide.
    for (std::size_t i = 0; i < among_first && i < zones_.size(); ++i) {
        const Zone& other = zones_[i];
        if (other.station == z.station && other.level == z.level && outlines_overlap(other.outline, z.outline))
            return &other;
    }
    return nullptr;
}

ZoneMap ZoneMap::load_dir(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.path().extension() == ".geojson") files.push_back(entry.path());
    if (ec) throw MapError(dir.string() + ": cannot read the maps folder: " + ec.message());
    if (files.empty()) throw MapError(dir.string() + ": no .geojson map files");
    std::sort(files.begin(), files.end());
    ZoneMap all;
    for (const auto& path : files) {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw MapError(path.string() + ": cannot open");
        std::stringstream buf;
        buf << in.rdbuf();
        all.merge(from_geojson(buf.str(), path.string()), path.string());
    }
    return all;
}

const Zone* ZoneMap::find(std::string_view id) const {
    auto it = std::find_if(zones_.begin(), zones_.end(), [&](const Zone& z) { return z.id == id; });
    return it == zones_.end() ? nullptr : &*it;
}

bool ZoneMap::has_station(std::string_view station) const {
    return std::any_of(zones_.begin(), zones_.end(), [&](const Zone& z) { return z.station == station; });
}

std::vector<std::string> ZoneMap::stations() const {
    std::vector<std::string> out;
    for (const auto& z : zones_)
        if (std::find(out.begin(), out.end(), z.station) == out.end()) out.push_back(z.station);
    return out;
}

std::vector<const Zone*> ZoneMap::zones_of(std::string_view station) const {
    std::vector<const Zone*> out;
    for (const auto& z : zones_)
        if (z.station == station) out.push_back(&z);
    return out;
}

} // namespace platslage
