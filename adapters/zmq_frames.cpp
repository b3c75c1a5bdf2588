#include "zmq_frames.hpp"

namespace platslage {

bool send_frames(zmq::socket_t& socket, const Frames& frames, bool dont_wait) {
    for (std::size_t i = 0; i < frames.size(); ++i) {
        auto flags = zmq::send_flags::none;
        if (i + 1 < frames.size()) flags = flags | zmq::send_flags::sndmore;
        if (dont_wait) flags = flags | zmq::send_flags::dontwait;
        if (!socket.send(zmq::buffer(frames[i]), flags)) return false;
    }
    return true;
}

std::optional<Frames> recv_frames(zmq::socket_t& socket, bool dont_wait, std::string* peer) {
    Frames frames;
    zmq::message_t msg;
    auto flags = dont_wait ? zmq::recv_flags::dontwait : zmq::recv_flags::none;
    if (!socket.recv(msg, flags)) return std::nullopt;
    // A frame from the peer carries the connection's metadata (a ROUTER's identity frame, made
    // by the socket, may not): read it from each, the last one read wins.
    auto note_peer = [&] {
        if (!peer) return;
        if (const char* id = zmq_msg_gets(msg.handle(), "User-Id")) *peer = id;
    };
    if (peer) peer->clear();
    note_peer();
    frames.emplace_back(msg.to_string());
    while (msg.more()) {
        (void)socket.recv(msg, zmq::recv_flags::none); // the rest of a multipart message is already here
        note_peer();
        if (frames.size() <= max_frames_kept) frames.emplace_back(msg.to_string());
    }
    return frames;
}

} // namespace platslage
