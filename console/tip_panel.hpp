#pragma once
// The Tip window, I opens and closes it: what a member of the public, a relative, the police
// or a district office told the control room, entered as a report (what, where, when, the
// kind of source, never who). The hub raises the alerts a guard's report would.
#include "console_state.hpp"
#include "form_answer.hpp"
#include "form_command.hpp"
#include "hub_link.hpp"
#include "panel.hpp"
#include "picture.hpp"
#include "sent_form.hpp"
#include "zone_map.hpp"

#include <array>
#include <string>
#include <vector>

namespace platslage::console {

class TipPanel final : public Panel {
public:
    TipPanel(const ZoneMap& zones, HubLink& link) : zones_(zones), link_(link) {}
    void draw(const Picture& p, ConsoleState& s) override;
    const std::string& feedback() const { return answer_.line(); }
    std::uint64_t feedback_count() const { return answer_.count(); }

private:
    void take_answer();
    void send(const ConsoleState& s);

    const ZoneMap& zones_;
    HubLink& link_;
    std::string from_;
    std::string zone_;
    int minutes_ago_ = 0;
    int persons_ = 1;
    std::vector<std::string> categories_;
    std::array<char, 501> note_{};
    std::string id_; // the tip being sent: resent with the same id until the hub has it
    FormAnswer answer_;
    SentForm sent_form_;
};

} // namespace platslage::console
