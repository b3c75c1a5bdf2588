#include "hub_security.hpp"

#include "curve_keys.hpp"

#include <spdlog/spdlog.h>

namespace platslage {

HubSecurity::HubSecurity(zmq::context_t& ctx, const std::filesystem::path& keys_dir) {
    auto card = read_secret_card(keys_dir / "hub.secret");
    if (card.role != Role::hub) throw std::runtime_error((keys_dir / "hub.secret").string() + ": not the hub's card (role hub)");
    secret_key_ = card.secret_key;
    keys_ = std::make_unique<AdmittedKeys>(keys_dir / "admitted");
    // Bound before any socket of the hub is: without a handler libzmq admits every key.
    zap_ = std::make_unique<ZapHandler>(ctx, *keys_);
    spdlog::info("security: CURVE on the ingest, PUB and ROUTER with the hub's key {}; {} keys admitted",
                 key_fingerprint(card.public_key), keys_->size());
}

void HubSecurity::serve_on(zmq::socket_t& socket, const char* domain) const {
    if (!on()) return;
    socket.set(zmq::sockopt::curve_server, 1);
    socket.set(zmq::sockopt::curve_secretkey, secret_key_);
    socket.set(zmq::sockopt::zap_domain, domain);
}

std::optional<Principal> HubSecurity::caller(const std::string& peer) const {
    if (!on()) return Principal{"", Role::admin, ""};
    return keys_->find(peer);
}

void HubSecurity::reload() {
    if (keys_) keys_->reload();
}

} // namespace platslage
