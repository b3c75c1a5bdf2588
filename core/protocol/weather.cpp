#include "weather.hpp"

#include "json_fields.hpp"
#include "time_text.hpp"
#include "topic.hpp"

namespace platslage {

namespace {
constexpr Millis max_clock_ahead{std::chrono::minutes(10)};
}

Checked<WeatherReading> parse_weather_reading(std::string_view payload, TimePoint now) {
    auto doc = parse_object(payload, max_weather_bytes);
    if (!doc) return doc.rejection();
    FieldReader f(*doc);
    f.only({"source", "ts", "temperature_c", "warning_class"});
    auto source = f.text("source", 32);
    auto ts = f.timestamp("ts", now, max_clock_ahead);
    auto temperature = f.number("temperature_c", -60.0, 50.0, /*required=*/false);
    auto warning = f.integer("warning_class", 0, 3, /*required=*/false);
    if (f.failed()) return f.failure();
    if (!is_actor_id(*source)) return Rejection{RejectReason::bad_value, actor_id_refusal("source")};
    if (!temperature && !warning)
        return Rejection{RejectReason::missing_field, "a reading needs 'temperature_c' or 'warning_class'"};
    WeatherReading w{*source, *ts, temperature, std::nullopt};
    if (warning) w.warning_class = static_cast<int>(*warning);
    return w;
}

nlohmann::json to_json(const WeatherReading& w) {
    nlohmann::json j{{"source", w.source}, {"ts", format_rfc3339(w.ts)}};
    if (w.temperature_c) j["temperature_c"] = *w.temperature_c;
    if (w.warning_class) j["warning_class"] = *w.warning_class;
    return j;
}

bool Weather::apply(const WeatherReading& w) {
    if (last_ && w.ts < *last_) return false;
    bool changed = false;
    if (w.temperature_c && w.temperature_c != temperature_c_) temperature_c_ = w.temperature_c, changed = true;
    if (w.warning_class && *w.warning_class != warning_class_) warning_class_ = *w.warning_class, changed = true;
    last_ = w.ts;
    return changed;
}

bool Weather::extra_cold(const ColdNightRule& rule) const {
    return (temperature_c_ && *temperature_c_ <= rule.at_or_below_c) || warning_class_ >= rule.warning_class_from;
}

nlohmann::json Weather::save() const {
    nlohmann::json j{{"warning_class", warning_class_}};
    j["temperature_c"] = temperature_c_ ? nlohmann::json(*temperature_c_) : nlohmann::json(nullptr);
    j["last"] = last_ ? nlohmann::json(to_epoch_ms(*last_)) : nlohmann::json(nullptr);
    return j;
}

Weather Weather::load(const nlohmann::json& j) {
    Weather w;
    w.warning_class_ = j.at("warning_class").get<int>();
    if (!j.at("temperature_c").is_null()) w.temperature_c_ = j.at("temperature_c").get<double>();
    if (!j.at("last").is_null()) w.last_ = from_epoch_ms(j.at("last").get<std::int64_t>());
    return w;
}

} // namespace platslage
