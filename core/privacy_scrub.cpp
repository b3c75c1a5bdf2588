#include "privacy_scrub.hpp"

#include <regex>
#include <vector>

namespace platslage {

namespace {

struct Pattern {
    std::regex re;
    const char* replacement;
};

const std::vector<Pattern>& patterns() {
    // Order matters: the more specific shapes first, the catch-all for long digit runs last.
    static const std::vector<Pattern> list{
        // e-mail addresses
        {std::regex(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)"), "[e-post]"},
        // international Swedish numbers: +46 / 0046 followed by 7-10 digits with separators
        {std::regex(R"((\+|00)[ ]?46([ -]?\(?0?\)?[ -]?[0-9]){7,10}(?![0-9]))"), "[telefon]"},
        // Swedish mobile numbers (070, 072, 073, 076, 079): checked before identity numbers,
        // which can share their shape (0701234567 is also a valid-looking YYMMDDNNNN)
        {std::regex(R"((^|[^0-9])(07[02369]([ -]?[0-9]){7})(?![0-9]))"), "$1[telefon]"},
        // personnummer / samordningsnummer: (YY)YYMMDD, optional - or +, four digits
        {std::regex(R"((^|[^0-9])((19|20)?[0-9]{6}[-+ ]?[0-9]{4})(?![0-9]))"), "$1[personnummer]"},
        // domestic numbers: 0 + area code, then 5-8 more digits with single separators
        {std::regex(R"((^|[^0-9])(0[0-9]{1,3}([ -]?[0-9]){5,8})(?![0-9]))"), "$1[telefon]"},
        // any other long digit run (10+ digits) is treated as an identifier
        {std::regex(R"([0-9]{10,})"), "[nummer]"},
    };
    return list;
}

// Every pattern above needs an '@' or seven digits at least (a domestic number: 0, an area
// code and five more). Text with neither is left as it is without running the expressions,
// which are slow and would otherwise run on every refusal and every id with digits in it.
bool could_hold_identifier(std::string_view text) {
    int digits = 0;
    for (char c : text) {
        if (c == '@') return true;
        digits += c >= '0' && c <= '9' ? 1 : 0;
    }
    return digits >= 7;
}

int count_matches(const std::string& s, const std::regex& re) {
    return static_cast<int>(std::distance(std::sregex_iterator(s.begin(), s.end(), re), std::sregex_iterator()));
}

} // namespace

ScrubbedText scrub_identifiers(std::string_view text) {
    ScrubbedText out{std::string(text), 0};
    if (!could_hold_identifier(text)) return out;
    for (const auto& p : patterns()) {
        int n = count_matches(out.text, p.re);
        if (n == 0) continue;
        out.redactions += n;
        out.text = std::regex_replace(out.text, p.re, p.replacement);
    }
    return out;
}

ScrubbedText scrub_identifiers(std::string_view text, std::size_t max_chars) {
    auto out = scrub_identifiers(text);
    std::size_t chars = 0;
    for (std::size_t i = 0; i < out.text.size(); ++i) {
        if ((static_cast<unsigned char>(out.text[i]) & 0xC0) == 0x80) continue; // inside a character
        if (chars++ == max_chars) {
            out.text.resize(i);
            break;
        }
    }
    return out;
}

} // namespace platslage
