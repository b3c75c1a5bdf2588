#pragma once
// --keys: key presses played once the hub's picture is live, through the same path as GLFW's
// key events from a real keyboard, one key every few frames. Each is a tap: pressed and
// released at once, between two frames, as a remote desktop or a macro keypad sends them
// (key_queue.hpp makes it count). For tests and demonstrations: `--keys "D Enter"`
// dispatches the first alert in the queue to the suggested team.
#include <cstddef>
#include <string>
#include <vector>

namespace platslage::console {

class ConsoleWindow;

class ScriptedKeys {
public:
    // Names: a letter or digit, Enter, Esc, Up, Down, Left, Right, Tab, F1, each also as
    // Shift+<name>. Throws on any other.
    explicit ScriptedKeys(const std::string& names);
    bool empty() const { return keys_.empty(); }
    bool done() const { return next_ >= keys_.size(); }
    // One step per frame: tap a key, wait a few frames, tap the next.
    void step(ConsoleWindow& window);

private:
    struct Tap {
        int key = 0;
        bool shift = false;
    };
    std::vector<Tap> keys_;
    std::size_t next_ = 0;
    int wait_ = 10; // frames after going live: the layout settles and the queue picks its first alert
};

} // namespace platslage::console
