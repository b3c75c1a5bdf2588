// The request desk over a real ROUTER: STATUS, HISTORY, SNAPSHOT, STATS and refusals of what
// is not a request, each answered to the envelope it came with.
#include "follow_up.hpp"
#include "hub_parts.hpp"
#include "table_codec.hpp"
#include "table_csv.hpp"

#include <algorithm>
#include <thread>

using namespace platslage;
using namespace platslage::test;

TEST_CASE("STATUS tells the hub's counts, and the STATUS verb's answer is the status part's") {
    HubParts parts;
    parts.mqtt_in("platslage/v1/centralen/guard/hh-07/report",
                  report_json("r-1", "centralen.vantytor", 2, {"sleeping"}, parts.clock.now()));
    parts.take_inputs();
    parts.clock.advance(std::chrono::seconds(90));

    auto replies = parts.ask(encode_status_request());
    REQUIRE(replies.size() == 1);
    REQUIRE(replies[0].kind == Reply::Kind::status);
    auto status = nlohmann::json::parse(replies[0].text);
    CHECK(status["epoch"] == parts.hub.epoch);
    CHECK(status["seq"] == parts.hub.situation.state().sequence());
    CHECK(status["events_in"] == 1);
    CHECK(status["reports_stored"] == 1);
    CHECK(status["uptime_s"].get<std::int64_t>() >= 90);
    CHECK(status["mqtt"] == "connected");
    CHECK(status["rejected"]["total"] == 0);
    CHECK(status["snapshots"]["completed"] == 0);
    CHECK(replies[0].text == parts.status.json(true, parts.requests.snapshot_counts(), parts.requests.follow_up_counts()));

    parts.mqtt.up = false;
    replies = parts.ask(encode_status_request());
    REQUIRE(replies.size() == 1);
    CHECK(nlohmann::json::parse(replies[0].text)["mqtt"] == "disconnected");
    auto line = parts.status.line(false);
    CHECK(line.rfind("status: events_in=1 duplicates=0 centralen=", 0) == 0);
    CHECK(line.find(" mqtt=down seq=" + std::to_string(parts.hub.situation.state().sequence())) != std::string::npos);
}

TEST_CASE("HISTORY answers a zone's counts from memory; an unknown zone is refused and counted") {
    HubParts parts;
    parts.sensor_in(encode_occupancy(nlohmann::json{{"sensor", "axis-1"},
                                                    {"zone", "centralen.centralhallen"},
                                                    {"ts", format_rfc3339(parts.clock.now())},
                                                    {"count", 120}}
                                         .dump()));
    parts.take_inputs();

    auto replies = parts.ask(encode_history_request("centralen.centralhallen"));
    REQUIRE(replies.size() == 1);
    REQUIRE(replies[0].kind == Reply::Kind::history);
    auto history = nlohmann::json::parse(replies[0].text);
    CHECK(history["zone"] == "centralen.centralhallen");
    CHECK(history["to_ms"] == to_epoch_ms(parts.clock.now()));
    REQUIRE(history["counts"].size() == 1);
    CHECK(history["counts"][0][1] == 120);

    replies = parts.ask(encode_history_request("centralen.<nowhere>"));
    REQUIRE(replies.size() == 1);
    CHECK(replies[0].kind == Reply::Kind::error);
    CHECK(replies[0].text.rfind("unknown_zone: '", 0) == 0);
    CHECK(replies[0].text.find("' is not in the maps") != std::string::npos);
    CHECK(parts.refusals.counters().of(RejectReason::unknown_zone) == 1);
}

TEST_CASE("a frame that is no request gets an ERROR with its reason, and the desk goes on") {
    HubParts parts;
    auto replies = parts.ask(Frames{"PLS1", "GOSSIP", "x"});
    REQUIRE(replies.size() == 1);
    CHECK(replies[0].kind == Reply::Kind::error);
    CHECK(replies[0].text.find(": ") != std::string::npos);
    CHECK(parts.refusals.counters().total() == 1);
    replies = parts.ask(Frames{"PLS9", "STATUS"});
    REQUIRE(replies.size() == 1);
    CHECK(replies[0].kind == Reply::Kind::error);
    CHECK(parts.refusals.counters().total() == 2);
    replies = parts.ask(encode_status_request());
    REQUIRE(replies.size() == 1);
    CHECK(replies[0].kind == Reply::Kind::status);
}

