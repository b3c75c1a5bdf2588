#pragma once
// Requests to the hub's ROUTER over one DEALER (docs/protocol.md, "Requests"): sent without
// waiting, replies read when they come, or asked and waited for with a time limit. After a
// request is given up on, reset() opens a fresh socket, so its late reply is never taken for
// the next request's. This is the only place a DEALER towards the hub is made.
#include "hub_endpoints.hpp"
#include "wire.hpp"

#include <zmq.hpp>

#include <chrono>
#include <optional>

namespace platslage {

class HubRequests {
public:
    HubRequests(zmq::context_t& ctx, HubEndpoints hub);

    // Queues one request; false when it cannot be queued now (nothing is waited for).
    bool send(const Frames& request);
    // A reply waiting now, decoded (a reply the protocol cannot read is a rejection); nullopt
    // when none is waiting.
    std::optional<Checked<Reply>> receive();
    // Sends `request` and waits up to `timeout` for its reply; nullopt when none came.
    std::optional<Checked<Reply>> ask(const Frames& request, std::chrono::milliseconds timeout);
    // A fresh socket: whatever was asked before is forgotten, its replies too.
    void reset();

    zmq::pollitem_t poll_item() { return {socket_.handle(), 0, ZMQ_POLLIN, 0}; }

private:
    zmq::context_t& ctx_;
    HubEndpoints hub_;
    zmq::socket_t socket_;
};

} // namespace platslage
