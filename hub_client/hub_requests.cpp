#include "hub_requests.hpp"

#include "zmq_frames.hpp"

namespace platslage {

namespace {
zmq::socket_t open_dealer(zmq::context_t& ctx, const HubEndpoints& hub) {
    zmq::socket_t s(ctx, zmq::socket_type::dealer);
    s.set(zmq::sockopt::linger, 0); // a client going away owes the hub nothing
    secure_client(s, hub.keys);
    s.connect(hub.router);
    return s;
}
} // namespace

HubRequests::HubRequests(zmq::context_t& ctx, HubEndpoints hub)
    : ctx_(ctx), hub_(std::move(hub)), socket_(open_dealer(ctx_, hub_)) {}

bool HubRequests::send(const Frames& request) { return send_frames(socket_, request, /*dont_wait=*/true); }

std::optional<Checked<Reply>> HubRequests::receive() {
    auto frames = recv_frames(socket_, /*dont_wait=*/true);
    if (!frames) return std::nullopt;
    return decode_reply(*frames);
}

std::optional<Checked<Reply>> HubRequests::ask(const Frames& request, std::chrono::milliseconds timeout) {
    if (!send(request)) return std::nullopt;
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (auto r = receive()) return r;
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
        if (left.count() <= 0) return std::nullopt;
        zmq::pollitem_t items[] = {poll_item()};
        try {
            zmq::poll(items, 1, left);
        } catch (const zmq::error_t& e) {
            if (e.num() != EINTR) throw;
        }
    }
}

void HubRequests::reset() { socket_ = open_dealer(ctx_, hub_); }

} // namespace platslage
