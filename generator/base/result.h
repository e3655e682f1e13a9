// Result<T>: a value or the Diagnostic that explains why there is none (errors as values).
#pragma once

#include <utility>
#include <variant>

#include "base/diagnostic.h"

namespace kiosk {

template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Diagnostic error) : state_(std::move(error)) {}

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  T& value() { return std::get<T>(state_); }
  const T& value() const { return std::get<T>(state_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Diagnostic& error() const { return std::get<Diagnostic>(state_); }

 private:
  std::variant<T, Diagnostic> state_;
};

// The result of an operation that produces nothing but may fail.
class Status {
 public:
  Status() = default;
  Status(Diagnostic error) : error_(std::move(error)), ok_(false) {}
  static Status Ok() { return {}; }

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Diagnostic& error() const { return error_; }

 private:
  Diagnostic error_;
  bool ok_ = true;
};

// A Diagnostic for a failure of the operating system, such as an unreadable file.
inline Diagnostic IoError(std::string file, std::string message, std::string hint = {}) {
  return Diagnostic{Severity::kError, SourceLocation{std::move(file), 0, 0}, std::move(message),
                    std::move(hint)};
}

}  // namespace kiosk
