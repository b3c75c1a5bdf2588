#include "audit_view.hpp"

#include "local_time.hpp"

#include <nlohmann/json.hpp>

namespace platslage::console {

std::optional<AlertAudit> parse_audit(const std::string& text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    try {
        AlertAudit a;
        a.target = j.at("target").get<std::string>();
        for (const auto& e : j.at("audit"))
            a.entries.push_back(AuditEntry{e.at("at").get<std::string>(), e.at("position").get<std::string>(),
                                           e.at("role").get<std::string>(), e.at("fingerprint").get<std::string>(),
                                           e.at("op").get<std::string>(), e.at("result").get<std::string>()});
        return a;
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

std::vector<std::string> audit_lines(const AlertAudit& audit) {
    std::vector<std::string> lines;
    for (const auto& e : audit.entries) {
        std::string who = e.position.empty() ? "?" : e.position;
        // Eight hex digits tell keys apart on screen; the audit table keeps all sixteen.
        std::string key = e.fingerprint.empty() ? "no key" : "key " + e.fingerprint.substr(0, 8);
        std::string outcome = e.result == "done" ? "done" : "REFUSED " + e.result;
        lines.push_back(local_clock_time(e.at) + "  " + e.op + " by " + who + " (" + e.role + ", " + key + "): " + outcome);
    }
    return lines;
}

} // namespace platslage::console
