#include "frame_cache.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

namespace platslage::console {

namespace {
// OpenGL 3.0's framebuffer functions, taken from the driver at run time (libGL exports only
// OpenGL 1.x for certain).
constexpr unsigned gl_framebuffer = 0x8D40, gl_read_framebuffer = 0x8CA8, gl_draw_framebuffer = 0x8CA9,
                   gl_color_attachment0 = 0x8CE0, gl_framebuffer_complete = 0x8CD5;
struct Gl3 {
    void (*gen_framebuffers)(int, unsigned*) = nullptr;
    void (*delete_framebuffers)(int, const unsigned*) = nullptr;
    void (*bind_framebuffer)(unsigned, unsigned) = nullptr;
    void (*framebuffer_texture_2d)(unsigned, unsigned, unsigned, unsigned, int) = nullptr;
    unsigned (*check_framebuffer_status)(unsigned) = nullptr;
    void (*blit_framebuffer)(int, int, int, int, int, int, int, int, unsigned, unsigned) = nullptr;
    bool loaded() const {
        return gen_framebuffers && delete_framebuffers && bind_framebuffer && framebuffer_texture_2d && check_framebuffer_status &&
               blit_framebuffer;
    }
};
Gl3 gl3;

template <class F>
void load(F& f, const char* name) {
    f = reinterpret_cast<F>(glfwGetProcAddress(name));
}

// What one window draws this frame, as a hash of its vertices, indices and commands, and
// where: the box around its vertices, within its clip rectangles (a window's first clip
// rectangle is often the whole screen).
ListSignature signature(const ImDrawList& list) {
    ListSignature s;
    ScreenRect clips, vertices;
    std::uint64_t h = fnv1a(list.VtxBuffer.Data, static_cast<std::size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert));
    h = fnv1a(list.IdxBuffer.Data, static_cast<std::size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx), h);
    for (const ImDrawCmd& c : list.CmdBuffer) {
        if (c.UserCallback) h = fnv1a(&c.UserCallback, sizeof c.UserCallback, h);
        h = fnv1a(&c.ClipRect, sizeof c.ClipRect, h);
        h = fnv1a(&c.TextureId, sizeof c.TextureId, h);
        h = fnv1a(&c.VtxOffset, sizeof c.VtxOffset, h);
        h = fnv1a(&c.IdxOffset, sizeof c.IdxOffset, h);
        h = fnv1a(&c.ElemCount, sizeof c.ElemCount, h);
        if (c.ElemCount > 0) clips = united(clips, {c.ClipRect.x, c.ClipRect.y, c.ClipRect.z, c.ClipRect.w});
    }
    if (list.VtxBuffer.Size > 0) {
        vertices = {list.VtxBuffer[0].pos.x, list.VtxBuffer[0].pos.y, list.VtxBuffer[0].pos.x, list.VtxBuffer[0].pos.y};
        for (const ImDrawVert& v : list.VtxBuffer) {
            vertices.x0 = std::min(vertices.x0, v.pos.x);
            vertices.y0 = std::min(vertices.y0, v.pos.y);
            vertices.x1 = std::max(vertices.x1, v.pos.x);
            vertices.y1 = std::max(vertices.y1, v.pos.y);
        }
        // Anti-aliased edges reach a pixel past the last vertex.
        vertices = {vertices.x0 - 1, vertices.y0 - 1, vertices.x1 + 1, vertices.y1 + 1};
    }
    s.bounds = {std::max(clips.x0, vertices.x0), std::max(clips.y0, vertices.y0), std::min(clips.x1, vertices.x1),
                std::min(clips.y1, vertices.y1)};
    if (s.bounds.empty()) s.bounds = {};
    s.hash = h;
    return s;
}
} // namespace

FrameCache::FrameCache() {
    load(gl3.gen_framebuffers, "glGenFramebuffers");
    load(gl3.delete_framebuffers, "glDeleteFramebuffers");
    load(gl3.bind_framebuffer, "glBindFramebuffer");
    load(gl3.framebuffer_texture_2d, "glFramebufferTexture2D");
    load(gl3.check_framebuffer_status, "glCheckFramebufferStatus");
    load(gl3.blit_framebuffer, "glBlitFramebuffer");
    available_ = gl3.loaded();
    if (!available_) spdlog::info("no OpenGL framebuffer objects: every frame is drawn whole");
}

FrameCache::~FrameCache() {
    if (framebuffer_) gl3.delete_framebuffers(1, &framebuffer_);
    if (texture_) glDeleteTextures(1, &texture_);
}

