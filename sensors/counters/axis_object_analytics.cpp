#include "axis_object_analytics.hpp"

#include "device_serial.hpp"
#include "json_fields.hpp"
#include "vendor_fields.hpp"

#include <algorithm>
#include <charconv>

namespace platslage::counters {

namespace {
constexpr std::string_view topic_root = "axis/";
constexpr std::string_view topic_event = "/event/";
constexpr std::string_view namespaced = "tns:axis/";
constexpr std::string_view condition = "CameraApplicationPlatform/ObjectAnalytics/Device1Scenario";
constexpr std::size_t max_payload_bytes = 4096;
constexpr int max_scenario = 9999;

bool is_serial(std::string_view s) {
    return !s.empty() && s.size() <= 32 && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    });
}
} // namespace

std::string aoa_line_name(int scenario) { return "Device1Scenario" + std::to_string(scenario); }

Checked<AoaTopic> parse_aoa_topic(std::string_view topic) {
    auto refuse = [] {
        return Rejection{RejectReason::unknown_topic,
                         "not an AOA scenario topic (axis/<serial>/event/[tns:axis/]" + std::string(condition) + "<N>)"};
    };
    if (!topic.starts_with(topic_root)) return refuse();
    auto rest = topic.substr(topic_root.size());
    auto event = rest.find(topic_event);
    if (event == std::string_view::npos) return refuse();
    auto serial = normalise_serial(rest.substr(0, event));
    auto cond = rest.substr(event + topic_event.size());
    if (cond.starts_with(namespaced)) cond.remove_prefix(namespaced.size());
    if (!cond.starts_with(condition)) return refuse();
    auto digits = cond.substr(condition.size());
    int n = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    // Exactly a number, without a sign or leading zero, and nothing after it ("…1Threshold").
    if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty() || digits[0] == '0' || n < 1 ||
        n > max_scenario)
        return refuse();
    if (!is_serial(serial))
        return Rejection{RejectReason::unknown_topic, "the topic's serial must be letters and digits (colons allowed)"};
    return AoaTopic{serial, n};
}

Checked<CounterReading> parse_aoa_event(std::string_view topic, std::string_view payload,
                                        std::span<const AoaScenario> scenarios, TimePoint now) {
    auto where = parse_aoa_topic(topic);
    if (!where) return where.rejection();
    auto doc = parse_object(payload, max_payload_bytes);
    if (!doc) return doc.rejection();
    // The payload's own "topic" is written axis:…, not as the MQTT topic: the MQTT topic rules.
    auto message = object_at(*doc, "message", "message");
    if (!message) return message.rejection();
    auto data = object_at(**message, "data", "message.data");
    if (!data) return data.rejection();
    auto ts = time_at(*doc, "timestamp", "timestamp", now);
    if (!ts) return ts.rejection();
    // The serial is only there when "include serial number" is ticked; when it is, it must
    // be the topic's camera.
    if (doc->contains("serial") && !(*doc)["serial"].is_null()) {
        auto serial = text_at(*doc, "serial", "serial");
        if (!serial) return serial.rejection();
        if (normalise_serial(*serial) != where->serial)
            return Rejection{RejectReason::topic_mismatch, "the payload's serial is not the camera in the topic"};
    }

    bool camera_known = false;
    const AoaScenario* cfg = nullptr;
    for (const auto& s : scenarios) {
        if (normalise_serial(s.device) != where->serial) continue;
        camera_known = true;
        if (s.scenario == where->scenario) cfg = &s;
    }
    if (!camera_known)
        return Rejection{RejectReason::unknown_sensor, "camera " + where->serial + " is not in the counters config"};
    if (!cfg)
        return Rejection{RejectReason::unknown_sensor, "scenario " + std::to_string(where->scenario) + " on camera " +
                                                           where->serial + " is not in the counters config"};

    // People only: `total` is every class the scenario counts added up (Axis's own example
    // has 18103 cars + 2857 trucks = 20960), so a scenario left counting vehicles would put
    // the taxi rank into the waiting hall. A crossline event counts people in `totalHuman`,
    // an area event in `human`; a scenario that counts no humans sends neither.
    bool area = cfg->kind == AoaKind::area;
    auto total = area ? count_at(**data, "human", "message.data.human") : count_at(**data, "totalHuman", "message.data.totalHuman");
    if (!total) return total.rejection();
    if (area) {
        if (*total > max_occupancy)
            return Rejection{RejectReason::bad_value, "an area with more than " + std::to_string(max_occupancy) + " people"};
        return CounterReading{OccupancySample{cfg->sensor, cfg->zone, *ts, static_cast<int>(*total)}};
    }
    return CounterReading{LineReading{where->serial, aoa_line_name(cfg->scenario), *ts, *total, 0}};
}

} // namespace platslage::counters
