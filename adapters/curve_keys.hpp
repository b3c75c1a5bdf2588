#pragma once
// CURVE keys (libzmq's, Z85 text) and the key cards that carry them. Each console, counter
// adapter and simulator has a key pair of its own, made by platslage-admin: the secret card
// (mode 0600) stays with its holder, the public card goes into the hub's folder of admitted
// keys (the zguide's Ironhouse pattern), where it also says which operator position the key
// acts as and with which role (docs/security.md).
#include "access.hpp"

#include <zmq.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace platslage {

struct CurveKeyPair {
    std::string public_key; // Z85, 40 characters
    std::string secret_key; // Z85, 40 characters
};

// A fresh pair from libzmq (libsodium underneath).
CurveKeyPair make_curve_key_pair();

// Whether `text` is a Z85-encoded 32-byte key.
bool is_curve_key(const std::string& text);

// The first 16 hex digits of SHA-256 over the key's 32 bytes: short enough for a log line or
// the audit trail, and says nothing that helps anyone connect.
std::string key_fingerprint(const std::string& public_key);

struct KeyCard {
    std::string name;      // the file's name without extension: `console-kc-1`, `sim-1`
    std::string position;  // the operator position the key acts as (`kc-1`); for a sensor its name
    Role role = Role::viewer;
    std::string public_key;
    std::string secret_key; // empty on a public card
};

// `<dir>/<name>.key` (public, mode 0644) or `<dir>/<name>.secret` (both halves, 0600).
std::filesystem::path write_public_card(const std::filesystem::path& dir, const KeyCard& card);
std::filesystem::path write_secret_card(const std::filesystem::path& dir, const KeyCard& card);

// Reads a card, checking every field; a secret card must be 0600 and hold both halves, and
// they must belong together. Throws naming the file and the field.
KeyCard read_public_card(const std::filesystem::path& path);
KeyCard read_secret_card(const std::filesystem::path& path);

// What a client of the hub needs for CURVE: the hub's public key and its own pair.
struct CurveClientKeys {
    std::string server_public;
    std::string public_key;
    std::string secret_key;
};

// Makes `socket` a CURVE client of the hub; with no keys (development without security) it
// stays as it is. Before connect.
void secure_client(zmq::socket_t& socket, const std::optional<CurveClientKeys>& keys);

// The client's keys from its own secret card and the hub's public card.
CurveClientKeys load_client_keys(const std::filesystem::path& secret_card, const std::filesystem::path& hub_card);

} // namespace platslage
