#include "admitted_keys.hpp"

#include "curve_keys.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace platslage {

AdmittedKeys::AdmittedKeys(std::filesystem::path dir) : dir_(std::move(dir)) {
    if (!std::filesystem::is_directory(dir_))
        throw std::runtime_error("admitted keys: " + dir_.string() + " is not a folder");
    auto keys = read_folder();
    if (!keys) throw std::runtime_error("admitted keys: " + dir_.string() + " cannot be read");
    keys_ = std::make_shared<const Keys>(std::move(*keys));
    spdlog::info("keys: {} admitted from {}", keys_->size(), dir_.string());
}

std::optional<AdmittedKeys::Keys> AdmittedKeys::read_folder() {
    Keys keys;
    std::error_code ec;
    std::set<std::string> unreadable;
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
        if (entry.path().extension() != ".key") continue;
        const auto file = entry.path().filename().string();
        try {
            auto card = read_public_card(entry.path());
            if (card.role == Role::hub) throw std::runtime_error("the hub's own card admits nobody");
            keys[card.public_key] = Principal{card.position, card.role, key_fingerprint(card.public_key)};
        } catch (const std::exception& e) {
            unreadable.insert(file);
            if (!reported_.contains(file)) spdlog::error("keys: {} left out: {}", file, e.what());
        }
    }
    if (ec) {
        spdlog::error("keys: {} cannot be read: {}; the keys admitted before stay", dir_.string(), ec.message());
        return std::nullopt;
    }
    reported_ = std::move(unreadable);
    return keys;
}

void AdmittedKeys::reload() {
    auto read = read_folder();
    if (!read) return;
    auto fresh = std::make_shared<const Keys>(std::move(*read));
    std::lock_guard lock(mutex_);
    for (const auto& [key, who] : *keys_) {
        auto now = fresh->find(key);
        if (now == fresh->end())
            spdlog::warn("keys: {} ({}, key {}) revoked: refused from now on", who.position, role_name(who.role), who.fingerprint);
        else if (now->second != who)
            spdlog::warn("keys: key {} now acts as {} ({}), was {} ({})", who.fingerprint, now->second.position,
                         role_name(now->second.role), who.position, role_name(who.role));
    }
    for (const auto& [key, who] : *fresh)
        if (!keys_->contains(key))
            spdlog::info("keys: {} ({}, key {}) admitted", who.position, role_name(who.role), who.fingerprint);
    keys_ = std::move(fresh);
}

std::optional<Principal> AdmittedKeys::find(const std::string& public_key) const {
    std::lock_guard lock(mutex_);
    auto it = keys_->find(public_key);
    if (it == keys_->end()) return std::nullopt;
    return it->second;
}

std::size_t AdmittedKeys::size() const {
    std::lock_guard lock(mutex_);
    return keys_->size();
}

} // namespace platslage
