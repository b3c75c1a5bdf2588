#pragma once
// The hub's side of ZeroMQ security (docs/security.md). On, the default: the three sockets
// are CURVE servers with the hub's key, the ZAP handler admits the keys in the admitted
// folder, and every request is judged by the role of the key it came with. Off, only with
// --insecure-development: plain sockets, and every caller is taken at its word.
#include "access.hpp"
#include "admitted_keys.hpp"
#include "zap_handler.hpp"

#include <zmq.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace platslage {

class HubSecurity {
public:
    // Off: development only.
    HubSecurity() = default;
    // On: `keys_dir` holds the hub's secret card `hub.secret` and the folder `admitted/`.
    HubSecurity(zmq::context_t& ctx, const std::filesystem::path& keys_dir);

    bool on() const { return zap_ != nullptr; }

    // Makes `socket` a CURVE server in `domain` (zap_domain_ingest or _console). Before bind.
    void serve_on(zmq::socket_t& socket, const char* domain) const;

    // Who sent a message that came with ZAP User-Id `peer` (recv_frames). Nullopt when its key
    // has been revoked since it connected. Off: an unchecked caller with every right, whose
    // position is whatever its command says.
    std::optional<Principal> caller(const std::string& peer) const;

    // Reads the admitted folder again (revocations take effect here). From the loop.
    void reload();

    std::size_t admitted_keys() const { return keys_ ? keys_->size() : 0; }
    std::uint64_t handshakes_refused() const { return zap_ ? zap_->refused() : 0; }

private:
    std::string secret_key_;
    std::unique_ptr<AdmittedKeys> keys_;
    std::unique_ptr<ZapHandler> zap_;
};

// The role an unchecked caller is recorded with in the audit trail.
inline constexpr const char* unchecked_role = "unchecked";

} // namespace platslage
