#pragma once
// The agenda's Markdown as blocks to draw, decided without a window: headings, bullets,
// tables and paragraphs, with **bold** marks taken out. Only the subset the hub's agenda
// writes (agenda_markdown.cpp); anything else is a paragraph, shown as it is.
#include <string>
#include <vector>

namespace platslage::console {

struct MarkdownBlock {
    enum class Kind { heading, bullet, table, paragraph };
    Kind kind = Kind::paragraph;
    int level = 0;                              // headings: 1 for #, 2 for ##
    std::string text;                           // headings, bullets, paragraphs
    std::vector<std::vector<std::string>> rows; // tables: the header row first, no separator row
    bool operator==(const MarkdownBlock&) const = default;
};

std::vector<MarkdownBlock> markdown_blocks(const std::string& markdown);

// "**overdue**" → "overdue", "\|" → "|".
std::string plain_text(const std::string& markdown_text);

} // namespace platslage::console
