#pragma once
// The client side of the Clone pattern over real sockets: subscribe to the hub's PUB first,
// then ask its ROUTER for a snapshot, feed both into a Replica (core/picture/replica.hpp, which holds
// the rules and no sockets), and ask again whenever the replica is no longer in step. The
// console, the tests and the bench keep their picture of the hub with it.
#include "hub_endpoints.hpp"
#include "hub_requests.hpp"
#include "replica.hpp"

#include <zmq.hpp>

#include <array>
#include <functional>
#include <string>

namespace platslage {

class ReplicaDriver {
public:
    // Subscribes at once and asks for the first snapshot, stamped `now`.
    ReplicaDriver(zmq::context_t& ctx, const HubEndpoints& hub, Millis silence_limit, TimePoint now);

    // The SUB and the snapshot's DEALER, to poll beside a program's other sockets.
    std::array<zmq::pollitem_t, 2> poll_items();
    // Takes what is waiting: at most `max_published` updates from the PUB (so a flood cannot
    // starve the caller) and every snapshot reply. `seen` is called for each published
    // message as it arrives, before the replica takes it.
    void pump(TimePoint now, std::size_t max_published = 10000, const std::function<void(const Published&)>& seen = {});
    // The replica's silence checks; true when it is no longer in step and a resync is due.
    bool check(TimePoint now);
    // Asks for a fresh snapshot on a fresh socket: replies to an abandoned request must not
    // be mistaken for the new snapshot's.
    void resync(TimePoint now);

    const Replica& replica() const { return replica_; }

private:
    zmq::socket_t sub_;
    HubRequests snapshot_;
    Replica replica_;
};

} // namespace platslage
