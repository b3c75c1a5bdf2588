#pragma once
// A form's text between sending it and the hub's answer. The form is emptied only once the
// hub has taken what it held: a refused decision stays on screen to be corrected instead of
// being typed again, and text typed while the answer was on its way is left alone.
#include <array>
#include <cstddef>
#include <string>

namespace platslage::console {

class SentForm {
public:
    template <std::size_t N>
    void sent(std::array<char, N>& field) {
        field_ = field.data();
        text_ = field.data();
    }
    // A command that came from no form went out: nothing to empty when it is answered.
    void forget() { field_ = nullptr; }
    // The hub's answer to what was sent last. True when the form was emptied.
    bool answered(bool ok);

private:
    char* field_ = nullptr;
    std::string text_;
};

} // namespace platslage::console
