// ZeroMQ messages of protocol PLS1 as plain frames: what a console receives from the hub's PUB
// (decode_published) and ROUTER (decode_reply), and what the hub receives on its ROUTER
// (decode_request) and PULL (decode_ingest) sockets.
//
// Input: one selector byte ('0' published, '1' request, '2' reply, '3' ingest), then the
// frames separated by '\n'. The decoders treat frame contents as opaque apart from fixed
// words and decimal numbers, so a frame that cannot hold a newline loses no coverage, and
// the corpus stays readable.
#include "harness.hpp"
#include "wire.hpp"

#include <string>

using namespace platslage;
using namespace platslage::fuzz;

namespace {

Frames split_frames(std::string_view in) {
    Frames frames;
    std::size_t start = 0;
    while (true) {
        auto nl = in.find('\n', start);
        frames.emplace_back(in.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return frames;
}

// A number frame as the hub writes it: re-encoding it gives back the same bytes.
bool canonical(const std::string& frame, std::uint64_t n) { return frame == std::to_string(n); }

void published(const Frames& f) {
    auto p = decode_published(f);
    if (!accepted(p)) return;
    FUZZ_REQUIRE(f.size() == 5 && f[1] == wire_version);
    FUZZ_REQUIRE(p->heartbeat == (f[0] == heartbeat_key));
    Frames again = p->heartbeat ? encode_heartbeat(p->beat) : encode_update(p->update, p->beat.epoch);
    auto back = decode_published(again);
    FUZZ_REQUIRE(back.ok());
    FUZZ_REQUIRE(back->heartbeat == p->heartbeat);
    FUZZ_REQUIRE(back->beat.seq == p->beat.seq && back->beat.epoch == p->beat.epoch);
    if (!p->heartbeat) {
        FUZZ_REQUIRE(p->update.seq == p->beat.seq);
        FUZZ_REQUIRE(back->update == p->update);
        if (canonical(f[2], p->beat.seq) && canonical(f[3], p->beat.epoch)) FUZZ_REQUIRE(again == f);
    }
}

void request(const Frames& f) {
    auto r = decode_request(f);
    if (!accepted(r)) return;
    FUZZ_REQUIRE(f.size() >= 2 && f[0] == wire_version);
    Frames again;
    switch (r->verb) {
    case Verb::snapshot: again = encode_snapshot_request(r->arg); break;
    case Verb::status: again = encode_status_request(); break;
    case Verb::command: again = encode_command_request(r->arg); break;
    case Verb::history: again = encode_history_request(r->arg); break;
    case Verb::audit: again = encode_audit_request(r->arg); break;
    case Verb::stats: again = encode_stats_request(r->arg); break;
    case Verb::search: again = encode_search_request(r->arg); break;
    }
    auto back = decode_request(again);
    FUZZ_REQUIRE(back.ok());
    FUZZ_REQUIRE(back->verb == r->verb && back->arg == r->arg);
    FUZZ_REQUIRE(r->verb != Verb::status || r->arg.empty());
}

void reply(const Frames& f) {
    auto r = decode_reply(f);
    if (!accepted(r)) return;
    FUZZ_REQUIRE(f.size() >= 2 && f[0] == wire_version);
    Frames again;
    bool canonical_numbers = true;
    switch (r->kind) {
    case Reply::Kind::item:
        again = encode_snapshot_item(r->item.key, r->item.seq, r->item.body);
        canonical_numbers = canonical(f[3], r->item.seq);
        break;
    case Reply::Kind::end:
        again = encode_snapshot_end(r->seq, r->epoch);
        canonical_numbers = canonical(f[2], r->seq) && canonical(f[3], r->epoch);
        break;
    case Reply::Kind::status: again = encode_status(r->text); break;
    case Reply::Kind::ok: again = encode_ok(r->text); break;
    case Reply::Kind::history: again = encode_history(r->text); break;
    case Reply::Kind::stats: again = encode_stats(r->text); break;
    case Reply::Kind::error: again = encode_error(r->text); break;
    }
    auto back = decode_reply(again);
    FUZZ_REQUIRE(back.ok());
    FUZZ_REQUIRE(back->kind == r->kind && back->item == r->item && back->seq == r->seq && back->epoch == r->epoch &&
                 back->text == r->text);
    if (canonical_numbers) FUZZ_REQUIRE(again == f);
}

void ingest(const Frames& f) {
    auto i = decode_ingest(f);
    if (!accepted(i)) return;
    Frames again = i->kind == IngestKind::occupancy ? encode_occupancy(i->json)
                   : i->kind == IngestKind::weather ? encode_weather(i->json)
                                                    : encode_shelter(i->json);
    FUZZ_REQUIRE(again == f);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto [which, rest] = choose(as_text(data, size), 4);
    auto frames = split_frames(rest);
    switch (which) {
    case 0: published(frames); break;
    case 1: request(frames); break;
    case 2: reply(frames); break;
    default: ingest(frames); break;
    }
    return 0;
}
