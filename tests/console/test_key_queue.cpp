// Every key press counts: GLFW's events handed to ImGui one change of each key per frame, in
// order, so a key pressed and released between two frames is still seen down for one frame.
#include "key_queue.hpp"

#include <GLFW/glfw3.h>
#include <doctest/doctest.h>

using namespace platslage::console;

namespace {
KeyEvent press(int key, int mods = 0) {
    return KeyEvent{key, 0, GLFW_PRESS, mods};
}
KeyEvent release(int key, int mods = 0) {
    return KeyEvent{key, 0, GLFW_RELEASE, mods};
}
} // namespace

TEST_CASE("a tap between two frames is down for one frame, then up") {
    KeyQueue q;
    q.push(press(GLFW_KEY_A));
    q.push(release(GLFW_KEY_A));
    CHECK(q.take_frame() == std::vector<KeyEvent>{press(GLFW_KEY_A)});
    CHECK(q.take_frame() == std::vector<KeyEvent>{release(GLFW_KEY_A)});
    CHECK(q.take_frame().empty());
    CHECK(q.empty());
}

TEST_CASE("quick taps of several keys keep their order; a combination stays a combination") {
    KeyQueue q;
    // A then H tapped within one wait, as a macro keypad sends them.
    for (auto e : {press(GLFW_KEY_A), release(GLFW_KEY_A), press(GLFW_KEY_H), release(GLFW_KEY_H)})
        q.push(e);
    CHECK(q.take_frame() == std::vector<KeyEvent>{press(GLFW_KEY_A)});
    CHECK(q.take_frame() == std::vector<KeyEvent>{release(GLFW_KEY_A), press(GLFW_KEY_H)});
    CHECK(q.take_frame() == std::vector<KeyEvent>{release(GLFW_KEY_H)});
    // Ctrl+Q in one burst: Ctrl and Q are down together in the first frame.
    for (auto e : {press(GLFW_KEY_LEFT_CONTROL), press(GLFW_KEY_Q, GLFW_MOD_CONTROL),
                   release(GLFW_KEY_Q, GLFW_MOD_CONTROL), release(GLFW_KEY_LEFT_CONTROL)})
        q.push(e);
    CHECK(q.take_frame() == std::vector<KeyEvent>{press(GLFW_KEY_LEFT_CONTROL), press(GLFW_KEY_Q, GLFW_MOD_CONTROL)});
    CHECK(q.take_frame() ==
          std::vector<KeyEvent>{release(GLFW_KEY_Q, GLFW_MOD_CONTROL), release(GLFW_KEY_LEFT_CONTROL)});
    // The same key tapped twice is two presses, each seen.
    for (auto e : {press(GLFW_KEY_DOWN), release(GLFW_KEY_DOWN), press(GLFW_KEY_DOWN), release(GLFW_KEY_DOWN)})
        q.push(e);
    int presses = 0;
    while (!q.empty())
        for (const auto& e : q.take_frame())
            presses += e.action == GLFW_PRESS;
    CHECK(presses == 2);
}

TEST_CASE("a sender that never stops cannot grow the queue without bound") {
    KeyQueue q;
    for (int i = 0; i < 10000; ++i)
        q.push(press(GLFW_KEY_A));
    CHECK(q.size() == 256);
}
