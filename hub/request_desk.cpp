#include "request_desk.hpp"

#include "curve_keys.hpp"
#include "topic.hpp"
#include "time_text.hpp"
#include "zmq_frames.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace platslage {

namespace {
// Requests are answered until this much time has gone in a turn; the rest wait for the next,
// so no client asking in a loop can hold back the inputs and their receipts for longer.
constexpr auto request_budget = std::chrono::milliseconds(10);
} // namespace

RequestDesk::RequestDesk(HubContext& hub, Refusals& refusals, CommandDesk& commands, const HubStatus& status,
                         zmq::context_t& ctx, const std::string& endpoint)
    : hub_(hub), refusals_(refusals), commands_(commands), status_(status), router_(ctx, zmq::socket_type::router),
      follow_up_(ctx, hub.log.path(), hub.zones) {
    router_.set(zmq::sockopt::linger, 0);
    router_.set(zmq::sockopt::maxmsgsize, max_frame_bytes);
    // Each reader's queue of replies: a snapshot larger than this waits in SnapshotSender.
    router_.set(zmq::sockopt::sndhwm, 1000);
    router_.set(zmq::sockopt::router_mandatory, 1);
    hub_.security.serve_on(router_, zap_domain_console);
    router_.bind(endpoint);
}

SnapshotCounts RequestDesk::snapshot_counts() const {
    return SnapshotCounts{snapshots_.in_flight(), snapshots_.completed(), snapshots_.abandoned(), snapshots_busy_};
}

void RequestDesk::serve(bool mqtt_connected) {
    const auto began = std::chrono::steady_clock::now();
    for (int served = 0; served < 100 && std::chrono::steady_clock::now() - began < request_budget; ++served) {
        std::string peer; // the sender's public key, as the ZAP handler admitted it
        auto frames = recv_frames(router_, /*dont_wait=*/true, &peer);
        if (!frames) break;
        // Envelope: [identity] (DEALER), or [identity] [""] (REQ). Echo it back as it came.
        Frames envelope{frames->front()};
        std::size_t body_at = 1;
        if (frames->size() > 1 && (*frames)[1].empty()) {
            envelope.emplace_back();
            body_at = 2;
        }
        Frames body(frames->begin() + static_cast<std::ptrdiff_t>(body_at), frames->end());
        if (auto answered = answer(envelope, body, mqtt_connected, peer)) reply(envelope, std::move(*answered));
    }
    snapshots_.pump(router_, hub_.clock.now());
    while (auto answer = follow_up_.take()) reply(Frames{}, std::move(*answer)); // the envelope rode with it
}

std::optional<Frames> RequestDesk::answer(const Frames& envelope, const Frames& body, bool mqtt_connected,
                                          const std::string& peer) {
    auto request = decode_request(body);
    if (!request) {
        refusals_.count(request.rejection().reason);
        return encode_error(std::string(reason_name(request.rejection().reason)) + ": " + request.rejection().detail);
    }
    // The ZAP handler admitted the key when it connected; it may have been revoked since.
    auto caller = hub_.security.caller(peer);
    if (request->verb == Verb::command)
        return commands_.carry_out(request->arg, caller, caller || peer.empty() ? "" : key_fingerprint(peer));
    if (!caller) {
        refusals_.count(RejectReason::forbidden);
        return encode_error("forbidden: this console's key is no longer admitted");
    }
    if (request->verb == Verb::status) return encode_status(status_.json(mqtt_connected, snapshot_counts(), follow_up_.counts()));
    if (request->verb == Verb::audit) return encode_ok(audit_json(request->arg));
    if (request->verb == Verb::stats) return ask_statistics(envelope, request->arg);
    if (request->verb == Verb::search) return ask_search(envelope, request->arg);
    if (request->verb == Verb::history) {
        const Zone* z = hub_.zones.find(request->arg);
        if (!z) {
            refusals_.count(RejectReason::unknown_zone);
            return encode_error("unknown_zone: '" + refusal_text(request->arg) + "' is not in the maps");
        }
        return encode_history(history_json(*z));
    }
    if (snapshots_.start(envelope, hub_.situation.state(), request->arg, hub_.epoch, hub_.clock.now())) return std::nullopt;
    ++snapshots_busy_;
    return encode_error("busy: " + std::to_string(snapshots_.in_flight()) + " snapshots are being sent; ask again in a second");
}

