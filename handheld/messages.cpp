#include "messages.hpp"

#include "time_text.hpp"
#include "topic.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace platslage::handheld {

OutboxMessage report_message(const std::string& station, const std::string& device, ReportFields f, TimePoint now) {
    if (f.id.empty()) f.id = device + "-" + std::to_string(to_epoch_ms(now));
    nlohmann::json j{{"id", f.id}, {"ts", format_rfc3339(now)}, {"zone", f.zone}, {"kind", f.kind}, {"persons", f.persons},
                     {"categories", f.categories}};
    if (f.women >= 0) j["women"] = f.women;
    if (f.men >= 0) j["men"] = f.men;
    if (!f.note.empty()) j["note"] = f.note;
    return {topic_string(Topic{station, TopicKind::guard_report, device}), j.dump(), "report", f.id};
}

OutboxMessage shift_message(const std::string& station, const std::string& device, bool starts, int guards, TimePoint now) {
    nlohmann::json j{{"ts", format_rfc3339(now)}, {"event", starts ? "start" : "end"}, {"guards", guards}};
    return {topic_string(Topic{station, TopicKind::guard_shift, device}), j.dump(), "", ""};
}

OutboxMessage status_message(const std::string& station, const std::string& team, const std::string& status,
                             const std::string& zone, const std::string& org, int members, TimePoint now) {
    nlohmann::json j{{"ts", format_rfc3339(now)}, {"status", status}, {"members", members}};
    if (!zone.empty()) j["zone"] = zone;
    if (!org.empty()) j["org"] = org;
    return {topic_string(Topic{station, TopicKind::outreach_status, team}), j.dump(), "", ""};
}

OutboxMessage ack_message(const std::string& station, const std::string& team, const std::string& dispatch, bool accept,
                          TimePoint now) {
    nlohmann::json j{{"dispatch", dispatch}, {"ts", format_rfc3339(now)}};
    if (!accept) j["accept"] = false;
    return {topic_string(Topic{station, TopicKind::outreach_ack, team}), j.dump(), "ack", dispatch};
}

OutboxMessage outcome_message(const std::string& station, const std::string& team, OutcomeFields f, TimePoint now) {
    nlohmann::json j{{"ts", format_rfc3339(now)}, {"outcome", f.outcome}};
    std::string receipt_id = f.dispatch;
    if (f.dispatch.empty()) {
        if (f.id.empty()) f.id = team + "-" + std::to_string(to_epoch_ms(now));
        j["id"] = receipt_id = f.id;
        j["zone"] = f.zone;
    } else {
        j["dispatch"] = f.dispatch;
    }
    if (!f.referred_to.empty()) j["referred_to"] = f.referred_to;
    if (!f.gender.empty()) j["gender"] = f.gender;
    if (!f.age_band.empty()) j["age_band"] = f.age_band;
    if (f.persons >= 0) j["persons"] = f.persons;
    if (f.women >= 0) j["women"] = f.women;
    if (f.men >= 0) j["men"] = f.men;
    for (const auto& spec : f.results) {
        auto eq = spec.find('=');
        if (eq == std::string::npos || eq == 0) throw std::invalid_argument("a result is OUTCOME=N or referred=N:TARGET: " + spec);
        auto colon = spec.find(':', eq);
        nlohmann::json r{{"outcome", spec.substr(0, eq)},
                         {"persons", std::stoi(spec.substr(eq + 1, colon == std::string::npos ? std::string::npos : colon - eq - 1))}};
        if (colon != std::string::npos) r["referred_to"] = spec.substr(colon + 1);
        j["results"].push_back(std::move(r));
    }
    return {topic_string(Topic{station, TopicKind::outreach_outcome, team}), j.dump(), "outcome", receipt_id};
}

} // namespace platslage::handheld
