// platslage-counters: start-up reads in order: options, logging, maps and counters config,
// sockets, MQTT, the HTTP side (polled cameras, pushed live sums), loop, goodbye. Summary
// lines go to stdout, log lines to stderr. Everything that touches the counts runs on this
// loop; MQTT, the poller and the HTTP listener hand their payloads over through mailboxes.
#include "axis_live_sum.hpp"
#include "camera_outage.hpp"
#include "counter_router.hpp"
#include "counter_state.hpp"
#include "counters_config.hpp"
#include "counters_options.hpp"
#include "live_sum_exchange.hpp"
#include "live_sum_listener.hpp"
#include "live_sum_poller.hpp"
#include "mailbox.hpp"
#include "mqtt_session.hpp"
#include "sample_push.hpp"
#include "system_clock.hpp"
#include "time_text.hpp"
#include "zone_map.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>

#include <sys/stat.h>

namespace {
// A counter's message as the broker delivered it, for the loop to route.
struct VendorMessage {
    std::string topic;
    std::string payload;
};

std::atomic<bool> stop_requested{false};
const platslage::Mailbox<VendorMessage>* wake_box = nullptr;

// Signal handlers only set a flag and wake the loop (an eventfd write is async-signal-safe).
extern "C" void on_stop_signal(int) {
    stop_requested = true;
    if (wake_box) wake_box->wake();
}

struct Tally {
    std::uint64_t messages = 0;
    std::uint64_t repeated = 0;
    platslage::RejectionCounters refused;
    bool polling = false; // the summary tells of polls only when there are cameras to poll
    std::uint64_t polls = 0;
    platslage::counters::PollFailureCounters poll_failed;
};

std::string summary(const Tally& t, const platslage::counters::SamplePush& push) {
    auto line = "messages=" + std::to_string(t.messages) + " samples_sent=" + std::to_string(push.sent()) +
                " samples_dropped=" + std::to_string(push.dropped()) + " repeated=" + std::to_string(t.repeated) +
                " refused=" + std::to_string(t.refused.total()) + " (" + t.refused.summary() + ")";
    if (t.polling)
        line += " polls=" + std::to_string(t.polls) + " poll_failed=" + std::to_string(t.poll_failed.total()) + " (" +
                t.poll_failed.summary() + ")";
    return line;
}

void send_samples(const platslage::counters::Routed& routed, platslage::counters::SamplePush& push) {
    using platslage::format_rfc3339;
    for (const auto& s : routed.samples) {
        if (push.send(s))
            spdlog::debug("{} {} = {} at {}", s.sensor, s.zone, s.count, format_rfc3339(s.ts));
        else
            spdlog::warn("sample for {} dropped: the hub's ingest queue is full", s.zone);
    }
}

std::string seconds_text(std::chrono::steady_clock::duration d) {
    return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(d).count()) + " s";
}
} // namespace

