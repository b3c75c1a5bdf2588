// The input desk and the publisher behind it: inputs are checked, committed in one
// transaction, and only then published with their numbers and answered with receipts.
#include "hub_parts.hpp"

using namespace platslage;
using namespace platslage::test;

namespace {
const std::string report_topic = "platslage/v1/centralen/guard/hh-07/report";
const std::string receipt_topic = "platslage/v1/centralen/guard/hh-07/receipt";

std::string sample(const std::string& zone, int count, TimePoint ts) {
    return nlohmann::json{{"sensor", "axis-1"}, {"zone", zone}, {"ts", format_rfc3339(ts)}, {"count", count}}.dump();
}
} // namespace

TEST_CASE("an occupancy sample pushed to the input desk is stored, and published with its number") {
    HubParts parts;
    auto before = parts.hub.situation.state().sequence();
    parts.sensor_in(encode_occupancy(sample("centralen.centralhallen", 412, parts.clock.now())));
    parts.take_inputs();

    CHECK(parts.log.event_count() == 1);
    CHECK(sql_count(parts.db, "SELECT count(*) FROM events WHERE kind='occupancy'") == 1);
    CHECK(parts.hub.accepted == 1);
    auto updates = parts.published();
    REQUIRE_FALSE(updates.empty());
    // Numbered one after another from where the picture was, under the hub's epoch.
    for (std::size_t i = 0; i < updates.size(); ++i) {
        CHECK(updates[i].update.seq == before + i + 1);
        CHECK(updates[i].beat.epoch == parts.hub.epoch);
    }
    CHECK(updates.back().update.seq == parts.hub.situation.state().sequence());
    bool zone_seen = false;
    for (const auto& p : updates)
        if (p.update.key == "zone/centralen.centralhallen") {
            zone_seen = true;
            CHECK(nlohmann::json::parse(p.update.body)["occupancy"] == 412);
        }
    CHECK(zone_seen);
}

TEST_CASE("a sensor's broken frames are refused and stored as refusals, not events") {
    HubParts parts;
    parts.sensor_in(encode_occupancy(sample("centralen.nowhere", 3, parts.clock.now())));
    parts.sensor_in(Frames{"PLS1", "GOSSIP", "{}"});
    parts.take_inputs();
    CHECK(parts.log.event_count() == 0);
    CHECK(sql_count(parts.db, "SELECT count(*) FROM refusals WHERE source='ingest'") == 2);
    CHECK(parts.refusals.counters().total() == 2);
    CHECK(parts.refusals.counters().of(RejectReason::unknown_zone) == 1);
    CHECK(parts.published().empty());
}

TEST_CASE("a guard report gets its 'stored' receipt only after its commit, and a repeat gets 'duplicate'") {
    HubParts parts;
    std::vector<std::int64_t> stored_when_sent;
    parts.mqtt.on_publish = [&](const FakeMqtt::Sent&) { stored_when_sent.push_back(parts.log.report_count()); };
    auto report = report_json("r-1", "centralen.vantytor", 2, {"sleeping"}, parts.clock.now());
    parts.mqtt_in(report_topic, report);
    parts.take_inputs();

    auto receipts = parts.receipts(receipt_topic);
    REQUIRE(receipts.size() == 1);
    CHECK(receipts[0].status == ReceiptStatus::stored);
    CHECK(receipts[0].id == "r-1");
    REQUIRE(stored_when_sent.size() == 1);
    CHECK(stored_when_sent[0] == 1); // on disk before the receipt went out
    CHECK(parts.mqtt.sent[0].qos == 1);
    CHECK_FALSE(parts.published().empty());

    parts.mqtt_in(report_topic, report);
    parts.take_inputs();
    receipts = parts.receipts(receipt_topic);
    REQUIRE(receipts.size() == 2);
    CHECK(receipts[1].status == ReceiptStatus::duplicate);
    CHECK(parts.log.report_count() == 1);
    CHECK(parts.hub.duplicates == 1);
}

