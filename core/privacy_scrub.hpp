#pragma once
// Free text from handhelds is scrubbed of what could single out a person before it is
// stored: Swedish personal identity numbers (personnummer, samordningsnummer), phone
// numbers and e-mail addresses. Names cannot be detected reliably; the handheld guidance
// (docs/privacy.md) says not to write them, and notes are short by design.
#include <cstddef>
#include <string>
#include <string_view>

namespace platslage {

struct ScrubbedText {
    std::string text;
    int redactions = 0;
};

ScrubbedText scrub_identifiers(std::string_view text);

// The same, kept within `max_chars` characters (code points): a marker can be longer than
// what it replaced ("[e-post]" for "a@b.se"), and a stored text must pass the same length
// check as the text that came in when the log is read back. The end is cut, never the middle.
ScrubbedText scrub_identifiers(std::string_view text, std::size_t max_chars);

} // namespace platslage
