#pragma once
// Moving protocol frames (core/wire.hpp) over ZeroMQ sockets.
#include "wire.hpp"

#include <zmq.hpp>

#include <optional>

namespace platslage {

// Sends all frames as one multipart message. Returns false if the socket would block.
bool send_frames(zmq::socket_t& socket, const Frames& frames, bool dont_wait = false);
// Receives one whole multipart message; nullopt when nothing is waiting (dont_wait).
std::optional<Frames> recv_frames(zmq::socket_t& socket, bool dont_wait = true);

} // namespace platslage
