#pragma once
// The hub's ZAP handler (ZeroMQ RFC 27): libzmq asks it about every CURVE handshake on the
// hub's sockets, and it admits a client only if its public key is in the admitted folder
// with a role that may use that socket: `sensor` on the ingest, the console roles on the PUB
// and ROUTER. An admitted connection's messages carry the key as their User-Id, by which
// the request desk finds the role of each command. Without an answer here libzmq would let
// any key in, so the handler is bound before the sockets are.
#include "admitted_keys.hpp"
#include "wire.hpp"

#include <zmq.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>

namespace platslage {

// The ZAP domains the hub's sockets are set to.
inline constexpr const char* zap_domain_ingest = "platslage-ingest";
inline constexpr const char* zap_domain_console = "platslage-console";

class ZapHandler {
public:
    // Binds inproc://zeromq.zap.01 in `ctx` before it returns, then answers on its own thread.
    ZapHandler(zmq::context_t& ctx, const AdmittedKeys& keys);
    ~ZapHandler();
    ZapHandler(const ZapHandler&) = delete;
    ZapHandler& operator=(const ZapHandler&) = delete;

    std::uint64_t admitted() const { return admitted_; }
    std::uint64_t refused() const { return refused_; }

private:
    void run(zmq::socket_t& socket);
    Frames answer(const Frames& request);

    const AdmittedKeys& keys_;
    std::atomic<bool> stop_{false};
    std::atomic<std::uint64_t> admitted_{0};
    std::atomic<std::uint64_t> refused_{0};
    std::chrono::steady_clock::time_point last_logged_{};
    std::uint64_t unlogged_ = 0;
    std::thread thread_;
};

} // namespace platslage
