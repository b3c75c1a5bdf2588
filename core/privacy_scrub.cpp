#include "privacy_scrub.hpp"

#include <regex>

namespace platslage {

namespace {

struct Pattern {
    std::regex re;
    const char* replacement;
};

const Pattern* patterns() {
    // Order matters: identity numbers before phone numbers, since both are digit runs.
    static const Pattern list[] = {
        // e-mail addresses
        {std::regex(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)"), "[e-post]"},
        // personnummer / samordningsnummer: (YY)YYMMDD, optional - or +, four digits
        {std::regex(R"((^|[^0-9])((19|20)?[0-9]{6}[-+ ]?[0-9]{4})(?![0-9]))"), "$1[personnummer]"},
        // international Swedish numbers: +46 / 0046 followed by 7-10 digits with separators
        {std::regex(R"((\+|00)[ ]?46([ -]?\(?0?\)?[ -]?[0-9]){7,10}(?![0-9]))"), "[telefon]"},
        // domestic numbers: 0 + area code, then 5-8 more digits with single separators
        {std::regex(R"((^|[^0-9])(0[0-9]{1,3}([ -]?[0-9]){5,8})(?![0-9]))"), "$1[telefon]"},
        // any other long digit run (10+ digits) is treated as an identifier
        {std::regex(R"([0-9]{10,})"), "[nummer]"},
    };
    return list;
}

int count_matches(const std::string& s, const std::regex& re) {
    return static_cast<int>(std::distance(std::sregex_iterator(s.begin(), s.end(), re), std::sregex_iterator()));
}

} // namespace

ScrubbedText scrub_identifiers(std::string_view text) {
    ScrubbedText out{std::string(text), 0};
    const Pattern* list = patterns();
    for (int i = 0; i < 5; ++i) {
        int n = count_matches(out.text, list[i].re);
        if (n == 0) continue;
        out.redactions += n;
        out.text = std::regex_replace(out.text, list[i].re, list[i].replacement);
    }
    return out;
}

} // namespace platslage
