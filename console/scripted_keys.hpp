#pragma once
// --keys: key presses played once the hub's picture is live, through the same GLFW key
// callback a real keyboard uses, one key every few frames. For tests and demonstrations:
// `--keys "D Enter"` dispatches the first alert in the queue to the suggested team.
#include <cstddef>
#include <string>
#include <vector>

struct GLFWwindow;

namespace platslage::console {

class ScriptedKeys {
public:
    // Names: a letter or digit, Enter, Esc, Up, Down, Tab, F1. Throws on any other.
    explicit ScriptedKeys(const std::string& names);
    bool empty() const { return keys_.empty(); }
    bool done() const { return next_ >= keys_.size() && !held_; }
    // One step per frame: press a key, release it the next frame, wait, press the next.
    void step(GLFWwindow* window);

private:
    std::vector<int> keys_;
    std::size_t next_ = 0;
    int held_ = 0;
    int wait_ = 10; // frames after going live: the layout settles and the queue picks its first alert
};

} // namespace platslage::console