void FrameCache::resize(int width, int height) {
    if (width == width_ && height == height_ && framebuffer_) return;
    if (!framebuffer_) gl3.gen_framebuffers(1, &framebuffer_);
    if (!texture_) glGenTextures(1, &texture_);
    glBindTexture(GL_TEXTURE_2D, texture_);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    gl3.bind_framebuffer(gl_framebuffer, framebuffer_);
    gl3.framebuffer_texture_2d(gl_framebuffer, gl_color_attachment0, GL_TEXTURE_2D, texture_, 0);
    if (gl3.check_framebuffer_status(gl_framebuffer) != gl_framebuffer_complete) {
        spdlog::warn("the off-screen frame cannot be made: every frame is drawn whole");
        available_ = false;
    }
    gl3.bind_framebuffer(gl_framebuffer, 0);
    width_ = width;
    height_ = height;
    last_.clear(); // the new image is empty: the next frame draws it whole
}

bool FrameCache::render(ImDrawData* dd, int width, int height, bool whole) {
    if (width <= 0 || height <= 0) return false; // minimised: nothing to draw on
    std::vector<ListSignature> now;
    now.reserve(static_cast<std::size_t>(dd->CmdListsCount));
    for (int i = 0; i < dd->CmdListsCount; ++i) now.push_back(signature(*dd->CmdLists[i]));
    if (available_) resize(width, height);
    const float scale_x = dd->FramebufferScale.x, scale_y = dd->FramebufferScale.y;
    const ScreenRect screen{dd->DisplayPos.x, dd->DisplayPos.y, dd->DisplayPos.x + static_cast<float>(width) / scale_x,
                            dd->DisplayPos.y + static_cast<float>(height) / scale_y};
    std::vector<ScreenRect> damage{screen};
    if (available_ && !whole && !last_.empty()) damage = frame_damage(last_, now);
    last_ = std::move(now);
    if (damage.empty()) {
        ++unchanged_;
        return false;
    }
    ++drawn_;
    if (!available_) {
        // No image to keep: the whole frame, straight onto the window.
        draw_within(dd, width, height, screen);
        return true;
    }
    gl3.bind_framebuffer(gl_framebuffer, framebuffer_);
    // Each damaged rectangle is drawn on its own, every command clipped to it: the rest of
    // the image stays as it was.
    std::vector<ImVec4> clips;
    for (int i = 0; i < dd->CmdListsCount; ++i)
        for (const ImDrawCmd& c : dd->CmdLists[i]->CmdBuffer) clips.push_back(c.ClipRect);
    for (const auto& rect : damage) {
        std::size_t k = 0;
        for (int i = 0; i < dd->CmdListsCount; ++i)
            for (ImDrawCmd& c : dd->CmdLists[i]->CmdBuffer) {
                const ImVec4& was = clips[k++];
                c.ClipRect = ImVec4(std::max(was.x, rect.x0), std::max(was.y, rect.y0), std::min(was.z, rect.x1), std::min(was.w, rect.y1));
            }
        draw_within(dd, width, height, rect);
    }
    gl3.bind_framebuffer(gl_read_framebuffer, framebuffer_);
    gl3.bind_framebuffer(gl_draw_framebuffer, 0);
    gl3.blit_framebuffer(0, 0, width, height, 0, 0, width, height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    gl3.bind_framebuffer(gl_framebuffer, 0);
    return true;
}

void FrameCache::draw_within(ImDrawData* dd, int width, int height, const ScreenRect& rect) {
    const float scale_x = dd->FramebufferScale.x, scale_y = dd->FramebufferScale.y;
    // Whole framebuffer pixels around the rectangle; OpenGL's rows count from the bottom.
    const int x0 = std::max(0, static_cast<int>(std::floor((rect.x0 - dd->DisplayPos.x) * scale_x)));
    const int y0 = std::max(0, static_cast<int>(std::floor((rect.y0 - dd->DisplayPos.y) * scale_y)));
    const int x1 = std::min(width, static_cast<int>(std::ceil((rect.x1 - dd->DisplayPos.x) * scale_x)));
    const int y1 = std::min(height, static_cast<int>(std::ceil((rect.y1 - dd->DisplayPos.y) * scale_y)));
    glViewport(0, 0, width, height);
    glEnable(GL_SCISSOR_TEST);
    glScissor(x0, height - y1, x1 - x0, y1 - y0);
    glClearColor(0.09f, 0.10f, 0.11f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(dd);
    glDisable(GL_SCISSOR_TEST); // the blit is scissored too
}

} // namespace platslage::console
