#include "agenda_markdown.hpp"

#include "person_counts.hpp"
#include "plain_words.hpp"
#include "stats_query.hpp"
#include "stockholm_time.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace platslage {

namespace {
using namespace std::chrono;

std::string minutes_text(const std::optional<Millis>& m) {
    if (!m) return "–";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f min", static_cast<double>(m->count()) / 60000.0);
    return buf;
}

// Free text goes into table cells: a pipe or a line break would break the table.
std::string cell(std::string s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '\n' || c == '\r') out += ' ';
        else out += c;
    }
    return out;
}

std::string owner_text(const MeetingNote& n) { return n.owner.empty() ? "–" : std::string(organisation_title(n.owner)); }
} // namespace

std::string agenda_markdown(const Agenda& a) {
    std::ostringstream md;
    md << "# " << cell(a.plan.title) << "\n\n";
    md << "- **When:** " << stockholm_minute_text(a.held_at) << " (" << a.plan.duration_min << " min)\n";
    md << "- **Where:** " << a.zone_name << ", " << station_name(a.plan.station) << " (the counts below are this station's)\n";
    md << "- **Who:** ";
    for (std::size_t i = 0; i < a.plan.organisations.size(); ++i)
        md << (i ? ", " : "") << organisation_title(a.plan.organisations[i]);
    md << "\n";
    md << "- **Period:** " << stockholm_minute_text(a.since) << " to " << stockholm_minute_text(a.held_at)
       << (a.first_meeting ? " (the week before the first meeting)" : " (since the previous meeting)") << "\n";
    md << "- **Meeting:** " << a.plan.id << "\n\n";
    md << "Counts are of situations reported and handled, never of identified persons.\n\n";

    md << "## 1. Open action items\n\n";
    if (a.open_actions.empty()) {
        md << "None open.\n\n";
    } else {
        // Grouped by the organisation that owns them: each partner finds its own at a glance.
        std::vector<std::string> owners;
        for (const auto& n : a.open_actions)
            if (std::find(owners.begin(), owners.end(), owner_text(n)) == owners.end()) owners.push_back(owner_text(n));
        for (const auto& owner : owners) {
            md << "### " << owner << "\n\n";
            md << "| item | what | due | from the meeting of |\n|---|---|---|---|\n";
            for (const auto& n : a.open_actions) {
                if (owner_text(n) != owner) continue;
                bool late = std::find(a.overdue.begin(), a.overdue.end(), n.id) != a.overdue.end();
                md << "| " << n.id << " | " << cell(n.text) << " | " << n.due << (late ? " **overdue**" : "") << " | "
                   << stockholm_minute_text(n.held_at) << " |\n";
            }
            md << "\n";
        }
    }

    md << "## 2. Hottest zones\n\n";
    if (a.hottest.empty()) {
        md << "No guard reports in the period.\n\n";
    } else {
        md << "| zone | people reported | reports | at night | alerts | why |\n|---|---:|---:|---:|---:|---|\n";
        for (const auto& h : a.hottest)
            md << "| " << h.name << " | " << h.persons << " | " << h.reports << " | " << h.at_night << " | " << h.alerts << " | "
               << cell(h.why) << " |\n";
        md << "\n";
    }

    md << "## 3. Repeated presence\n\n";
    if (a.repeated.empty()) {
        md << "No zone had reports on " << repeated_presence_days << " days or more.\n\n";
    } else {
        md << "Zones with reports on " << repeated_presence_days << " or more days (06:00 to 06:00):\n\n";
        md << "| zone | days | people reported |\n|---|---:|---:|\n";
        for (const auto& r : a.repeated) md << "| " << r.name << " | " << r.days << " | " << r.persons << " |\n";
        md << "\n";
    }

    md << "## 4. Coverage gaps\n\n";
    if (a.gaps.empty()) {
        md << "Every alert in the period had a team on scene.\n\n";
    } else {
        md << "| zone | alerts | with a team on scene | orders unanswered or declined |\n|---|---:|---:|---:|\n";
        for (const auto& g : a.gaps)
            md << "| " << g.name << " | " << g.alerts << " | " << g.reached << " | " << g.unanswered << " |\n";
        md << "\n";
    }

    md << "## 5. Open and escalated alerts\n\n";
    // A count by kind, and the first few: the meeting talks about patterns; the queue in the
    // console has every alert.
    auto alert_rows = [&](const std::vector<AgendaAlert>& alerts, const char* none) {
        if (alerts.empty()) {
            md << none << "\n\n";
            return;
        }
        std::vector<std::pair<std::string, int>> kinds;
        for (const auto& al : alerts) {
            auto it = std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == al.rule; });
            if (it == kinds.end()) kinds.emplace_back(al.rule, 1);
            else ++it->second;
        }
        md << alerts.size() << (alerts.size() == 1 ? " alert: " : " alerts: ");
        for (std::size_t i = 0; i < kinds.size(); ++i) md << (i ? ", " : "") << kinds[i].second << " " << code_words(kinds[i].first, false);
        md << ".\n\n";
        md << "| alert | rule | zone | severity | raised | what |\n|---|---|---|---|---|---|\n";
        const std::size_t shown = std::min(alerts.size(), agenda_alert_rows);
        for (std::size_t i = 0; i < shown; ++i) {
            const auto& al = alerts[i];
            md << "| " << al.id << " | " << code_words(al.rule, true) << " | " << (al.zone.empty() ? "whole station" : al.zone_name) << " | "
               << al.severity << " | " << stockholm_minute_text(al.raised) << " | " << cell(al.summary) << " |\n";
        }
        md << "\n";
        if (alerts.size() > shown) md << "And " << alerts.size() - shown << " more, in the console's alert queue.\n\n";
    };
    md << "Open when the meeting starts:\n\n";
    alert_rows(a.open_alerts, "None.");
    md << "Escalated in the period:\n\n";
    alert_rows(a.escalated, "None.");

    md << "## 6. Dispatches and response times\n\n";
    md << a.dispatches << " orders sent: " << a.completed << " completed, " << a.declined << " declined, " << a.unanswered
       << " unanswered, " << a.withdrawn << " withdrawn.\n\n";
    md << "| step | measured | median | 90th percentile |\n|---|---:|---:|---:|\n";
    for (const auto& s : a.response)
        md << "| " << code_words(s.from, false) << " → " << code_words(s.to, false) << " | " << s.measured << " | " << minutes_text(s.median) << " | "
           << minutes_text(s.p90) << " |\n";
    md << "\n";

    md << "## 7. Outcomes\n\n";
    if (a.outcomes.empty()) {
        md << "No completed dispatches in the period.\n\n";
    } else {
        md << "People met, by outcome (as the teams reported them):\n\n";
        md << "| outcome | women | men | unknown | total |\n|---|---:|---:|---:|---:|\n";
        int w = 0, m = 0, u = 0, t = 0;
        for (const auto& o : a.outcomes) {
            md << "| " << code_words(o.outcome, false) << " | " << o.women << " | " << o.men << " | " << o.unknown << " | " << o.total << " |\n";
            w += o.women, m += o.men, u += o.unknown, t += o.total;
        }
        md << "| **total** | " << w << " | " << m << " | " << u << " | " << t << " |\n\n";
        if (!a.referrals.empty()) {
            md << "Referred to: ";
            for (std::size_t i = 0; i < a.referrals.size(); ++i)
                md << (i ? ", " : "") << referral_title(a.referrals[i].first) << " " << a.referrals[i].second;
            md << ".\n\n";
        }
    }

    md << "## 8. Night shelters and the weather\n\n";
    bool any_night = false;
    for (const auto& sh : a.shelters) any_night = any_night || sh.nights > 0;
    if (!any_night) {
        md << "No night shelter reported in the period.\n\n";
    } else {
        md << "Each night counted by its last reading (18:00 to 06:00):\n\n";
        md << "| shelter | places | nights | full nights | nights used | free at the last count |\n|---|---:|---:|---:|---:|---:|\n";
        for (const auto& sh : a.shelters)
            md << "| " << cell(sh.name) << " | " << sh.places << " | " << sh.nights << " | " << sh.full_nights << " | "
               << sh.occupied << " | " << (sh.nights ? std::to_string(sh.last_free) : std::string("-")) << " |\n";
        md << "\n";
    }
    if (a.weather.readings == 0) {
        md << "No weather reading in the period.\n\n";
    } else {
        md << "Weather: ";
        if (a.weather.coldest_c) {
            char t[32];
            std::snprintf(t, sizeof t, "%.1f", *a.weather.coldest_c);
            md << "coldest " << t << " °C; ";
        }
        md << a.weather.extra_cold_nights << (a.weather.extra_cold_nights == 1 ? " extra cold night" : " extra cold nights");
        if (a.weather.worst_warning > 0) md << "; SMHI warning class " << a.weather.worst_warning << " at worst";
        md << ".\n\n";
    }

    md << "## 9. Recorded at the previous meeting\n\n";
    if (a.last_notes.empty()) {
        md << (a.first_meeting ? "This is the first meeting.\n\n" : "Nothing was recorded.\n\n");
    } else {
        for (const auto& n : a.last_notes)
            md << "- " << (n.kind == NoteKind::action ? "Action " : "Decision ") << n.id << ": " << n.text
               << (n.owner.empty() ? "" : " (" + std::string(organisation_title(n.owner)) + (n.due.empty() ? "" : ", due " + n.due) + ")")
               << (n.closed_at ? " — closed" : "") << "\n";
        md << "\n";
    }
    md << "## 10. Decisions and action items today\n\n(Recorded in the console during the meeting.)\n";
    return md.str();
}

} // namespace platslage
