#pragma once
// When outreach pairs work: named shifts (day, evening, weekend, night) on weekdays, at
// weekends or every day, in Stockholm local time. A shift that ends at or before it starts
// runs past midnight and belongs to the day it started: Friday's night shift is a weekday
// shift that ends on Saturday morning. Pure.
#include <chrono>
#include <string>
#include <vector>

namespace platslage::sim {

enum class ShiftDays { weekdays, weekend, every_day };

struct ShiftWindow {
    std::string name;
    double from_hour = 0; // local, 0 ≤ h < 24
    double to_hour = 0;
    ShiftDays days = ShiftDays::every_day;
};

bool works_on(ShiftDays days, std::chrono::weekday day);

// Whether the shift is on at `hour` on local `day`.
bool shift_on(const ShiftWindow& s, std::chrono::weekday day, double hour);

// On duty in any of the shifts; with none, always (a run without a scenario keeps its pairs out).
bool on_duty(const std::vector<ShiftWindow>& shifts, std::chrono::weekday day, double hour);

} // namespace platslage::sim
