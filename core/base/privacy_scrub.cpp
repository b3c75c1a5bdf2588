#include "privacy_scrub.hpp"

#include <array>
#include <optional>
#include <vector>

namespace platslage {

namespace {

// ---- Reading UTF-8 one code point at a time, both ways ------------------------------------

struct CodePoint {
    char32_t cp;
    std::size_t len;
};

// Invalid bytes read as U+FFFD, one byte each: outside text need not be valid UTF-8.
CodePoint decode_at(std::string_view s, std::size_t i) {
    auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return {b0, 1};
    std::size_t len = b0 >= 0xF8 ? 0 : b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
    if (len == 0 || i + len > s.size()) return {0xFFFD, 1};
    char32_t cp = b0 & (0x7Fu >> len);
    for (std::size_t k = 1; k < len; ++k) {
        auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
        cp = (cp << 6) | (b & 0x3Fu);
    }
    return {cp, len};
}

// The start of the code point that ends just before byte `i` (i > 0).
std::size_t start_before(std::string_view s, std::size_t i) {
    std::size_t j = i - 1;
    for (int k = 0; k < 3 && j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80; ++k) --j;
    return decode_at(s, j).len == i - j ? j : i - 1;
}

// ---- What counts as a digit, and what may stand between the digits of one number ----------

// Decimal digits of every script Unicode has, and the super- and subscript ones: a number
// written in fullwidth or Arabic-Indic digits is the same number.
int digit_value(char32_t cp) {
    if (cp >= '0' && cp <= '9') return static_cast<int>(cp - '0');
    if (cp < 0xB2) return -1;
    static constexpr std::array<char32_t, 46> zeros{
        0x0660,  0x06F0,  0x07C0,  0x0966,  0x09E6,  0x0A66,  0x0AE6,  0x0B66,  0x0BE6,  0x0C66,  0x0CE6,  0x0D66,
        0x0DE6,  0x0E50,  0x0ED0,  0x0F20,  0x1040,  0x1090,  0x17E0,  0x1810,  0x1946,  0x19D0,  0x1A80,  0x1A90,
        0x1B50,  0x1BB0,  0x1C40,  0x1C50,  0x2080,  0xA620,  0xA8D0,  0xA900,  0xA9D0,  0xA9F0,  0xAA50,  0xABF0,
        0xFF10,  0x104A0, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E950, 0x1FBF0, 0x11066};
    for (char32_t z : zeros)
        if (cp >= z && cp < z + 10) return static_cast<int>(cp - z);
    switch (cp) {
    case 0x2070: case 0x24EA: return 0;
    case 0x00B9: return 1;
    case 0x00B2: return 2;
    case 0x00B3: return 3;
    default: break;
    }
    if (cp >= 0x2074 && cp <= 0x2079) return static_cast<int>(cp - 0x2070);
    if (cp >= 0x2460 && cp <= 0x2468) return static_cast<int>(cp - 0x2460 + 1); // circled ①-⑨
    return -1;
}

bool is_space(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000;
}

// Marks nobody sees: they must not hide a number by splitting it.
bool is_invisible(char32_t cp) {
    return cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

bool is_plus(char32_t cp) { return cp == '+' || cp == 0xFF0B; }

// Dashes, dots, slashes, brackets and spaces that people put between the parts of a number.
bool is_number_separator(char32_t cp) {
    if (is_space(cp) || is_plus(cp)) return true;
    switch (cp) {
    case '-': case '.': case '/': case '(': case ')': case '_':
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D: // minus signs, small and fullwidth hyphens
    case 0x2024: case 0xFF0E:                           // one-dot leader, fullwidth full stop
    case 0x2044: case 0x2215: case 0xFF0F:              // fraction, division and fullwidth slashes
    case 0xFF08: case 0xFF09:                           // fullwidth brackets
        return true;
    default: return cp >= 0x2010 && cp <= 0x2015; // hyphens and dashes, en and em among them
    }
}

// At most this many visible separators between two digits of one number ("800101 - 5034").
constexpr int max_separator_run = 3;

// ---- Classifying a number ----------------------------------------------------------------

bool valid_date(int month, int day) {
    // A samordningsnummer adds 60 to the day.
    return month >= 1 && month <= 12 && ((day >= 1 && day <= 31) || (day >= 61 && day <= 91));
}

int two(const std::string& d, std::size_t at) { return (d[at] - '0') * 10 + (d[at + 1] - '0'); }

bool personnummer_shaped(const std::string& d) {
    if (d.size() == 10) return valid_date(two(d, 2), two(d, 4));
    if (d.size() == 12) {
        int century = two(d, 0);
        return century >= 18 && century <= 20 && valid_date(two(d, 4), two(d, 6));
    }
    return false;
}

// `d`: the number's digits in ASCII; `plus`: it was written with a leading '+'.
std::optional<Identifier> classify_number(const std::string& d, bool plus) {
    const std::size_t n = d.size();
    if (n < fewest_digits_redacted) return std::nullopt;
    if (plus) return n >= 7 ? std::optional(Identifier::international) : std::nullopt;
    if (n >= 9 && d.starts_with("00")) return Identifier::international;
    if (n == 10 && d.starts_with("07")) return Identifier::mobile; // 07x-xxx xx xx
    if (personnummer_shaped(d)) return Identifier::personnummer;
    if (d[0] == '0' && n >= 7 && n <= 10) return Identifier::landline; // 0, an area code, 5-8 digits
    if (n >= 10) return Identifier::long_number;
    return std::nullopt;
}

const char* marker(Identifier kind) {
    switch (kind) {
    case Identifier::email: return "[e-post]";
    case Identifier::personnummer: return "[personnummer]";
    case Identifier::long_number: return "[nummer]";
    default: return "[telefon]";
    }
}

bool identity_shaped(Identifier kind) {
    return kind == Identifier::email || kind == Identifier::personnummer || kind == Identifier::mobile ||
           kind == Identifier::international;
}

struct Found {
    std::size_t from, to; // bytes [from, to) of the text
    Identifier kind;
};

// ---- E-mail addresses, also written name(at)example.se or with a fullwidth ＠ ------------

bool is_address_char(char32_t cp) {
    if (cp <= 0x20 || cp == 0x7F || is_space(cp) || is_invisible(cp) || cp == '@' || cp == 0xFF20) return false;
    switch (cp) {
    case ',': case ';': case ':': case '<': case '>': case '(': case ')': case '[': case ']': case '{': case '}':
    case '"': case '\'': case '`': case '|': case '\\': case '/': case 0xFFFD:
        return false;
    default: return true;
    }
}

bool is_label_char(char32_t cp) { return is_address_char(cp) && cp != '.' && cp != 0xFF0E && cp != 0x3002; }

bool lower_equals(std::string_view s, std::size_t at, std::string_view word) {
    if (at + word.size() > s.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k) {
        char c = s[at + k];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != word[k]) return false;
    }
    return true;
}

// A spelled-out symbol in brackets at `at`: "(at)", "[dot]", "{at}", "<dot>"; its length or 0.
std::size_t spelled(std::string_view s, std::size_t at, std::string_view word) {
    static constexpr std::string_view open = "([{<", close = ")]}>";
    auto o = open.find(s[at]);
    if (o == std::string_view::npos || !lower_equals(s, at + 1, word)) return 0;
    std::size_t end = at + 1 + word.size();
    return end < s.size() && s[end] == close[o] ? end + 1 - at : 0;
}

// The length of an at-sign written at `at`, 0 if there is none; `spaced`: spaces may surround it.
std::size_t at_sign(std::string_view s, std::size_t at, bool& spaced) {
    spaced = false;
    if (s[at] == '@') return 1;
    if (s.compare(at, 3, "\xEF\xBC\xA0") == 0) return 3; // U+FF20 fullwidth commercial at
    std::size_t n = spelled(s, at, "at");
    spaced = n > 0;
    return n;
}

std::size_t skip_one_space(std::string_view s, std::size_t i) { return i < s.size() && s[i] == ' ' ? i + 1 : i; }

// The end of a domain of two labels or more starting at `i`, or 0. Labels are separated by
// '.', a fullwidth or ideographic full stop, or a spelled-out "(dot)".
std::size_t domain_end(std::string_view s, std::size_t i) {
    std::size_t labels = 0, end = 0;
    while (i < s.size()) {
        std::size_t label_start = i;
        while (i < s.size()) {
            auto c = decode_at(s, i);
            if (!is_label_char(c.cp)) break;
            i += c.len;
        }
        if (i == label_start) break;
        ++labels;
        end = i;
        if (i >= s.size()) break;
        auto c = decode_at(s, i);
        if (c.cp == '.' || c.cp == 0xFF0E || c.cp == 0x3002) {
            i += c.len;
        } else {
            std::size_t j = skip_one_space(s, i);
            std::size_t dot = j < s.size() ? spelled(s, j, "dot") : 0;
            if (dot == 0) break;
            i = skip_one_space(s, j + dot);
        }
    }
    return labels >= 2 ? end : 0;
}

// Every e-mail address, left to right. Each byte is looked at a bounded number of times: the
// name before an at-sign is read back only as far as the previous at-sign or address.
std::vector<Found> find_addresses(std::string_view s) {
    std::vector<Found> found;
    std::size_t floor = 0; // nothing before this can belong to a later address
    for (std::size_t i = 0; i < s.size();) {
        bool spaced = false;
        std::size_t sign = at_sign(s, i, spaced);
        if (sign == 0) {
            i += decode_at(s, i).len;
            continue;
        }
        std::size_t name_end = i;
        if (spaced && name_end > floor && s[name_end - 1] == ' ') --name_end;
        std::size_t name_start = name_end;
        while (name_start > floor) {
            std::size_t prev = start_before(s, name_start);
            if (prev < floor || !is_address_char(decode_at(s, prev).cp)) break;
            name_start = prev;
        }
        std::size_t after = i + sign;
        std::size_t end = name_start < name_end ? domain_end(s, spaced ? skip_one_space(s, after) : after) : 0;
        if (end != 0) {
            found.push_back(Found{name_start, end, Identifier::email});
            floor = i = end;
        } else {
            floor = i = after;
        }
    }
    return found;
}

// ---- Numbers -------------------------------------------------------------------------------

// Numbers in s[from, to), appended to `found` left to right.
void find_numbers(std::string_view s, std::size_t from, std::size_t to, std::vector<Found>& found) {
    std::size_t i = from;
    while (i < to) {
        auto c = decode_at(s, i);
        int v = digit_value(c.cp);
        if (v < 0) {
            i += c.len;
            continue;
        }
        std::size_t start = i;
        bool plus = false;
        if (start > from) {
            std::size_t prev = start_before(s, start);
            if (prev >= from && is_plus(decode_at(s, prev).cp)) {
                plus = true;
                start = prev;
            }
        }
        std::string digits;
        std::size_t last_digit_end = i;
        int separators = 0;
        for (std::size_t j = i; j < to;) {
            auto d = decode_at(s, j);
            if (int dv = digit_value(d.cp); dv >= 0) {
                digits += static_cast<char>('0' + dv);
                j += d.len;
                last_digit_end = j;
                separators = 0;
            } else if (is_invisible(d.cp) || (is_number_separator(d.cp) && ++separators <= max_separator_run)) {
                j += d.len;
            } else {
                break;
            }
        }
        if (auto kind = classify_number(digits, plus)) found.push_back(Found{start, last_digit_end, *kind});
        i = last_digit_end;
    }
}

std::vector<Found> find_identifiers(std::string_view s) {
    auto addresses = find_addresses(s);
    std::vector<Found> all;
    std::size_t from = 0;
    for (const auto& a : addresses) {
        find_numbers(s, from, a.from, all);
        all.push_back(a);
        from = a.to;
    }
    find_numbers(s, from, s.size(), all);
    return all;
}

} // namespace

ScrubbedText scrub_identifiers(std::string_view text) {
    ScrubbedText out;
    auto found = find_identifiers(text);
    if (found.empty()) {
        out.text = std::string(text);
        return out;
    }
    out.text.reserve(text.size());
    std::size_t at = 0;
    for (const auto& f : found) {
        out.text.append(text.substr(at, f.from - at));
        out.text += marker(f.kind);
        ++out.redactions;
        out.identity_shaped += identity_shaped(f.kind) ? 1 : 0;
        at = f.to;
    }
    out.text.append(text.substr(at));
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

namespace {
// Does a run of whole neighbouring digit runs of an id read as an identity? Only in the ways
// people write them: an identity number as 10 or 12 digits, or 6 or 8 and then 4; a mobile
// number beginning with its whole prefix (070-…, not the "07" of "hh-07"); an international
// number beginning 00 and its country code.
bool identity_window(const std::vector<std::string>& parts, std::size_t from, std::size_t to) {
    std::string digits;
    for (std::size_t k = from; k < to; ++k) digits += parts[k];
    const std::size_t count = to - from;
    const std::size_t first = parts[from].size();
    const bool pnr_written = (count == 1 && (first == 10 || first == 12)) ||
                             (count == 2 && (first == 6 || first == 8) && parts[from + 1].size() == 4);
    if (pnr_written && personnummer_shaped(digits)) return true;
    if (digits.size() == 10 && digits.starts_with("07") && first >= 3) return true;
    return first >= 4 && digits.starts_with("00") && digits.size() >= 9 && digits.size() <= 17;
}
} // namespace

bool reads_as_identity(std::string_view id) {
    if (!find_addresses(id).empty()) return true;
    // Ids join numbers with '-' by design, so a number here is judged by its parts.
    std::vector<std::string> parts; // the digit runs of one number, in order
    auto any_window = [&] {
        for (std::size_t from = 0; from < parts.size(); ++from)
            for (std::size_t to = from + 1; to <= parts.size() && to - from <= 4; ++to)
                if (identity_window(parts, from, to)) return true;
        return false;
    };
    int separators = 0;
    bool in_digits = false;
    for (std::size_t i = 0; i < id.size();) {
        auto c = decode_at(id, i);
        i += c.len;
        if (int v = digit_value(c.cp); v >= 0) {
            if (!in_digits) parts.emplace_back();
            parts.back() += static_cast<char>('0' + v);
            in_digits = true;
            separators = 0;
            continue;
        }
        in_digits = false;
        if (is_invisible(c.cp) || (is_number_separator(c.cp) && ++separators <= max_separator_run)) continue;
        if (any_window()) return true;
        parts.clear();
        separators = 0;
    }
    return any_window();
}

std::string_view without_trailing_address(std::string_view text) {
    auto word = text.find_last_of(" \t\n/");
    word = word == std::string_view::npos ? 0 : word + 1;
    for (std::size_t i = word; i < text.size(); ++i) {
        bool spaced = false;
        if (at_sign(text, i, spaced) != 0) return text.substr(0, word);
    }
    return text;
}

std::string_view without_trailing_number(std::string_view text) {
    std::size_t end = text.size();
    while (end > 0) {
        std::size_t prev = start_before(text, end);
        auto c = decode_at(text, prev).cp;
        if (digit_value(c) < 0 && !is_number_separator(c) && !is_invisible(c)) break;
        end = prev;
    }
    return text.substr(0, end);
}

} // namespace platslage
