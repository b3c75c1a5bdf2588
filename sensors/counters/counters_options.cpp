#include "counters_options.hpp"

#include "topic_filter.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <tuple>

namespace platslage::counters {

std::optional<std::pair<std::string, int>> split_listen_address(const std::string& text) {
    auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) return std::nullopt;
    auto host = text.substr(0, colon);
    if (!std::all_of(host.begin(), host.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
        }))
        return std::nullopt;
    int port = 0;
    const char* first = text.data() + colon + 1;
    const char* last = text.data() + text.size();
    auto [end, ec] = std::from_chars(first, last, port);
    if (first == last || ec != std::errc() || end != last || port < 1 || port > 65535) return std::nullopt;
    return std::pair{host, port};
}

std::optional<CountersOptions> parse_counters_options(int argc, char** argv, int& exit_code) {
    CountersOptions o;
    CLI::App app{"platslage-counters: reads people counters' own MQTT messages (AXIS Object Analytics "
                 "events, Xovis pushes) and AXIS People Counter live sums (polled over HTTP as the counters "
                 "config lists them, or pushed to --http-listen), turns them into occupancy samples with the counters config, and "
                 "pushes them to the hub. Refused messages are logged with their reason and counted; the "
                 "counts are printed to stdout every --summary-every-s (default 60 s) and on SIGINT or SIGTERM."};
    app.add_option("--config", o.config, "the counters config (TOML)")->capture_default_str();
    app.add_option("--maps", o.maps, "folder of station GeoJSON files")->capture_default_str();
    app.add_option("--mqtt", o.mqtt, "MQTT broker URL the counters publish to")->capture_default_str();
    app.add_option("--mqtt-client-id", o.mqtt_client_id,
                   "MQTT client id; the broker keeps this client's session while it is away")
        ->capture_default_str();
    app.add_option("--xovis-topic", o.xovis_topic, "MQTT topic filter the Xovis data push agents publish under")
        ->capture_default_str()
        ->check([](const std::string& f) { return is_topic_filter(f) ? std::string() : "not an MQTT topic filter"; });
    app.add_option("--ingest", o.ingest, "the hub's ZeroMQ PULL endpoint for occupancy samples")->capture_default_str();
    app.add_option("--http-listen", o.http_listen,
                   "HOST:PORT to take AXIS People Counter live sums pushed by HTTP POST to /axis/live-sum "
                   "(plain HTTP; e.g. 127.0.0.1:8088); no listener when not given")
        ->check([](const std::string& a) { return split_listen_address(a) ? std::string() : "not HOST:PORT"; });
    app.add_option("--summary-every-s", o.summary_every_s, "seconds between summary lines on stdout; 0 only at the end")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 86400.0));
    app.add_option("--state", o.state,
                   "file that keeps each counting line's baseline and each line-counted zone's count across restarts, "
                   "written at most once a second and when stopping; \"\" keeps none (a restart then counts every such "
                   "zone from 0)")
        ->capture_default_str();
    app.add_option("--log-level", o.log_level, "trace, debug, info, warn, error (log lines go to stderr)")
        ->capture_default_str();
    add_broker_login_options(app, o.login);
    add_hub_key_options(app, o.key_files);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        exit_code = app.exit(e);
        return std::nullopt;
    }
    if (auto a = split_listen_address(o.http_listen)) std::tie(o.http_host, o.http_port) = *a;
    return o;
}

} // namespace platslage::counters
