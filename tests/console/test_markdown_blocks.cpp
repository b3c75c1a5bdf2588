// The agenda's Markdown as the console draws it: headings, bullets, tables, paragraphs.
#include "markdown_blocks.hpp"

#include <doctest/doctest.h>

using namespace platslage::console;
using K = MarkdownBlock::Kind;

TEST_CASE("the agenda's Markdown is read into headings, bullets, tables and paragraphs") {
    const std::string md = "# Utsättningsmöte Centralen\n\n"
                           "- **When:** 2026-10-27 09:00 (60 min)\n"
                           "- **Where:** Väntytor\n\n"
                           "## 1. Open action items\n\n"
                           "| item | what | owner | due |\n|---|---|---|---|\n"
                           "| N-000001 | Nattpatrull a \\| b | Jernhusen | 2026-10-26 **overdue** |\n\n"
                           "Counts are of situations, never of persons.\n";
    auto blocks = markdown_blocks(md);
    REQUIRE(blocks.size() == 6);
    CHECK(blocks[0] == MarkdownBlock{K::heading, 1, "Utsättningsmöte Centralen", {}});
    CHECK(blocks[1] == MarkdownBlock{K::bullet, 0, "When: 2026-10-27 09:00 (60 min)", {}});
    CHECK(blocks[3].kind == K::heading);
    CHECK(blocks[3].level == 2);
    REQUIRE(blocks[4].kind == K::table);
    REQUIRE(blocks[4].rows.size() == 2); // the separator row is not a row
    CHECK(blocks[4].rows[0] == std::vector<std::string>{"item", "what", "owner", "due"});
    CHECK(blocks[4].rows[1] == std::vector<std::string>{"N-000001", "Nattpatrull a | b", "Jernhusen", "2026-10-26 overdue"});
    CHECK(blocks[5] == MarkdownBlock{K::paragraph, 0, "Counts are of situations, never of persons.", {}});
    CHECK(plain_text("**bold** and \\| pipe") == "bold and | pipe");
}
