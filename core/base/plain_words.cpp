#include "plain_words.hpp"

#include <algorithm>

namespace platslage {

std::string code_words(std::string_view code, bool capital) {
    std::string words(code);
    std::replace(words.begin(), words.end(), '_', ' ');
    if (capital && !words.empty() && words[0] >= 'a' && words[0] <= 'z') words[0] = static_cast<char>(words[0] - 'a' + 'A');
    return words;
}

} // namespace platslage
