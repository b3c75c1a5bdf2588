#pragma once
// Always visible: is this picture live, stale or cut off, and since when. In an outage it
// becomes a banner across the top with the time the data is from, and greys the rest.
#include "outage.hpp"
#include "storage_banner.hpp"
#include "panel.hpp"

namespace platslage::console {

class HubLink;

class ConnectionBar final : public Panel {
public:
    explicit ConnectionBar(HubLink& link) : link_(link) {}
    // Across the top of the screen; its Reconnect asks the hub link for a fresh snapshot.
    void draw(const Picture& p, ConsoleState& s) override;

private:
    void outage_banner(const OutageBanner& b);
    void status_line(const Picture& p, const StorageBanner& storage);

    HubLink& link_;
    OutageWatch outage_;
    bool storage_shown_ = false; // for the log line when the strip comes and goes
};

} // namespace platslage::console
