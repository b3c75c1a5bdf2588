#pragma once
// Free text from handhelds is scrubbed of what could single out a person before it is
// stored: Swedish personal identity numbers (personnummer, samordningsnummer), phone
// numbers and e-mail addresses. Names cannot be detected reliably; the handheld guidance
// (docs/privacy.md) says not to write them, and notes are short by design.
//
// One pass over the text, whatever it holds: its time is linear in its length, so it can run
// on anything that came from outside (no backtracking expressions).
#include <cstddef>
#include <string>
#include <string_view>

namespace platslage {

// What a redaction stood for. Identity-shaped ones could name a person on their own; a long
// number could too, but it is also how equipment numbers its messages ("hh-01-1764800000000").
enum class Identifier { email, personnummer, mobile, international, landline, long_number };

struct ScrubbedText {
    std::string text;
    int redactions = 0;
    int identity_shaped = 0; // e-mail addresses, identity numbers, mobile and international numbers
};

ScrubbedText scrub_identifiers(std::string_view text);

// No number with fewer digits than this is taken out: a text with fewer digits in all, and
// no '@', comes back as it went in (a quick answer for ids, which are checked at every input).
constexpr std::size_t fewest_digits_redacted = 7;

// The same, kept within `max_chars` characters (code points): a marker can be longer than
// what it replaced ("[e-post]" for "a@b.se"), and a stored text must pass the same length
// check as the text that came in when the log is read back. The end is cut, never the middle.
ScrubbedText scrub_identifiers(std::string_view text, std::size_t max_chars);

// Does an id (a report's) read as an identity number, a mobile or international phone
// number or an e-mail address? Ids join numbers with '-' by design ("hh-07-000123",
// "sim-c-hh-07-20261123T232634-000123"), so a number in an id is judged by its parts as
// people write them: "800101-5034" and "070-1234567" are refused, "07-20261123" is not.
bool reads_as_identity(std::string_view id);

// `text` without the number it ends in, digits and separators: what to keep of a text that
// was cut short, since the part of a number before the cut could be the start of an identity.
std::string_view without_trailing_number(std::string_view text);
// `text` without its last word (after the last space, '/' or line break) if that holds an
// at-sign in any spelling: what could be an e-mail address cut before its domain.
std::string_view without_trailing_address(std::string_view text);

} // namespace platslage
