#include "key_queue.hpp"

#include <algorithm>

namespace platslage::console {

namespace {
// Far more than hands or a keypad send between two frames; a stuck sender cannot grow it.
constexpr std::size_t max_queued = 256;
} // namespace

void KeyQueue::push(const KeyEvent& e) {
    if (queue_.size() >= max_queued) queue_.pop_front();
    queue_.push_back(e);
}

std::vector<KeyEvent> KeyQueue::take_frame() {
    std::vector<KeyEvent> out;
    while (!queue_.empty()) {
        const auto& next = queue_.front();
        bool changed = std::any_of(out.begin(), out.end(), [&](const KeyEvent& e) { return e.key == next.key; });
        if (changed) break;
        out.push_back(next);
        queue_.pop_front();
    }
    return out;
}

} // namespace platslage::console
