#include "outreach_team.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace platslage::sim {

OutreachTeam::OutreachTeam(const std::string& mqtt_uri, TeamRound round, const std::string& station,
                           const std::string& team)
    : round_(std::move(round)), mqtt_(mqtt_uri, station, team),
      status_topic_(topic_string(Topic{station, TopicKind::outreach_status, team})) {}

void OutreachTeam::tick(TimePoint now, Millis sim_now, double hour) {
    mqtt_.maintain(now);
    if (!mqtt_.ready()) return;
    if (!on_duty_) {
        send(round_.first(now));
        on_duty_ = true;
        spdlog::info("{}: on duty at {}", mqtt_.device(), mqtt_.station());
        next_status_ = sim_now + round_.gap_after();
        return;
    }
    if (sim_now < next_status_) return;
    send(round_.next(now, hour));
    next_status_ = std::max(next_status_ + round_.gap_after(), sim_now);
}

void OutreachTeam::send(const OutreachStatus& s) {
    if (mqtt_.publish(status_topic_, to_json(s).dump())) ++sent_;
}

void OutreachTeam::close(TimePoint now) {
    std::vector<DeviceMessage> farewell;
    if (on_duty_) farewell.push_back({status_topic_, to_json(round_.off_duty(now)).dump()});
    mqtt_.close(farewell, now);
}

} // namespace platslage::sim
