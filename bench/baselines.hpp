#pragma once
// The raw libraries the hub stands on, doing the least the hub's path does: what the hub's
// figures are compared with, measured in the same run on the same machine.
#include "measure.hpp"
#include "qos1_round_trip.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace platslage::bench {

// Plain SQLite: the same rows into a table like the hub's, WAL and synchronous=FULL as the
// hub runs, `per_commit` rows to a transaction.
Result raw_sqlite(const std::filesystem::path& file, const std::vector<std::string>& bodies, std::size_t per_commit);

// Plain libzmq: the same three-frame messages PUSH → PULL over loopback TCP.
Result raw_push_pull(const std::vector<std::string>& bodies);

// A plain Paho client and a Paho echo through the same broker: the MQTT round trip of a
// report and its receipt with nothing checked or stored. With `nagle_off` both connections
// are set up as the hub's is (TCP_NODELAY), which makes it the hub's own baseline; without,
// it shows what stock Paho gets.
Result raw_paho_echo(const std::string& broker_url, const std::vector<Outgoing>& messages, int window, bool nagle_off);

// The name of that baseline's row, for the rows compared with it.
std::string echo_path(int window, bool nagle_off);
// A round trip as a line of the table: its answers, time and delays, under `path`.
Result trip_result(const RoundTrip& trip, std::string path, std::string baseline, int window);

} // namespace platslage::bench
