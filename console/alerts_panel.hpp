#pragma once
// The alert queue: open alerts by severity and age, coloured by severity, filterable, and
// acted on by button or key: A acknowledge, T assign to a team, D dispatch a team (an order
// to its handheld), R resolve with an outcome, N add a note, C show on the map, Up/Down
// move. A new critical alert flashes until someone acknowledges it. Each alert's order
// shows its state in colour; the selected alert's order, its response times.
#include "alert_command.hpp"
#include "alert_flood.hpp"
#include "panel.hpp"
#include "console_state.hpp"
#include "hub_link.hpp"
#include "picture.hpp"
#include "team_suggestion.hpp"
#include "zone_map.hpp"

#include <array>
#include <optional>
#include <string>

namespace platslage::console {

class AlertsPanel final : public Panel {
public:
    AlertsPanel(const ZoneMap& zones, HubLink& link) : zones_(zones), link_(link) {}
    void draw(const Picture& p, ConsoleState& s) override;
    // Flashing rows stay lit: a screenshot shows them whatever the moment it is taken.
    void hold_flash(bool on) { hold_flash_ = on; }
    // The feedback line: the last command and the hub's answer to it ("" before any answer).
    std::string feedback() const;
    // Commands sent so far from this panel.
    std::uint64_t commands_sent() const { return commands_sent_; }
    // The link's ticket of the last command sent from here (0: none yet): its answer is the
    // one this panel's feedback line shows.
    std::uint64_t last_ticket() const { return ticket_; }

private:
    void filters(const Picture& p, ConsoleState& s);
    void table(const Picture& p, ConsoleState& s);
    // The table's rows: the queue, grouped by zone when asked, then what is set aside.
    void rebuild_rows(const ConsoleState& s, TimePoint now);
    void alert_row(const AlertView& a, const Picture& p, ConsoleState& s, bool flash_on, bool aside);
    void group_row(const AlertGroup& g);
    static void steps_tooltip(const AlertView& a);
    void actions(const AlertView* a, const Picture& p, ConsoleState& s);
    // The dialogs the buttons and keys open, each sending its command when confirmed.
    void assign_dialog(const AlertView* a, const Picture& p, ConsoleState& s);
    void resolve_dialog(const AlertView* a, const Picture& p, ConsoleState& s);
    void note_dialog(const AlertView* a, ConsoleState& s);
    void keys(const std::vector<const AlertView*>& queue, const AlertView* a, const Picture& p, ConsoleState& s);
    void dispatch_line(const AlertView& a, const Picture& p);
    void dispatch_dialog(const AlertView* a, const Picture& p, const ConsoleState& s);
    // Commands are the core's AlertCommand, written by its to_json: the hub reads them back
    // with the same core's parse_alert_command.
    static AlertCommand command(AlertOp op, const std::string& alert, const ConsoleState& s);
    void send(const AlertCommand& c);
    void send(const AlertCommand& c, const std::string& what);
    // Shift+A: every raised alert in the selected alert's zone, one command each.
    void acknowledge_zone(const AlertView& a, const ConsoleState& s);
    // P: set the selected alert aside on this console for a while, or take it back.
    void toggle_aside(const AlertView& a);
    void aside_row(std::size_t n);
    std::string zone_name(const std::string& id) const;

    const ZoneMap& zones_;
    HubLink& link_;
    bool hold_flash_ = false;
    bool picked_first_ = false;
    // The queue is sorted once per picture and filter, not once per frame.
    std::uint64_t queue_build_ = 0;
    AlertFilter queue_filter_;
    std::vector<const AlertView*> queue_;
    // Rows as drawn, rebuilt when the queue, the grouping or what is set aside changes.
    struct Row {
        const AlertView* alert = nullptr; // or a header:
        int group = -1;                   // groups_[group]'s alerts follow
        bool aside_header = false;        // the alerts set aside follow
        bool aside = false;
    };
    std::vector<Row> rows_;
    std::vector<AlertGroup> groups_;
    std::vector<const AlertView*> visible_; // the alerts in the rows' order, for Up and Down
    bool rows_by_zone_ = false;
    bool rows_stale_ = true; // the queue or what is set aside changed since they were laid out
    SetAside set_aside_;
    std::vector<std::uint64_t> group_tickets_; // a zone's alerts acknowledged at once
    std::string local_note_;                   // what a console-only action (P) did, for the answer line
    bool open_resolve_ = false, open_assign_ = false, open_note_ = false, open_dispatch_ = false;
    int outcome_ = 0;
    int team_ = 0;
    std::array<char, 501> note_{};
    std::string dispatch_team_;    // the team chosen in the dispatch dialog
    DispatchOffer dispatch_offer_; // what the dialog offered when it opened
    std::string sent_;    // what the last command was, for the answer line
    std::string sent_op_; // and its op, for how the answer reads
    std::uint64_t commands_sent_ = 0;
    std::uint64_t ticket_ = 0;
};

} // namespace platslage::console
