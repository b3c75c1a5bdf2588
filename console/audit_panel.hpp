#pragma once
// "Who did what" (W): the selected alert's audit trail from the hub: every command sent about
// it from any console, carried out or refused, with the position, role and key it came with
// (docs/security.md). Asked again when another alert is chosen, when its steps change, and
// every 10 seconds while the window is open.
#include "hub_link.hpp"
#include "panel.hpp"

#include <string>

namespace platslage::console {

class AuditPanel final : public Panel {
public:
    explicit AuditPanel(HubLink& link) : link_(link) {}
    void draw(const Picture& p, ConsoleState& s) override;

private:
    HubLink& link_;
    std::string asked_for_;
    int asked_at_steps_ = -1;
    double asked_at_ = -1e9;
};

} // namespace platslage::console
