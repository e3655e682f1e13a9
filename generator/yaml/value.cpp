#include "yaml/value.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace kiosk {

const Value* Value::Find(std::string_view key) const {
  for (const Entry& entry : entries) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

std::optional<bool> Value::AsBool() const {
  if (!is_scalar() || quoted) return std::nullopt;
  std::string lower = scalar;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (lower == "true" || lower == "yes" || lower == "on") return true;
  if (lower == "false" || lower == "no" || lower == "off") return false;
  return std::nullopt;
}

std::optional<long long> Value::AsInteger() const {
  if (!is_scalar() || quoted || scalar.empty() || scalar.size() > 18) return std::nullopt;
  size_t start = scalar[0] == '-' || scalar[0] == '+' ? 1 : 0;
  if (start == scalar.size()) return std::nullopt;
  for (size_t i = start; i < scalar.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(scalar[i]))) return std::nullopt;
  }
  return std::stoll(scalar);
}

std::string Value::Describe() const {
  switch (kind) {
    case Kind::kNull:
      return "nothing";
    case Kind::kList:
      return "a list";
    case Kind::kMap:
      return "a map";
    case Kind::kScalar:
      return "the text '" + scalar + "'";
  }
  return {};
}

namespace {

// Where a node is, with the column counted in characters (yaml-cpp counts bytes, which
// puts every location after Chinese text too far right).
struct Locator {
  std::string_view text;
  const std::string& file;
  int first_line;

  SourceLocation operator()(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.pos < 0) return {file, first_line, 1};
    const size_t pos = std::min<size_t>(mark.pos, text.size());
    const size_t line_start = text.rfind('\n', pos == 0 ? 0 : pos - 1);
    size_t at = line_start == std::string_view::npos || pos == 0 ? 0 : line_start + 1;
    int column = 1;
    while (at < pos) {
      const unsigned char c = static_cast<unsigned char>(text[at]);
      at += c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
      ++column;
    }
    return {file, mark.line + first_line, column};
  }
};

Status Convert(const YAML::Node& node, const Locator& locate, Value& out) {
  out.where = locate(node.Mark());
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      out.kind = Value::Kind::kNull;
      return Status::Ok();
    case YAML::NodeType::Scalar:
      out.kind = Value::Kind::kScalar;
      out.scalar = node.Scalar();
      out.quoted = node.Tag() == "!";
      return Status::Ok();
    case YAML::NodeType::Sequence:
      out.kind = Value::Kind::kList;
      for (const YAML::Node& item : node) {
        Value& converted = out.items.emplace_back();
        if (Status status = Convert(item, locate, converted); !status) return status;
      }
      return Status::Ok();
    case YAML::NodeType::Map: {
      out.kind = Value::Kind::kMap;
      std::set<std::string> seen;
      for (const auto& pair : node) {
        Value::Entry& entry = out.entries.emplace_back();
        entry.key_where = locate(pair.first.Mark());
        if (!pair.first.IsScalar()) {
          return Diagnostic{Severity::kError, entry.key_where, "a key must be plain text",
                            "write the key as a word followed by ':'"};
        }
        entry.key = pair.first.Scalar();
        if (!seen.insert(entry.key).second) {
          return Diagnostic{Severity::kError, entry.key_where,
                            "the key '" + entry.key + "' is given twice",
                            "remove one of the two, or merge them"};
        }
        if (Status status = Convert(pair.second, locate, entry.value); !status) {
          return status;
        }
      }
      return Status::Ok();
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Value> ParseYaml(std::string_view text, const std::string& file, int first_line) {
  const Locator locate{text, file, first_line};
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    Value value;
    if (Status status = Convert(root, locate, value); !status) return status.error();
    return value;
  } catch (const YAML::Exception& e) {
    std::string message = e.msg;
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(message[0]));
    return Diagnostic{Severity::kError, locate(e.mark), "invalid YAML: " + message,
                      "check the indentation, and quote values that contain ':' or '#'"};
  } catch (const std::exception& e) {
    return Diagnostic{Severity::kError,
                      {file, first_line, 1},
                      std::string("invalid YAML: ") + e.what(),
                      "check the YAML syntax"};
  }
}

}  // namespace kiosk
