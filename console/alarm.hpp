#pragma once
// The alarm an operator hears: which alerts call for it, and the sound itself. A critical
// alert sounds once when it is new to this console and again each time the hub re-announces
// it unacknowledged; nothing else does, so the sound keeps its meaning through a long night.
#include "picture.hpp"

#include <cstdint>
#include <unordered_map>
#include <memory>
#include <string>
#include <vector>

namespace platslage::console {

class AlarmWatch {
public:
    // The alerts of each new picture; the ids to sound the alarm for now, in the queue's order
    // of arrival. An alert already sounded for is not sounded again after a resync.
    std::vector<std::string> update(const std::vector<std::shared_ptr<const AlertView>>& alerts);

private:
    std::unordered_map<std::string, int> sounded_; // id → its re-announcement count when last sounded
};

// The default alarm: two short tones, high then low, 16-bit mono PCM at `rate` samples a
// second, about 0.7 s, with soft edges so it does not click.
std::vector<std::int16_t> alarm_tone(int rate);

// The sound played through SDL2's audio, from a WAV file or the default tone. Where there is
// no audio device (a server, a container, a test) it stays silent and says so once.
class AlarmSound {
public:
    explicit AlarmSound(const std::string& wav_file = "");
    ~AlarmSound();
    AlarmSound(const AlarmSound&) = delete;
    AlarmSound& operator=(const AlarmSound&) = delete;

    void play();
    bool audible() const { return device_ != 0; }
    const std::string& why_silent() const { return why_silent_; }

private:
    std::uint32_t device_ = 0;
    std::vector<std::uint8_t> sound_;
    std::string why_silent_;
};

} // namespace platslage::console
