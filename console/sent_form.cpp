#include "sent_form.hpp"

namespace platslage::console {

bool SentForm::answered(bool ok) {
    char* field = field_;
    field_ = nullptr;
    if (!ok || !field || text_ != field) return false;
    field[0] = '\0';
    return true;
}

} // namespace platslage::console
