#include "hub_context.hpp"

#include "time_text.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace platslage {

HubContext::HubContext(const HubConfig& settings, const ZoneMap& maps, EventLog& events, const Clock& time,
                       HubSecurity& guard)
    : cfg(settings), zones(maps), log(events), clock(time), security(guard),
      situation(maps, SituationSettings{std::chrono::seconds(settings.sensor_silent_s),
                                        static_cast<std::size_t>(settings.recent_reports), settings.fusion}),
      epoch(static_cast<std::uint64_t>(to_epoch_ms(time.now()))), started(time.now()) {}

void HubContext::apply(std::int64_t id, const Event& e, TimePoint heard, std::vector<Update>& out) {
    std::visit([&](const auto& ev) {
        using T = std::decay_t<decltype(ev)>;
        std::vector<Update> u;
        if constexpr (std::is_same_v<T, GuardReport>) u = situation.record(ev, id, heard);
        else u = situation.record(ev, heard);
        out.insert(out.end(), std::make_move_iterator(u.begin()), std::make_move_iterator(u.end()));
    }, e);
    last_event = std::max(last_event, id);
}

void HubContext::replay(bool use_snapshot) {
    std::size_t replayed = 0, skipped = 0;
    std::vector<Update> ignored; // a rebuilt picture is not news: consoles take a snapshot
    auto visit = [&](std::int64_t id, const EventRecord& r) {
        auto e = from_record(r, zones);
        if (!e) {
            // Maps changed since it was logged (a zone removed, say): it stays in the log.
            ++skipped;
            spdlog::debug("replay: event {} no longer fits the maps: {}", id, e.rejection().detail);
            last_event = std::max(last_event, id);
            return;
        }
        apply(id, e.value(), r.heard, ignored);
        ignored.clear();
        ++replayed;
    };
    bool from_snapshot = false;
    for (const auto& snap : use_snapshot ? log.snapshots() : std::vector<EventLog::Snapshot>{}) {
        try {
            situation.load(nlohmann::json::parse(snap.body));
            last_event = snap.last_event;
            from_snapshot = true;
            spdlog::info("snapshot of {} (up to event {}) loaded", format_rfc3339(snap.saved), snap.last_event);
            break;
        } catch (const std::exception& e) {
            spdlog::warn("snapshot up to event {} unreadable, trying an older one: {}", snap.last_event, e.what());
        }
    }
    if (from_snapshot) {
        log.replay_after(last_event, visit);
        spdlog::info("replayed {} events after the snapshot ({} no longer fit the maps)", replayed, skipped);
    } else {
        log.replay(clock.now() - std::chrono::hours(cfg.replay_hours), visit);
        spdlog::info("replayed {} events from the last {} h ({} no longer fit the maps)", replayed, cfg.replay_hours, skipped);
    }
    // A snapshot saved while writes were failing would show the old spell as if it went on:
    // a new process knows of no failure until a write of its own fails.
    situation.unshow(storage_entry_key);
    situation.advance_to(clock.now());
    store_hotspot_hours();
}

void HubContext::store_hotspot_hours() {
    auto closed = situation.take_hotspot_hours();
    unsaved_hours.insert(unsaved_hours.end(), std::make_move_iterator(closed.begin()), std::make_move_iterator(closed.end()));
    if (unsaved_hours.empty()) return;
    try {
        log.store_hotspot_hours(unsaved_hours);
        unsaved_hours.clear();
    } catch (const std::exception& e) {
        // Tried again with the next ones; a day of every zone's hours at most is held.
        storage.failed(clock.now(), e.what());
        spdlog::error("hotspot hours not stored ({} waiting): {}", unsaved_hours.size(), e.what());
        constexpr std::size_t most = 24 * 64;
        if (unsaved_hours.size() > most)
            unsaved_hours.erase(unsaved_hours.begin(), unsaved_hours.end() - static_cast<std::ptrdiff_t>(most));
    }
}

bool HubContext::save_snapshot() {
    // The hours closed so far are stored first: the snapshot holds only the hours under way.
    store_hotspot_hours();
    try {
        log.save_snapshot(last_event, clock.now(), situation.save().dump());
        spdlog::debug("snapshot saved up to event {}", last_event);
        return true;
    } catch (const std::exception& e) {
        // Only start-up gets slower: the log itself is intact. But a log that cannot take a
        // snapshot will not take reports either: said at once, not at the next report.
        storage.failed(clock.now(), e.what());
        spdlog::error("snapshot not saved: {}", e.what());
        return false;
    }
}

} // namespace platslage
