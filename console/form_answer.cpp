#include "form_answer.hpp"

#include <imgui.h>

namespace platslage::console {

std::optional<HubLink::Answer> FormAnswer::take(const HubLink& link) {
    if (taken_ || ticket_ == 0) return std::nullopt;
    auto answer = link.answer_to(ticket_);
    if (answer) taken_ = true;
    return answer;
}

void FormAnswer::draw() const {
    if (line_.empty()) return;
    if (ok_) ImGui::TextDisabled("%s", line_.c_str());
    else ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.35f, 1), "%s", line_.c_str());
}

} // namespace platslage::console
