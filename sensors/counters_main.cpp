// platslage-counters: start-up reads in order: options, logging, maps and counters config,
// sockets, MQTT, loop, goodbye. Summary lines go to stdout, log lines to stderr.
#include "counter_router.hpp"
#include "counters_config.hpp"
#include "counters_options.hpp"
#include "mailbox.hpp"
#include "mqtt_listener.hpp"
#include "sample_push.hpp"
#include "system_clock.hpp"
#include "time_text.hpp"
#include "zone_map.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>
#include <iostream>

namespace {
std::atomic<bool> stop_requested{false};
const platslage::Mailbox<platslage::sim::VendorMessage>* wake_box = nullptr;

// Signal handlers only set a flag and wake the loop (an eventfd write is async-signal-safe).
extern "C" void on_stop_signal(int) {
    stop_requested = true;
    if (wake_box) wake_box->wake();
}

struct Tally {
    std::uint64_t messages = 0;
    std::uint64_t repeated = 0;
    platslage::RejectionCounters refused;
};

std::string summary(const Tally& t, const platslage::sim::SamplePush& push) {
    return "messages=" + std::to_string(t.messages) + " samples_sent=" + std::to_string(push.sent()) +
           " samples_dropped=" + std::to_string(push.dropped()) + " repeated=" + std::to_string(t.repeated) +
           " refused=" + std::to_string(t.refused.total()) + " (" + t.refused.summary() + ")";
}
} // namespace

int main(int argc, char** argv) {
    using namespace platslage;
    try {
        int exit_code = 0;
        auto options = sim::parse_counters_options(argc, argv, exit_code);
        if (!options) return exit_code;

        spdlog::set_default_logger(spdlog::stderr_color_mt("counters"));
        spdlog::set_level(spdlog::level::from_str(options->log_level));
        spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ counters: %v");

        ZoneMap zones = ZoneMap::load_dir(options->maps);
        auto config = sim::load_counters_config(options->config, zones);
        spdlog::info("counters config {}: {} AXIS lines, {} AOA scenarios, {} Xovis elements or counters; reset at {:02}:00",
                     options->config, config.lines.size(), config.aoa.size(), config.xovis.size(), config.reset_hour);
        if (!config.lines.empty())
            spdlog::warn("the [[line]] entries (AXIS People Counter live sum) are not read over MQTT: "
                         "this adapter has no HTTP side yet");
        sim::CounterRouter router(config, options->xovis_topic);

        zmq::context_t ctx(1);
        sim::SamplePush push(ctx, options->ingest);
        Mailbox<sim::VendorMessage> inbox;
        wake_box = &inbox;
        std::signal(SIGINT, on_stop_signal);
        std::signal(SIGTERM, on_stop_signal);
        sim::MqttListener mqtt(options->mqtt, options->mqtt_client_id,
                               {std::string(sim::aoa_topic_filter), options->xovis_topic}, inbox);
        spdlog::info("listening on {} for {} and {}; samples to {}", options->mqtt, sim::aoa_topic_filter,
                     options->xovis_topic, options->ingest);

        SystemClock clock;
        Tally tally;
        auto summary_every = std::chrono::milliseconds(static_cast<std::int64_t>(options->summary_every_s * 1000));
        auto next_summary = std::chrono::steady_clock::now() + summary_every;
        while (!stop_requested) {
            mqtt.maintain();
            zmq::pollitem_t items[] = {{nullptr, inbox.fd(), ZMQ_POLLIN, 0}};
            try {
                zmq::poll(items, 1, std::chrono::milliseconds(250));
            } catch (const zmq::error_t& e) {
                if (e.num() != EINTR) throw;
                continue; // a signal: the loop condition decides
            }
            for (auto& m : inbox.take(256)) {
                ++tally.messages;
                auto routed = router.route(m.topic, m.payload, clock.now());
                tally.repeated += routed.repeated;
                for (const auto& r : routed.refused) {
                    tally.refused.count(r.reason);
                    spdlog::warn("refused ({}) from {}: {}", reason_name(r.reason), m.topic, r.detail);
                }
                for (const auto& s : routed.samples) {
                    if (push.send(s))
                        spdlog::debug("{} {} = {} at {}", s.sensor, s.zone, s.count, format_rfc3339(s.ts));
                    else
                        spdlog::warn("sample for {} dropped: the hub's ingest queue is full", s.zone);
                }
            }
            if (summary_every.count() > 0 && std::chrono::steady_clock::now() >= next_summary) {
                next_summary += summary_every;
                std::cout << "counters: " << summary(tally, push) << std::endl;
            }
        }
        spdlog::info("stopping");
        mqtt.stop();
        std::cout << "counters: " << summary(tally, push) << std::endl;
        wake_box = nullptr;
        return 0;
    } catch (const std::exception& e) {
        wake_box = nullptr; // the mailbox is gone with the try block
        std::cerr << "platslage-counters: " << e.what() << "\n";
        return 1;
    }
}
