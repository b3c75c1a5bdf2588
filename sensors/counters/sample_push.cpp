#include "sample_push.hpp"

#include "wire.hpp"
#include "zmq_frames.hpp"

namespace platslage::counters {

SamplePush::SamplePush(zmq::context_t& ctx, const std::string& endpoint, const std::optional<CurveClientKeys>& keys)
    : push_(ctx, zmq::socket_type::push) {
    // A moment at exit for what is queued, no more: a count left behind is stale soon anyway.
    push_.set(zmq::sockopt::linger, 500);
    secure_client(push_, keys);
    push_.connect(endpoint);
}

bool SamplePush::send(const OccupancySample& s) {
    if (send_frames(push_, encode_occupancy(to_json(s).dump()), /*dont_wait=*/true)) {
        ++sent_;
        return true;
    }
    ++dropped_;
    return false;
}

} // namespace platslage::counters
