#pragma once
// ZeroMQ message frames of protocol PLS1, as plain data (no sockets here).
// docs/protocol.md is the contract; this file must agree with it.
#include "checked.hpp"
#include "live_state.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace platslage {

using Frames = std::vector<std::string>;

inline constexpr std::string_view wire_version = "PLS1";
inline constexpr std::string_view heartbeat_key = "HUGZ"; // as in the Clone pattern

// PUB: [key] [PLS1] [seq] [epoch] [body]. The epoch rides on every update, so a client
// can never mistake a restarted hub's numbers for a continuation of the old ones.
Frames encode_update(const Update& u, std::uint64_t epoch);

struct Heartbeat {
    std::uint64_t seq = 0;   // the last update published: a client behind it has missed some
    std::uint64_t epoch = 0; // changes when the hub restarts: a client must resync
};
Frames encode_heartbeat(const Heartbeat& hb);

// What a subscriber receives: an update or a heartbeat.
struct Published {
    bool heartbeat = false;
    Update update;  // when not a heartbeat
    Heartbeat beat; // seq and epoch of either kind
};
Checked<Published> decode_published(const Frames& frames);

// Requests to the ROUTER (frames after the routing envelope): [PLS1] [verb] [args…]
enum class Verb { snapshot, status, command, history, audit, stats, search };
struct Request {
    Verb verb;
    std::string arg; // SNAPSHOT: the key prefix wanted ("" for all); COMMAND: the command JSON;
                     // HISTORY: the zone id; AUDIT: the alert or meeting id; STATS: the query
                     // JSON (core/statistics/stats_query.hpp); SEARCH: the query JSON
                     // (core/protocol/log_search.hpp)
};
Checked<Request> decode_request(const Frames& body);
Frames encode_snapshot_request(std::string_view prefix);
Frames encode_status_request();
Frames encode_command_request(const std::string& json);
Frames encode_history_request(const std::string& zone);
Frames encode_audit_request(const std::string& target);
Frames encode_stats_request(const std::string& query_json);
Frames encode_search_request(const std::string& query_json);

// Replies: [PLS1] [KV] [key] [seq] [body] … then [PLS1] [END] [seq] [epoch];
// [PLS1] [STATUS] [json]; [PLS1] [OK] [json] (a command carried out: the alert after it);
// [PLS1] [HISTORY] [json] (a zone's counts over the last 24 hours); [PLS1] [OK] [json] also
// answers AUDIT (who did what to an alert or meeting); [PLS1] [STATS] [json] (the
// partnership's tables for a query, core/statistics/table_codec.hpp); [PLS1] [OK] [json]
// answers SEARCH (the hits, core/protocol/log_search.hpp);
// [PLS1] [ERROR] [reason]
Frames encode_snapshot_item(const std::string& key, std::uint64_t seq, const std::string& body);
Frames encode_snapshot_end(std::uint64_t seq, std::uint64_t epoch);
Frames encode_status(const std::string& json);
Frames encode_ok(const std::string& json);
Frames encode_history(const std::string& json);
Frames encode_stats(const std::string& json);
Frames encode_error(std::string_view reason);

struct Reply {
    enum class Kind { item, end, status, ok, history, stats, error } kind;
    Update item;                 // kind == item
    std::uint64_t seq = 0;       // kind == end
    std::uint64_t epoch = 0;     // kind == end
    std::string text;            // status or OK JSON, or the error's reason
};
Checked<Reply> decode_reply(const Frames& body);

// Sensor ingest (PUSH → hub PULL): [PLS1] [OCCUPANCY] [json] or [PLS1] [WEATHER] [json]
enum class IngestKind { occupancy, weather, shelter };
struct Ingest {
    IngestKind kind;
    std::string json;
};
Frames encode_occupancy(const std::string& json);
Frames encode_weather(const std::string& json);
Frames encode_shelter(const std::string& json);
Checked<Ingest> decode_ingest(const Frames& frames);

std::optional<std::uint64_t> parse_decimal(std::string_view s);

} // namespace platslage
