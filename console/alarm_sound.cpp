#include "alarm.hpp"

#include <SDL2/SDL.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace platslage::console {

namespace {
// A sound card (ALSA) or a sound server (PulseAudio, PipeWire's Pulse socket) to play on, or
// a driver asked for by name (SDL_AUDIODRIVER). Without one, SDL's search only fills the log
// with ALSA's complaints before it fails.
bool sound_possible() {
    if (std::getenv("SDL_AUDIODRIVER") || std::getenv("PULSE_SERVER")) return true;
    std::error_code ec;
    if (std::filesystem::exists("/dev/snd", ec)) return true;
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    return runtime && std::filesystem::exists(std::filesystem::path(runtime) / "pulse" / "native", ec);
}
} // namespace

AlarmSound::AlarmSound(const std::string& wav_file) {
    if (!sound_possible()) {
        why_silent_ = "no sound card or sound server on this machine";
        spdlog::info("alarm sound off ({})", why_silent_);
        return;
    }
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        why_silent_ = std::string("no audio: ") + SDL_GetError();
        spdlog::info("alarm sound off ({})", why_silent_);
        return;
    }
    SDL_AudioSpec want{};
    if (!wav_file.empty()) {
        Uint8* data = nullptr;
        Uint32 length = 0;
        if (SDL_LoadWAV(wav_file.c_str(), &want, &data, &length)) {
            sound_.assign(data, data + length);
            SDL_FreeWAV(data);
        } else {
            spdlog::warn("alarm sound {}: {}; the built-in tone is used", wav_file, SDL_GetError());
        }
    }
    if (sound_.empty()) {
        want = SDL_AudioSpec{};
        want.freq = 22050;
        want.format = AUDIO_S16SYS;
        want.channels = 1;
        want.samples = 1024;
        auto tone = alarm_tone(want.freq);
        sound_.resize(tone.size() * sizeof(std::int16_t));
        std::memcpy(sound_.data(), tone.data(), sound_.size());
    }
    SDL_AudioSpec got{};
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &got, 0);
    if (device_ == 0) {
        why_silent_ = std::string("no audio device: ") + SDL_GetError();
        spdlog::info("alarm sound off ({})", why_silent_);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return;
    }
    spdlog::info("alarm sound on ({} driver)", SDL_GetCurrentAudioDriver() ? SDL_GetCurrentAudioDriver() : "?");
}

AlarmSound::~AlarmSound() {
    if (device_ == 0) return;
    SDL_CloseAudioDevice(device_);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void AlarmSound::play() {
    if (device_ == 0) return;
    // A new alarm while one still sounds starts over rather than piling up.
    SDL_ClearQueuedAudio(device_);
    if (SDL_QueueAudio(device_, sound_.data(), static_cast<Uint32>(sound_.size())) != 0) {
        spdlog::warn("alarm sound: {}", SDL_GetError());
        return;
    }
    SDL_PauseAudioDevice(device_, 0);
}

} // namespace platslage::console
