#pragma once
// The result of checking something that came from outside: the value, or why it was refused.
#include "rejection.hpp"

#include <utility>
#include <variant>

namespace platslage {

template <class T>
class Checked {
public:
    Checked(T value) : v_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
    // The detail is made safe to keep here, whoever built the refusal.
    Checked(Rejection why) : v_(Rejection{why.reason, refusal_text(why.detail)}) {} // NOLINT(google-explicit-constructor)

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    const T& operator*() const& { return value(); }
    const T* operator->() const { return &std::get<0>(v_); }
    const Rejection& rejection() const { return std::get<1>(v_); }

private:
    std::variant<T, Rejection> v_;
};

} // namespace platslage
