#pragma once
// The reference handheld's outbox on disk: every message goes in before it is sent and
// leaves only when it is done (a receipt from the hub for reports, answers and outcomes; the
// broker's acknowledgement for the rest). Each change is written to a new file and renamed
// over the old one, so a crash leaves either the old outbox or the new, never half of one.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace platslage::handheld {

struct OutboxMessage {
    std::string topic;
    std::string payload;
    // What closes it: "report" (a receipt with the report's id), "ack" or "outcome" (a
    // receipt for the order), or "" (the broker's PUBACK is enough: shifts, statuses).
    std::string receipt_of;
    std::string receipt_id;
};

class OutboxFile {
public:
    // Reads the outbox at `path`, or starts an empty one. Throws std::runtime_error naming
    // the file and line if it cannot be read.
    explicit OutboxFile(std::string path);

    void add(OutboxMessage m);
    // Removes the messages at these positions (into messages()), then writes the file.
    void remove(const std::vector<std::size_t>& done);
    const std::vector<OutboxMessage>& messages() const { return messages_; }
    const std::string& path() const { return path_; }
    // Writes the outbox (also when empty): tmp file, fsync, rename.
    void save() const;

private:
    std::string path_;
    std::vector<OutboxMessage> messages_;
};

} // namespace platslage::handheld
