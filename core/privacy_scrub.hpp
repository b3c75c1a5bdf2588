#pragma once
// Free text from handhelds is scrubbed of what could single out a person before it is
// stored: Swedish personal identity numbers (personnummer, samordningsnummer), phone
// numbers and e-mail addresses. Names cannot be detected reliably; the handheld guidance
// (docs/privacy.md) says not to write them, and notes are short by design.
#include <string>
#include <string_view>

namespace platslage {

struct ScrubbedText {
    std::string text;
    int redactions = 0;
};

ScrubbedText scrub_identifiers(std::string_view text);

} // namespace platslage
