#pragma once
// Moving protocol frames (core/protocol/wire.hpp) over ZeroMQ sockets.
#include "wire.hpp"

#include <zmq.hpp>

#include <optional>

namespace platslage {

// Sends all frames as one multipart message. Returns false if the socket would block.
bool send_frames(zmq::socket_t& socket, const Frames& frames, bool dont_wait = false);
// No message of the protocol has more frames (envelope included); more are read and dropped,
// so a peer's thousand-frame message holds no more memory here than a proper one.
inline constexpr std::size_t max_frames_kept = 16;

// Receives one whole multipart message; nullopt when nothing is waiting (dont_wait). Frames
// after the first max_frames_kept are dropped: the message keeps max_frames_kept + 1 of them,
// so a decoder counting frames refuses it.
// `peer`, when given, is set to the ZAP User-Id the message came with (on a CURVE socket the
// hub's ZAP handler sets it to the sender's public key), or emptied when it has none.
std::optional<Frames> recv_frames(zmq::socket_t& socket, bool dont_wait = true, std::string* peer = nullptr);

} // namespace platslage