TEST_CASE("a batch that cannot be stored gets no receipt and changes nothing") {
    HubParts parts;
    run_sql(parts.db, "CREATE TRIGGER no_room BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    parts.mqtt_in(report_topic, report_json("r-1", "centralen.vantytor", 1, {"sleeping"}, parts.clock.now()));
    parts.take_inputs();
    CHECK(parts.mqtt.sent.empty()); // the handheld keeps the report and sends it again
    CHECK(parts.hub.storage.failures() == 1);
    CHECK(parts.hub.accepted == 0);
    CHECK(parts.published().empty());

    run_sql(parts.db, "DROP TRIGGER no_room");
    parts.mqtt_in(report_topic, report_json("r-1", "centralen.vantytor", 1, {"sleeping"}, parts.clock.now()));
    parts.take_inputs();
    auto receipts = parts.receipts(receipt_topic);
    REQUIRE(receipts.size() == 1);
    CHECK(receipts[0].status == ReceiptStatus::stored);
}

TEST_CASE("a refused report gets a 'refused' receipt with its reason, and the refusal is kept") {
    HubParts parts;
    parts.mqtt_in(report_topic, report_json("r-2", "centralen.nowhere", 1, {"sleeping"}, parts.clock.now()));
    // Too large to have been copied: refused by its size, its id unknown.
    parts.inbox.push(MqttMessage{report_topic, "", max_report_bytes + 1, report_topic.size()});
    parts.take_inputs();

    auto receipts = parts.receipts(receipt_topic);
    REQUIRE(receipts.size() == 2);
    CHECK(receipts[0].status == ReceiptStatus::refused);
    CHECK(receipts[0].id == "r-2");
    CHECK(receipts[0].reason == "unknown_zone");
    CHECK_FALSE(receipts[0].detail.empty());
    CHECK(receipts[1].status == ReceiptStatus::refused);
    CHECK(receipts[1].reason == "oversize");
    CHECK_FALSE(receipts[1].id);
    CHECK(parts.log.report_count() == 0);
    CHECK(sql_count(parts.db, "SELECT count(*) FROM refusals WHERE source='mqtt' AND topic='" + report_topic + "'") == 2);
    CHECK(parts.published().empty());
}

TEST_CASE("refusals beyond a source's share are only counted, and stored as counts when the window ends") {
    auto cfg = parts_config();
    cfg.refusals_per_source = 2;
    HubParts parts(cfg);
    for (int i = 0; i < 5; ++i)
        parts.mqtt_in(report_topic, report_json("r-" + std::to_string(i), "centralen.nowhere", 1, {}, parts.clock.now()));
    parts.take_inputs();

    CHECK(parts.receipts(receipt_topic).size() == 2);
    CHECK(sql_count(parts.db, "SELECT count(*) FROM refusals") == 2);
    CHECK(parts.refusals.counters().total() == 5);
    CHECK(parts.refusals.held_back_total() == 3);

    parts.refusals.store_held_back(parts.clock.now(), /*flush=*/false);
    CHECK(sql_count(parts.db, "SELECT count(*) FROM refusals_held_back") == 0); // the window is still open
    parts.clock.advance(std::chrono::seconds(parts.cfg.refusal_window_s + 1));
    parts.refusals.store_held_back(parts.clock.now(), /*flush=*/false);
    CHECK(sql_count(parts.db, "SELECT sum(count) FROM refusals_held_back") == 3);
}

TEST_CASE("the publisher sends a heartbeat only when nothing else went out for a while") {
    HubParts parts;
    parts.publisher.heartbeat_if_idle();
    parts.clock.advance(Millis(parts.cfg.heartbeat_ms - 1));
    parts.publisher.heartbeat_if_idle();
    CHECK_FALSE(HubParts::wait_for(parts.console, 20));

    parts.clock.advance(Millis(1));
    parts.publisher.heartbeat_if_idle();
    REQUIRE(HubParts::wait_for(parts.console, 1000));
    auto beat = decode_published(*recv_frames(parts.console, true));
    REQUIRE(beat);
    CHECK(beat->heartbeat);
    CHECK(beat->beat.seq == parts.hub.situation.state().sequence());
    CHECK(beat->beat.epoch == parts.hub.epoch);

    // An update counts as a sign of life: no heartbeat right after it.
    parts.clock.advance(Millis(parts.cfg.heartbeat_ms));
    parts.sensor_in(encode_occupancy(sample("centralen.centralhallen", 10, parts.clock.now())));
    parts.take_inputs();
    REQUIRE_FALSE(parts.published().empty());
    parts.clock.advance(Millis(parts.cfg.heartbeat_ms - 1));
    parts.publisher.heartbeat_if_idle();
    CHECK_FALSE(HubParts::wait_for(parts.console, 20));
}

TEST_CASE("a contact of a pair's own round is receipted on its own id, stored once, and a bad one refused by name") {
    HubParts parts;
    const std::string topic = "platslage/v1/centralen/outreach/team-01/outcome";
    const std::string receipts_on = "platslage/v1/centralen/outreach/team-01/receipt";
    auto contact = R"({"id":"c-7","zone":"centralen.vantytor","ts":")" + format_rfc3339(parts.clock.now()) +
                   R"(","outcome":"support_offered","persons":2,"women":1,"men":1})";
    parts.mqtt_in(topic, contact);
    parts.take_inputs();
    parts.mqtt_in(topic, contact); // the handheld did not hear the receipt and sent it again
    parts.take_inputs();
    auto receipts = parts.receipts(receipts_on);
    REQUIRE(receipts.size() == 2);
    CHECK(receipts[0].id == "c-7");
    CHECK(receipts[0].status == ReceiptStatus::stored);
    CHECK(receipts[1].status == ReceiptStatus::duplicate);
    CHECK(parts.log.event_count() == 1);

    parts.mqtt_in(topic, R"({"id":"c-8","zone":"cityterminalen.vanthall","ts":")" + format_rfc3339(parts.clock.now()) +
                             R"(","outcome":"contact_made"})");
    parts.take_inputs();
    receipts = parts.receipts(receipts_on);
    REQUIRE(receipts.size() == 3);
    CHECK(receipts[2].id == "c-8");
    CHECK(receipts[2].status == ReceiptStatus::refused);
    CHECK(receipts[2].detail == "zone 'cityterminalen.vanthall' is not at station 'centralen'");
}

