#include "publisher.hpp"

#include "zmq_frames.hpp"

namespace platslage {

Publisher::Publisher(HubContext& hub, OrderDesk& orders, zmq::context_t& ctx, const std::string& endpoint)
    : hub_(hub), orders_(orders), pub_(ctx, zmq::socket_type::pub) {
    pub_.set(zmq::sockopt::linger, 0);
    // A console that stops reading must not grow the hub's memory without bound: beyond this
    // (a few MB) it loses updates, sees the gap and resyncs.
    pub_.set(zmq::sockopt::sndhwm, 10000);
    hub_.security.serve_on(pub_, zap_domain_console);
    pub_.bind(endpoint);
}

void Publisher::publish(const std::vector<Update>& updates) {
    for (const auto& u : updates) send_frames(pub_, encode_update(u, hub_.epoch));
    if (!updates.empty()) last_publish_ = hub_.clock.now();
    orders_.take(updates);
}

void Publisher::heartbeat_if_idle() {
    auto now = hub_.clock.now();
    if (now - last_publish_ < Millis(hub_.cfg.heartbeat_ms)) return;
    send_frames(pub_, encode_heartbeat(Heartbeat{hub_.situation.state().sequence(), hub_.epoch}));
    last_publish_ = now;
}

} // namespace platslage
