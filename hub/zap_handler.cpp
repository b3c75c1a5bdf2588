#include "zap_handler.hpp"

#include "curve_keys.hpp"
#include "thread_name.hpp"
#include "zmq_frames.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <future>

namespace platslage {

ZapHandler::ZapHandler(zmq::context_t& ctx, const AdmittedKeys& keys) : keys_(keys) {
    std::promise<void> bound;
    auto ready = bound.get_future();
    thread_ = std::thread([this, &ctx, &bound] {
        name_this_thread("zap-handler");
        zmq::socket_t socket(ctx, zmq::socket_type::rep);
        socket.set(zmq::sockopt::linger, 0);
        try {
            socket.bind("inproc://zeromq.zap.01");
        } catch (...) {
            bound.set_exception(std::current_exception());
            return;
        }
        bound.set_value();
        run(socket);
    });
    try {
        ready.get();
    } catch (...) {
        thread_.join();
        throw;
    }
}

ZapHandler::~ZapHandler() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
}

void ZapHandler::run(zmq::socket_t& socket) {
    while (!stop_) {
        zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
        try {
            if (zmq::poll(&item, 1, std::chrono::milliseconds(100)) == 0) continue;
            auto request = recv_frames(socket, /*dont_wait=*/true);
            if (request) send_frames(socket, answer(*request));
        } catch (const zmq::error_t& e) {
            if (e.num() == ETERM) return;
            if (e.num() != EINTR) spdlog::error("zap: {}", e.what());
        }
    }
}

Frames ZapHandler::answer(const Frames& request) {
    // Request: version, request id, domain, address, routing id, mechanism, credentials.
    // Reply: version, request id, status code, status text, user id, metadata.
    if (request.size() < 6) return {"1.0", request.size() > 1 ? request[1] : "", "500", "malformed ZAP request", "", ""};
    const std::string& id = request[1];
    const std::string& domain = request[2];
    const std::string& address = request[3];
    auto refuse = [&](const std::string& why, const std::string& fingerprint) -> Frames {
        ++refused_;
        // A flood of strangers must not flood the log: one line a second, with the count since.
        auto now = std::chrono::steady_clock::now();
        if (now - last_logged_ >= std::chrono::seconds(1)) {
            spdlog::warn("zap: refused {} from {} on {}: {}{}", fingerprint.empty() ? "a client" : "key " + fingerprint,
                         address, domain, why, unlogged_ ? fmt::format(" (and {} more since the last line)", unlogged_) : "");
            last_logged_ = now;
            unlogged_ = 0;
        } else {
            ++unlogged_;
        }
        return {"1.0", id, "400", why, "", ""};
    };
    if (request[5] != "CURVE" || request.size() != 7 || request[6].size() != 32)
        return refuse("only CURVE clients are admitted", "");
    std::array<char, 41> z85{};
    zmq_z85_encode(z85.data(), reinterpret_cast<const std::uint8_t*>(request[6].data()), 32);
    const std::string key = z85.data();
    auto who = keys_.find(key);
    if (!who) return refuse("key not admitted", key_fingerprint(key));
    const Access needed = domain == zap_domain_ingest ? Access::push_samples : Access::read_picture;
    if ((domain != zap_domain_ingest && domain != zap_domain_console) || !role_allows(who->role, needed))
        return refuse(std::string("a ") + std::string(role_name(who->role)) + " key may not use this socket", who->fingerprint);
    ++admitted_;
    spdlog::debug("zap: admitted {} ({}, key {}) from {} on {}", who->position, role_name(who->role), who->fingerprint,
                  address, domain);
    return {"1.0", id, "200", "OK", key, ""};
}

} // namespace platslage
