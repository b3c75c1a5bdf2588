#include "camera_outage.hpp"

namespace platslage::counters {

bool CameraOutage::failed(std::string_view reason, Time now) {
    if (failed_polls_++ == 0) since_ = now;
    if (reason_ == reason && failed_polls_ > 1) return false;
    reason_ = std::string(reason);
    return true;
}

std::optional<OutageEnded> CameraOutage::answered(Time now) {
    if (failed_polls_ == 0) return std::nullopt;
    OutageEnded ended{failed_polls_, now - since_};
    failed_polls_ = 0;
    reason_.clear();
    return ended;
}

} // namespace platslage::counters