TEST_CASE("a REQ client's envelope comes back as it came") {
    HubParts parts;
    zmq::socket_t req(parts.ctx, zmq::socket_type::req);
    req.set(zmq::sockopt::linger, 0);
    req.connect(parts.router_at);
    send_frames(req, encode_status_request());
    REQUIRE(HubParts::wait_for(parts.requests.router(), 1000));
    parts.requests.serve(true);
    REQUIRE(HubParts::wait_for(req, 1000));
    auto reply = decode_reply(*recv_frames(req, true));
    REQUIRE(reply);
    CHECK(reply->kind == Reply::Kind::status);
}

TEST_CASE("a snapshot arrives whole: every entry under the prefix, then END with its number") {
    HubParts parts;
    for (int i = 0; i < 30; ++i)
        parts.mqtt_in("platslage/v1/centralen/guard/hh-07/report",
                      report_json("r-" + std::to_string(i), "centralen.vantytor", 1, {"sleeping"}, parts.clock.now()));
    parts.take_inputs();
    const auto& entries = parts.hub.situation.state().entries();
    REQUIRE(entries.size() > 30);
    auto seq = parts.hub.situation.state().sequence();

    auto replies = parts.ask(encode_snapshot_request(""));
    REQUIRE(replies.size() == entries.size() + 1);
    std::map<std::string, std::string> got;
    for (std::size_t i = 0; i + 1 < replies.size(); ++i) {
        REQUIRE(replies[i].kind == Reply::Kind::item);
        got[replies[i].item.key] = replies[i].item.body;
    }
    CHECK(got == entries);
    REQUIRE(replies.back().kind == Reply::Kind::end);
    CHECK(replies.back().seq == seq);
    CHECK(replies.back().epoch == parts.hub.epoch);
    CHECK(parts.requests.snapshot_counts().completed == 1);
    CHECK_FALSE(parts.requests.sending_snapshots());

    // Only the keys under a prefix.
    replies = parts.ask(encode_snapshot_request("zone/centralen."));
    REQUIRE_FALSE(replies.empty());
    CHECK(replies.back().kind == Reply::Kind::end);
    for (std::size_t i = 0; i + 1 < replies.size(); ++i) CHECK(replies[i].item.key.rfind("zone/centralen.", 0) == 0);
}

namespace {
// Serves until `n` replies have come (the worker counts off the loop), for up to ten seconds.
std::vector<Reply> serve_until(HubParts& parts, std::size_t n) {
    std::vector<Reply> out;
    for (int i = 0; i < 10000 && out.size() < n; ++i) {
        HubParts::wait_for(parts.requests.follow_up_answers(), 1);
        parts.requests.serve(true);
        while (auto frames = recv_frames(parts.client, true)) {
            auto r = decode_reply(*frames);
            REQUIRE(r);
            out.push_back(*r);
        }
    }
    return out;
}
} // namespace

