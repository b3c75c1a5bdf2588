// platslage-handheld: the protocol from the command line. A guard sends a report or starts
// a shift; a team checks in, answers an order, reports an outcome, or listens for orders and
// meeting notices. Every message goes through an outbox file first, so what cannot be sent
// now (the broker is away) is sent, in order, by the next run.
//
// Exit codes: 0 everything is done; 65 the hub refused something (the reason is printed);
// 75 something is still in the outbox (run `flush` later); 2 bad command line.
#include "broker_session.hpp"
#include "messages.hpp"
#include "person_counts.hpp"
#include "security_options.hpp"
#include "system_clock.hpp"
#include "topic.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include <sys/stat.h>

using namespace platslage;
using namespace platslage::handheld;

namespace {
constexpr int exit_refused = 65;
constexpr int exit_kept = 75;

struct Common {
    std::string mqtt = "tcp://127.0.0.1:1883";
    std::string station = "centralen";
    std::string device; // a guard's handheld
    std::string team;   // an outreach team's
    std::string outbox;
    double wait_s = 10;
    double connect_s = 3;
    BrokerLogin login; // this handheld's own user at the broker
};

std::string actor(const Common& c) { return c.device.empty() ? c.team : c.device; }

MqttSessionOptions broker(const Common& c) {
    MqttSessionOptions o;
    o.uri = c.mqtt;
    apply_broker_login(c.login, o);
    return o;
}

// Only this handheld's own topics at its own station: the broker lets it read no others.
std::string own_topic(const Common& c, TopicKind guard_kind, TopicKind team_kind) {
    return c.device.empty() ? topic_string(Topic{c.station, team_kind, c.team})
                            : topic_string(Topic{c.station, guard_kind, c.device});
}

int send_all(const Common& c, std::optional<OutboxMessage> message) {
    OutboxFile outbox(c.outbox.empty() ? "platslage-outbox-" + actor(c) + ".jsonl" : c.outbox);
    if (message) {
        outbox.add(std::move(*message));
        outbox.save(); // kept before anything is tried
    }
    if (outbox.messages().empty()) {
        std::cout << "outbox empty\n";
        return 0;
    }
    BrokerSession session(broker(c), "handheld-" + actor(c) + "-send", /*persistent=*/false,
                          {own_topic(c, TopicKind::guard_receipt, TopicKind::outreach_receipt)});
    if (!session.connect(std::chrono::milliseconds(static_cast<long>(c.connect_s * 1000)))) {
        std::cout << "broker unreachable: " << outbox.messages().size() << " kept in " << outbox.path() << "\n";
        return exit_kept;
    }
    auto r = session.flush(outbox, std::chrono::milliseconds(static_cast<long>(c.wait_s * 1000)));
    if (r.kept) std::cout << r.kept << " kept in " << outbox.path() << "\n";
    return r.kept ? exit_kept : r.refused ? exit_refused : 0;
}

int listen(const Common& c, int count, double timeout_s, const std::string& only) {
    std::vector<std::string> topics;
    if (only != "orders") topics.push_back(topic_string(Topic{c.station, TopicKind::hub_notice, "notice"}));
    if (!c.team.empty() && only != "notices") topics.push_back(topic_string(Topic{c.station, TopicKind::outreach_dispatch, c.team}));
    if (topics.empty()) {
        std::cerr << "a guard's handheld gets no orders: listen --only notices or all\n";
        return 2;
    }
    BrokerSession session(broker(c), "handheld-" + actor(c) + "-listen", /*persistent=*/true, topics);
    if (!session.connect(std::chrono::milliseconds(static_cast<long>(c.connect_s * 1000)))) {
        std::cerr << "broker unreachable\n";
        return exit_kept;
    }
    std::cerr << "listening\n"; // scripts wait for this line before they publish
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<long>(timeout_s * 1000));
    int heard = 0;
    while (count <= 0 || heard < count) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (timeout_s > 0 && left.count() <= 0) break;
        auto msg = session.next(timeout_s > 0 ? left : std::chrono::milliseconds(1000));
        if (!msg) continue;
        std::cout << *msg << std::endl;
        ++heard;
    }
    return count > 0 && heard < count ? 1 : 0;
}
} // namespace

