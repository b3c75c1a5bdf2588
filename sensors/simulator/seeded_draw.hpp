#pragma once
// Random draws built directly on std::mt19937. The engine's output is fixed by the
// standard, but std::*_distribution is not, so these few helpers keep "same seed, same
// events" true across standard libraries, not only within one build.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <random>
#include <span>

namespace platslage::sim {

// Uniform in [0, 1).
inline double unit(std::mt19937& rng) { return static_cast<double>(rng()) / 4294967296.0; }

// Uniform integer in [lo, hi].
inline int between(std::mt19937& rng, int lo, int hi) {
    auto span = static_cast<double>(hi - lo + 1);
    return lo + static_cast<int>(std::floor(unit(rng) * span));
}

inline bool chance(std::mt19937& rng, double p) { return unit(rng) < p; }

// Standard normal (Box-Muller; one value per call keeps the draw count predictable).
inline double normal(std::mt19937& rng) {
    double u1 = 1.0 - unit(rng); // (0, 1]: log stays finite
    double u2 = unit(rng);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

// Exponential with the given mean: the gap between events of a Poisson process.
inline double exponential(std::mt19937& rng, double mean) { return -mean * std::log(1.0 - unit(rng)); }

// Index drawn with probability proportional to its weight; weights must not all be zero.
inline std::size_t pick_weighted(std::mt19937& rng, std::span<const double> weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = unit(rng) * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (x < weights[i]) return i;
        x -= weights[i];
    }
    for (std::size_t i = weights.size(); i-- > 0;) // rounding left x at the end: last non-zero
        if (weights[i] > 0) return i;
    return 0;
}

// A seed for one actor of the simulation, so adding a team does not change the guards.
inline std::uint32_t actor_seed(std::uint32_t seed, std::uint32_t role, std::uint32_t index) {
    std::seed_seq seq{seed, role, index};
    std::uint32_t out = 0;
    seq.generate(&out, &out + 1);
    return out;
}

} // namespace platslage::sim
