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
    case Kind::kNull: return "nothing";
    case Kind::kList: return "a list";
    case Kind::kMap: return "a map";
    case Kind::kScalar: return "the text '" + scalar + "'";
  }
  return {};
}

namespace {

SourceLocation LocationOf(const YAML::Mark& mark, const std::string& file, int first_line) {
  if (mark.is_null()) return {file, first_line, 1};
  return {file, mark.line + first_line, mark.column + 1};
}

Status Convert(const YAML::Node& node, const std::string& file, int first_line, Value& out) {
  out.where = LocationOf(node.Mark(), file, first_line);
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
        if (Status status = Convert(item, file, first_line, converted); !status) return status;
      }
      return Status::Ok();
    case YAML::NodeType::Map: {
      out.kind = Value::Kind::kMap;
      std::set<std::string> seen;
      for (const auto& pair : node) {
        Value::Entry& entry = out.entries.emplace_back();
        entry.key_where = LocationOf(pair.first.Mark(), file, first_line);
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
        if (Status status = Convert(pair.second, file, first_line, entry.value); !status) {
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
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    Value value;
    if (Status status = Convert(root, file, first_line, value); !status) return status.error();
    return value;
  } catch (const YAML::Exception& e) {
    std::string message = e.msg;
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(message[0]));
    return Diagnostic{Severity::kError, LocationOf(e.mark, file, first_line),
                      "invalid YAML: " + message,
                      "check the indentation, and quote values that contain ':' or '#'"};
  } catch (const std::exception& e) {
    return Diagnostic{Severity::kError, {file, first_line, 1},
                      std::string("invalid YAML: ") + e.what(), "check the YAML syntax"};
  }
}

}  // namespace kiosk
