#pragma once
// The joint deployment meetings (utsättningsmöten) window, M opens and closes it: the
// planned meetings, the selected one's open action items and latest decisions, a form to
// plan one, decisions and action items recorded, and its agenda shown and exported as a
// Markdown handout (G shows it, E exports it). What it decides is in meeting_view.
#include "panel.hpp"
#include "console_state.hpp"
#include "form_answer.hpp"
#include "hub_link.hpp"
#include "markdown_blocks.hpp"
#include "meeting_view.hpp"
#include "picture.hpp"
#include "sent_form.hpp"
#include "zone_map.hpp"

#include <array>
#include <filesystem>
#include <string>

namespace platslage::console {

class MeetingsPanel final : public Panel {
public:
    MeetingsPanel(const ZoneMap& zones, HubLink& link, std::filesystem::path export_dir)
        : zones_(zones), link_(link), export_dir_(std::move(export_dir)) {}
    void draw(const Picture& p, ConsoleState& s) override;
    // The feedback line: the last command from this window and the hub's answer ("" before any).
    std::string feedback() const { return answer_.line(); }
    // Counts feedback lines: the frame loop logs each new one.
    std::uint64_t feedback_count() const { return answer_.count(); }

private:
    void meetings_table(const ConsoleState& s);
    void selected_notes();
    void note_forms(const ConsoleState& s);
    void plan_form(const ConsoleState& s);
    void agenda_view();
    void take_answer();
    void send(const Command& c, const std::string& op, const std::string& what);
    void ask_agenda(const ConsoleState& s, bool then_export);
    void export_agenda();

    const ZoneMap& zones_;
    HubLink& link_;
    std::filesystem::path export_dir_;
    std::uint64_t book_build_ = 0;
    std::string book_day_;
    MeetingBook book_;
    std::string selected_;        // meeting id
    std::string selected_action_; // note id of an open action item
    // The plan form.
    std::array<char, 128> title_{};
    std::string zone_;
    std::vector<std::string> organisations_;
    std::array<char, 16> date_{}, time_{};
    int repeat_ = 0;
    int duration_ = 60;
    // Decisions and action items.
    std::array<char, 501> decision_{}, action_{}, closing_{};
    std::string owner_;
    std::array<char, 16> due_{};
    // Commands and answers.
    FormAnswer answer_;
    SentForm sent_form_;               // the form field the last command came from
    bool clear_organisations_ = false; // and, for a plan, its organisations with it
    std::string sent_op_, sent_what_;
    bool export_when_agenda_ = false;
    std::optional<AgendaReply> agenda_;
    std::string agenda_text_;                  // the Markdown agenda_blocks_ was read from
    std::vector<MarkdownBlock> agenda_blocks_;
};

} // namespace platslage::console
