#include "record_import.hpp"

#include "hub_context.hpp"
#include "hub_security.hpp"
#include "order_desk.hpp"
#include "time_text.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace platslage {

namespace {

// One line as an event record; the refusal says what is wrong with it.
Checked<EventRecord> read_line(const std::string& line) {
    if (line.size() > max_import_line_bytes)
        return Rejection{RejectReason::oversize, "a line over " + std::to_string(max_import_line_bytes) + " bytes"};
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Rejection{RejectReason::malformed_json, "a line that is not a JSON object"};
    for (const char* key : {"heard", "kind", "station", "actor", "zone"})
        if (!j.contains(key) || !j[key].is_string())
            return Rejection{RejectReason::missing_field, std::string("field '") + key + "' is missing or not text"};
    if (!j.contains("body") || !(j["body"].is_object() || j["body"].is_string()))
        return Rejection{RejectReason::missing_field, "field 'body' is missing"};
    auto heard = parse_rfc3339(j["heard"].get<std::string>());
    if (!heard) return Rejection{RejectReason::bad_value, "field 'heard' is not an RFC 3339 time"};
    std::string body = j["body"].is_string() ? j["body"].get<std::string>() : j["body"].dump();
    return EventRecord{j["kind"].get<std::string>(), j["station"].get<std::string>(), j["actor"].get<std::string>(),
                       j["zone"].get<std::string>(), std::move(body), *heard};
}

} // namespace

std::string refusal_counts_text(const std::map<std::string, std::size_t>& by_reason) {
    std::string out;
    for (const auto& [reason, n] : by_reason) out += (out.empty() ? "" : " ") + reason + "=" + std::to_string(n);
    return out;
}

ImportSummary import_records(std::istream& in, const HubConfig& cfg, const ZoneMap& zones, EventLog& log) {
    if (auto n = log.event_count(); n > 0)
        throw std::runtime_error("--import wants a new or empty event log; this one holds " + std::to_string(n) + " events");
    // A recording may open with the settings it was made with ({"recording":{...}}); the
    // fusion must run with them to raise what the recording's own fusion raised.
    std::string line;
    ImportSummary summary;
    HubConfig settings = cfg;
    bool pending = false;
    if (std::getline(in, line)) {
        auto head = nlohmann::json::parse(line, nullptr, false);
        if (!head.is_discarded() && head.is_object() && head.contains("recording")) {
            ++summary.lines;
            const auto& rec = head["recording"];
            if (rec.contains("sensor_silent_s") && rec["sensor_silent_s"].is_number_integer())
                settings.sensor_silent_s = rec["sensor_silent_s"].get<int>();
            spdlog::info("import: the recording's settings: {}", rec.dump());
        } else {
            pending = true; // an ordinary first record
        }
    }
    ManualClock clock(TimePoint{});
    HubSecurity open; // no sockets are opened
    HubContext hub(settings, zones, log, clock, open);
    OrderDesk orders(hub);
    // A bulk load: one sync at the end instead of one a record. Killed half-way, it is run
    // again into a new file.
    log.set_durable(false);

    auto refuse = [&](const Rejection& why, TimePoint heard) {
        ++summary.refused;
        ++summary.refused_by_reason[std::string(reason_name(why.reason))];
        if (summary.refused <= 20) spdlog::warn("import line {}: refused: {}: {}", summary.lines, reason_name(why.reason), why.detail);
        log.append({}, {RefusalRecord{heard, "import", std::string(reason_name(why.reason)), "", why.detail}});
    };

    std::vector<Update> updates;
    while (pending || std::getline(in, line)) {
        pending = false;
        ++summary.lines;
        if (line.empty()) continue;
        auto record = read_line(line);
        if (!record) {
            refuse(record.rejection(), clock.now());
            continue;
        }
        const auto& r = record.value();
        if (r.heard > clock.now()) clock.set(r.heard);
        auto event = from_record(r, zones);
        // As the running hub judges them: a team's message against the orders sent, a command
        // against the alerts as they stand when it is heard.
        if (event) {
            std::visit(
                [&](const auto& ev) {
                    using T = std::decay_t<decltype(ev)>;
                    if constexpr (std::is_same_v<T, DispatchAnswer> || std::is_same_v<T, DispatchOutcome>) {
                        if (auto why = hub.situation.check(ev)) event = *why;
                    } else if constexpr (std::is_same_v<T, AlertCommand>) {
                        hub.situation.advance_to(r.heard);
                        if (auto why = hub.situation.check(ev, r.heard)) event = *why;
                    }
                },
                event.value());
        }
        if (!event) {
            refuse(event.rejection(), r.heard);
            continue;
        }
        auto id = log.append({to_record(event.value(), zones, r.heard)}, {}).front();
        if (id == 0) {
            ++summary.duplicates;
            continue;
        }
        ++summary.stored;
        updates.clear();
        hub.apply(id, event.value(), r.heard, updates);
        orders.take(updates);
        hub.store_hotspot_hours();
    }
    orders.store_all();
    hub.save_snapshot();
    log.set_durable(true);
    return summary;
}

} // namespace platslage
