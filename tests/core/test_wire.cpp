#include "wire.hpp"

#include <doctest/doctest.h>

using namespace platslage;

TEST_CASE("updates and heartbeats round-trip through their frames") {
    Update u{17, "zone/centralen.vantytor", R"({"occupancy":3})"};
    auto frames = encode_update(u, 99);
    CHECK(frames == Frames{"zone/centralen.vantytor", "PLS1", "17", "99", R"({"occupancy":3})"});
    auto p = decode_published(frames);
    REQUIRE(p);
    CHECK_FALSE(p->heartbeat);
    CHECK(p->update == u);
    CHECK(p->beat.epoch == 99);
    auto hb = decode_published(encode_heartbeat({17, 99}));
    REQUIRE(hb);
    CHECK(hb->heartbeat);
    CHECK(hb->beat.seq == 17);
    CHECK(hb->beat.epoch == 99);
}

TEST_CASE("requests and replies") {
    auto r = decode_request(encode_snapshot_request("zone/"));
    REQUIRE(r);
    CHECK(r->verb == Verb::snapshot);
    auto c = decode_request(encode_command_request(R"({"op":"note"})"));
    REQUIRE(c);
    CHECK(c->verb == Verb::command);
    CHECK(c->arg == R"({"op":"note"})");
    CHECK(decode_request({"PLS1", "COMMAND"}).rejection().reason == RejectReason::missing_field);
    auto h = decode_request(encode_history_request("centralen.vantytor"));
    REQUIRE(h);
    CHECK(h->verb == Verb::history);
    CHECK(h->arg == "centralen.vantytor");
    CHECK(decode_reply(encode_history("{}"))->kind == Reply::Kind::history);
    auto audit = decode_request(encode_audit_request("A-000042"));
    REQUIRE(audit);
    CHECK(audit->verb == Verb::audit);
    CHECK(audit->arg == "A-000042");
    CHECK(decode_request({"PLS1", "AUDIT"}).rejection().reason == RejectReason::missing_field);
    auto ok = decode_reply(encode_ok("{}"));
    REQUIRE(ok);
    CHECK(ok->kind == Reply::Kind::ok);
    CHECK(r->arg == "zone/");
    CHECK(decode_request({"PLS0", "SNAPSHOT"}).rejection().reason == RejectReason::wrong_version);
    CHECK(decode_request({"PLS1", "DANCE"}).rejection().reason == RejectReason::unknown_topic);
    auto end = decode_reply(encode_snapshot_end(40, 7));
    REQUIRE(end);
    CHECK(end->kind == Reply::Kind::end);
    CHECK(end->seq == 40);
    auto item = decode_reply(encode_snapshot_item("k", 40, "{}"));
    REQUIRE(item);
    CHECK(item->item.key == "k");
}

TEST_CASE("malformed frames are refused, not misread") {
    CHECK_FALSE(decode_published({"k", "PLS1", "12x", "1", "{}"}));
    CHECK_FALSE(decode_published({"k", "PLS1", "12", "{}"}));
    CHECK_FALSE(decode_published({"k", "PLS1", "12", "-", "{}"}));
    CHECK(decode_published({"k", "PLS2", "1", "1", "{}"}).rejection().reason == RejectReason::wrong_version);
    CHECK_FALSE(decode_ingest({"{\"count\":1}"}));
    CHECK(decode_ingest(encode_occupancy("{}"))->json == "{}");
    CHECK(decode_ingest(encode_occupancy("{}"))->kind == IngestKind::occupancy);
    CHECK(decode_ingest(encode_weather("{\"x\":1}"))->kind == IngestKind::weather);
    CHECK(decode_ingest({"PLS1", "RAIN", "{}"}).rejection().reason == RejectReason::unknown_topic);
    CHECK(decode_ingest({"PLS2", "WEATHER", "{}"}).rejection().reason == RejectReason::wrong_version);
    CHECK_FALSE(parse_decimal("-1"));
    CHECK_FALSE(parse_decimal("99999999999999999999999"));
}
