#pragma once
// The hub's folder of admitted keys: one public key card per console, counter adapter and
// simulator (platslage-admin key writes them). A key is admitted while its card is in the
// folder: removing the card revokes it, and the hub notices within a second, without a
// restart. The ZAP handler asks on its own thread while the loop reloads, so lookups lock.
#include "access.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace platslage {

class AdmittedKeys {
public:
    // Reads the folder now; throws if it cannot be read at all.
    explicit AdmittedKeys(std::filesystem::path dir);

    // Reads the folder again; logs keys that came, went or changed role. A card that cannot be
    // read is left out and named in the log once. From the loop, about once a second.
    void reload();

    // The holder of an admitted public key (Z85), or nullopt. Thread-safe.
    std::optional<Principal> find(const std::string& public_key) const;
    std::size_t size() const;
    const std::filesystem::path& dir() const { return dir_; }

private:
    using Keys = std::map<std::string, Principal>; // public key → holder
    std::optional<Keys> read_folder(); // nullopt: the folder itself could not be read

    std::filesystem::path dir_;
    mutable std::mutex mutex_;
    std::shared_ptr<const Keys> keys_;
    std::set<std::string> reported_; // cards already named in the log as unreadable
};

} // namespace platslage
