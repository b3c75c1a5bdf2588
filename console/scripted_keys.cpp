#include "scripted_keys.hpp"

#include "console_window.hpp"

#include <GLFW/glfw3.h>

#include <cctype>
#include <map>
#include <sstream>
#include <stdexcept>

namespace platslage::console {

namespace {
int key_code(const std::string& name) {
    if (name.size() == 1 && std::isalpha(static_cast<unsigned char>(name[0])))
        return GLFW_KEY_A + (std::toupper(static_cast<unsigned char>(name[0])) - 'A');
    if (name.size() == 1 && std::isdigit(static_cast<unsigned char>(name[0]))) return GLFW_KEY_0 + (name[0] - '0');
    static const std::map<std::string, int> named{
        {"Enter", GLFW_KEY_ENTER}, {"Esc", GLFW_KEY_ESCAPE},  {"Up", GLFW_KEY_UP},   {"Down", GLFW_KEY_DOWN},
        {"Left", GLFW_KEY_LEFT},   {"Right", GLFW_KEY_RIGHT}, {"Tab", GLFW_KEY_TAB}, {"F1", GLFW_KEY_F1}};
    auto it = named.find(name);
    if (it == named.end()) throw std::invalid_argument("--keys: unknown key '" + name + "'");
    return it->second;
}
} // namespace

ScriptedKeys::ScriptedKeys(const std::string& names) {
    std::istringstream in(names);
    std::string name;
    while (in >> name) {
        // "Shift+A": Shift held down around the key, as a keyboard sends it.
        const bool shift = name.rfind("Shift+", 0) == 0;
        keys_.push_back(Tap{key_code(shift ? name.substr(6) : name), shift});
    }
}

void ScriptedKeys::step(ConsoleWindow& window) {
    if (wait_ > 0) {
        --wait_;
    } else if (next_ < keys_.size()) {
        const Tap tap = keys_[next_++];
        const int mods = tap.shift ? GLFW_MOD_SHIFT : 0;
        if (tap.shift) window.key_event(KeyEvent{GLFW_KEY_LEFT_SHIFT, 0, GLFW_PRESS, mods});
        window.key_event(KeyEvent{tap.key, 0, GLFW_PRESS, mods});
        window.key_event(KeyEvent{tap.key, 0, GLFW_RELEASE, mods});
        if (tap.shift) window.key_event(KeyEvent{GLFW_KEY_LEFT_SHIFT, 0, GLFW_RELEASE, 0});
        wait_ = 5;
    }
}

} // namespace platslage::console
