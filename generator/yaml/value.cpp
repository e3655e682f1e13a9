#include "yaml/value.h"

#include <yaml.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <new>
#include <optional>
#include <utility>

#include "base/text.h"

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

// Far deeper than any configuration goes; the limit keeps a malformed file from exhausting
// the stack of the recursive Reader below.
constexpr int kMaxDepth = 1000;

// An alias is a copy of its anchor's value, and copies may hold copies: nine nested lists of
// nine aliases each are 370 bytes of text and 9^9 values (gigabytes). Copies are counted in
// values and characters of text, and stop at this budget, far above what a configuration
// repeats.
constexpr size_t kMaxAliasCopies = 100000;

constexpr const char* kSyntaxHint =
    "check the indentation, and quote values that contain ':' or '#'";

std::string_view Text(const yaml_char_t* text) {
  return text ? reinterpret_cast<const char*>(text) : "";
}

// The libyaml parser over one text, and the event it produced last.
class Parser {
 public:
  explicit Parser(std::string_view text) {
    if (!yaml_parser_initialize(&parser_)) throw std::bad_alloc();
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
    // Callers check that the text is UTF-8: never guess UTF-16 from its first bytes.
    yaml_parser_set_encoding(&parser_, YAML_UTF8_ENCODING);
  }
  ~Parser() {
    yaml_event_delete(&event_);
    yaml_parser_delete(&parser_);
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // The next event, valid until the next call; nullptr when the text is not valid YAML.
  const yaml_event_t* Next() {
    yaml_event_delete(&event_);
    if (yaml_parser_parse(&parser_, &event_)) return &event_;
    if (parser_.error == YAML_MEMORY_ERROR) throw std::bad_alloc();
    return nullptr;
  }

  // What is wrong, after Next() returned nullptr.
  const yaml_parser_t& state() const { return parser_; }

 private:
  yaml_parser_t parser_;
  yaml_event_t event_{};
};

// Where a character is in the file. libyaml counts characters from the start of the text,
// but it also breaks lines at U+0085, U+2028 and U+2029, where editors and the rest of
// kiosk break them only at '\n'; so lines and columns are counted here. Events come in text
// order: a cursor that only rewinds for the rare earlier mark keeps this linear.
class Locator {
 public:
  Locator(std::string_view text, const std::string& file, int first_line)
      : text_(text), file_(std::make_shared<const std::string>(file)), first_line_(first_line) {}

  ValueLocation AtCharacter(size_t index) {
    if (index < character_) Rewind();
    while (character_ < index && byte_ < text_.size()) Step();
    return Here();
  }

  ValueLocation AtByte(size_t offset) {
    if (offset < byte_) Rewind();
    while (byte_ < offset && byte_ < text_.size()) Step();
    return Here();
  }

 private:
  void Step() {
    const unsigned char c = static_cast<unsigned char>(text_[byte_]);
    byte_ += c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    ++character_;
    if (c == '\n') {
      ++line_;
      line_start_ = character_;
    }
  }

  void Rewind() {
    byte_ = character_ = line_start_ = 0;
    line_ = 0;
  }

  ValueLocation Here() const {
    return {file_, first_line_ + line_, static_cast<int>(character_ - line_start_) + 1};
  }

  std::string_view text_;
  std::shared_ptr<const std::string> file_;
  int first_line_;
  size_t byte_ = 0;
  size_t character_ = 0;   // the index of the character at byte_
  size_t line_start_ = 0;  // the index of the first character of its line
  int line_ = 0;
};

// Builds a Value from libyaml's events.
class Reader {
 public:
  Reader(std::string_view text, const std::string& file, int first_line)
      : parser_(text), locate_(text, file, first_line) {}

  // The first document (the rest of the text is not parsed, as kiosk has always done); null
  // when there is none.
  Result<Value> Read() {
    Value root;
    root.where = locate_.AtCharacter(0);
    const yaml_event_t* event = Next();  // the stream start
    if (event) event = Next();
    if (event && event->type == YAML_DOCUMENT_START_EVENT) {
      event = Next();
      if (event && ReadNode(*event, 0, root)) Next();  // the document end
    }
    if (invalid_) return *invalid_;
    if (rejected_) return *rejected_;
    return root;
  }

 private:
  const yaml_event_t* Next() {
    const yaml_event_t* event = parser_.Next();
    if (!event) invalid_ = SyntaxError();
    return event;
  }

  // Reads the node that `event` starts into `out`. False when the text is not valid YAML,
  // with invalid_ saying why.
  bool ReadNode(const yaml_event_t& event, int depth, Value& out) {
    out.where = locate_.AtCharacter(event.start_mark.index);
    const size_t size_before = size_;
    ++size_;
    if (event.type == YAML_ALIAS_EVENT) return ReadAlias(Text(event.data.alias.anchor), out);
    if (event.type == YAML_SCALAR_EVENT) {
      ReadScalar(event, out);
      size_ += out.scalar.size();
      Remember(Text(event.data.scalar.anchor), out, size_ - size_before);
      return true;
    }
    const bool is_list = event.type == YAML_SEQUENCE_START_EVENT;
    // Copied, since the event ends with the next call to Next().
    const std::string anchor(
        Text(is_list ? event.data.sequence_start.anchor : event.data.mapping_start.anchor));
    if (depth == kMaxDepth) {
      return Fail(out.where,
                  "lists and maps are nested more than " + std::to_string(kMaxDepth) + " deep");
    }
    if (!(is_list ? ReadList(depth + 1, out) : ReadMap(depth + 1, out))) return false;
    Remember(anchor, out, size_ - size_before);
    return true;
  }

