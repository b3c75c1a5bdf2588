#include "storage_health.hpp"

#include "time_text.hpp"

namespace platslage {

namespace {
// SQLite's messages are one line; an exception may add context after a newline. The entry
// carries the first line only, and never more than a line's worth.
std::string first_line(const std::string& text) {
    auto line = text.substr(0, text.find('\n'));
    constexpr std::size_t most = 200;
    return line.size() > most ? line.substr(0, most) : line;
}
} // namespace

void StorageHealth::failed(TimePoint now, const std::string& error) {
    ++failures_;
    if (!spell_) spell_ = StorageEntry{now, first_line(error), 0};
    else spell_->error = first_line(error);
    ++spell_->failed_writes;
    changed_ = true;
}

void StorageHealth::stored(TimePoint now) {
    if (!spell_) return;
    failed_writes_last_spell_ = static_cast<std::uint64_t>(spell_->failed_writes);
    spell_.reset();
    last_recovered_ = now;
    changed_ = true;
}

nlohmann::json StorageHealth::status() const {
    nlohmann::json s = spell_ ? to_json(*spell_) : nlohmann::json{{"state", "ok"}};
    s["failures_total"] = failures_;
    if (!spell_ && last_recovered_) {
        s["recovered"] = format_rfc3339(*last_recovered_);
        s["failed_writes_last_spell"] = failed_writes_last_spell_;
    }
    return s;
}

bool StorageHealth::take_change() {
    bool was = changed_;
    changed_ = false;
    return was;
}

} // namespace platslage