Frames RequestDesk::refuse(const Rejection& why) {
    refusals_.count(why.reason);
    return encode_error(std::string(reason_name(why.reason)) + ": " + why.detail);
}

std::optional<Frames> RequestDesk::check_place(const std::string& station, const std::string& zone) {
    if (!station.empty() && !hub_.zones.has_station(station))
        return refuse({RejectReason::unknown_station, "'" + refusal_text(station) + "' is not in the maps"});
    if (zone.empty()) return std::nullopt;
    const Zone* z = hub_.zones.find(zone);
    if (!z) return refuse({RejectReason::unknown_zone, "'" + refusal_text(zone) + "' is not in the maps"});
    if (!station.empty() && z->station != station)
        return refuse({RejectReason::unknown_zone, "'" + refusal_text(zone) + "' is not a zone of " + station});
    return std::nullopt;
}

std::optional<Frames> RequestDesk::ask_statistics(const Frames& envelope, const std::string& query) {
    auto q = parse_stats_query(query);
    if (!q) return refuse(q.rejection());
    if (auto refused = check_place(q->station, q->zone)) return refused;
    if (follow_up_.ask(envelope, *q, hub_.clock.now())) return std::nullopt;
    return encode_error("busy: " + std::to_string(follow_up_.waiting()) +
                        " statistics are being counted; ask again when one has come");
}

std::optional<Frames> RequestDesk::ask_search(const Frames& envelope, const std::string& query) {
    auto q = parse_log_query(query);
    if (!q) return refuse(q.rejection());
    if (auto refused = check_place(q->station, q->zone)) return refused;
    if (follow_up_.ask(envelope, *q)) return std::nullopt;
    return encode_error("busy: " + std::to_string(follow_up_.waiting()) + " searches and statistics are under way; ask again in a second");
}

void RequestDesk::reply(const Frames& envelope, Frames body) {
    Frames out = envelope;
    out.insert(out.end(), std::make_move_iterator(body.begin()), std::make_move_iterator(body.end()));
    try {
        send_frames(router_, out, /*dont_wait=*/true);
    } catch (const zmq::error_t& e) {
        spdlog::debug("router: client went away: {}", e.what());
    }
}

std::string RequestDesk::audit_json(const std::string& target) const {
    nlohmann::json rows = nlohmann::json::array();
    // An id is looked up as it is; text that is no id finds nothing and is not echoed.
    const bool id = is_actor_id(target);
    if (id) {
        try {
            for (const auto& r : hub_.log.audit_of(target, 50))
                rows.push_back({{"at", format_rfc3339(r.at)}, {"position", r.position}, {"role", r.role},
                                {"fingerprint", r.fingerprint}, {"op", r.op}, {"result", r.result}});
        } catch (const std::exception& e) {
            spdlog::error("event log: audit trail not read: {}", e.what());
        }
    }
    return nlohmann::json{{"target", id ? target : std::string()}, {"audit", rows}}.dump();
}

std::string RequestDesk::history_json(const Zone& z) const {
    const auto now = hub_.clock.now();
    const auto& history = hub_.situation.occupancy_history();
    nlohmann::json counts = nlohmann::json::array();
    for (const auto& [at, n] : history.series(z.id, now)) counts.push_back({at, n});
    return nlohmann::json{{"zone", z.id},
                          {"capacity", z.capacity},
                          {"bucket_ms", history.bucket().count()},
                          {"from_ms", to_epoch_ms(now - history.span())},
                          {"to_ms", to_epoch_ms(now)},
                          {"counts", counts}}
        .dump();
}

} // namespace platslage