  void ReadScalar(const yaml_event_t& event, Value& out) {
    const auto& scalar = event.data.scalar;
    const std::string_view text(reinterpret_cast<const char*>(scalar.value), scalar.length);
    const bool plain = scalar.style == YAML_PLAIN_SCALAR_STYLE;
    // The nulls of YAML's core schema; a tag (`!!str ~`) or quotes make them text.
    if (plain && !scalar.tag &&
        (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")) {
      return;
    }
    out.kind = Value::Kind::kScalar;
    out.scalar = text;
    // Quoted, literal (|) and folded (>) scalars are text, and so is `! true`: the tag '!'
    // asks for the same.
    out.quoted = !plain || Text(scalar.tag) == "!";
  }

  bool ReadAlias(std::string_view anchor, Value& out) {
    const auto found = anchors_.find(anchor);
    if (found == anchors_.end()) {
      return Fail(
          out.where, "found undefined alias '" + std::string(anchor) + "'",
          "quote a value that starts with '*', or define '&" + std::string(anchor) + "' before it");
    }
    const auto& [value, size] = found->second;
    copied_ += size;
    if (copied_ > kMaxAliasCopies) {
      invalid_ = Diagnostic{
          Severity::kError, out.where,
          "the aliases (*name) of this YAML expand to more than " +
              FormatCount(kMaxAliasCopies) + " values and characters, kiosk's limit",
          "write the repeated values out, or alias fewer nested lists and maps"};
      return false;
    }
    out = value;
    size_ += size;
    return true;
  }

  // The anchor names a copy: aliases are rare and small, and a copy cannot form a cycle.
  // `size`: its values and characters, as copies are counted.
  void Remember(std::string_view anchor, const Value& value, size_t size) {
    if (!anchor.empty()) anchors_.insert_or_assign(std::string(anchor), std::pair(value, size));
  }

  bool ReadList(int depth, Value& out) {
    out.kind = Value::Kind::kList;
    while (const yaml_event_t* event = Next()) {
      if (event->type == YAML_SEQUENCE_END_EVENT) return true;
      if (!ReadNode(*event, depth, out.items.emplace_back())) return false;
    }
    return false;
  }

  bool ReadMap(int depth, Value& out) {
    out.kind = Value::Kind::kMap;
    while (const yaml_event_t* event = Next()) {
      if (event->type == YAML_MAPPING_END_EVENT) return true;
      Value key;
      if (!ReadNode(*event, depth, key)) return false;
      if (!key.is_scalar()) {
        Reject(key.where, "a key must be plain text", "write the key as a word followed by ':'");
      } else if (out.Find(key.scalar)) {  // maps are short: a search beats a set
        Reject(key.where, "the key '" + key.scalar + "' is given twice",
               "remove one of the two, or merge them");
      }
      Value::Entry& entry = out.entries.emplace_back();
      entry.key = std::move(key.scalar);
      entry.key_where = std::move(key.where);
      event = Next();
      if (!event || !ReadNode(*event, depth, entry.value)) return false;
    }
    return false;
  }

  bool Fail(SourceLocation where, std::string problem, std::string hint = kSyntaxHint) {
    invalid_ =
        Diagnostic{Severity::kError, std::move(where), "invalid YAML: " + problem, std::move(hint)};
    return false;
  }

  // Valid YAML that a Value cannot hold. Reading goes on: invalid YAML anywhere in the
  // document is the more basic mistake, and is reported instead.
  void Reject(SourceLocation where, std::string message, std::string hint) {
    if (!rejected_) {
      rejected_ =
          Diagnostic{Severity::kError, std::move(where), std::move(message), std::move(hint)};
    }
  }

  Diagnostic SyntaxError() {
    const yaml_parser_t& state = parser_.state();
    // The reader (control characters) gives a byte offset; the scanner and parser a mark.
    const SourceLocation where = state.error == YAML_READER_ERROR
                                     ? locate_.AtByte(state.problem_offset)
                                     : locate_.AtCharacter(state.problem_mark.index);
    std::string problem = state.problem;
    // An unclosed list or quote is noticed lines later: say where it began.
    if (state.context) {
      const int context_line = locate_.AtCharacter(state.context_mark.index).line;
      if (context_line != where.line) {
        problem += " (" + std::string(state.context) + " that starts on line " +
                   std::to_string(context_line) + ")";
      }
    }
    return Diagnostic{Severity::kError, where, "invalid YAML: " + problem, kSyntaxHint};
  }

  Parser parser_;
  Locator locate_;
  std::map<std::string, std::pair<Value, size_t>, std::less<>> anchors_;
  size_t size_ = 0;    // values and characters read so far, copies included
  size_t copied_ = 0;  // of those, the copies' (kMaxAliasCopies)
  std::optional<Diagnostic> invalid_;
  std::optional<Diagnostic> rejected_;
};

}  // namespace

Result<Value> ParseYaml(std::string_view text, const std::string& file, int first_line) {
  // A byte-order mark is invisible in editors, so it takes no column.
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  return Reader(text, file, first_line).Read();
}

}  // namespace kiosk
