#include "base/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace kiosk {

std::string Diagnostic::format() const {
  std::string text;
  if (!where.file.empty()) {
    text += where.file;
    if (where.line > 0) {
      text += ':' + std::to_string(where.line) + ':' + std::to_string(std::max(where.column, 1));
    }
    text += ": ";
  }
  text += severity == Severity::kError ? "error: " : "warning: ";
  text += message;
  if (!hint.empty()) text += " — " + hint;
  return text;
}

void Diagnostics::error(SourceLocation where, std::string message, std::string hint) {
  add({Severity::kError, std::move(where), std::move(message), std::move(hint)});
}

void Diagnostics::warning(SourceLocation where, std::string message, std::string hint) {
  add({Severity::kWarning, std::move(where), std::move(message), std::move(hint)});
}

void Diagnostics::add(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::kError) ++error_count_;
  items_.push_back(std::move(diagnostic));
}

void Diagnostics::append(const Diagnostics& other) {
  for (const Diagnostic& d : other.items_) add(d);
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.file, a.where.line, a.where.column) <
           std::tie(b.where.file, b.where.line, b.where.column);
  });
}

}  // namespace kiosk