int main(int argc, char** argv) {
    // Its files (a camera's credentials, its state) are for its own user only.
    ::umask(077);
    using namespace platslage;
    try {
        int exit_code = 0;
        auto options = counters::parse_counters_options(argc, argv, exit_code);
        if (!options) return exit_code;

        spdlog::set_default_logger(spdlog::stderr_color_mt("counters"));
        spdlog::set_level(spdlog::level::from_str(options->log_level));
        spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ counters: %v");

        ZoneMap zones = ZoneMap::load_dir(options->maps);
        auto config = counters::load_counters_config(options->config, zones);
        spdlog::info("counters config {}: {} AXIS lines ({} cameras polled), {} AOA scenarios, {} Xovis elements or "
                     "counters; reset at {:02}:00",
                     options->config, config.lines.size(), config.live_sum.size(), config.aoa.size(),
                     config.xovis.size(), config.reset_hour);
        if (!config.lines.empty() && config.live_sum.empty() && options->http_listen.empty())
            spdlog::warn("the [[line]] entries (AXIS People Counter live sums) come over HTTP only: list their cameras "
                         "under [[live-sum]], or start with --http-listen for pushed ones");
        counters::CounterRouter router(config, options->xovis_topic);
        std::optional<counters::StateFile> state;
        if (!options->state.empty()) {
            state.emplace(options->state);
            try {
                if (auto saved = state->read()) {
                    router.load(*saved);
                    spdlog::info("counters state {}: baselines and counts restored", options->state);
                } else {
                    spdlog::info("counters state {}: none yet; every line starts from its first reading", options->state);
                }
            } catch (const std::exception& e) {
                // Counting on from nothing loses today's count in line-counted zones, but a
                // state that cannot be read must not stop the counting.
                spdlog::error("{}: starting afresh (line-counted zones count from 0)", e.what());
            }
        }
        bool unsaved = false, save_failing = false;
        auto next_save = std::chrono::steady_clock::now();
        auto save_state = [&] {
            if (!state || !unsaved) return;
            try {
                state->write(router.save());
                unsaved = false;
                if (save_failing) spdlog::info("counters state {}: saved again", options->state);
                save_failing = false;
            } catch (const std::exception& e) {
                // Once per run of failures: tried again every second, and a restart meanwhile
                // would count from the last state saved.
                if (!save_failing) spdlog::warn("{}: not saved; trying again every second", e.what());
                save_failing = true;
            }
        };

        zmq::context_t ctx(1);
        counters::SamplePush push(ctx, options->ingest, load_hub_keys(options->key_files));
        Mailbox<VendorMessage> inbox;
        Mailbox<counters::PolledLiveSum> polled;
        Mailbox<counters::PushedLiveSum> pushed;
        wake_box = &inbox;
        std::signal(SIGINT, on_stop_signal);
        std::signal(SIGTERM, on_stop_signal);
        // A persistent session: the broker keeps what the cameras publish while the adapter is
        // away, since a missed Xovis bin is missed people.
        MqttSessionOptions session;
        session.uri = options->mqtt;
        session.client_id = options->mqtt_client_id;
        session.persistent = true;
        session.subscriptions = {std::string(counters::aoa_topic_filter), options->xovis_topic};
        apply_broker_login(options->login, session);
        MqttSession mqtt(session, [&inbox](mqtt::const_message_ptr m) {
            inbox.push(VendorMessage{m->get_topic(), m->to_string()});
        });
        spdlog::info("listening on {} for {} and {}; samples to {}", options->mqtt, counters::aoa_topic_filter,
                     options->xovis_topic, options->ingest);
        std::unique_ptr<counters::LiveSumListener> http;
        if (!options->http_listen.empty()) {
            http = std::make_unique<counters::LiveSumListener>(options->http_host, options->http_port, pushed);
            spdlog::info("http: taking pushed live sums on http://{}{}", options->http_listen, counters::live_sum_push_path);
        }
        std::unique_ptr<counters::LiveSumPoller> poller;
        std::vector<counters::CameraOutage> outages(config.live_sum.size());
        for (const auto& c : config.live_sum)
            spdlog::info("http: polling {} every {} s{}", c.url, c.every.count(),
                         c.credentials ? (c.credentials->digest ? " (digest auth)" : " (basic auth)") : "");
        if (!config.live_sum.empty()) poller = std::make_unique<counters::LiveSumPoller>(config.live_sum, polled);

        SystemClock clock;
        Tally tally;
        tally.polling = !config.live_sum.empty();
        auto summary_every = std::chrono::milliseconds(static_cast<std::int64_t>(options->summary_every_s * 1000));
        auto next_summary = std::chrono::steady_clock::now() + summary_every;
        auto count_refusals = [&](const counters::Routed& routed) {
            tally.repeated += routed.repeated;
            for (const auto& r : routed.refused) tally.refused.count(r.reason);
        };
        while (!stop_requested) {
            mqtt.maintain();
            zmq::pollitem_t items[] = {{nullptr, inbox.fd(), ZMQ_POLLIN, 0},
                                       {nullptr, polled.fd(), ZMQ_POLLIN, 0},
                                       {nullptr, pushed.fd(), ZMQ_POLLIN, 0}};
            try {
                zmq::poll(items, 3, std::chrono::milliseconds(250));
            } catch (const zmq::error_t& e) {
                if (e.num() != EINTR) throw;
                continue; // a signal: the loop condition decides
            }
            for (auto& m : inbox.take(256)) {
                ++tally.messages;
                auto routed = router.route(m.topic, m.payload, clock.now());
                unsaved = true;
                count_refusals(routed);
                for (const auto& r : routed.refused)
                    spdlog::warn("refused ({}) from {}: {}", reason_name(r.reason), refusal_text(m.topic), r.detail);
                send_samples(routed, push);
            }
            for (auto& p : polled.take(256)) {
                const auto& camera = config.live_sum[p.camera];
                auto& outage = outages[p.camera];
                auto steady_now = std::chrono::steady_clock::now();
                ++tally.polls;
                auto outcome = counters::read_live_sum_answer(std::move(p.answer));
                if (const auto* failed = std::get_if<counters::PollFailed>(&outcome)) {
                    tally.poll_failed.count(failed->failure);
                    auto reason = counters::poll_failure_name(failed->failure);
                    // Once per outage, not once per poll: a camera off for a night would fill the log.
                    if (outage.failed(reason, steady_now))
                        spdlog::warn("camera {} does not answer ({}): {} (logged again when this changes)", camera.url, reason,
                                     failed->detail);
                    else
                        spdlog::debug("camera {} still does not answer ({}): {}", camera.url, reason, failed->detail);
                    continue;
                }
                ++tally.messages;
                counters::Routed routed;
                if (const auto* refused = std::get_if<Rejection>(&outcome))
                    routed.refused.push_back(*refused);
                else
                    routed = router.route_live_sum(std::get<std::string>(outcome), clock.now());
                unsaved = true;
                count_refusals(routed);
                if (routed.refused.empty()) {
                    if (auto ended = outage.answered(steady_now))
                        spdlog::info("camera {} answers again, after {} failed polls in {}", camera.url, ended->failed_polls,
                                     seconds_text(ended->lasted));
                } else {
                    const auto& r = routed.refused.front();
                    if (outage.failed(reason_name(r.reason), steady_now))
                        spdlog::warn("refused ({}) from {}: {}", reason_name(r.reason), camera.url, r.detail);
                    else
                        spdlog::debug("refused again ({}) from {}: {}", reason_name(r.reason), camera.url, r.detail);
                }
                send_samples(routed, push);
            }
            for (auto& p : pushed.take(256)) {
                ++tally.messages;
                if (!p.verdict) { // already answered 413 by the server
                    tally.refused.count(RejectReason::oversize);
                    spdlog::warn("refused (oversize) from POST {} by {}: more than {} bytes", counters::live_sum_push_path,
                                 p.peer, counters::live_sum_max_bytes);
                    continue;
                }
                auto routed = router.route_live_sum(p.body, clock.now());
                unsaved = true;
                count_refusals(routed);
                for (const auto& r : routed.refused)
                    spdlog::warn("refused ({}) from POST {} by {}: {}", reason_name(r.reason), counters::live_sum_push_path,
                                 p.peer, r.detail);
                p.verdict->set_value(counters::push_verdict(routed));
                send_samples(routed, push);
            }
            if (unsaved && std::chrono::steady_clock::now() >= next_save) {
                next_save = std::chrono::steady_clock::now() + std::chrono::seconds(1);
                save_state();
            }
            if (summary_every.count() > 0 && std::chrono::steady_clock::now() >= next_summary) {
                next_summary += summary_every;
                std::cout << "counters: " << summary(tally, push) << std::endl;
            }
        }
        spdlog::info("stopping");
        // Threads that push wait for no room from here on, so each one can be stopped.
        inbox.close();
        polled.close();
        pushed.close();
        for (auto& p : pushed.take(SIZE_MAX))
            if (p.verdict) p.verdict->set_value({503, "the adapter is stopping; push again later\n"});
        if (http) http->stop();
        if (poller) poller->stop();
        mqtt.disconnect();
        save_state();
        std::cout << "counters: " << summary(tally, push) << std::endl;
        wake_box = nullptr;
        return 0;
    } catch (const std::exception& e) {
        wake_box = nullptr; // the mailbox is gone with the try block
        std::cerr << "platslage-counters: " << e.what() << "\n";
        return 1;
    }
}