int main(int argc, char** argv) {
    std::string referral_help;
    for (auto target : referral_targets) referral_help += (referral_help.empty() ? "" : " | ") + std::string(target);
    // Its outbox holds reports as the guard wrote them: for the device's own user only.
    ::umask(077);
    // Standard output is the guard's (and the scripts'): one line per message. The connection's
    // own complaints go to standard error.
    spdlog::set_default_logger(spdlog::stderr_color_st("handheld"));
    CLI::App app{"platslage-handheld: a guard's or an outreach team's handheld, from the command line (docs/protocol.md)"};
    app.require_subcommand(1);
    app.fallthrough(); // --outbox and the like may come after the subcommand too
    Common c;
    app.add_option("--mqtt", c.mqtt, "broker")->capture_default_str();
    add_broker_login_options(app, c.login);
    app.add_option("--station", c.station, "the station the handheld is at")->capture_default_str();
    auto* device = app.add_option("--device", c.device, "a guard's handheld id, e.g. hh-07");
    auto* team = app.add_option("--team", c.team, "an outreach team's id, e.g. team-2");
    device->excludes(team);
    app.add_option("--outbox", c.outbox, "outbox file (default platslage-outbox-<id>.jsonl here)");
    app.add_option("--wait-s", c.wait_s, "seconds to wait for the hub's receipts")->capture_default_str();
    app.add_option("--connect-s", c.connect_s, "seconds to wait for the broker")->capture_default_str();

    ReportFields report;
    auto* rep = app.add_subcommand("report", "a guard's report: what was seen, where, never who");
    rep->add_option("--zone", report.zone, "zone id from the maps")->required();
    rep->add_option("--kind", report.kind, "observation | incident | patrol")->capture_default_str();
    rep->add_option("--persons", report.persons, "how many people")->required();
    rep->add_option("--women", report.women, "how many of them you took for women (counts only, never who)");
    rep->add_option("--men", report.men, "how many of them you took for men; the rest count as unknown");
    rep->add_option("--category", report.categories, "sleeping, intoxicated, distress, needs_care, minor, ...");
    rep->add_option("--note", report.note, "short situational text; no names");
    rep->add_option("--id", report.id, "the report's id (default: device and time)");

    std::string shift_event;
    int guards = 1;
    auto* shift = app.add_subcommand("shift", "a guard's shift starts or ends");
    shift->add_option("event", shift_event, "start | end")->required()->check(CLI::IsMember({"start", "end"}));
    shift->add_option("--guards", guards, "guards with this handheld")->capture_default_str();

    std::string status, zone, org;
    int members = 2;
    auto* st = app.add_subcommand("status", "a team's status; 'available --zone Z' checks in to a zone");
    st->add_option("status", status, "available | en_route | on_scene | engaged | off_duty")->required();
    st->add_option("--zone", zone, "where the team is (not for off_duty)");
    st->add_option("--org", org, "the team's organisation id");
    st->add_option("--members", members, "people in the team")->capture_default_str();

    std::string dispatch;
    bool decline = false;
    auto* ack = app.add_subcommand("ack", "answer an order: accept it, or --decline");
    ack->add_option("dispatch", dispatch, "the order's id, D-000042")->required();
    ack->add_flag("--decline", decline, "the team cannot go");

    OutcomeFields outcome;
    auto* out = app.add_subcommand("outcome", "how an order ended");
    out->add_option("dispatch", outcome.dispatch, "the order's id")->required();
    out->add_option("outcome", outcome.outcome,
                    "contact_made | support_offered | support_accepted | referred | declined | nobody_found")->required();
    out->add_option("--referred-to", outcome.referred_to,
                    referral_help);
    out->add_option("--gender", outcome.gender, "optional, for statistics: woman | man | unknown");
    out->add_option("--age-band", outcome.age_band, "optional, for statistics: under_18 | 18-25 | 26-64 | 65+");
    out->add_option("--persons", outcome.persons, "people the team met");
    OutcomeFields contact;
    auto* con = app.add_subcommand("contact", "a contact of the team's own round, without an order");
    con->add_option("zone", contact.zone, "where, a zone id")->required();
    con->add_option("outcome", contact.outcome,
                    "contact_made | support_offered | support_accepted | referred | declined | nobody_found")->required();
    con->add_option("--id", contact.id, "the contact's id (default: <team>-<ms since 1970>); a resend with the same id is kept once");
    con->add_option("--referred-to", contact.referred_to,
                    referral_help);
    con->add_option("--persons", contact.persons, "people the team met");
    for (auto* cmd : {out, con}) {
        auto& f = cmd == out ? outcome : contact;
        cmd->add_option("--women", f.women, "how many of them the team took for women (counts only, never who)");
        cmd->add_option("--men", f.men, "how many of them the team took for men");
        cmd->add_option("--result", f.results,
                        "one of several results of the visit, OUTCOME=N or referred=N:TARGET; repeat it; they add up to --persons");
    }

    auto* flush = app.add_subcommand("flush", "send what is in the outbox");

    int count = 0;
    double timeout_s = 0;
    auto* lis = app.add_subcommand("listen", "print orders (teams) and meeting notices as JSON lines");
    lis->add_option("--count", count, "stop after this many messages (0: never)");
    lis->add_option("--timeout-s", timeout_s, "stop after this many seconds (0: never)");
    std::string only = "all";
    lis->add_option("--only", only, "orders (a team's), notices (of meetings), or all; the notice is retained, "
                                    "so it comes first whenever listening starts")
        ->check(CLI::IsMember({"all", "orders", "notices"}))
        ->capture_default_str();

    CLI11_PARSE(app, argc, argv);
    if (c.device.empty() && c.team.empty()) {
        std::cerr << "--device (a guard's handheld) or --team (an outreach team's) is needed\n";
        return 2;
    }
    if (!is_actor_id(actor(c))) {
        std::cerr << "device and team ids are 1-32 of A-Z a-z 0-9 _ -\n";
        return 2;
    }
    bool guard_only = rep->parsed() || shift->parsed();
    bool team_only = st->parsed() || ack->parsed() || out->parsed() || con->parsed();
    if ((guard_only && c.device.empty()) || (team_only && c.team.empty())) {
        std::cerr << (guard_only ? "reports and shifts are a guard's: use --device\n" : "statuses, answers and outcomes are a team's: use --team\n");
        return 2;
    }
    SystemClock clock;
    auto now = clock.now();
    try {
        if (lis->parsed()) return listen(c, count, timeout_s, only);
        if (flush->parsed()) return send_all(c, std::nullopt);
        if (rep->parsed()) return send_all(c, report_message(c.station, c.device, report, now));
        if (shift->parsed()) return send_all(c, shift_message(c.station, c.device, shift_event == "start", guards, now));
        if (st->parsed()) return send_all(c, status_message(c.station, c.team, status, zone, org, members, now));
        if (ack->parsed()) return send_all(c, ack_message(c.station, c.team, dispatch, !decline, now));
        if (con->parsed()) return send_all(c, outcome_message(c.station, c.team, contact, now));
        return send_all(c, outcome_message(c.station, c.team, outcome, now));
    } catch (const std::exception& e) {
        std::cerr << "platslage-handheld: " << e.what() << "\n";
        return 1;
    }
}
