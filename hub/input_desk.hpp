#pragma once
// The hub's input desk: handhelds' MQTT messages from the mailbox and sensors' frames from
// the ingest socket. Each turn it checks every input that arrived (size first, then the
// parse, then a team's message against the orders sent), commits the batch to SQLite in one
// transaction, and only then folds it into the picture, publishes the numbered updates and
// sends the receipts: a `stored` receipt means the report is on disk.
//
// The commit runs on the LogWriter's thread while the loop reads the next batch: the loop
// calls read(), settle() (the batch before is stored: fold, publish, receipt), its other work,
// then store() (hand this batch to the writer). take() is all of it at once.
#include "hub_context.hpp"
#include "log_writer.hpp"
#include "mailbox.hpp"
#include "mqtt_link.hpp"
#include "publisher.hpp"
#include "receipt.hpp"
#include "refusals.hpp"
#include "sample_reader.hpp"
#include "topic.hpp"

#include <zmq.hpp>

#include <optional>
#include <string>
#include <vector>

namespace platslage {

class InputDesk {
public:
    InputDesk(HubContext& hub, Refusals& refusals, Publisher& publisher, zmq::context_t& ctx, const std::string& endpoint);
    ~InputDesk(); // where Pending is whole

    // Takes what waits (up to one batch), checks it, commits it, and answers it.
    void take(Mailbox<MqttMessage>& inbox);

    // The same turn in the loop's three steps.
    // Reads and checks what waits, up to one batch; the batch being stored goes on meanwhile.
    void read(Mailbox<MqttMessage>& inbox);
    // Waits for the batch being stored, if any; then folds it in, publishes it and answers it.
    // From here until store() the event log is the loop's.
    void settle();
    // Hands the batch read to the writer (judging teams' messages against the orders first).
    void store();
    // Inputs wait to be read: the loop has something to do while a batch is stored.
    bool waiting(const Mailbox<MqttMessage>& inbox);

    zmq::socket_t& ingest() { return ingest_; }
    // Readable when the batch being stored is stored (or failed): the loop polls it.
    int stored_fd() const { return writer_.fd(); }

private:
    struct Pending; // an input being checked and committed this turn

    void take_messages(Mailbox<MqttMessage>& inbox, TimePoint now);
    void take_frames(TimePoint now);
    void check_team_message(Pending& p) const;
    void send_receipt(const Pending& p, ReceiptStatus status, const Rejection* why);

    HubContext& hub_;
    Refusals& refusals_;
    Publisher& publisher_;
    zmq::socket_t ingest_;
    SampleReader samples_;         // the counters' samples, read the quick way when they can be
    // The two batches swap places each turn, so each keeps its room (a batch is a megabyte:
    // made anew every turn, its page faults were 30 % of the loop's CPU at the counters' rate).
    std::vector<Pending> read_;    // read and checked, not yet handed to the writer
    std::vector<Pending> storing_; // with the writer
    std::vector<EventRecord> records_;         // the next batch's rows; swapped with the writer's
    std::vector<RefusalRecord> refusal_rows_;  // the same for its refusals
    LogWriter writer_;             // last, so its thread has ended before the rest goes
};

} // namespace platslage
