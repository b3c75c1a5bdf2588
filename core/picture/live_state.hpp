#pragma once
// The shared picture as numbered key-value updates (the ZeroMQ guide's Clone pattern).
// Every change gets the next sequence number; a snapshot is the entries plus the number
// it reflects. An empty body deletes the key.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace platslage {

struct Update {
    std::uint64_t seq = 0;
    std::string key;  // "zone/centralen.centralhallen", "report/000000000042", …
    std::string body; // JSON text; empty means the key was deleted
    bool operator==(const Update&) const = default;
};

class LiveState {
public:
    // No update (and no number spent) when the value is unchanged.
    std::optional<Update> set(const std::string& key, std::string body);
    std::optional<Update> erase(const std::string& key);

    std::uint64_t sequence() const { return seq_; }
    const std::map<std::string, std::string>& entries() const { return kv_; }
    const std::string* find(const std::string& key) const;
    // Back to a saved picture (a persisted snapshot), without publishing anything.
    void restore(std::uint64_t seq, std::map<std::string, std::string> entries) {
        seq_ = seq;
        kv_ = std::move(entries);
    }

private:
    std::uint64_t seq_ = 0;
    std::map<std::string, std::string> kv_;
};

} // namespace platslage
