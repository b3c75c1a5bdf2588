#include "team_shifts.hpp"

namespace platslage::sim {

bool works_on(ShiftDays days, std::chrono::weekday day) {
    bool weekend = day == std::chrono::Saturday || day == std::chrono::Sunday;
    switch (days) {
    case ShiftDays::weekdays: return !weekend;
    case ShiftDays::weekend: return weekend;
    case ShiftDays::every_day: break;
    }
    return true;
}

bool shift_on(const ShiftWindow& s, std::chrono::weekday day, double hour) {
    if (s.to_hour > s.from_hour) return works_on(s.days, day) && hour >= s.from_hour && hour < s.to_hour;
    // Past midnight: this evening's part, or the morning part of the shift that began yesterday.
    if (hour >= s.from_hour) return works_on(s.days, day);
    return hour < s.to_hour && works_on(s.days, day - std::chrono::days{1});
}

bool on_duty(const std::vector<ShiftWindow>& shifts, std::chrono::weekday day, double hour) {
    if (shifts.empty()) return true;
    for (const auto& s : shifts)
        if (shift_on(s, day, hour)) return true;
    return false;
}

} // namespace platslage::sim
