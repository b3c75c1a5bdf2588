#pragma once
// The hub's input desk: handhelds' MQTT messages from the mailbox and sensors' frames from
// the ingest socket. Each turn it checks every input that arrived (size first, then the
// parse, then a team's message against the orders sent), commits the batch to SQLite in one
// transaction, and only then folds it into the picture, publishes the numbered updates and
// sends the receipts: a `stored` receipt means the report is on disk.
#include "hub_context.hpp"
#include "mailbox.hpp"
#include "mqtt_link.hpp"
#include "publisher.hpp"
#include "receipt.hpp"
#include "refusals.hpp"
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
    zmq::socket_t& ingest() { return ingest_; }

private:
    struct Pending; // an input being checked and committed this turn

    void take_messages(Mailbox<MqttMessage>& inbox, TimePoint now);
    void take_frames(TimePoint now);
    void check_team_message(Pending& p) const;
    void commit();
    void send_receipt(const Pending& p, ReceiptStatus status, const Rejection* why);

    HubContext& hub_;
    Refusals& refusals_;
    Publisher& publisher_;
    zmq::socket_t ingest_;
    std::vector<Pending> batch_;
};

} // namespace platslage
