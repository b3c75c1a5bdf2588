#include "wire.hpp"

#include <charconv>

namespace platslage {

namespace {
Rejection bad(std::string detail) { return Rejection{RejectReason::bad_value, std::move(detail)}; }

std::optional<Rejection> check_version(const Frames& f, std::size_t at) {
    if (f.size() <= at) return Rejection{RejectReason::missing_field, "message has no version frame"};
    if (f[at] != wire_version)
        return Rejection{RejectReason::wrong_version, "version frame must be PLS1"};
    return std::nullopt;
}
} // namespace

std::optional<std::uint64_t> parse_decimal(std::string_view s) {
    std::uint64_t v = 0;
    if (s.empty() || s.size() > 20) return std::nullopt;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

Frames encode_update(const Update& u, std::uint64_t epoch) {
    return {u.key, std::string(wire_version), std::to_string(u.seq), std::to_string(epoch), u.body};
}

Frames encode_heartbeat(const Heartbeat& hb) {
    return {std::string(heartbeat_key), std::string(wire_version), std::to_string(hb.seq), std::to_string(hb.epoch), ""};
}

Checked<Published> decode_published(const Frames& f) {
    if (auto r = check_version(f, 1)) return *r;
    if (f.size() != 5) return bad("a published message has five frames");
    auto seq = parse_decimal(f[2]);
    auto epoch = parse_decimal(f[3]);
    if (!seq || !epoch) return bad("sequence and epoch frames must be decimal numbers");
    Published p;
    p.heartbeat = f[0] == heartbeat_key;
    p.beat = Heartbeat{*seq, *epoch};
    if (!p.heartbeat) p.update = Update{*seq, f[0], f[4]};
    return p;
}

Checked<Request> decode_request(const Frames& f) {
    if (auto r = check_version(f, 0)) return *r;
    if (f.size() < 2) return Rejection{RejectReason::missing_field, "request has no verb"};
    if (f[1] == "SNAPSHOT") {
        if (f.size() > 3) return Rejection{RejectReason::unknown_field, "SNAPSHOT takes at most one frame: the key prefix"};
        return Request{Verb::snapshot, f.size() > 2 ? f[2] : std::string()};
    }
    if (f[1] == "STATUS") {
        if (f.size() != 2) return Rejection{RejectReason::unknown_field, "STATUS takes no frames after the verb"};
        return Request{Verb::status, {}};
    }
    if (f[1] == "HISTORY") {
        if (f.size() != 3) return Rejection{RejectReason::missing_field, "HISTORY needs the zone id"};
        return Request{Verb::history, f[2]};
    }
    if (f[1] == "AUDIT") {
        if (f.size() != 3) return Rejection{RejectReason::missing_field, "AUDIT needs the alert or meeting id"};
        return Request{Verb::audit, f[2]};
    }
    if (f[1] == "STATS") {
        if (f.size() != 3) return Rejection{RejectReason::missing_field, "STATS needs one frame of JSON: the query"};
        return Request{Verb::stats, f[2]};
    }
    if (f[1] == "SEARCH") {
        if (f.size() != 3) return Rejection{RejectReason::missing_field, "SEARCH needs one frame of JSON: the query"};
        return Request{Verb::search, f[2]};
    }
    if (f[1] == "COMMAND") {
        if (f.size() != 3) return Rejection{RejectReason::missing_field, "COMMAND needs one frame of JSON"};
        return Request{Verb::command, f[2]};
    }
    return Rejection{RejectReason::unknown_topic, "unknown verb '" + f[1] + "'"};
}

Frames encode_snapshot_request(std::string_view prefix) {
    return {std::string(wire_version), "SNAPSHOT", std::string(prefix)};
}
Frames encode_status_request() { return {std::string(wire_version), "STATUS"}; }
Frames encode_command_request(const std::string& json) { return {std::string(wire_version), "COMMAND", json}; }
Frames encode_history_request(const std::string& zone) { return {std::string(wire_version), "HISTORY", zone}; }
Frames encode_audit_request(const std::string& target) { return {std::string(wire_version), "AUDIT", target}; }
Frames encode_stats_request(const std::string& query_json) { return {std::string(wire_version), "STATS", query_json}; }
Frames encode_search_request(const std::string& query_json) { return {std::string(wire_version), "SEARCH", query_json}; }

Frames encode_snapshot_item(const std::string& key, std::uint64_t seq, const std::string& body) {
    return {std::string(wire_version), "KV", key, std::to_string(seq), body};
}
Frames encode_snapshot_end(std::uint64_t seq, std::uint64_t epoch) {
    return {std::string(wire_version), "END", std::to_string(seq), std::to_string(epoch)};
}
Frames encode_status(const std::string& json) { return {std::string(wire_version), "STATUS", json}; }
Frames encode_ok(const std::string& json) { return {std::string(wire_version), "OK", json}; }
Frames encode_history(const std::string& json) { return {std::string(wire_version), "HISTORY", json}; }
Frames encode_stats(const std::string& json) { return {std::string(wire_version), "STATS", json}; }
Frames encode_error(std::string_view reason) { return {std::string(wire_version), "ERROR", std::string(reason)}; }

Checked<Reply> decode_reply(const Frames& f) {
    if (auto r = check_version(f, 0)) return *r;
    if (f.size() < 2) return bad("reply has no kind");
    Reply r{};
    if (f[1] == "KV" && f.size() == 5) {
        auto seq = parse_decimal(f[3]);
        if (!seq) return bad("KV sequence is not a decimal number");
        r.kind = Reply::Kind::item;
        r.item = Update{*seq, f[2], f[4]};
    } else if (f[1] == "END" && f.size() == 4) {
        auto seq = parse_decimal(f[2]);
        auto epoch = parse_decimal(f[3]);
        if (!seq || !epoch) return bad("END frames are not decimal numbers");
        r.kind = Reply::Kind::end;
        r.seq = *seq;
        r.epoch = *epoch;
    } else if (f[1] == "STATUS" && f.size() == 3) {
        r.kind = Reply::Kind::status;
        r.text = f[2];
    } else if (f[1] == "HISTORY" && f.size() == 3) {
        r.kind = Reply::Kind::history;
        r.text = f[2];
    } else if (f[1] == "STATS" && f.size() == 3) {
        r.kind = Reply::Kind::stats;
        r.text = f[2];
    } else if (f[1] == "OK" && f.size() == 3) {
        r.kind = Reply::Kind::ok;
        r.text = f[2];
    } else if (f[1] == "ERROR" && f.size() == 3) {
        r.kind = Reply::Kind::error;
        r.text = f[2];
    } else {
        return bad("unknown reply '" + f[1] + "'");
    }
    return r;
}

Frames encode_occupancy(const std::string& json) { return {std::string(wire_version), "OCCUPANCY", json}; }

Frames encode_weather(const std::string& json) { return {std::string(wire_version), "WEATHER", json}; }
Frames encode_shelter(const std::string& json) { return {std::string(wire_version), "SHELTER", json}; }

Checked<Ingest> decode_ingest(const Frames& f) {
    if (auto r = check_version(f, 0)) return *r;
    if (f.size() == 3 && f[1] == "OCCUPANCY") return Ingest{IngestKind::occupancy, f[2]};
    if (f.size() == 3 && f[1] == "WEATHER") return Ingest{IngestKind::weather, f[2]};
    if (f.size() == 3 && f[1] == "SHELTER") return Ingest{IngestKind::shelter, f[2]};
    return Rejection{RejectReason::unknown_topic, "ingest accepts [PLS1] [OCCUPANCY|WEATHER|SHELTER] [json]"};
}

} // namespace platslage
