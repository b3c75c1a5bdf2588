#include "person_counts.hpp"

#include <algorithm>

namespace platslage {

std::string_view referral_title(std::string_view target) {
    static constexpr std::array<std::string_view, referral_targets.size()> titles{
        "Capio Vård för hemlösa", "Psykiatrin",        "Socialjouren",  "Natthärbärge", "EU-teamet", "Ambulans/räddning",
        "Polisen",                "Mariamottagningen", "Ungdomsjouren", "Äldrelotsen"};
    for (std::size_t i = 0; i < referral_targets.size(); ++i)
        if (referral_targets[i] == target) return titles[i];
    return target;
}

void read_women_and_men(FieldReader& f, int persons, int max, std::optional<int>& women, std::optional<int>& men,
                        const char* of) {
    auto w = f.integer("women", 0, max, /*required=*/false);
    auto m = f.integer("men", 0, max, /*required=*/false);
    if (f.failed()) return;
    if (w) women = static_cast<int>(*w);
    if (m) men = static_cast<int>(*m);
    if (women.value_or(0) + men.value_or(0) > persons)
        f.fail(RejectReason::bad_value, std::string("'women' and 'men' together are more than '") + of + "'");
}

std::vector<OutcomeResult> read_outcome_results(FieldReader& f, int persons, std::string_view main_outcome) {
    std::vector<OutcomeResult> out;
    if (f.failed() || !f.has("results")) return out;
    const auto& list = f.object().at("results");
    // Every outcome but nobody_found, each at most once.
    constexpr std::size_t most = dispatch_outcomes.size() - 1;
    if (!list.is_array() || list.empty() || list.size() > most) {
        f.fail(RejectReason::bad_value, "field 'results' must be a list of 1-" + std::to_string(most) + " results");
        return {};
    }
    int sum = 0;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& item = list[i];
        const std::string where = "results[" + std::to_string(i) + "]";
        if (!item.is_object()) {
            f.fail(RejectReason::bad_value, where + " must be an object");
            return {};
        }
        FieldReader r(item);
        r.only({"outcome", "persons", "referred_to"});
        auto outcome = r.one_of("outcome", dispatch_outcomes);
        auto n = r.integer("persons", 1, 500);
        auto to = r.one_of("referred_to", referral_targets, /*required=*/false);
        if (r.failed()) {
            f.fail(r.failure().reason, where + ": " + r.failure().detail);
            return {};
        }
        if (*outcome == "nobody_found") {
            f.fail(RejectReason::bad_value, where + ": 'nobody_found' is no result for people who were met");
            return {};
        }
        if ((*outcome == "referred") != to.has_value()) {
            f.fail(*outcome == "referred" ? RejectReason::missing_field : RejectReason::bad_value,
                   where + ": 'referred_to' goes with outcome 'referred', and only there");
            return {};
        }
        if (std::any_of(out.begin(), out.end(), [&](const OutcomeResult& o) { return o.outcome == *outcome; })) {
            f.fail(RejectReason::bad_value, where + ": outcome '" + *outcome + "' is already in the list");
            return {};
        }
        out.push_back(OutcomeResult{*outcome, static_cast<int>(*n), to.value_or("")});
        sum += static_cast<int>(*n);
    }
    if (sum != persons) {
        f.fail(RejectReason::bad_value, "the persons of 'results' add up to " + std::to_string(sum) + ", not to 'persons' (" +
                                            std::to_string(persons) + ")");
        return {};
    }
    if (std::none_of(out.begin(), out.end(), [&](const OutcomeResult& o) { return o.outcome == main_outcome; })) {
        f.fail(RejectReason::bad_value, "the outcome '" + std::string(main_outcome) + "' must be one of 'results'");
        return {};
    }
    return out;
}

void put_women_and_men(nlohmann::json& j, const std::optional<int>& women, const std::optional<int>& men) {
    if (women) j["women"] = *women;
    if (men) j["men"] = *men;
}

void put_outcome_results(nlohmann::json& j, const std::vector<OutcomeResult>& results) {
    if (results.empty()) return;
    auto& list = j["results"] = nlohmann::json::array();
    for (const auto& r : results) {
        nlohmann::json item{{"outcome", r.outcome}, {"persons", r.persons}};
        if (!r.referred_to.empty()) item["referred_to"] = r.referred_to;
        list.push_back(std::move(item));
    }
}

std::vector<OutcomeResult> results_or_whole(const std::vector<OutcomeResult>& results, const std::string& outcome,
                                            const std::string& referred_to, int persons) {
    if (!results.empty()) return results;
    return {OutcomeResult{outcome, persons, referred_to}};
}

} // namespace platslage
