#pragma once
// The adapter's memory across restarts (--state): the baselines its next readings are
// counted from and each line-counted zone's count, so that a restart in the middle of the
// day does not start every such zone again from 0. Written whole to a new file, flushed to
// disk and renamed over the old one: a kill at any moment leaves the old state or the new.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>

namespace platslage::counters {

class StateFile {
public:
    explicit StateFile(std::filesystem::path path) : path_(std::move(path)) {}

    const std::filesystem::path& path() const { return path_; }
    // The state last written, or nullopt when there is no file yet. Throws, naming the file,
    // when it cannot be read or is not JSON.
    std::optional<nlohmann::json> read() const;
    // Throws, naming the file, when it cannot be written.
    void write(const nlohmann::json& state) const;

private:
    std::filesystem::path path_;
};

} // namespace platslage::counters
