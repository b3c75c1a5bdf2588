#pragma once
// The console's network side: one thread owns the SUB and DEALER sockets (sockets never
// cross threads), keeps a Replica in step with the hub and resyncs it by itself, and hands
// the UI a new immutable Picture after every visible change.
#include "picture.hpp"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace platslage::console {

class HubLink {
public:
    // `changed` runs on the network thread after each new picture: it should only wake the UI.
    HubLink(std::string router, std::string pub, std::function<void()> changed);
    ~HubLink();
    HubLink(const HubLink&) = delete;
    HubLink& operator=(const HubLink&) = delete;

    std::shared_ptr<const Picture> picture() const;
    // Ask for a fresh snapshot now (the operator's Reconnect).
    void resync() { resync_requested_ = true; }

private:
    void run();
    void publish_picture(const Replica& replica);

    std::string router_, pub_;
    std::function<void()> changed_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> resync_requested_{false};
    mutable std::mutex mutex_;
    std::shared_ptr<const Picture> picture_;
    std::thread thread_;
};

} // namespace platslage::console
