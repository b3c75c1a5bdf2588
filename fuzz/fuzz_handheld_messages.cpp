// Handheld messages as the hub takes them from MQTT: a topic and its payload checked together
// (parse_handheld_message: guard reports, shifts, outreach status, online flags, dispatch
// answers and outcomes), then stored and read back as the event log does.
//
// Input: "<topic>\n<payload>". The seeds carry real topics, so mutations reach every payload
// parser through the hub's own routing rather than a harness-made choice.
#include "dispatch.hpp"
#include "event_round_trip.hpp"
#include "guard_report.hpp"
#include "harness.hpp"
#include "json_fields.hpp"
#include "organisation.hpp"
#include "presence.hpp"
#include "receipt.hpp"
#include "topic.hpp"

#include <algorithm>

using namespace platslage;
using namespace platslage::fuzz;

namespace {

// A topic that parses names itself exactly: the hub answers on topic_string() of it.
void check_topic(std::string_view text) {
    auto topic = parse_topic(text);
    if (!accepted(topic)) return;
    FUZZ_REQUIRE(topic_string(*topic) == text);
    FUZZ_REQUIRE(is_actor_id(topic->actor));
}

// A zone in an accepted message is in the maps, at the topic's station.
void check_zone(const std::string& zone, const std::string& station) {
    const Zone* z = maps().find(zone);
    FUZZ_REQUIRE(z != nullptr);
    FUZZ_REQUIRE(z->station == station);
}

template <class T>
bool one_of(const std::string& value, const T& list) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

void check(const Topic& topic, std::string_view payload, const GuardReport& r) {
    FUZZ_REQUIRE(topic.kind == TopicKind::guard_report);
    FUZZ_REQUIRE(r.station == topic.station && r.device == topic.actor);
    FUZZ_REQUIRE(!r.id.empty() && utf8_length(r.id) <= 64);
    FUZZ_REQUIRE(r.ts <= now() + clock_ahead);
    check_zone(r.zone, r.station);
    FUZZ_REQUIRE(r.persons >= 0 && r.persons <= max_persons);
    FUZZ_REQUIRE(r.persons > 0 || r.categories.empty());
    for (std::size_t i = 0; i < r.categories.size(); ++i)
        FUZZ_REQUIRE(std::count(r.categories.begin(), r.categories.end(), r.categories[i]) == 1);
    FUZZ_REQUIRE(utf8_length(r.note) <= max_note_chars);
    check_scrubbed(r.note);
    // The receipt of a refused report carries the id salvaged from the payload; for an
    // accepted one that must be the id the report was stored under.
    FUZZ_REQUIRE(salvage_report_id(payload) == r.id);
}

void check(const Topic& topic, std::string_view, const ShiftEvent& s) {
    FUZZ_REQUIRE(topic.kind == TopicKind::guard_shift);
    FUZZ_REQUIRE(s.station == topic.station && s.device == topic.actor);
    FUZZ_REQUIRE(s.ts <= now() + clock_ahead);
    FUZZ_REQUIRE(s.guards >= 1 && s.guards <= 20);
}

void check(const Topic& topic, std::string_view, const OutreachStatus& s) {
    FUZZ_REQUIRE(topic.kind == TopicKind::outreach_status);
    FUZZ_REQUIRE(s.station == topic.station && s.team == topic.actor);
    FUZZ_REQUIRE(s.ts <= now() + clock_ahead);
    FUZZ_REQUIRE(s.status == TeamStatus::off_duty || !s.zone.empty());
    if (!s.zone.empty()) check_zone(s.zone, s.station);
    FUZZ_REQUIRE(s.members >= 1 && s.members <= 6);
    FUZZ_REQUIRE(is_organisation(s.organisation));
}

void check(const Topic& topic, std::string_view, const DeviceOnline& d) {
    FUZZ_REQUIRE(topic.kind == TopicKind::device_online);
    FUZZ_REQUIRE(d.station == topic.station && d.device == topic.actor);
    FUZZ_REQUIRE(!d.ts || *d.ts <= now() + clock_ahead);
}

void check(const Topic& topic, std::string_view payload, const DispatchAnswer& a) {
    FUZZ_REQUIRE(topic.kind == TopicKind::outreach_ack);
    FUZZ_REQUIRE(a.station == topic.station && a.team == topic.actor);
    FUZZ_REQUIRE(is_dispatch_id(a.dispatch));
    FUZZ_REQUIRE(a.ts <= now() + clock_ahead);
    FUZZ_REQUIRE(salvage_report_id(payload, "dispatch") == a.dispatch);
}

void check(const Topic& topic, std::string_view payload, const DispatchOutcome& o) {
    FUZZ_REQUIRE(topic.kind == TopicKind::outreach_outcome);
    FUZZ_REQUIRE(o.station == topic.station && o.team == topic.actor);
    // An order's outcome names the order; a round contact names itself and a zone of the topic's station.
    if (o.is_round_contact()) {
        FUZZ_REQUIRE(is_actor_id(o.contact));
        FUZZ_REQUIRE(!o.zone.empty());
        FUZZ_REQUIRE(salvage_report_id(payload, "id") == o.contact);
    } else {
        FUZZ_REQUIRE(is_dispatch_id(o.dispatch));
        FUZZ_REQUIRE(o.contact.empty() && o.zone.empty());
        FUZZ_REQUIRE(salvage_report_id(payload, "dispatch") == o.dispatch);
    }
    FUZZ_REQUIRE(o.ts <= now() + clock_ahead);
    FUZZ_REQUIRE(one_of(o.outcome, dispatch_outcomes));
    // Counts among the people met, and results that add up to them with the visit's outcome among them.
    FUZZ_REQUIRE(o.women.value_or(0) >= 0 && o.men.value_or(0) >= 0 && o.women.value_or(0) + o.men.value_or(0) <= o.persons);
    if (!o.results.empty()) {
        int sum = 0;
        bool main_listed = false;
        for (const auto& r : o.results) {
            FUZZ_REQUIRE(r.persons >= 1 && r.outcome != "nobody_found" && one_of(r.outcome, dispatch_outcomes));
            FUZZ_REQUIRE((r.outcome == "referred") == !r.referred_to.empty());
            sum += r.persons;
            main_listed = main_listed || r.outcome == o.outcome;
        }
        FUZZ_REQUIRE(sum == o.persons && main_listed);
    }
    FUZZ_REQUIRE((o.outcome == "referred") == !o.referred_to.empty());
    FUZZ_REQUIRE(o.referred_to.empty() || one_of(o.referred_to, referral_targets));
    FUZZ_REQUIRE(o.gender.empty() || one_of(o.gender, gender_values));
    FUZZ_REQUIRE(o.age_band.empty() || one_of(o.age_band, age_bands));
    FUZZ_REQUIRE(o.persons >= 0 && o.persons <= 50);
    FUZZ_REQUIRE((o.outcome == "nobody_found") == (o.persons == 0));
}

// Sensor readings and commands never come from a handheld's topic.
template <class T>
void check(const Topic&, std::string_view, const T&) {
    violated("a handheld topic yields a handheld event", __FILE__, __LINE__);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto [topic_text, payload] = split_line(as_text(data, size));
    check_topic(topic_text);
    auto event = parse_handheld_message(topic_text, payload, maps(), now());
    if (!accepted(event)) return 0;
    auto topic = parse_topic(topic_text);
    FUZZ_REQUIRE(topic.ok());
    FUZZ_REQUIRE(maps().has_station(topic->station));
    std::visit([&](const auto& e) { check(*topic, payload, e); }, event.value());
    check_log_round_trip(event.value());
    return 0;
}
