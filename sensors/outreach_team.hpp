#pragma once
// A simulated outreach pair's handheld: announces itself, then sends its status as the
// team moves through its station. A status is a snapshot, so one lost while offline is
// not resent: the next one replaces it.
#include "mqtt_device.hpp"
#include "team_round.hpp"

#include <cstdint>
#include <string>

namespace platslage::sim {

class OutreachTeam {
public:
    OutreachTeam(const std::string& mqtt_uri, TeamRound round, const std::string& station, const std::string& team);

    // One turn of the loop: the next status when its time has come in simulated time.
    void tick(TimePoint now, Millis sim_now, double local_hour);
    // Goes off duty and offline.
    void close(TimePoint now);

    std::uint64_t statuses_sent() const { return sent_; }

private:
    void send(const OutreachStatus& s);

    TeamRound round_;
    MqttDevice mqtt_;
    std::string status_topic_;
    bool on_duty_ = false;
    Millis next_status_{0};
    std::uint64_t sent_ = 0;
};

} // namespace platslage::sim
