#include "live_state.hpp"

namespace platslage {

std::optional<Update> LiveState::set(const std::string& key, std::string body) {
    if (body.empty()) return erase(key);
    auto it = kv_.find(key);
    if (it != kv_.end() && it->second == body) return std::nullopt;
    kv_[key] = body;
    return Update{++seq_, key, std::move(body)};
}

std::optional<Update> LiveState::erase(const std::string& key) {
    if (kv_.erase(key) == 0) return std::nullopt;
    return Update{++seq_, key, {}};
}

const std::string* LiveState::find(const std::string& key) const {
    auto it = kv_.find(key);
    return it == kv_.end() ? nullptr : &it->second;
}

} // namespace platslage
