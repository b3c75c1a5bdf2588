// Operators' commands as the hub takes them from a console over the ROUTER (COMMAND verb):
// routed by "op" the way the hub routes them (MeetingDesk::is_meeting_command), to the alert command
// or the meeting command parser.
//
// Input: the command JSON, as the console sends it.
#include "alert.hpp"
#include "alert_command.hpp"
#include "event_round_trip.hpp"
#include "harness.hpp"
#include "json_fields.hpp"
#include "meeting_command.hpp"
#include "organisation.hpp"
#include "topic.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

using namespace platslage;
using namespace platslage::fuzz;

namespace {

// The hub's rule, restated here because it lives in the hub's class, not in the core.
bool is_meeting_command(std::string_view text) {
    auto doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object()) return false;
    auto op = doc.find("op");
    return op != doc.end() && op->is_string() && is_meeting_op(op->get<std::string>());
}

bool is_numbered(const std::string& id, char letter) {
    return id.size() == 8 && id[0] == letter && id[1] == '-' &&
           std::all_of(id.begin() + 2, id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void check(const AlertCommand& c) {
    FUZZ_REQUIRE(is_numbered(c.alert, 'A'));
    FUZZ_REQUIRE(is_actor_id(c.by));
    bool takes_team = c.op == AlertOp::assign || c.op == AlertOp::dispatch;
    FUZZ_REQUIRE(takes_team ? is_actor_id(c.team) : c.team.empty());
    FUZZ_REQUIRE(c.op == AlertOp::resolve ? is_outcome(c.outcome) : c.outcome.empty());
    FUZZ_REQUIRE(utf8_length(c.note) <= max_alert_note_chars);
    check_scrubbed(c.note);
    // Alert commands are events: the hub stores them and replays them at start-up.
    check_log_round_trip(Event{c});
}

void check(const MeetingCommand& c) {
    FUZZ_REQUIRE(is_actor_id(c.by));
    FUZZ_REQUIRE(c.op == MeetingOp::plan ? c.meeting.empty() : is_numbered(c.meeting, 'M'));
    FUZZ_REQUIRE(utf8_length(c.text) <= max_meeting_text_chars);
    check_scrubbed(c.text);
    if (c.op == MeetingOp::plan) {
        FUZZ_REQUIRE(!c.title.empty() && utf8_length(c.title) <= max_meeting_title_chars);
        check_scrubbed(c.title);
        FUZZ_REQUIRE(!c.organisations.empty());
        for (const auto& o : c.organisations) {
            FUZZ_REQUIRE(is_organisation(o));
            FUZZ_REQUIRE(std::count(c.organisations.begin(), c.organisations.end(), o) == 1);
        }
        FUZZ_REQUIRE(c.duration_min >= 15 && c.duration_min <= 480);
        FUZZ_REQUIRE(c.starts <= now() + std::chrono::days(400));
        FUZZ_REQUIRE(c.repeat != Repeat::once || c.starts + std::chrono::minutes(c.duration_min) > now());
    }
    if (c.op == MeetingOp::add_action) FUZZ_REQUIRE(is_organisation(c.owner) && c.due.size() == 10);
    if (c.op == MeetingOp::close_action) FUZZ_REQUIRE(is_numbered(c.note, 'N'));
    FUZZ_REQUIRE(!c.at || *c.at <= now() + std::chrono::days(400));
    // The wire form of an accepted command is itself an accepted command, the same one.
    auto wire = to_json(c).dump();
    auto again = parse_meeting_command(wire, now());
    if (!again)
        violated("a meeting command's wire form is accepted", __FILE__, __LINE__,
                 std::string(reason_name(again.rejection().reason)) + ": " + again.rejection().detail);
    FUZZ_REQUIRE(to_json(again.value()).dump() == wire);
}

template <class T>
void take(const Checked<T>& parsed) {
    if (accepted(parsed)) check(parsed.value());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto text = as_text(data, size);
    if (is_meeting_command(text))
        take(parse_meeting_command(text, now()));
    else
        take(parse_alert_command(text));
    return 0;
}
