#include "fixtures.hpp"
#include "sample_reader.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

using namespace platslage;

namespace {
const TimePoint t0 = test::at("2026-11-23T08:00:00Z");

// Both readers on one text: the same sample, or the same refusal, word for word.
void agree(SampleReader& reader, const std::string& text) {
    CAPTURE(text);
    const auto& maps = test::real_maps();
    auto full = parse_occupancy_sample(text, maps, t0);
    auto quick = reader.read(text, maps, t0);
    REQUIRE(bool(quick) == bool(full));
    if (full) {
        CHECK(quick->sensor == full->sensor);
        CHECK(quick->zone == full->zone);
        CHECK(quick->ts == full->ts);
        CHECK(quick->count == full->count);
    } else {
        CHECK(quick.rejection().reason == full.rejection().reason);
        CHECK(quick.rejection().detail == full.rejection().detail);
    }
}

const std::string good =
    R"({"sensor":"axis-cent-hall-1","zone":"centralen.centralhallen","ts":"2026-11-23T07:59:58+01:00","count":412})";
} // namespace

TEST_CASE("a counter's plain sample is read the quick way, as the full reader reads it") {
    SampleReader reader;
    const std::vector<std::string> plain = {
        good,
        R"({"count":0,"ts":"2026-11-23T08:00:00Z","zone":"cityterminalen.vanthall","sensor":"xovis_city_2"})",
        R"(  { "sensor" : "axis-1" , "zone" : "centralen.centralhallen" , "ts" : "2026-11-23T08:09:59Z" , "count" : 100000 }  )",
    };
    for (const auto& text : plain)
        agree(reader, text);
    CHECK(reader.quick() == plain.size());
    CHECK(reader.full() == 0);
    auto s = reader.read(good, test::real_maps(), t0);
    REQUIRE(s);
    CHECK(s->sensor == "axis-cent-hall-1");
    CHECK(s->zone == "centralen.centralhallen");
    CHECK(s->ts == test::at("2026-11-23T06:59:58Z"));
    CHECK(s->count == 412);
}

TEST_CASE("whatever the quick path is not sure of goes to the full reader, which names what is wrong") {
    SampleReader reader;
    const std::string zone = R"("zone":"centralen.centralhallen")";
    const std::string ts = R"("ts":"2026-11-23T08:00:00Z")";
    const std::vector<std::string> others = {
        // Not for the quick path, yet sound: escapes, other whitespace, non-ASCII, a BOM.
        R"({"sens\u006fr":"axis-1",)" + zone + "," + ts + R"(,"count":3})",
        R"({"sensor":"axis\u002d1",)" + zone + "," + ts + R"(,"count":3})",
        "{\"sensor\":\"axis-1\",\n\t" + zone + "," + ts + ",\r\n\"count\":3}",
        "\xEF\xBB\xBF{\"sensor\":\"axis-1\"," + zone + "," + ts + ",\"count\":3}",
        // Refused, each for its own reason.
        R"({"sensor":"axis-1","sensor":"axis-2",)" + zone + "," + ts + R"(,"count":3})",
        R"({"sensor":"axis-1",)" + zone + "," + ts + R"(,"count":3,"name":"x"})",
        R"({"sensor":"axis-1",)" + zone + "," + ts + "}",
        R"({"sensor":null,)" + zone + "," + ts + R"(,"count":3})",
        R"({"sensor":7,)" + zone + "," + ts + R"(,"count":3})",
        R"({"sensor":"axis-1",)" + zone + "," + ts + R"(,"count":-0})",
        R"({"sensor":"axis-1",)" + zone + "," + ts + R"(,"count":3.0})",
        R"({"sensor":"axis-1",)" + zone + "," + ts + R"(,"count":3e2})",
        R"({"sensor":"axis-1",)" + zone + "," + ts + R"(,"count":012})",
        R"({"sensor":"axis-1",)" + zone + "," + ts + R"(,"count":"3"})",
        R"({"sensor":"axis-1",)" + zone + "," + ts + R"(,"count":100001})",
        R"({"sensor":"axis-1",)" + zone + "," + ts + R"(,"count":18446744073709551616})",
        R"({"sensor":"axis-1",)" + zone + "," + ts + R"(,"count":{"n":3}})",
        R"({"sensor":")" + std::string(65, 'a') + "\"," + zone + "," + ts + R"(,"count":3})",
        R"({"sensor":")" + std::string(64, 'a') + "\"," + zone + "," + ts + R"(,"count":3})",
        R"({"sensor":"axis 1",)" + zone + "," + ts + R"(,"count":3})",
        R"({"sensor":"19121212-1212",)" + zone + "," + ts + R"(,"count":3})",
        R"({"sensor":"axis-1","zone":"centralen.nowhere",)" + ts + R"(,"count":3})",
        R"({"sensor":"axis-1",)" + zone + R"(,"ts":"2026-11-23T08:10:01Z","count":3})",
        R"({"sensor":"axis-1",)" + zone + R"(,"ts":"2026-11-23 08:00","count":3})",
        R"({"sensor":"axis-1",)" + zone + "," + ts + R"(,"count":3}x)",
        R"({"sensor":"axis-1",)" + zone + "," + ts + R"(,"count":3}{})",
        R"({"sensor":"axis-1",)" + zone + "," + ts + R"(,"count":3,})",
        R"({"sensor":"axis-1",)" + zone + "," + ts + R"(,"count":3)",
        R"({"sensor":"axis-1)",
        R"([{"sensor":"axis-1",)" + zone + "," + ts + R"(,"count":3}])",
        R"("axis-1")",
        "",
        "{}",
        "{\"sensor\":\"axis-\xC3\x28\"," + zone + "," + ts + ",\"count\":3}",
        "{\"sensor\":\"axis-1\"," + zone + "," + ts + ",\"count\":3}" + std::string(1000, ' '),
    };
    for (const auto& text : others)
        agree(reader, text);
    CHECK(reader.full() == others.size());
    CHECK(reader.quick() == 0);
}

TEST_CASE("the two readers agree on a sample changed a byte at a time") {
    // Every change of one byte that keeps it printable, and deletions and doubled bytes,
    // at every position of a counter's sample: tens of thousands of near misses.
    SampleReader reader;
    std::mt19937 random(16);
    std::size_t variants = 0;
    for (std::size_t at = 0; at < good.size(); ++at) {
        std::string deleted = good;
        deleted.erase(at, 1);
        agree(reader, deleted);
        std::string doubled = good;
        doubled.insert(at, 1, good[at]);
        agree(reader, doubled);
        for (int c = 0x20; c <= 0x7e; ++c) {
            std::string changed = good;
            changed[at] = static_cast<char>(c);
            agree(reader, changed);
        }
        for (int i = 0; i < 8; ++i) {
            std::string changed = good;
            changed[at] = static_cast<char>(random() % 256);
            agree(reader, changed);
        }
        variants += 2 + (0x7e - 0x20 + 1) + 8;
    }
    CHECK(reader.quick() + reader.full() == variants);
    CHECK(reader.quick() > 0); // the digits of the count and the letters of the id stay samples
    CHECK(reader.full() > 0);
}
