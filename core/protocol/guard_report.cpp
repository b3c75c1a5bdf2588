#include "guard_report.hpp"

#include "json_fields.hpp"
#include "person_counts.hpp"
#include "privacy_scrub.hpp"
#include "time_text.hpp"

#include <algorithm>
#include <array>

namespace platslage {

namespace {
constexpr std::array<std::string_view, 7> category_names{
    "sleeping", "intoxicated", "distress", "needs_care", "minor", "family_with_children", "elderly"};
constexpr Millis max_clock_ahead{std::chrono::minutes(10)};
} // namespace

const std::vector<std::string_view>& tip_sources() {
    static const std::vector<std::string_view> names{"public", "relative", "police", "district_office"};
    return names;
}

std::string tip_source_words(std::string_view source) {
    if (source == "public") return "a member of the public";
    if (source == "relative") return "a relative";
    if (source == "police") return "the police";
    if (source == "district_office") return "a district office";
    return std::string(source);
}

bool entered_at_console(const GuardReport& r) { return r.device.starts_with(console_device_prefix); }

std::string_view kind_name(ReportKind k) {
    switch (k) {
    case ReportKind::observation: return "observation";
    case ReportKind::incident: return "incident";
    case ReportKind::patrol: return "patrol";
    }
    return "observation";
}

std::string_view category_name(Category c) { return category_names[static_cast<std::size_t>(c)]; }

std::optional<Category> category_from_name(std::string_view name) {
    for (std::size_t i = 0; i < category_names.size(); ++i)
        if (category_names[i] == name) return static_cast<Category>(i);
    return std::nullopt;
}

const std::vector<Category>& all_categories() {
    static const std::vector<Category> all = [] {
        std::vector<Category> v;
        for (std::size_t i = 0; i < category_names.size(); ++i) v.push_back(static_cast<Category>(i));
        return v;
    }();
    return all;
}

Checked<GuardReport> parse_guard_report(const Topic& topic, std::string_view payload, const ZoneMap& zones,
                                        TimePoint now) {
    if (!zones.has_station(topic.station))
        return Rejection{RejectReason::unknown_station, "station '" + topic.station + "' is not in the maps"};
    auto doc = parse_object(payload, max_report_bytes);
    if (!doc) return doc.rejection();

    FieldReader f(*doc);
    f.only({"id", "ts", "zone", "kind", "persons", "women", "men", "categories", "note", "tip_from"});
    GuardReport r;
    r.station = topic.station;
    r.device = topic.actor;
    auto id = f.text("id", 64);
    auto ts = f.timestamp("ts", now, max_clock_ahead);
    auto zone = f.text("zone", 64);
    auto kind = f.one_of("kind", {"observation", "incident", "patrol"});
    auto persons = f.integer("persons", 0, max_persons);
    auto note = f.text("note", max_note_chars, /*required=*/false);
    auto tip_from = f.one_of("tip_from", tip_sources(), /*required=*/false);
    if (f.failed()) return f.failure();
    if (tip_from) r.tip_from = *tip_from;

    if (id->empty()) return Rejection{RejectReason::bad_value, "field 'id' must not be empty"};
    if (std::any_of(id->begin(), id->end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
        return Rejection{RejectReason::bad_value, "field 'id' must not hold control characters"};
    // The id is stored and shown with the report: it names the device's report, never a person.
    if (reads_as_identity(*id))
        return Rejection{RejectReason::bad_value, "field 'id' reads as an identity or phone number or an e-mail address"};
    r.id = *id;
    r.ts = *ts;
    const Zone* z = zones.find(*zone);
    if (!z) return Rejection{RejectReason::unknown_zone, "zone '" + *zone + "' is not in the maps"};
    if (z->station != topic.station)
        return Rejection{RejectReason::topic_mismatch,
                         "zone '" + *zone + "' belongs to " + z->station + ", the topic says " + topic.station};
    r.zone = *zone;
    r.kind = *kind == "incident" ? ReportKind::incident : *kind == "patrol" ? ReportKind::patrol : ReportKind::observation;
    r.persons = static_cast<int>(*persons);
    read_women_and_men(f, r.persons, max_persons, r.women, r.men);
    if (f.failed()) return f.failure();

    if (f.has("categories")) {
        const auto& cats = (*doc)["categories"];
        if (!cats.is_array()) return Rejection{RejectReason::wrong_type, "field 'categories' must be an array of strings"};
        for (const auto& c : cats) {
            if (!c.is_string()) return Rejection{RejectReason::wrong_type, "field 'categories' must be an array of strings"};
            auto cat = category_from_name(c.get_ref<const std::string&>());
            if (!cat)
                return Rejection{RejectReason::unknown_category,
                                 "category '" + c.get<std::string>() + "' is not in the documented list"};
            if (std::find(r.categories.begin(), r.categories.end(), *cat) != r.categories.end())
                return Rejection{RejectReason::bad_value, "category '" + c.get<std::string>() + "' appears twice"};
            r.categories.push_back(*cat);
        }
    }
    if (r.persons == 0 && !r.categories.empty())
        return Rejection{RejectReason::bad_value, "categories describe people, but 'persons' is 0"};

    if (note) {
        auto scrubbed = scrub_identifiers(*note, max_note_chars);
        r.note = std::move(scrubbed.text);
        r.note_redactions = scrubbed.redactions;
    }
    return r;
}

nlohmann::json to_json(const GuardReport& r) {
    nlohmann::json cats = nlohmann::json::array();
    for (auto c : r.categories) cats.push_back(category_name(c));
    nlohmann::json j{{"id", r.id},
                     {"ts", format_rfc3339(r.ts)},
                     {"zone", r.zone},
                     {"kind", kind_name(r.kind)},
                     {"persons", r.persons},
                     {"categories", cats}};
    put_women_and_men(j, r.women, r.men);
    if (!r.note.empty()) j["note"] = r.note;
    if (!r.tip_from.empty()) j["tip_from"] = r.tip_from;
    return j;
}

std::string category_words(std::string_view name) {
    auto c = category_from_name(name);
    if (!c) return std::string(name);
    switch (*c) {
    case Category::sleeping: return "sleeping";
    case Category::intoxicated: return "intoxicated";
    case Category::distress: return "in distress";
    case Category::needs_care: return "needs care";
    case Category::minor: return "minor";
    case Category::family_with_children: return "family with children";
    case Category::elderly: return "elderly (65+)";
    }
    return std::string(name);
}

} // namespace platslage
