#pragma once
// What the reference handheld sends, built as docs/protocol.md writes it. The hub checks
// every field; the handheld only puts them together and stamps the time.
#include "clock.hpp"
#include "outbox_file.hpp"

#include <string>
#include <vector>

namespace platslage::handheld {

struct ReportFields {
    std::string id; // empty: "<device>-<ms since 1970>"
    std::string zone;
    std::string kind = "observation";
    int persons = 0;
    int women = -1, men = -1; // how many of them the guard took for women and men; -1: not said
    std::vector<std::string> categories;
    std::string note;
};

struct OutcomeFields {
    std::string dispatch; // empty: a contact of the team's own round, named by `id` and `zone`
    std::string outcome;
    std::string referred_to;
    std::string gender;
    std::string age_band;
    int persons = -1; // -1: left to the hub's default
    int women = -1, men = -1; // -1: not said
    // One visit's several results, each "OUTCOME=N" or "referred=N:TARGET" ("support_accepted=2").
    std::vector<std::string> results;
    std::string id;   // a round contact's id; empty: "<team>-<ms since 1970>"
    std::string zone; // a round contact's zone
};

OutboxMessage report_message(const std::string& station, const std::string& device, ReportFields f, TimePoint now);
OutboxMessage shift_message(const std::string& station, const std::string& device, bool starts, int guards, TimePoint now);
OutboxMessage status_message(const std::string& station, const std::string& team, const std::string& status,
                             const std::string& zone, const std::string& org, int members, TimePoint now);
OutboxMessage ack_message(const std::string& station, const std::string& team, const std::string& dispatch, bool accept,
                          TimePoint now);
// Throws std::invalid_argument on a result that is not "OUTCOME=N" or "referred=N:TARGET".
OutboxMessage outcome_message(const std::string& station, const std::string& team, OutcomeFields f, TimePoint now);

} // namespace platslage::handheld
