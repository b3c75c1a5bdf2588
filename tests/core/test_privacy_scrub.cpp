#include "privacy_scrub.hpp"

#include <doctest/doctest.h>

using namespace platslage;

TEST_CASE("identity numbers are removed in every common spelling") {
    for (const char* pnr : {"19850101-1234", "850101-1234", "8501011234", "198501011234", "850161+1234"}) {
        INFO(std::string(pnr));
        auto s = scrub_identifiers(std::string("sa att hon heter X, pnr ") + pnr + " ok");
        CHECK(s.text.find(pnr) == std::string::npos);
        CHECK(s.text.find("[personnummer]") != std::string::npos);
        CHECK(s.redactions == 1);
    }
}

TEST_CASE("phone numbers and e-mail addresses are removed") {
    for (const char* phone : {"070-123 45 67", "0701234567", "08-123 456 78", "+46 70 123 45 67", "+46701234567",
                              "0046 8 123 456 78"}) {
        INFO(std::string(phone));
        auto s = scrub_identifiers(std::string("ring ") + phone + " senare");
        CHECK(s.text == "ring [telefon] senare");
        CHECK(s.redactions == 1);
    }
    CHECK(scrub_identifiers("mejla anna.b@example.se").text == "mejla [e-post]");
}

TEST_CASE("situational text and short numbers stay readable") {
    for (const char* keep : {"3 personer sover vid spår 14", "kl 23.15 vid bänk 2", "ringde 112", "väntar på buss 592",
                             "Väntytor, två sover, behöver filt"}) {
        INFO(std::string(keep));
        auto s = scrub_identifiers(keep);
        CHECK(s.text == keep);
        CHECK(s.redactions == 0);
    }
}

TEST_CASE("a scrubbed text stays within the limit the text came in under, so it reads back from the log") {
    // "[e-post]" is longer than "a@b.se": 493 + 1 + 6 characters become 502 unless cut.
    std::string note = std::string(493, 'x') + " a@b.se";
    auto s = scrub_identifiers(note, 500);
    CHECK(s.redactions == 1);
    CHECK(s.text == std::string(493, 'x') + " [e-pos");
    // Characters, not bytes: å is two bytes and one character.
    std::string swedish;
    for (int i = 0; i < 77; ++i) swedish += "å";
    auto t = scrub_identifiers(swedish + " a@b.se", 80);
    CHECK(t.text == swedish + " [e");
    CHECK(scrub_identifiers("kort", 80).text == "kort");
}

TEST_CASE("the shortest identifiers each shape catches are still caught") {
    // Seven digits is the least any shape needs: a domestic number with a two-digit area code.
    CHECK(scrub_identifiers("ring 08-12345").text == "ring [telefon]");
    CHECK(scrub_identifiers("x@y.se").text == "[e-post]");
    CHECK(scrub_identifiers("+46 7012345").text == "[telefon]");
    CHECK(scrub_identifiers("ring 08-1234").redactions == 0); // six digits: a short number, not an identifier
}
