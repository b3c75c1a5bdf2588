#pragma once
// Counts of the people a report, a team's outcome or an operator's resolve is about: how
// many were taken for women and for men (the rest are unknown), and, for one visit, how many
// came to each result ("two accepted support, one declined"). Counts only, never who: figures
// the partnership adds up month by month (core/statistics), and nothing that names anyone.
#include "json_fields.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace platslage {

// What an outreach visit came to. Each is also an alert outcome, so an alert closes with it.
inline constexpr std::array<std::string_view, 6> dispatch_outcomes{
    "contact_made", "support_offered", "support_accepted", "referred", "declined", "nobody_found"};
// Where a "referred" result sent someone: the partners, then the others the outreach team
// works with (their ids are the same as in the organisation list).
inline constexpr std::array<std::string_view, 10> referral_targets{
    "capio",  "psykiatri",         "socialjouren",  "night_shelter", "eu_team", "emergency_services",
    "polisen", "mariamottagningen", "ungdomsjouren", "äldrelotsen"};

// A referral target as the partnership writes it: "capio" → "Capio Vård för hemlösa".
std::string_view referral_title(std::string_view target);

// One result of a visit and the number of people it came to.
struct OutcomeResult {
    std::string outcome;     // one of dispatch_outcomes except nobody_found
    int persons = 0;         // at least 1
    std::string referred_to; // with "referred" only, and required there
    bool operator==(const OutcomeResult&) const = default;
};

// "women" and "men", each optional, together at most `persons` (the field named `of`). Fails `f` otherwise.
void read_women_and_men(FieldReader& f, int persons, int max, std::optional<int>& women, std::optional<int>& men,
                        const char* of = "persons");

// The optional "results" array: at most one entry per outcome, persons adding up to exactly
// `persons`, and `main_outcome` (the visit's own outcome) among them. Empty when absent.
// Fails `f` with the entry named otherwise.
std::vector<OutcomeResult> read_outcome_results(FieldReader& f, int persons, std::string_view main_outcome);

void put_women_and_men(nlohmann::json& j, const std::optional<int>& women, const std::optional<int>& men);
void put_outcome_results(nlohmann::json& j, const std::vector<OutcomeResult>& results);

// The people of a visit by result: `results` when given, else every person under the visit's
// own outcome and referral.
std::vector<OutcomeResult> results_or_whole(const std::vector<OutcomeResult>& results, const std::string& outcome,
                                            const std::string& referred_to, int persons);

} // namespace platslage
