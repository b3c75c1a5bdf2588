#include "markdown_blocks.hpp"

#include <sstream>

namespace platslage::console {

namespace {
bool starts(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

std::string trimmed(const std::string& s) {
    auto b = s.find_first_not_of(' ');
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

// "| a | b \| c |" → {"a", "b | c"}: cells split at pipes that are not escaped.
std::vector<std::string> cells(const std::string& line) {
    std::vector<std::string> out;
    std::string cell;
    for (std::size_t i = 1; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
            cell += '|';
            ++i;
        } else if (line[i] == '|') {
            out.push_back(plain_text(trimmed(cell)));
            cell.clear();
        } else {
            cell += line[i];
        }
    }
    return out;
}

bool separator(const std::string& line) { return line.find_first_not_of("|-: ") == std::string::npos; }
} // namespace

std::string plain_text(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "**") == 0) {
            ++i;
            continue;
        }
        if (text.compare(i, 2, "\\|") == 0) {
            out += '|';
            ++i;
            continue;
        }
        out += text[i];
    }
    return out;
}

std::vector<MarkdownBlock> markdown_blocks(const std::string& markdown) {
    std::vector<MarkdownBlock> out;
    std::istringstream in(markdown);
    std::string line;
    while (std::getline(in, line)) {
        if (trimmed(line).empty()) continue;
        using K = MarkdownBlock::Kind;
        if (starts(line, "|")) {
            if (out.empty() || out.back().kind != K::table) out.push_back({K::table, 0, {}, {}});
            if (!separator(line)) out.back().rows.push_back(cells(line));
        } else if (starts(line, "#")) {
            auto hashes = line.find_first_not_of('#');
            out.push_back({K::heading, static_cast<int>(hashes == std::string::npos ? line.size() : hashes),
                           plain_text(trimmed(line.substr(hashes == std::string::npos ? line.size() : hashes))), {}});
        } else if (starts(line, "- ")) {
            out.push_back({K::bullet, 0, plain_text(line.substr(2)), {}});
        } else {
            out.push_back({K::paragraph, 0, plain_text(line), {}});
        }
    }
    return out;
}

} // namespace platslage::console
