#include "replica_driver.hpp"

#include "zmq_frames.hpp"

namespace platslage {

namespace {
zmq::socket_t open_sub(zmq::context_t& ctx, const HubEndpoints& hub) {
    zmq::socket_t s(ctx, zmq::socket_type::sub);
    s.set(zmq::sockopt::linger, 0);
    s.set(zmq::sockopt::subscribe, "");
    secure_client(s, hub.keys);
    s.connect(hub.pub);
    return s;
}
} // namespace

ReplicaDriver::ReplicaDriver(zmq::context_t& ctx, const HubEndpoints& hub, Millis silence_limit, TimePoint now)
    : sub_(open_sub(ctx, hub)), snapshot_(ctx, hub), replica_(silence_limit) {
    replica_.begin_sync(now);
    snapshot_.send(encode_snapshot_request(""));
}

std::array<zmq::pollitem_t, 2> ReplicaDriver::poll_items() {
    return {zmq::pollitem_t{sub_.handle(), 0, ZMQ_POLLIN, 0}, snapshot_.poll_item()};
}

void ReplicaDriver::pump(TimePoint now, std::size_t max_published, const std::function<void(const Published&)>& seen) {
    for (std::size_t i = 0; i < max_published; ++i) {
        auto f = recv_frames(sub_, /*dont_wait=*/true);
        if (!f) break;
        auto p = decode_published(*f);
        if (!p) continue;
        if (seen) seen(p.value());
        replica_.on_published(p.value(), now);
    }
    while (auto r = snapshot_.receive()) {
        if (!*r) continue;
        const Reply& reply = r->value();
        if (reply.kind == Reply::Kind::item) replica_.on_snapshot_item(reply.item, now);
        else if (reply.kind == Reply::Kind::end) replica_.on_snapshot_end(reply.seq, reply.epoch, now);
        else if (reply.kind == Reply::Kind::error) replica_.on_snapshot_refused(reply.text, now);
    }
}

bool ReplicaDriver::check(TimePoint now) {
    replica_.check(now);
    return replica_.needs_resync();
}

void ReplicaDriver::resync(TimePoint now) {
    snapshot_.reset();
    replica_.begin_sync(now);
    snapshot_.send(encode_snapshot_request(""));
}

} // namespace platslage
