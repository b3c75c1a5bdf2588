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

TEST_CASE("identity numbers written with other dashes, spaces, dots or digits are caught") {
    const char* spellings[] = {
        "800101 - 5034",                    // spaces around the dash
        "800101\xE2\x80\x93" "5034",        // en dash
        "800101\xE2\x80\x94" "5034",        // em dash
        "800101\xC2\xA0" "5034",            // non-breaking space
        "800101.5034",                      // a dot
        "800101/5034",                      // a slash
        "80010150\xE2\x80\x8B" "34",         // a zero-width space inside it
        "800101\xE2\x80\x8B-5034",          // ... or inside it
        "\xEF\xBC\x98\xEF\xBC\x90\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\x8D"
        "\xEF\xBC\x95\xEF\xBC\x90\xEF\xBC\x93\xEF\xBC\x94", // fullwidth digits and hyphen
        "\xD9\xA8\xD9\xA0\xD9\xA0\xD9\xA1\xD9\xA0\xD9\xA1-\xD9\xA5\xD9\xA0\xD9\xA3\xD9\xA4", // Arabic-Indic digits
        "19800101 5034",
    };
    for (const char* pnr : spellings) {
        INFO(std::string(pnr));
        auto s = scrub_identifiers(std::string("pnr ") + pnr + " ok");
        CHECK(s.text == "pnr [personnummer] ok");
        CHECK(s.redactions == 1);
        CHECK(s.identity_shaped == 1);
    }
}

TEST_CASE("a run of phone numbers leaves no digits of any of them") {
    auto s = scrub_identifiers("+46 70 110 45 67 070-1104567");
    CHECK(s.text == "[telefon]");
    for (const char* phone : {"070/1504567", "070.150 45 67", "(070) 150 45 67", "0701504567"}) {
        INFO(std::string(phone));
        auto p = scrub_identifiers(std::string("ring ") + phone);
        CHECK(p.text.find("[telefon]") != std::string::npos);
        CHECK(p.text.find_first_of("0123456789") == std::string::npos);
        CHECK(p.redactions == 1);
    }
}

TEST_CASE("e-mail addresses written around the at-sign are caught") {
    for (const char* mail : {"anna.b@example.se", "anna.b(at)example.se", "anna.b (at) example.se", "anna.b[at]example.se",
                             "ANNA(AT)EXAMPLE(DOT)SE", "anna.b (at) example (dot) se", "åsa@exempel.se",
                             "anna\xEF\xBC\xA0" "example.se"}) {
        INFO(std::string(mail));
        auto s = scrub_identifiers(std::string("mejla ") + mail + " i morgon");
        CHECK(s.text == "mejla [e-post] i morgon");
        CHECK(s.identity_shaped == 1);
    }
    // An at-sign that is not an address is left alone.
    CHECK(scrub_identifiers("2 st @ spår 3").redactions == 0);
    CHECK(scrub_identifiers("kaffe (at) kiosken").redactions == 0);
}

TEST_CASE("times, dates, platforms and counts are not numbers that identify") {
    for (const char* keep : {"kl 23.15-23.45", "2026-11-23", "spår 10-19", "buss 1, 2 och 3", "23:15:00+01:00"}) {
        INFO(std::string(keep));
        CHECK(scrub_identifiers(keep).redactions == 0);
    }
}

TEST_CASE("ids: identity shapes are told apart from how equipment numbers its messages") {
    CHECK(reads_as_identity("19800101-1234"));
    CHECK(reads_as_identity("800101-5034"));
    CHECK(reads_as_identity("070-1234567"));
    CHECK(reads_as_identity("a.b@example.se"));
    CHECK(reads_as_identity("x-0046701234567"));
    // ... also among other numbers, which join them into one long number.
    CHECK(reads_as_identity("hh-07-800101-5034"));
    CHECK(reads_as_identity("19800101-1234-1"));
    CHECK(reads_as_identity("r-1-070-1234567-2"));
    CHECK_FALSE(reads_as_identity("hh-07-000123"));        // the protocol's own example
    CHECK_FALSE(reads_as_identity("hh-01-1764800000000")); // a device id and a time in ms
    CHECK_FALSE(reads_as_identity("sim-c-hh-08-000123"));
    CHECK_FALSE(reads_as_identity("sim-c-hh-07-20261123T232634-000123")); // not a mobile number: "07" is the device's
    CHECK_FALSE(reads_as_identity("2026-11-23-0001"));
    CHECK_FALSE(reads_as_identity("team-2"));
}

TEST_CASE("scrubbing takes time in proportion to the text, whatever it holds") {
    // A backtracking expression overflowed the stack on a 60 KB id of digits and letters; a
    // linear pass handles megabytes of the worst shapes at once.
    for (const std::string& hostile : {std::string("1234567") + std::string(60000, 'a'), std::string(1 << 20, '7'),
                                       std::string(1 << 20, '@'), [] {
                                           std::string s;
                                           while (s.size() < (1u << 20)) s += "a@b.";
                                           return s;
                                       }(),
                                       [] {
                                           std::string s;
                                           while (s.size() < (1u << 20)) s += "1 ";
                                           return s;
                                       }()}) {
        auto s = scrub_identifiers(hostile);
        CHECK(s.text.size() <= 2 * hostile.size());
    }
    auto many = scrub_identifiers(std::string(1 << 20, '7'));
    CHECK(many.text == "[nummer]");
}
