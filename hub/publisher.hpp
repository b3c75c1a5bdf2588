#pragma once
// The hub's PUB socket: the picture's numbered updates for consoles (docs/protocol.md), a
// heartbeat when nothing else went out for a while. Every update published is handed on to
// the order desk, which stores what it means and tells the teams.
#include "hub_context.hpp"
#include "order_desk.hpp"

#include <zmq.hpp>

#include <string>
#include <vector>

namespace platslage {

class Publisher {
public:
    Publisher(HubContext& hub, OrderDesk& orders, zmq::context_t& ctx, const std::string& endpoint);

    void publish(const std::vector<Update>& updates);
    void heartbeat_if_idle();

private:
    HubContext& hub_;
    OrderDesk& orders_;
    zmq::socket_t pub_;
    TimePoint last_publish_{};
};

} // namespace platslage