TEST_CASE("the loop's steps: a batch is stored while the next is read, and each is answered after its own commit") {
    HubParts parts;
    std::vector<std::int64_t> stored_when_sent;
    parts.mqtt.on_publish = [&](const FakeMqtt::Sent&) { stored_when_sent.push_back(parts.log.report_count()); };
    CHECK_FALSE(parts.inputs.waiting(parts.inbox));
    parts.mqtt_in(report_topic, report_json("r-1", "centralen.vantytor", 1, {"sleeping"}, parts.clock.now()));
    CHECK(parts.inputs.waiting(parts.inbox));
    parts.inputs.read(parts.inbox);
    CHECK_FALSE(parts.inputs.waiting(parts.inbox));
    // Stamped when handed to the writer, not when read: the loop's tick may lie between.
    parts.clock.advance(std::chrono::seconds(2));
    auto handed = parts.clock.now();
    parts.inputs.store();

    parts.mqtt_in(report_topic, report_json("r-2", "centralen.vantytor", 2, {"sleeping"}, parts.clock.now()));
    parts.inputs.read(parts.inbox); // while r-1 is being stored
    CHECK(parts.mqtt.sent.empty()); // nothing is answered before its batch is settled
    parts.inputs.settle();
    auto receipts = parts.receipts(receipt_topic);
    REQUIRE(receipts.size() == 1);
    CHECK(receipts[0].id == "r-1");
    CHECK(receipts[0].status == ReceiptStatus::stored);
    CHECK(stored_when_sent == std::vector<std::int64_t>{1});
    CHECK(parts.hub.accepted == 1);
    CHECK(sql_count(parts.db, "SELECT heard_ms FROM events") == to_epoch_ms(handed));

    parts.inputs.store();
    parts.inputs.settle();
    receipts = parts.receipts(receipt_topic);
    REQUIRE(receipts.size() == 2);
    CHECK(receipts[1].id == "r-2");
    CHECK(stored_when_sent == std::vector<std::int64_t>{1, 2});
    CHECK(parts.hub.accepted == 2);
    parts.inputs.settle(); // nothing with the writer: nothing happens
    CHECK(parts.mqtt.sent.size() == 2);

    // A sensor's frame waiting on the ingest socket counts as waiting too.
    parts.sensor_in(encode_occupancy(sample("centralen.centralhallen", 12, parts.clock.now())));
    CHECK(parts.inputs.waiting(parts.inbox));
}
