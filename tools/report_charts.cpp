#include "report_charts.hpp"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

namespace platslage::report {

namespace {
constexpr int width = 900, height = 420;
constexpr double left = 70, right = 20, top = 60, bottom = 70;

// A "nice" step for the value axis: 1, 2 or 5 times a power of ten, about five steps to the top.
double axis_step(double top_value) {
    double raw = std::max(top_value, 1.0) / 5.0;
    double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= raw) return std::max(1.0, m * power);
    return 10 * power;
}

void text_at(cairo_t* cr, const std::string& s, double x, double y, double size, bool centred) {
    cairo_set_font_size(cr, size);
    cairo_text_extents_t ext;
    cairo_text_extents(cr, s.c_str(), &ext);
    cairo_move_to(cr, centred ? x - ext.width / 2 - ext.x_bearing : x, y);
    cairo_show_text(cr, s.c_str());
}
} // namespace

void write_bar_chart(const StatTable& t, std::size_t column, const std::string& path) {
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height), cairo_surface_destroy);
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> context(cairo_create(surface.get()), cairo_destroy);
    cairo_t* cr = context.get();
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);

    std::vector<const StatRow*> rows;
    for (const auto& r : t.rows)
        if (!r.period.empty()) rows.push_back(&r);
    double top_value = 0;
    for (const auto* r : rows) {
        const auto& c = r->cells[column];
        if (c.value && !c.hidden) top_value = std::max(top_value, *c.value);
    }
    const bool percent = !rows.empty() && rows.front()->cells[column].kind == CellKind::percent;
    if (percent) top_value = std::max(top_value, 100.0);
    double step = axis_step(top_value);
    double axis_top = std::max(step, std::ceil(top_value / step) * step);

    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    text_at(cr, t.title + ": " + t.columns[column + 1], left, 30, 17, false);

    const double plot_w = width - left - right, plot_h = height - top - bottom;
    auto y_of = [&](double v) { return top + plot_h * (1 - v / axis_top); };
    cairo_set_line_width(cr, 1);
    for (double v = 0; v <= axis_top + step / 2; v += step) {
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
        cairo_move_to(cr, left, y_of(v));
        cairo_line_to(cr, width - right, y_of(v));
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        cairo_set_font_size(cr, 12);
        std::string label = std::to_string(static_cast<long long>(v));
        cairo_text_extents_t ext;
        cairo_text_extents(cr, label.c_str(), &ext);
        cairo_move_to(cr, left - 8 - ext.width, y_of(v) + 4);
        cairo_show_text(cr, label.c_str());
    }

    const double slot = rows.empty() ? plot_w : plot_w / static_cast<double>(rows.size());
    const double bar = std::min(60.0, slot * 0.7);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& c = rows[i]->cells[column];
        double x = left + slot * (static_cast<double>(i) + 0.5);
        if (c.value && !c.hidden && *c.value > 0) {
            cairo_set_source_rgb(cr, 0.16, 0.42, 0.62);
            cairo_rectangle(cr, x - bar / 2, y_of(*c.value), bar, top + plot_h - y_of(*c.value));
            cairo_fill(cr);
        }
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        double label_y = c.value && !c.hidden ? y_of(*c.value) - 6 : top + plot_h - 6;
        text_at(cr, cell_text(c), x, label_y, 12, true);
        // Period names turn when there are many (weeks).
        cairo_save(cr);
        cairo_set_font_size(cr, 12);
        if (rows.size() > 12) {
            cairo_move_to(cr, x - 4, top + plot_h + 12);
            cairo_rotate(cr, M_PI / 4);
            cairo_show_text(cr, rows[i]->label.c_str());
        } else {
            text_at(cr, rows[i]->label, x, top + plot_h + 20, 12, true);
        }
        cairo_restore(cr);
    }
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_move_to(cr, left, top + plot_h);
    cairo_line_to(cr, width - right, top + plot_h);
    cairo_stroke(cr);

    cairo_surface_flush(surface.get());
    if (cairo_surface_write_to_png(surface.get(), path.c_str()) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error("cannot write " + path);
}

} // namespace platslage::report
