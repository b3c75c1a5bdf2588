// Secrets on disk, CURVE key cards and the hub's admitted folder, against real files.
#include "admitted_keys.hpp"
#include "curve_keys.hpp"
#include "secret_file.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <sys/stat.h>
#include <unistd.h>

using namespace platslage;

namespace {
struct TempFolder {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("platslage-keys-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    TempFolder() { std::filesystem::create_directories(path); }
    ~TempFolder() { std::filesystem::remove_all(path); }
    static inline int counter = 0;
};

unsigned mode_of(const std::filesystem::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 0777;
}

KeyCard card(const std::string& name, Role role) {
    auto pair = make_curve_key_pair();
    return KeyCard{name, name, role, pair.public_key, pair.secret_key};
}
} // namespace

TEST_CASE("a secret is written for its owner only, and refused when others could read it") {
    TempFolder dir;
    auto file = dir.path / "hub.password";
    write_secret_file(file, "s3cret/pass+word");
    CHECK(mode_of(file) == 0600);
    CHECK(read_secret_file(file) == "s3cret/pass+word");
    // A file left open to others is refused, naming the file and never its text.
    ::chmod(file.c_str(), 0644);
    CHECK_THROWS_WITH_AS(read_secret_file(file), (file.string() + ": a secret readable by others is refused; chmod 600 it").c_str(),
                         std::runtime_error);
    // Written again, it is closed up first.
    write_secret_file(file, "other");
    CHECK(mode_of(file) == 0600);
    // A new device's password never overwrites a file that is there.
    CHECK_THROWS(write_secret_file(file, "new", /*only_new=*/true));
    CHECK(read_secret_file(file) == "other");
    write_secret_file(dir.path / "fresh.password", "new", /*only_new=*/true);
    CHECK(read_secret_file(dir.path / "fresh.password") == "new");
    std::ofstream(dir.path / "empty") << "\n";
    ::chmod((dir.path / "empty").c_str(), 0600);
    CHECK_THROWS(read_secret_file(dir.path / "empty"));
    CHECK_THROWS(read_secret_file(dir.path / "missing"));
}

TEST_CASE("key cards: the secret one 0600 with both halves that belong together, the public one without the secret") {
    TempFolder dir;
    auto c = card("kc-1", Role::operator_);
    auto secret = write_secret_card(dir.path, c);
    auto pub = write_public_card(dir.path, c);
    CHECK(mode_of(secret) == 0600);
    CHECK(mode_of(pub) == 0644);
    auto read = read_secret_card(secret);
    CHECK(read.position == "kc-1");
    CHECK(read.role == Role::operator_);
    CHECK(read.secret_key == c.secret_key);
    CHECK(read_public_card(pub).public_key == c.public_key);
    CHECK(read_public_card(pub).secret_key.empty());

    // A public card that holds a secret must not sit in the admitted folder.
    std::filesystem::copy_file(secret, dir.path / "leaked.key");
    ::chmod((dir.path / "leaked.key").c_str(), 0644);
    CHECK_THROWS_WITH(read_public_card(dir.path / "leaked.key"), doctest::Contains("holds a secret key"));
    // Halves of two different pairs.
    auto other = card("kc-2", Role::viewer);
    auto mixed = c;
    mixed.name = "mixed";
    mixed.secret_key = other.secret_key;
    CHECK_THROWS_WITH(read_secret_card(write_secret_card(dir.path, mixed)), doctest::Contains("not the secret half"));
    // A position that reads as a person's number, or an unknown role.
    auto named = c;
    named.position = "19800101-1234";
    CHECK_THROWS(write_public_card(dir.path, named));
    std::ofstream(dir.path / "odd.key") << "name = \"odd\"\nposition = \"odd\"\nrole = \"superuser\"\npublic-key = \"" << c.public_key << "\"\n";
    CHECK_THROWS_WITH(read_public_card(dir.path / "odd.key"), doctest::Contains("'role' must be"));
}

TEST_CASE("a key's fingerprint is 16 hex digits of its SHA-256, the same for the same key only") {
    auto a = make_curve_key_pair();
    auto b = make_curve_key_pair();
    auto fa = key_fingerprint(a.public_key);
    CHECK(fa.size() == 16);
    CHECK(fa.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(key_fingerprint(a.public_key) == fa);
    CHECK(key_fingerprint(b.public_key) != fa);
    CHECK_THROWS(key_fingerprint("not a key"));
    // A key is 40 characters of Z85; shorter Z85 text is no key.
    CHECK(is_curve_key(a.public_key));
    CHECK_FALSE(is_curve_key("HelloWorld"));
}

TEST_CASE("the admitted folder: each card's position and role, a bad card left out, a removed card gone on reload") {
    TempFolder dir;
    auto op = card("kc-1", Role::operator_);
    auto sensor = card("counters-1", Role::sensor);
    write_public_card(dir.path, op);
    write_public_card(dir.path, sensor);
    std::ofstream(dir.path / "broken.key") << "name = \"broken\"\n";
    auto hub = card("hub", Role::hub);
    write_public_card(dir.path, hub); // the hub's own card admits nobody
    AdmittedKeys keys(dir.path);
    CHECK(keys.size() == 2);
    auto who = keys.find(op.public_key);
    REQUIRE(who);
    CHECK(who->position == "kc-1");
    CHECK(who->role == Role::operator_);
    CHECK(who->fingerprint == key_fingerprint(op.public_key));
    CHECK_FALSE(keys.find(hub.public_key));
    CHECK_FALSE(keys.find(card("stranger", Role::admin).public_key));

    std::filesystem::remove(dir.path / "kc-1.key");
    CHECK(keys.find(op.public_key)); // until the folder is read again
    keys.reload();
    CHECK_FALSE(keys.find(op.public_key));
    CHECK(keys.find(sensor.public_key));
}
