#include "curve_keys.hpp"

#include "secret_file.hpp"
#include "toml_file.hpp"
#include "topic.hpp"

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace platslage {

CurveKeyPair make_curve_key_pair() {
    std::array<char, 41> pub{}, sec{};
    if (zmq_curve_keypair(pub.data(), sec.data()) != 0)
        throw std::runtime_error("libzmq cannot make CURVE keys (built without libsodium?)");
    return {pub.data(), sec.data()};
}

bool is_curve_key(const std::string& text) {
    if (text.size() != 40) return false;
    std::array<std::uint8_t, 32> raw{};
    return zmq_z85_decode(raw.data(), text.c_str()) != nullptr;
}

std::string key_fingerprint(const std::string& public_key) {
    std::array<std::uint8_t, 32> raw{};
    if (!is_curve_key(public_key) || !zmq_z85_decode(raw.data(), public_key.c_str()))
        throw std::invalid_argument("not a CURVE public key");
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_Digest(raw.data(), raw.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < 8; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0xF];
    }
    return out;
}

namespace {

std::string card_text(const KeyCard& card, bool with_secret) {
    std::ostringstream out;
    out << "# Platsläge key card: " << card.name << ", position " << card.position << ", role "
        << role_name(card.role) << ".\n";
    if (with_secret)
        out << "# SECRET: keep with its holder only (mode 0600); the hub needs only " << card.name << ".key.\n";
    else
        out << "# Public half: the hub admits this key while the card is in its admitted folder.\n";
    out << "name = \"" << card.name << "\"\nposition = \"" << card.position << "\"\nrole = \"" << role_name(card.role)
        << "\"\npublic-key = \"" << card.public_key << "\"\n";
    if (with_secret) out << "secret-key = \"" << card.secret_key << "\"\n";
    return out.str();
}

void check_card(const KeyCard& card, const std::string& where) {
    if (!is_actor_id(card.name)) throw std::runtime_error(where + ": 'name' must be 1-32 of A-Z a-z 0-9 _ -");
    if (!is_actor_id(card.position)) throw std::runtime_error(where + ": 'position' must be 1-32 of A-Z a-z 0-9 _ -");
    if (!is_curve_key(card.public_key)) throw std::runtime_error(where + ": 'public-key' is not a Z85 CURVE key");
}

std::string text_field(const toml::table& t, const char* name, const std::string& where) {
    auto v = t[name].value<std::string>();
    if (!v) throw std::runtime_error(where + ": '" + name + "' missing or not a string");
    return *v;
}

KeyCard parse_card(const std::filesystem::path& path, bool with_secret) {
    const std::string where = path.string();
    toml::table t;
    if (with_secret) {
        // Read through the mode check; the text never reaches a message.
        try {
            t = toml::parse(read_secret_file(path), where);
        } catch (const toml::parse_error& e) {
            throw std::runtime_error(where + ": not a key card (line " + std::to_string(e.source().begin.line) + ")");
        }
    } else {
        t = read_toml_file(where);
    }
    KeyCard card;
    card.name = text_field(t, "name", where);
    card.position = text_field(t, "position", where);
    auto role = role_from_name(text_field(t, "role", where));
    if (!role) throw std::runtime_error(where + ": 'role' must be viewer, operator, coordinator, admin or sensor");
    card.role = *role;
    card.public_key = text_field(t, "public-key", where);
    check_card(card, where);
    if (with_secret) {
        card.secret_key = text_field(t, "secret-key", where);
        std::array<char, 41> derived{};
        if (!is_curve_key(card.secret_key) || zmq_curve_public(derived.data(), card.secret_key.c_str()) != 0 ||
            card.public_key != derived.data())
            throw std::runtime_error(where + ": 'secret-key' is not the secret half of 'public-key'");
    } else if (t.contains("secret-key")) {
        throw std::runtime_error(where + ": a public card holds a secret key; it must not be in the admitted folder");
    }
    return card;
}

} // namespace

std::filesystem::path write_public_card(const std::filesystem::path& dir, const KeyCard& card) {
    check_card(card, card.name);
    auto path = dir / (card.name + ".key");
    std::ofstream out(path, std::ios::trunc);
    out << card_text(card, false);
    out.close();
    if (!out) throw std::runtime_error(path.string() + ": could not be written");
    std::filesystem::permissions(path, std::filesystem::perms(0644));
    return path;
}

std::filesystem::path write_secret_card(const std::filesystem::path& dir, const KeyCard& card) {
    check_card(card, card.name);
    auto path = dir / (card.name + ".secret");
    auto text = card_text(card, true);
    text.pop_back(); // write_secret_file ends it with a line break
    write_secret_file(path, text);
    return path;
}

KeyCard read_public_card(const std::filesystem::path& path) { return parse_card(path, false); }
KeyCard read_secret_card(const std::filesystem::path& path) { return parse_card(path, true); }

void secure_client(zmq::socket_t& socket, const std::optional<CurveClientKeys>& keys) {
    if (!keys) return;
    socket.set(zmq::sockopt::curve_serverkey, keys->server_public);
    socket.set(zmq::sockopt::curve_publickey, keys->public_key);
    socket.set(zmq::sockopt::curve_secretkey, keys->secret_key);
}

CurveClientKeys load_client_keys(const std::filesystem::path& secret_card, const std::filesystem::path& hub_card) {
    auto own = read_secret_card(secret_card);
    auto hub = read_public_card(hub_card);
    return {hub.public_key, own.public_key, own.secret_key};
}

} // namespace platslage