TEST_CASE("STATS: the partnership's tables, counted off the loop, the same as platslage-report's") {
    HubParts parts;
    // Three reports in November (Stockholm time): 5 people, of them 1 woman, in Väntytor and Centralhallen.
    parts.mqtt_in("platslage/v1/centralen/guard/hh-07/report",
                  nlohmann::json{{"id", "r-1"}, {"ts", format_rfc3339(parts.clock.now())}, {"zone", "centralen.vantytor"},
                                 {"kind", "observation"}, {"persons", 3}, {"women", 1}, {"men", 2}, {"categories", {"sleeping"}}}
                      .dump());
    parts.mqtt_in("platslage/v1/centralen/guard/hh-07/report",
                  report_json("r-2", "centralen.centralhallen", 2, {"needs_care"}, parts.clock.now()));
    parts.mqtt_in("platslage/v1/cityterminalen/guard/hh-08/report",
                  report_json("r-3", "cityterminalen.vanthall", 4, {"sleeping"}, parts.clock.now()));
    parts.take_inputs();

    const char* query = R"({"from":"2026-11","to":"2026-12","station":"centralen"})";
    send_frames(parts.client, encode_stats_request(query));
    auto replies = serve_until(parts, 1);
    REQUIRE(replies.size() == 1);
    REQUIRE(replies[0].kind == Reply::Kind::stats);
    auto answer = decode_stats_answer(replies[0].text);
    REQUIRE(answer);
    CHECK(answer->query == *parse_stats_query(query));
    CHECK(answer->counted_at == parts.clock.now());

    // What platslage-report counts from the same log, with the same query, cell for cell.
    auto direct = follow_up_tables(parts.log, parts.hub.zones, answer->query, parts.clock.now());
    REQUIRE(answer->tables.size() == direct.tables.size());
    for (std::size_t i = 0; i < direct.tables.size(); ++i) CHECK(table_csv(answer->tables[i]) == table_csv(direct.tables[i]));
    // Centralen's reports only: 5 people, the one woman hidden and sent without her count.
    const auto& reports = answer->tables.front();
    REQUIRE(reports.id == "rapporter");
    REQUIRE(reports.rows.size() == 3); // November, December, the total
    CHECK(cell_text(reports.rows[0].cells[3]) == "5");
    CHECK(reports.rows[0].cells[4].hidden);
    CHECK_FALSE(reports.rows[0].cells[4].value);
    CHECK(nlohmann::json::parse(parts.status.json(true, parts.requests.snapshot_counts(), parts.requests.follow_up_counts()))
              ["statistics"]["answered"] == 1);
}

TEST_CASE("STATS: a wrong query is refused with its reason and counted; a flood is answered busy") {
    HubParts parts;
    auto refused = [&](const std::string& query) {
        auto r = parts.ask(encode_stats_request(query));
        REQUIRE(r.size() == 1);
        CHECK(r[0].kind == Reply::Kind::error);
        return r[0].text;
    };
    CHECK(refused(R"({"from":"2026-12","to":"2026-11"})") == "bad_value: to is before from");
    CHECK(refused(R"({"from":"2026-11","to":"2026-12","station":"slussen"})") == "unknown_station: 'slussen' is not in the maps");
    CHECK(refused(R"({"from":"2026-11","to":"2026-12","station":"centralen","zone":"cityterminalen.vanthall"})") ==
          "unknown_zone: 'cityterminalen.vanthall' is not a zone of centralen");
    CHECK(refused("{").rfind("malformed_json: ", 0) == 0);
    CHECK(parts.refusals.counters().total() == 4);
    CHECK(parts.refusals.counters().of(RejectReason::unknown_station) == 1);

    // Six at once: four are counted, the rest told to wait. No queue grows behind a client asking in a loop.
    for (int i = 0; i < 6; ++i) send_frames(parts.client, encode_stats_request(R"({"from":"2026-11","to":"2026-11"})"));
    // All six are at the ROUTER before its first turn, so that one turn takes them all.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto replies = serve_until(parts, 6);
    REQUIRE(replies.size() == 6);
    auto answered = std::count_if(replies.begin(), replies.end(), [](const Reply& r) { return r.kind == Reply::Kind::stats; });
    auto busy = std::count_if(replies.begin(), replies.end(),
                              [](const Reply& r) { return r.kind == Reply::Kind::error && r.text.rfind("busy: ", 0) == 0; });
    CHECK(answered == static_cast<long>(max_follow_up_waiting));
    CHECK(busy == 6 - static_cast<long>(max_follow_up_waiting));
    CHECK(parts.requests.follow_up_counts().busy == 2);
    CHECK(parts.requests.follow_up_counts().answered == 4);
}
