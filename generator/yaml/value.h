// Value: a YAML document as plain data, each node carrying where it was written, so that
// configuration and front-matter errors can point at the exact line and column.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/result.h"

namespace kiosk {

// Where a node was written. Its file's name is shared by every node of the document: a page's
// front matter has dozens of nodes, and a large site holds tens of thousands of pages.
struct ValueLocation {
  std::shared_ptr<const std::string> file;
  int line = 0;
  int column = 0;

  operator SourceLocation() const { return {file ? *file : std::string(), line, column}; }
};

class Value {
 public:
  enum class Kind { kNull, kScalar, kList, kMap };
  struct Entry;

  Kind kind = Kind::kNull;
  ValueLocation where;
  std::string scalar;  // kScalar: the text, after YAML unquoting
  // kScalar: written in quotes, as a block (| or >) or tagged `!`: text, so `"true"` is a
  // string, not a bool.
  bool quoted = false;
  std::vector<Value> items;    // kList
  std::vector<Entry> entries;  // kMap, in source order

  bool is_null() const { return kind == Kind::kNull; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_list() const { return kind == Kind::kList; }
  bool is_map() const { return kind == Kind::kMap; }

  // The value of a key of a map, or nullptr when absent (or when this is not a map).
  const Value* Find(std::string_view key) const;

  // Plain scalars `true/false/yes/no/on/off` (any case); nullopt for anything else.
  std::optional<bool> AsBool() const;
  // A plain scalar holding a whole number, else nullopt.
  std::optional<long long> AsInteger() const;

  // A short description for messages: "a list", "a map", "the text 'x'".
  std::string Describe() const;
};

struct Value::Entry {
  std::string key;
  ValueLocation key_where;
  Value value;
};

// Parses YAML text. `file` names it in locations; `first_line` is the line of the file on
// which `text` starts (front matter starts on line 2). Only the first document is read;
// duplicate keys are an error.
Result<Value> ParseYaml(std::string_view text, const std::string& file, int first_line = 1);

}  // namespace kiosk
