#pragma once
// The Shift log window, L opens and closes it: the handover from the previous shift, the
// notes written since, a note for the log (about the selected alert or zone, if ticked), and
// the handover to the next shift, and a search of the event log (by hours back, zone, category,
// or an alert's id). Every handover is also shown once by itself, when the
// console logs in or when it is written, until the operator has read it (Enter).
#include "console_state.hpp"
#include "form_answer.hpp"
#include "form_command.hpp"
#include "hub_link.hpp"
#include "panel.hpp"
#include "picture.hpp"
#include "sent_form.hpp"
#include "shift_view.hpp"
#include "zone_map.hpp"

#include <array>
#include <string>

namespace platslage::console {

class ShiftPanel final : public Panel {
public:
    ShiftPanel(const ZoneMap& zones, HubLink& link) : zones_(zones), link_(link) {}
    void draw(const Picture& p, ConsoleState& s) override;
    // The feedback line and its count: the frame loop logs each new one.
    const std::string& feedback() const { return answer_.line(); }
    std::uint64_t feedback_count() const { return answer_.count(); }

private:
    void handover_notice(const Picture& p);
    void handover_text(const Handover& h) const;
    void search_section();
    void take_answer();
    // False when the form's command could not be made (the feedback line says why).
    bool send(const Command& c, const std::string& what);

    const ZoneMap& zones_;
    HubLink& link_;
    std::string shown_;          // the handover already shown by itself
    bool open_notice_ = false;
    std::array<char, 501> note_{};
    std::array<char, 1001> promised_{};
    bool about_selection_ = true;
    bool refocus_note_ = false;
    FormAnswer answer_;
    SentForm sent_form_;
    std::string sent_what_;
    // Searching the log.
    SearchForm search_;
    std::array<char, 16> search_alert_{};
    std::string search_problem_;
    std::uint64_t search_told_ = 0;
};

} // namespace platslage::console
