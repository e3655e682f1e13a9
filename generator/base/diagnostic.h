// Diagnostics: problems found in a user's site, as data.
//
// Every stage reports what is wrong as a Diagnostic carrying the file, line and column that
// the user has to edit, what is wrong and how to fix it. Stages never throw across their
// boundaries; they append to a Diagnostics list and the build decides what to do with it.
#pragma once

#include <string>
#include <vector>

namespace kiosk {

enum class Severity { kError, kWarning };

// A place in a source file. Lines and columns count from 1; 0 means "unknown" (a problem
// with a whole file, or with the file system).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

struct Diagnostic {
  Severity severity = Severity::kError;
  SourceLocation where;
  std::string message;  // what is wrong
  std::string hint;     // how to fix it; may be empty

  // "path:line:col: error: message — hint"
  std::string format() const;
};

class Diagnostics {
 public:
  void error(SourceLocation where, std::string message, std::string hint = {});
  void warning(SourceLocation where, std::string message, std::string hint = {});
  void add(Diagnostic diagnostic);
  void append(const Diagnostics& other);

  bool has_errors() const { return error_count_ > 0; }
  int error_count() const { return error_count_; }
  int warning_count() const { return static_cast<int>(items_.size()) - error_count_; }
  const std::vector<Diagnostic>& items() const { return items_; }

  // Orders by file, line and column so that reports do not depend on thread scheduling.
  void sort();

 private:
  std::vector<Diagnostic> items_;
  int error_count_ = 0;
};

}  // namespace kiosk
