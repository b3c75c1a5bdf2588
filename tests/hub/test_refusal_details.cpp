// docs/protocol.md quotes some refusals word for word ("Some details, word for word"). Each is
// sent here to the hub's own parts, and what comes back must be what the document says.
#include "hub_parts.hpp"

#include <fstream>
#include <sstream>

using namespace platslage;
using namespace platslage::test;

namespace {
// The second column of the table after the marker line, without its backticks, in order.
std::vector<std::string> documented_details() {
    std::ifstream in(std::string(PLATSLAGE_SOURCE_DIR) + "/docs/protocol.md");
    std::stringstream text;
    text << in.rdbuf();
    const std::string doc = text.str();
    auto at = doc.find("Some details, word for word");
    REQUIRE(at != std::string::npos);
    std::vector<std::string> out;
    std::istringstream lines(doc.substr(at));
    std::string line;
    bool in_table = false;
    while (std::getline(lines, line)) {
        if (line.rfind("| input", 0) == 0 || line.rfind("|---", 0) == 0) {
            in_table = true;
            continue;
        }
        if (in_table && line.rfind("| ", 0) != 0) break;
        if (!in_table) continue;
        auto open = line.find(" | `");
        REQUIRE(open != std::string::npos);
        auto detail = line.substr(open + 4);
        out.push_back(detail.substr(0, detail.rfind("` |")));
    }
    return out;
}

// The newest refusal the hub stored for this source: "reason: detail".
std::string stored_refusal(HubParts& parts, const std::string& source) {
    return sql_text(parts.db, "SELECT reason || ': ' || detail FROM refusals WHERE source LIKE '" + source + "%' ORDER BY id DESC LIMIT 1");
}

nlohmann::json report(const std::string& id) {
    return nlohmann::json{{"id", id}, {"ts", "2026-11-23T22:59:00Z"}, {"zone", "centralen.vantytor"}, {"kind", "observation"}, {"persons", 1}};
}
} // namespace

TEST_CASE("the refusals docs/protocol.md quotes are the hub's, word for word") {
    HubParts parts;
    const auto documented = documented_details();
    REQUIRE(documented.size() == 8);
    std::vector<std::string> got;
    const std::string topic = "platslage/v1/centralen/guard/hh-07/report";
    auto mqtt = [&](const nlohmann::json& payload) {
        parts.mqtt_in(topic, payload.dump());
        parts.take_inputs();
        got.push_back(stored_refusal(parts, "mqtt"));
    };
    auto command = [&](const nlohmann::json& c) { got.push_back(parts.command(c).text); };

    auto twice = report("r-1");
    twice["categories"] = {"sleeping", "sleeping"};
    mqtt(twice);
    auto long_note = report("r-2");
    long_note["note"] = std::string(501, 'x');
    mqtt(long_note);
    mqtt(report(std::string(65, 'a')));
    command({{"op", "dance"}, {"alert", "A-000001"}, {"by", "kc-1"}});
    command({{"op", "acknowledge"}, {"alert", "A-000001"}, {"by", "070-1234567"}});
    command({{"op", "acknowledge"}, {"alert", "A-1"}, {"by", "kc-1"}});
    parts.sensor_in(encode_occupancy(R"({"sensor":"198001011234","zone":"centralen.vantytor","ts":"2026-11-23T22:59:00Z","count":3})"));
    parts.take_inputs();
    got.push_back(stored_refusal(parts, "ingest"));
    parts.sensor_in(encode_occupancy(
        R"({"sensor":"axis-exit-south","zone":"cityterminalen.vanthall","ts":"2017-05-03T11:27:56+02:00","count":12})"));
    parts.take_inputs();
    got.push_back(stored_refusal(parts, "ingest"));

    CHECK(got == documented);
}

TEST_CASE("a tip's or a shift note's by is checked as written, even where the key's position stands in") {
    HubParts parts;
    auto note = parts.command({{"op", "shift_note"}, {"by", "070-1234567"}, {"text", "x"}});
    CHECK(note.text.rfind("bad_value: field 'by' must be an operator position", 0) == 0);
    auto tip = parts.command({{"op", "tip"},     {"by", "070-1234567"}, {"id", "t-1"}, {"from", "police"},
                              {"zone", "centralen.vantytor"}, {"seen", "2026-11-23T22:59:00Z"}, {"persons", 1}});
    CHECK(tip.text.rfind("bad_value: field 'by' must be an operator position", 0) == 0);
}
