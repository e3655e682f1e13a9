#include "check/css.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "base/hash.h"
#include "check/html_document.h"

namespace kiosk::check {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view TrimView(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

bool IsIdentChar(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '-' || c == '_' || u >= 0x80;
}

bool StartsWithI(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && Lower(text.substr(0, prefix.size())) == prefix;
}

// Where offsets of a text are in its file.
class Positions {
 public:
  Positions(std::string_view text, int first_line, int first_column)
      : text_(text), first_line_(first_line), first_column_(first_column) {
    starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts_.push_back(i + 1);
    }
  }
  std::pair<int, int> At(size_t offset) const {
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset) - 1;
    const size_t index = static_cast<size_t>(it - starts_.begin());
    int column = 0;
    for (size_t at = *it; at < offset && at < text_.size(); ++at) {
      if ((static_cast<unsigned char>(text_[at]) & 0xC0) != 0x80) ++column;
    }
    if (index == 0) return {first_line_, first_column_ + column};
    return {first_line_ + static_cast<int>(index), column + 1};
  }

 private:
  std::string_view text_;
  int first_line_;
  int first_column_;
  std::vector<size_t> starts_;
};

// The text with comments replaced by spaces (line breaks kept), so offsets stay the same.
std::string BlankComments(std::string_view css) {
  std::string out(css);
  char quote = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (quote) {
      if (c == '\\') {
        ++i;
      } else if (c == quote || c == '\n') {
        quote = 0;
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '/' && i + 1 < out.size() && out[i + 1] == '*') {
      size_t end = out.find("*/", i + 2);
      end = end == std::string::npos ? out.size() : end + 2;
      for (size_t j = i; j < end; ++j) {
        if (out[j] != '\n') out[j] = ' ';
      }
      i = end - 1;
    }
  }
  return out;
}

// The offset of the first of `stops` at nesting depth 0 (outside strings, (), []), or npos.
size_t FindTopLevel(std::string_view text, size_t from, std::string_view stops) {
  int depth = 0;
  char quote = 0;
  for (size_t i = from; i < text.size(); ++i) {
    const char c = text[i];
    if (quote) {
      if (c == '\\') {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '(' || c == '[') {
      ++depth;
    } else if ((c == ')' || c == ']') && depth > 0) {
      --depth;
    } else if (depth == 0 && stops.find(c) != std::string_view::npos) {
      return i;
    }
  }
  return std::string_view::npos;
}

// The offset of the '}' closing the block whose '{' is at `open`, or the end.
size_t MatchingBrace(std::string_view text, size_t open) {
  int depth = 0;
  for (size_t i = open; i < text.size();) {
    const size_t next = FindTopLevel(text, i, "{}");
    if (next == std::string_view::npos) return text.size();
    depth += text[next] == '{' ? 1 : -1;
    if (depth == 0) return next;
    i = next + 1;
  }
  return text.size();
}

std::vector<CssDeclaration> DeclarationsIn(std::string_view text, size_t begin, size_t end,
                                           const Positions& positions) {
  std::vector<CssDeclaration> declarations;
  size_t pos = begin;
  while (pos < end) {
    size_t stop = FindTopLevel(text.substr(0, end), pos, ";{");
    if (stop == std::string_view::npos) stop = end;
    if (stop < end && text[stop] == '{') {
      // A nested rule (CSS nesting): not read.
      pos = MatchingBrace(text, stop) + 1;
      continue;
    }
    std::string_view segment = text.substr(pos, stop - pos);
    const size_t colon = FindTopLevel(segment, 0, ":");
    if (colon != std::string_view::npos) {
      size_t name_start = 0;
      while (name_start < colon && IsSpace(segment[name_start])) ++name_start;
      const std::string_view name = TrimView(segment.substr(0, colon));
      std::string_view value = TrimView(segment.substr(colon + 1));
      CssDeclaration declaration;
      declaration.property = StartsWithI(name, "--") ? std::string(name) : Lower(name);
      const size_t bang = value.rfind('!');
      if (bang != std::string_view::npos &&
          Lower(TrimView(value.substr(bang + 1))) == "important") {
        declaration.important = true;
        value = TrimView(value.substr(0, bang));
      }
      declaration.value = std::string(value);
      std::tie(declaration.line, declaration.column) = positions.At(pos + name_start);
      if (!declaration.property.empty()) declarations.push_back(std::move(declaration));
    }
    pos = stop + 1;
  }
  return declarations;
}

class StylesheetParser {
 public:
  StylesheetParser(std::string_view css, int first_line, int first_column)
      : text_(BlankComments(css)), positions_(text_, first_line, first_column) {}

  Stylesheet Parse() {
    Stylesheet sheet;
    ParseRules(0, text_.size(), "", 0, sheet);
    return sheet;
  }

 private:
  void TooDeep(size_t offset, Stylesheet& sheet) {
    if (sheet.too_deep_line == 0) {
      std::tie(sheet.too_deep_line, sheet.too_deep_column) = positions_.At(offset);
    }
  }

  void ParseRules(size_t begin, size_t end, const std::string& media, int depth,
                  Stylesheet& sheet) {
    const std::string_view text = std::string_view(text_).substr(0, end);
    size_t pos = begin;
    while (pos < end) {
      while (pos < end && IsSpace(text[pos])) ++pos;
      if (pos >= end) break;
      if (text[pos] == '}' || text[pos] == ';') {
        ++pos;
        continue;
      }
      if (text.substr(pos, 4) == "<!--" || text.substr(pos, 3) == "-->") {
        pos += text[pos] == '<' ? 4 : 3;
        continue;
      }
      const size_t stop = FindTopLevel(text, pos, "{;}");
      if (text[pos] == '@') {
        size_t name_end = pos + 1;
        while (name_end < end && IsIdentChar(text[name_end])) ++name_end;
        const std::string name = Lower(text.substr(pos + 1, name_end - pos - 1));
        if (stop == std::string_view::npos || text[stop] != '{') {
          if (name == "import") {
            const size_t length = (stop == std::string_view::npos ? end : stop) - name_end;
            sheet.imports.push_back(Import(text.substr(name_end, length)));
          }
          pos = stop == std::string_view::npos ? end : stop + 1;
          continue;
        }
        const size_t close = MatchingBrace(text, stop);
        const std::string prelude(TrimView(text.substr(name_end, stop - name_end)));
        const bool holds_rules = name == "media" || name == "supports" || name == "layer" ||
                                 name == "container" || name == "scope" || name == "document" ||
                                 name == "-moz-document" || name == "starting-style";
        if (holds_rules && depth == kMaxCssNesting) {
          TooDeep(pos, sheet);
        } else if (name == "media") {
          ParseRules(stop + 1, close, media.empty() ? prelude : media + " and " + prelude,
                     depth + 1, sheet);
        } else if (holds_rules) {
          ParseRules(stop + 1, close, media, depth + 1, sheet);
        }
        // Other at-rules (@font-face, @keyframes, @page…) hold no rules for elements.
        pos = close + 1;
        continue;
      }
      if (stop == std::string_view::npos) break;
      if (text[stop] != '{') {  // a stray declaration or garbage: skip it
        pos = stop + 1;
        continue;
      }
      const size_t close = MatchingBrace(text, stop);
      CssRule rule;
      rule.selector_text = std::string(TrimView(text.substr(pos, stop - pos)));
      for (const std::string& part : SplitTopLevel(rule.selector_text, ',')) {
        rule.selectors.push_back(CssSelector::Parse(part));
        if (rule.selectors.back().too_deep()) TooDeep(pos, sheet);
      }
      rule.declarations = DeclarationsIn(text, stop + 1, close, positions_);
      rule.media = media;
      std::tie(rule.line, rule.column) = positions_.At(pos);
      sheet.rules.push_back(std::move(rule));
      pos = close + 1;
    }
  }

  // `url("a.css") screen` or `"a.css"`.
  static CssImport Import(std::string_view prelude) {
    prelude = TrimView(prelude);
    CssImport import;
    size_t rest = 0;
    if (StartsWithI(prelude, "url(")) {
      const size_t close = FindTopLevel(prelude, 4, ")");
      std::string_view inside = TrimView(
          prelude.substr(4, close == std::string_view::npos ? std::string_view::npos : close - 4));
      if (!inside.empty() && (inside.front() == '"' || inside.front() == '\'')) {
        inside = inside.substr(1, inside.size() >= 2 ? inside.size() - 2 : 0);
      }
      import.url = std::string(inside);
      rest = close == std::string_view::npos ? prelude.size() : close + 1;
    } else if (!prelude.empty() && (prelude.front() == '"' || prelude.front() == '\'')) {
      const size_t close = prelude.find(prelude.front(), 1);
      import.url = std::string(
          prelude.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
      rest = close == std::string_view::npos ? prelude.size() : close + 1;
    }
    import.media = std::string(TrimView(prelude.substr(std::min(rest, prelude.size()))));
    return import;
  }

  std::string text_;
  Positions positions_;
};

}  // namespace

namespace {

// The trimmed, non-empty parts between top-level separators.
std::vector<std::string_view> SplitTopLevelViews(std::string_view text, std::string_view stops) {
  std::vector<std::string_view> parts;
  size_t pos = 0;
  while (true) {
    const size_t stop = FindTopLevel(text, pos, stops);
    const std::string_view part = TrimView(
        text.substr(pos, stop == std::string_view::npos ? std::string_view::npos : stop - pos));
    if (!part.empty()) parts.push_back(part);
    if (stop == std::string_view::npos) break;
    pos = stop + 1;
  }
  return parts;
}

}  // namespace

std::vector<std::string> SplitTopLevel(std::string_view text, char separator) {
  const std::vector<std::string_view> views =
      SplitTopLevelViews(text, std::string_view(&separator, 1));
  return std::vector<std::string>(views.begin(), views.end());
}

std::vector<std::string_view> ClassNames(std::string_view value) {
  return SplitTopLevelViews(value, " \t\n\r\f");  // IsSpace
}

Stylesheet ParseStylesheet(std::string_view css, int first_line, int first_column) {
  return StylesheetParser(css, first_line, first_column).Parse();
}

std::vector<CssDeclaration> ParseDeclarations(std::string_view block, int line, int column) {
  const std::string text = BlankComments(block);
  const Positions positions(text, line, column);
  return DeclarationsIn(text, 0, text.size(), positions);
}

// ---------------------------------------------------------------------------------------
// Selectors

namespace {

enum class Pseudo {
  kNever,  // dynamic states and unsupported pseudo-classes
  kRoot,
  kFirstChild,
  kLastChild,
  kOnlyChild,
  kFirstOfType,
  kLastOfType,
  kOnlyOfType,
  kNthChild,
  kNthLastChild,
  kNthOfType,
  kNthLastOfType,
  kEmpty,
  kLink,
  kLang,
  kNot,
  kIs,
  kChecked,
  kDisabled,
  kEnabled,
  kRequired,
  kOptional,
  kDir,
  kAlways,
};

struct Complex;

struct Simple {
  enum class Type { kId, kClass, kAttribute, kPseudo };
  Type type = Type::kClass;
  std::string name;   // id, class, attribute name, or the :lang()/:dir() argument
  std::string value;  // attribute value
  char op = 0;        // attribute: 0 (exists), '=', '~', '|', '^', '$', '*'
  bool ignore_case = false;
  Pseudo pseudo = Pseudo::kNever;
  int a = 0;  // :nth-*(an+b)
  int b = 0;
  std::vector<Complex> arguments;  // :not(), :is(), :where()
};

struct Compound {
  std::string tag;  // lower-case; empty for any
  std::vector<Simple> simples;
};

struct Complex {
  std::vector<Compound> compounds;  // left to right
  std::vector<char> combinators;    // between compounds: ' ', '>', '+', '~'
  int specificity = 0;
  bool matchable = true;
  bool too_deep = false;  // nests :is() and the like deeper than kMaxCssNesting
};

class SelectorParser {
 public:
  // `depth`: of the :is() or :not() the text is the argument of; 0 for a whole selector.
  explicit SelectorParser(std::string_view text, int depth = 0) : text_(text), depth_(depth) {}

  Complex ParseComplex() {
    Complex complex;
    SkipSpace();
    while (pos_ < text_.size()) {
      Compound compound;
      if (!ParseCompound(compound, complex)) {
        complex.matchable = false;
        return complex;
      }
      complex.compounds.push_back(std::move(compound));
      const bool had_space = SkipSpace();
      if (pos_ >= text_.size()) break;
      char combinator = ' ';
      if (text_[pos_] == '>' || text_[pos_] == '+' || text_[pos_] == '~') {
        combinator = text_[pos_++];
        SkipSpace();
      } else if (!had_space) {
        complex.matchable = false;
        return complex;
      }
      complex.combinators.push_back(combinator);
    }
    if (complex.compounds.empty() || complex.combinators.size() + 1 != complex.compounds.size()) {
      complex.matchable = false;
    }
    return complex;
  }

 private:
  bool SkipSpace() {
    const size_t start = pos_;
    while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
    return pos_ > start;
  }

  std::string Ident() {
    const size_t start = pos_;
    while (pos_ < text_.size()) {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) {
        pos_ += 2;
      } else if (IsIdentChar(text_[pos_])) {
        ++pos_;
      } else {
        break;
      }
    }
    std::string ident;
    for (size_t i = start; i < pos_; ++i) {
      if (text_[i] == '\\' && i + 1 < pos_) ++i;
      ident += text_[i];
    }
    return ident;
  }

  // The text inside parentheses at pos_ ('(' expected), leaving pos_ after ')'.
  std::optional<std::string> Parenthesised() {
    if (pos_ >= text_.size() || text_[pos_] != '(') return std::nullopt;
    const size_t close = FindTopLevel(text_, pos_ + 1, ")");
    if (close == std::string_view::npos) return std::nullopt;
    std::string inside(text_.substr(pos_ + 1, close - pos_ - 1));
    pos_ = close + 1;
    return inside;
  }

  bool ParseCompound(Compound& compound, Complex& complex) {
    bool any = false;
    if (pos_ < text_.size() && text_[pos_] == '*') {
      ++pos_;
      any = true;
    } else if (pos_ < text_.size() && IsIdentChar(text_[pos_])) {
      compound.tag = Lower(Ident());
      complex.specificity += 1;
      any = true;
    }
    if (pos_ < text_.size() && text_[pos_] == '|') return false;  // namespaces
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      Simple simple;
      if (c == '#') {
        ++pos_;
        simple.type = Simple::Type::kId;
        simple.name = Ident();
        if (simple.name.empty()) return false;
        complex.specificity += 1000000;
      } else if (c == '.') {
        ++pos_;
        simple.type = Simple::Type::kClass;
        simple.name = Ident();
        if (simple.name.empty()) return false;
        complex.specificity += 1000;
      } else if (c == '[') {
        if (!ParseAttribute(simple)) return false;
        complex.specificity += 1000;
      } else if (c == ':') {
        if (!ParsePseudo(simple, complex)) return false;
      } else {
        break;
      }
      compound.simples.push_back(std::move(simple));
      any = true;
    }
    return any;
  }

  bool ParseAttribute(Simple& simple) {
    const size_t close = FindTopLevel(text_, pos_ + 1, "]");
    if (close == std::string_view::npos) return false;
    std::string_view inside = TrimView(text_.substr(pos_ + 1, close - pos_ - 1));
    pos_ = close + 1;
    simple.type = Simple::Type::kAttribute;
    const size_t op = inside.find_first_of("~|^$*=");
    if (op == std::string_view::npos) {
      simple.name = Lower(inside);
      return !simple.name.empty();
    }
    simple.name = Lower(TrimView(inside.substr(0, op)));
    if (inside[op] == '=') {
      simple.op = '=';
      inside = TrimView(inside.substr(op + 1));
    } else {
      if (op + 1 >= inside.size() || inside[op + 1] != '=') return false;
      simple.op = inside[op];
      inside = TrimView(inside.substr(op + 2));
    }
    if (!inside.empty() && (inside.front() == '"' || inside.front() == '\'')) {
      const size_t end = inside.find(inside.front(), 1);
      if (end == std::string_view::npos) return false;
      simple.value = std::string(inside.substr(1, end - 1));
      inside = TrimView(inside.substr(end + 1));
    } else {
      const size_t end = inside.find_first_of(" \t\n");
      simple.value = std::string(inside.substr(0, end));
      inside = end == std::string_view::npos ? "" : TrimView(inside.substr(end));
    }
    if (inside == "i" || inside == "I") simple.ignore_case = true;
    return !simple.name.empty();
  }

  static bool ParseNth(std::string_view text, int& a, int& b) {
    std::string s = Lower(TrimView(text));
    s.erase(std::remove_if(s.begin(), s.end(), IsSpace), s.end());
    if (s.find("of") != std::string::npos) return false;
    if (s == "odd") return a = 2, b = 1, true;
    if (s == "even") return a = 2, b = 0, true;
    const size_t n = s.find('n');
    try {
      if (n == std::string::npos) {
        a = 0;
        b = std::stoi(s);
        return true;
      }
      const std::string coefficient = s.substr(0, n);
      a = coefficient.empty() || coefficient == "+" ? 1
          : coefficient == "-"                      ? -1
                                                    : std::stoi(coefficient);
      const std::string rest = s.substr(n + 1);
      b = rest.empty() ? 0 : std::stoi(rest);
      return true;
    } catch (...) {
      return false;
    }
  }

  bool ParsePseudo(Simple& simple, Complex& complex) {
    ++pos_;
    const bool element = pos_ < text_.size() && text_[pos_] == ':';
    if (element) ++pos_;
    const std::string name = Lower(Ident());
    std::optional<std::string> argument;
    if (pos_ < text_.size() && text_[pos_] == '(') {
      argument = Parenthesised();
      if (!argument) return false;
    }
    simple.type = Simple::Type::kPseudo;
    if (element || name == "before" || name == "after" || name == "first-line" ||
        name == "first-letter") {
      // The selector is about generated boxes, not the element's own text.
      complex.matchable = false;
      complex.specificity += 1;
      return true;
    }
    static const std::map<std::string, Pseudo> kSimple = {{"root", Pseudo::kRoot},
                                                          {"scope", Pseudo::kRoot},
                                                          {"first-child", Pseudo::kFirstChild},
                                                          {"last-child", Pseudo::kLastChild},
                                                          {"only-child", Pseudo::kOnlyChild},
                                                          {"first-of-type", Pseudo::kFirstOfType},
                                                          {"last-of-type", Pseudo::kLastOfType},
                                                          {"only-of-type", Pseudo::kOnlyOfType},
                                                          {"empty", Pseudo::kEmpty},
                                                          {"link", Pseudo::kLink},
                                                          {"any-link", Pseudo::kLink},
                                                          {"checked", Pseudo::kChecked},
                                                          {"disabled", Pseudo::kDisabled},
                                                          {"enabled", Pseudo::kEnabled},
                                                          {"required", Pseudo::kRequired},
                                                          {"optional", Pseudo::kOptional},
                                                          {"defined", Pseudo::kAlways}};
    int specificity = 1000;
    if (!argument) {
      const auto found = kSimple.find(name);
      simple.pseudo = found == kSimple.end() ? Pseudo::kNever : found->second;
    } else if (name == "lang" || name == "dir") {
      simple.pseudo = name == "lang" ? Pseudo::kLang : Pseudo::kDir;
      std::string_view value = TrimView(*argument);
      if (!value.empty() && (value.front() == '"' || value.front() == '\'')) {
        value = value.substr(1, value.size() >= 2 ? value.size() - 2 : 0);
      }
      simple.name = Lower(value);
    } else if (name == "nth-child" || name == "nth-last-child" || name == "nth-of-type" ||
               name == "nth-last-of-type") {
      simple.pseudo = name == "nth-child"        ? Pseudo::kNthChild
                      : name == "nth-last-child" ? Pseudo::kNthLastChild
                      : name == "nth-of-type"    ? Pseudo::kNthOfType
                                                 : Pseudo::kNthLastOfType;
      if (!ParseNth(*argument, simple.a, simple.b)) simple.pseudo = Pseudo::kNever;
    } else if (name == "not" || name == "is" || name == "matches" || name == "where" ||
               name == "-webkit-any") {
      simple.pseudo = name == "not" ? Pseudo::kNot : Pseudo::kIs;
      if (depth_ == kMaxCssNesting) {
        complex.too_deep = true;
        complex.matchable = false;
        return false;
      }
      int highest = 0;
      bool usable = false;
      for (const std::string& part : SplitTopLevel(*argument, ',')) {
        Complex inner = SelectorParser(part, depth_ + 1).ParseComplex();
        complex.too_deep = complex.too_deep || inner.too_deep;
        highest = std::max(highest, inner.specificity);
        if (inner.matchable) usable = true;
        if (inner.matchable || name != "not") simple.arguments.push_back(std::move(inner));
      }
      // :not(:hover) is true of static text; :is(:hover) never is.
      if (name != "not" && !usable) simple.pseudo = Pseudo::kNever;
      specificity = name == "where" ? 0 : highest;
    } else {
      simple.pseudo = Pseudo::kNever;  // :has() and others this reader does not evaluate
    }
    complex.specificity += specificity;
    if (simple.pseudo == Pseudo::kNever) complex.matchable = false;
    return true;
  }

  std::string_view text_;
  const int depth_;
  size_t pos_ = 0;
};

bool NthMatches(int a, int b, int index) {  // index from 1
  if (a == 0) return index == b;
  const int n = index - b;
  return n % a == 0 && n / a >= 0;
}

std::string LanguageOf(const HtmlDocument& page, int element) {
  for (int at = element; at > 0; at = page.node(at).parent) {
    if (const std::string* lang = page.node(at).Find("lang")) return Lower(TrimView(*lang));
  }
  return "";
}

bool MatchesComplex(const Complex& complex, const HtmlDocument& page, int element, size_t index);

bool MatchesSimple(const Simple& simple, const HtmlDocument& page, int element) {
  const HtmlNode& node = page.node(element);
  switch (simple.type) {
    case Simple::Type::kId: {
      const std::string* id = node.Find("id");
      return id && *id == simple.name;
    }
    case Simple::Type::kClass: {
      const std::string* classes = node.Find("class");
      if (!classes) return false;
      const std::vector<std::string_view> names = ClassNames(*classes);
      return std::find(names.begin(), names.end(), simple.name) != names.end();
    }
    case Simple::Type::kAttribute: {
      const std::string* found = node.Find(simple.name);
      if (!found) return false;
      if (simple.op == 0) return true;
      std::string folded_value;
      std::string folded_wanted;
      if (simple.ignore_case) {
        folded_value = Lower(*found);
        folded_wanted = Lower(simple.value);
      }
      const std::string_view value = simple.ignore_case ? folded_value : *found;
      const std::string_view wanted = simple.ignore_case ? folded_wanted : simple.value;
      switch (simple.op) {
        case '=':
          return value == wanted;
        case '~': {
          const std::vector<std::string_view> words = ClassNames(value);
          return std::find(words.begin(), words.end(), wanted) != words.end();
        }
        case '|':
          return value == wanted || (value.size() > wanted.size() && value.starts_with(wanted) &&
                                     value[wanted.size()] == '-');
        case '^':
          return !wanted.empty() && value.starts_with(wanted);
        case '$':
          return !wanted.empty() && value.ends_with(wanted);
        case '*':
          return !wanted.empty() && value.find(wanted) != std::string_view::npos;
        default:
          return false;
      }
    }
    case Simple::Type::kPseudo:
      break;
  }
  // The element's place among its element siblings (of its type), counted from 1, and how
  // many there are.
  const auto position = [&](bool of_type, bool from_end) {
    int before = 0;
    int after = 0;
    bool found = false;
    if (node.parent >= 0) {
      for (const int child : page.node(node.parent).children) {
        const HtmlNode& sibling = page.node(child);
        if (!sibling.is_element() || (of_type && sibling.name != node.name)) continue;
        if (child == element) {
          found = true;
        } else {
          ++(found ? after : before);
        }
      }
    }
    if (!found) return std::make_pair(before + 1, before);
    return std::make_pair((from_end ? after : before) + 1, before + after + 1);
  };
  const auto form_control = [&] {
    return node.name == "input" || node.name == "select" || node.name == "textarea" ||
           node.name == "button" || node.name == "fieldset" || node.name == "option" ||
           node.name == "optgroup";
  };
  switch (simple.pseudo) {
    case Pseudo::kNever:
      return false;
    case Pseudo::kAlways:
      return true;
    case Pseudo::kRoot:
      return element == page.html();
    case Pseudo::kFirstChild:
      return position(false, false).first == 1;
    case Pseudo::kLastChild:
      return position(false, true).first == 1;
    case Pseudo::kOnlyChild:
      return position(false, false).second == 1;
    case Pseudo::kFirstOfType:
      return position(true, false).first == 1;
    case Pseudo::kLastOfType:
      return position(true, true).first == 1;
    case Pseudo::kOnlyOfType:
      return position(true, false).second == 1;
    case Pseudo::kNthChild:
      return NthMatches(simple.a, simple.b, position(false, false).first);
    case Pseudo::kNthLastChild:
      return NthMatches(simple.a, simple.b, position(false, true).first);
    case Pseudo::kNthOfType:
      return NthMatches(simple.a, simple.b, position(true, false).first);
    case Pseudo::kNthLastOfType:
      return NthMatches(simple.a, simple.b, position(true, true).first);
    case Pseudo::kEmpty:
      for (int child : node.children) {
        const HtmlNode& c = page.node(child);
        if (c.is_element() || !c.text.empty()) return false;
      }
      return true;
    case Pseudo::kLink:
      return (node.name == "a" || node.name == "area") && node.Has("href");
    case Pseudo::kLang: {
      const std::string lang = LanguageOf(page, element);
      return lang == simple.name || lang.rfind(simple.name + "-", 0) == 0;
    }
    case Pseudo::kDir: {
      for (int at = element; at > 0; at = page.node(at).parent) {
        if (const std::string* dir = page.node(at).Find("dir")) {
          const std::string value = Lower(*dir);
          if (value == "rtl" || value == "ltr") return value == simple.name;
        }
      }
      return simple.name == "ltr";
    }
    case Pseudo::kNot:
      for (const Complex& argument : simple.arguments) {
        if (MatchesComplex(argument, page, element, argument.compounds.size() - 1)) return false;
      }
      return true;
    case Pseudo::kIs:
      for (const Complex& argument : simple.arguments) {
        if (argument.matchable &&
            MatchesComplex(argument, page, element, argument.compounds.size() - 1)) {
          return true;
        }
      }
      return false;
    case Pseudo::kChecked:
      return (node.name == "input" && node.Has("checked")) ||
             (node.name == "option" && node.Has("selected"));
    case Pseudo::kDisabled:
      return form_control() && node.Has("disabled");
    case Pseudo::kEnabled:
      return form_control() && !node.Has("disabled");
    case Pseudo::kRequired:
      return form_control() && node.Has("required");
    case Pseudo::kOptional:
      return form_control() && !node.Has("required");
  }
  return false;
}

bool MatchesCompound(const Compound& compound, const HtmlDocument& page, int element) {
  const HtmlNode& node = page.node(element);
  if (!node.is_element()) return false;
  if (!compound.tag.empty() && node.name != compound.tag) return false;
  for (const Simple& simple : compound.simples) {
    if (!MatchesSimple(simple, page, element)) return false;
  }
  return true;
}

int PreviousElementSibling(const HtmlDocument& page, int element) {
  const int parent = page.node(element).parent;
  if (parent < 0) return -1;
  int previous = -1;
  for (int child : page.node(parent).children) {
    if (child == element) return previous;
    if (page.node(child).is_element()) previous = child;
  }
  return -1;
}

// Matches compounds [0, index] with compound `index` on `element`, right to left.
bool MatchesComplex(const Complex& complex, const HtmlDocument& page, int element, size_t index) {
  if (complex.compounds.empty() || !MatchesCompound(complex.compounds[index], page, element)) {
    return false;
  }
  if (index == 0) return true;
  const char combinator = complex.combinators[index - 1];
  switch (combinator) {
    case '>': {
      const int parent = page.node(element).parent;
      return parent > 0 && MatchesComplex(complex, page, parent, index - 1);
    }
    case ' ':
      for (int at = page.node(element).parent; at > 0; at = page.node(at).parent) {
        if (MatchesComplex(complex, page, at, index - 1)) return true;
      }
      return false;
    case '+': {
      const int previous = PreviousElementSibling(page, element);
      return previous >= 0 && MatchesComplex(complex, page, previous, index - 1);
    }
    case '~':
      for (int at = PreviousElementSibling(page, element); at >= 0;
           at = PreviousElementSibling(page, at)) {
        if (MatchesComplex(complex, page, at, index - 1)) return true;
      }
      return false;
    default:
      return false;
  }
}

}  // namespace

struct CssSelector::Impl {
  std::string text;
  Complex complex;
};

CssSelector CssSelector::Parse(std::string_view text) {
  auto impl = std::make_shared<Impl>();
  impl->text = std::string(TrimView(text));
  impl->complex = SelectorParser(impl->text).ParseComplex();
  CssSelector selector;
  selector.impl_ = std::move(impl);
  return selector;
}

const std::string& CssSelector::text() const { return impl_->text; }
int CssSelector::specificity() const { return impl_->complex.specificity; }
bool CssSelector::matchable() const { return impl_->complex.matchable; }
bool CssSelector::too_deep() const { return impl_->complex.too_deep; }

bool CssSelector::Matches(const HtmlDocument& page, int element) const {
  const Complex& complex = impl_->complex;
  return complex.matchable && !complex.compounds.empty() &&
         MatchesComplex(complex, page, element, complex.compounds.size() - 1);
}

std::pair<char, std::string> CssSelector::Key() const {
  const Complex& complex = impl_->complex;
  if (complex.compounds.empty()) return {'*', ""};
  const Compound& last = complex.compounds.back();
  for (const Simple& simple : last.simples) {
    if (simple.type == Simple::Type::kId) return {'#', simple.name};
  }
  for (const Simple& simple : last.simples) {
    if (simple.type == Simple::Type::kClass) return {'.', simple.name};
  }
  if (!last.tag.empty()) return {'t', last.tag};
  return {'*', ""};
}

struct SelectorTests::Table {
  struct Test {
    const Simple* simple;
    bool any_tag = false;           // made on every element
    std::vector<std::string> tags;  // else only on these
  };

  // Adds the tests of a selector's compounds, and of the selectors inside :not() and :is().
  void AddComplex(const Complex& complex) {
    for (const char combinator : complex.combinators) {
      if (combinator == '+' || combinator == '~') keyable = false;
    }
    for (const Compound& compound : complex.compounds) {
      for (const Simple& simple : compound.simples) {
        if (simple.type != Simple::Type::kPseudo) {
          Register(simple, compound.tag);
        } else if (simple.pseudo == Pseudo::kNot || simple.pseudo == Pseudo::kIs) {
          for (const Complex& argument : simple.arguments) AddComplex(argument);
        } else if (simple.pseudo != Pseudo::kNever && simple.pseudo != Pseudo::kAlways) {
          Register(simple, compound.tag);
        }
      }
    }
  }

  void Register(const Simple& simple, const std::string& tag) {
    std::string identity;
    switch (simple.type) {
      case Simple::Type::kId:
        identity = "#" + simple.name;
        break;
      case Simple::Type::kClass:
        identity = "." + simple.name;
        break;
      case Simple::Type::kAttribute:
        identity = "[" + simple.name + '\0' + simple.op + simple.value + '\0' +
                   (simple.ignore_case ? "i" : "");
        break;
      case Simple::Type::kPseudo:
        identity = ":" + std::to_string(static_cast<int>(simple.pseudo)) + ":" + simple.name + ":" +
                   std::to_string(simple.a) + ":" + std::to_string(simple.b);
        break;
    }
    const auto [found, added] = by_identity.try_emplace(identity, static_cast<int>(tests.size()));
    if (added) {
      tests.push_back({&simple});
      if (simple.type == Simple::Type::kId) {
        ids.emplace(simple.name, found->second);
      } else if (simple.type == Simple::Type::kClass) {
        classes.emplace(simple.name, found->second);
      } else {
        others.push_back(found->second);
      }
    }
    Test& test = tests[found->second];
    if (tag.empty()) {
      test.any_tag = true;
    } else if (std::find(test.tags.begin(), test.tags.end(), tag) == test.tags.end()) {
      test.tags.push_back(tag);
    }
  }

  bool Decides(int test, const std::string& tag) const {
    const Test& t = tests[test];
    return t.any_tag || std::find(t.tags.begin(), t.tags.end(), tag) != t.tags.end();
  }

  std::vector<Test> tests;
  std::unordered_map<std::string, int> by_identity;  // what a test checks -> its index
  std::unordered_map<std::string, int, ViewHash, std::equal_to<>> classes;  // name -> test
  std::unordered_map<std::string, int, ViewHash, std::equal_to<>> ids;      // id -> test
  std::vector<int> others;  // attribute and pseudo-class tests, made one by one
  bool keyable = true;
};

SelectorTests::SelectorTests() : table_(std::make_unique<Table>()) {}
SelectorTests::~SelectorTests() = default;

void SelectorTests::Add(const CssSelector& selector) {
  table_->AddComplex(selector.impl_->complex);
}

bool SelectorTests::keyable() const { return table_->keyable; }

void SelectorTests::AppendKey(const HtmlDocument& page, int element, std::string& key) const {
  const HtmlNode& node = page.node(element);
  key += node.name;
  key += '\0';
  // Reused: this runs for every element of every page checked.
  thread_local std::vector<int> passed;
  passed.clear();
  if (!table_->classes.empty()) {
    if (const std::string* classes = node.Find("class")) {
      for (const std::string_view name : ClassNames(*classes)) {
        const auto found = table_->classes.find(name);
        if (found != table_->classes.end() && table_->Decides(found->second, node.name)) {
          passed.push_back(found->second);
        }
      }
    }
  }
  if (!table_->ids.empty()) {
    if (const std::string* id = node.Find("id")) {
      const auto found = table_->ids.find(*id);
      if (found != table_->ids.end() && table_->Decides(found->second, node.name)) {
        passed.push_back(found->second);
      }
    }
  }
  for (const int test : table_->others) {
    if (table_->Decides(test, node.name) &&
        MatchesSimple(*table_->tests[test].simple, page, element)) {
      passed.push_back(test);
    }
  }
  std::sort(passed.begin(), passed.end());
  passed.erase(std::unique(passed.begin(), passed.end()), passed.end());
  for (const int test : passed) key.append(reinterpret_cast<const char*>(&test), sizeof test);
}

// ---------------------------------------------------------------------------------------
// Media queries

namespace {

// Evaluates one feature such as "min-width: 48em" for the default screen.
bool FeatureApplies(std::string_view feature, std::optional<double> viewport_width) {
  const size_t colon = feature.find(':');
  const std::string name = Lower(TrimView(feature.substr(0, colon)));
  const std::string value =
      colon == std::string_view::npos ? "" : Lower(TrimView(feature.substr(colon + 1)));
  if (name == "prefers-color-scheme") return value != "dark";
  if (name == "forced-colors") return value != "active";
  if (name == "prefers-contrast") return value.empty() || value == "no-preference";
  if (name == "inverted-colors") return value != "inverted";
  if (name == "scripting") return value != "none";
  if (name == "min-width" || name == "max-width" || name == "width") {
    if (!viewport_width) return true;
    LengthContext context;
    const std::optional<double> length = ResolveLength(value, context);
    if (!length) return true;
    if (name == "min-width") return *viewport_width >= *length;
    if (name == "max-width") return *viewport_width <= *length;
    return *viewport_width == *length;
  }
  if (name == "min-height" || name == "max-height") {
    if (!viewport_width) return true;
    const std::optional<double> length = ResolveLength(value, LengthContext{});
    if (!length) return true;
    return name == "min-height" ? 800 >= *length : 800 <= *length;
  }
  return true;  // orientation, hover, pointer, resolution, prefers-reduced-motion…
}

bool QueryApplies(std::string_view query, std::optional<double> viewport_width) {
  std::string text = Lower(TrimView(query));
  bool negated = false;
  if (text.rfind("not ", 0) == 0) {
    negated = true;
    text = text.substr(4);
  } else if (text.rfind("only ", 0) == 0) {
    text = text.substr(5);
  }
  bool applies = true;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && IsSpace(text[pos])) ++pos;
    if (pos >= text.size()) break;
    if (text[pos] == '(') {
      const size_t close = FindTopLevel(text, pos + 1, ")");
      const std::string_view feature = std::string_view(text).substr(
          pos + 1, close == std::string_view::npos ? std::string_view::npos : close - pos - 1);
      if (feature.find('(') != std::string_view::npos) {
        // (a) or (b), nested conditions: treated as applying.
      } else if (!FeatureApplies(feature, viewport_width)) {
        applies = false;
      }
      pos = close == std::string_view::npos ? text.size() : close + 1;
      continue;
    }
    size_t end = pos;
    while (end < text.size() && !IsSpace(text[end]) && text[end] != '(') ++end;
    const std::string word = text.substr(pos, end - pos);
    if (word != "and" && word != "screen" && word != "all" && word != "or") applies = false;
    pos = end;
  }
  return negated ? !applies : applies;
}

}  // namespace

bool MediaApplies(std::string_view media, std::optional<double> viewport_width) {
  if (TrimView(media).empty()) return true;
  // Conditions of nested @media blocks are joined by " and " by the parser; a comma inside
  // one of them still means "or" for that block only, which this reading treats alike.
  for (const std::string& query : SplitTopLevel(media, ',')) {
    if (QueryApplies(query, viewport_width)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Colours

namespace {

const std::map<std::string, uint32_t>& NamedColors() {
  static const std::map<std::string, uint32_t> kColors = {
      {"aliceblue", 0xf0f8ff},
      {"antiquewhite", 0xfaebd7},
      {"aqua", 0x00ffff},
      {"aquamarine", 0x7fffd4},
      {"azure", 0xf0ffff},
      {"beige", 0xf5f5dc},
      {"bisque", 0xffe4c4},
      {"black", 0x000000},
      {"blanchedalmond", 0xffebcd},
      {"blue", 0x0000ff},
      {"blueviolet", 0x8a2be2},
      {"brown", 0xa52a2a},
      {"burlywood", 0xdeb887},
      {"cadetblue", 0x5f9ea0},
      {"chartreuse", 0x7fff00},
      {"chocolate", 0xd2691e},
      {"coral", 0xff7f50},
      {"cornflowerblue", 0x6495ed},
      {"cornsilk", 0xfff8dc},
      {"crimson", 0xdc143c},
      {"cyan", 0x00ffff},
      {"darkblue", 0x00008b},
      {"darkcyan", 0x008b8b},
      {"darkgoldenrod", 0xb8860b},
      {"darkgray", 0xa9a9a9},
      {"darkgreen", 0x006400},
      {"darkgrey", 0xa9a9a9},
      {"darkkhaki", 0xbdb76b},
      {"darkmagenta", 0x8b008b},
      {"darkolivegreen", 0x556b2f},
      {"darkorange", 0xff8c00},
      {"darkorchid", 0x9932cc},
      {"darkred", 0x8b0000},
      {"darksalmon", 0xe9967a},
      {"darkseagreen", 0x8fbc8f},
      {"darkslateblue", 0x483d8b},
      {"darkslategray", 0x2f4f4f},
      {"darkslategrey", 0x2f4f4f},
      {"darkturquoise", 0x00ced1},
      {"darkviolet", 0x9400d3},
      {"deeppink", 0xff1493},
      {"deepskyblue", 0x00bfff},
      {"dimgray", 0x696969},
      {"dimgrey", 0x696969},
      {"dodgerblue", 0x1e90ff},
      {"firebrick", 0xb22222},
      {"floralwhite", 0xfffaf0},
      {"forestgreen", 0x228b22},
      {"fuchsia", 0xff00ff},
      {"gainsboro", 0xdcdcdc},
      {"ghostwhite", 0xf8f8ff},
      {"gold", 0xffd700},
      {"goldenrod", 0xdaa520},
      {"gray", 0x808080},
      {"green", 0x008000},
      {"greenyellow", 0xadff2f},
      {"grey", 0x808080},
      {"honeydew", 0xf0fff0},
      {"hotpink", 0xff69b4},
      {"indianred", 0xcd5c5c},
      {"indigo", 0x4b0082},
      {"ivory", 0xfffff0},
      {"khaki", 0xf0e68c},
      {"lavender", 0xe6e6fa},
      {"lavenderblush", 0xfff0f5},
      {"lawngreen", 0x7cfc00},
      {"lemonchiffon", 0xfffacd},
      {"lightblue", 0xadd8e6},
      {"lightcoral", 0xf08080},
      {"lightcyan", 0xe0ffff},
      {"lightgoldenrodyellow", 0xfafad2},
      {"lightgray", 0xd3d3d3},
      {"lightgreen", 0x90ee90},
      {"lightgrey", 0xd3d3d3},
      {"lightpink", 0xffb6c1},
      {"lightsalmon", 0xffa07a},
      {"lightseagreen", 0x20b2aa},
      {"lightskyblue", 0x87cefa},
      {"lightslategray", 0x778899},
      {"lightslategrey", 0x778899},
      {"lightsteelblue", 0xb0c4de},
      {"lightyellow", 0xffffe0},
      {"lime", 0x00ff00},
      {"limegreen", 0x32cd32},
      {"linen", 0xfaf0e6},
      {"magenta", 0xff00ff},
      {"maroon", 0x800000},
      {"mediumaquamarine", 0x66cdaa},
      {"mediumblue", 0x0000cd},
      {"mediumorchid", 0xba55d3},
      {"mediumpurple", 0x9370db},
      {"mediumseagreen", 0x3cb371},
      {"mediumslateblue", 0x7b68ee},
      {"mediumspringgreen", 0x00fa9a},
      {"mediumturquoise", 0x48d1cc},
      {"mediumvioletred", 0xc71585},
      {"midnightblue", 0x191970},
      {"mintcream", 0xf5fffa},
      {"mistyrose", 0xffe4e1},
      {"moccasin", 0xffe4b5},
      {"navajowhite", 0xffdead},
      {"navy", 0x000080},
      {"oldlace", 0xfdf5e6},
      {"olive", 0x808000},
      {"olivedrab", 0x6b8e23},
      {"orange", 0xffa500},
      {"orangered", 0xff4500},
      {"orchid", 0xda70d6},
      {"palegoldenrod", 0xeee8aa},
      {"palegreen", 0x98fb98},
      {"paleturquoise", 0xafeeee},
      {"palevioletred", 0xdb7093},
      {"papayawhip", 0xffefd5},
      {"peachpuff", 0xffdab9},
      {"peru", 0xcd853f},
      {"pink", 0xffc0cb},
      {"plum", 0xdda0dd},
      {"powderblue", 0xb0e0e6},
      {"purple", 0x800080},
      {"rebeccapurple", 0x663399},
      {"red", 0xff0000},
      {"rosybrown", 0xbc8f8f},
      {"royalblue", 0x4169e1},
      {"saddlebrown", 0x8b4513},
      {"salmon", 0xfa8072},
      {"sandybrown", 0xf4a460},
      {"seagreen", 0x2e8b57},
      {"seashell", 0xfff5ee},
      {"sienna", 0xa0522d},
      {"silver", 0xc0c0c0},
      {"skyblue", 0x87ceeb},
      {"slateblue", 0x6a5acd},
      {"slategray", 0x708090},
      {"slategrey", 0x708090},
      {"snow", 0xfffafa},
      {"springgreen", 0x00ff7f},
      {"steelblue", 0x4682b4},
      {"tan", 0xd2b48c},
      {"teal", 0x008080},
      {"thistle", 0xd8bfd8},
      {"tomato", 0xff6347},
      {"turquoise", 0x40e0d0},
      {"violet", 0xee82ee},
      {"wheat", 0xf5deb3},
      {"white", 0xffffff},
      {"whitesmoke", 0xf5f5f5},
      {"yellow", 0xffff00},
      {"yellowgreen", 0x9acd32},
      // CSS system colours, as browsers show them by default.
      {"canvas", 0xffffff},
      {"canvastext", 0x000000},
      {"linktext", 0x0000ee},
      {"visitedtext", 0x551a8b},
      {"buttonface", 0xefefef},
      {"buttontext", 0x000000},
      {"field", 0xffffff},
      {"fieldtext", 0x000000},
      {"graytext", 0x6d6d6d},
      {"mark", 0xffff00},
      {"marktext", 0x000000}};
  return kColors;
}

std::optional<double> ParseNumber(std::string_view text) {
  text = TrimView(text);
  if (text.empty()) return std::nullopt;
  std::string s(text);
  char* end = nullptr;
  const double value = std::strtod(s.c_str(), &end);
  if (end == s.c_str()) return std::nullopt;
  if (*end != '\0') return std::nullopt;
  return value;
}

// A channel "128" or "50%" as 0–255; an alpha "0.5" or "50%" as 0–1.
std::optional<double> Channel(std::string_view text, double scale) {
  text = TrimView(text);
  if (!text.empty() && text.back() == '%') {
    const auto value = ParseNumber(text.substr(0, text.size() - 1));
    if (!value) return std::nullopt;
    return std::clamp(*value / 100.0 * scale, 0.0, scale);
  }
  const auto value = ParseNumber(text);
  if (!value) return std::nullopt;
  return std::clamp(*value, 0.0, scale);
}

std::vector<std::string> FunctionArguments(std::string_view inside) {
  std::string text(inside);
  std::replace(text.begin(), text.end(), ',', ' ');
  const size_t slash = text.find('/');
  std::string alpha;
  if (slash != std::string::npos) {
    alpha = text.substr(slash + 1);
    text = text.substr(0, slash);
  }
  std::vector<std::string> parts;
  for (const std::string& part : SplitTopLevel(text, ' ')) {
    if (!TrimView(part).empty()) parts.emplace_back(TrimView(part));
  }
  if (!TrimView(alpha).empty()) parts.emplace_back(TrimView(alpha));
  return parts;
}

double HueToRgb(double p, double q, double t) {
  if (t < 0) t += 1;
  if (t > 1) t -= 1;
  if (t < 1.0 / 6) return p + (q - p) * 6 * t;
  if (t < 1.0 / 2) return q;
  if (t < 2.0 / 3) return p + (q - p) * (2.0 / 3 - t) * 6;
  return p;
}

}  // namespace

std::optional<Rgba> ParseColor(std::string_view value) {
  const std::string text = Lower(TrimView(value));
  if (text.empty()) return std::nullopt;
  if (text == "transparent") return Rgba{0, 0, 0, 0};
  if (text[0] == '#') {
    const std::string hex = text.substr(1);
    if (!std::all_of(hex.begin(), hex.end(),
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; })) {
      return std::nullopt;
    }
    const auto digit = [&](size_t i) { return std::stoi(hex.substr(i, 1), nullptr, 16); };
    const auto pair = [&](size_t i) { return std::stoi(hex.substr(i, 2), nullptr, 16); };
    switch (hex.size()) {
      case 3:
      case 4:
        return Rgba{digit(0) * 17.0, digit(1) * 17.0, digit(2) * 17.0,
                    hex.size() == 4 ? digit(3) * 17.0 / 255.0 : 1.0};
      case 6:
      case 8:
        return Rgba{static_cast<double>(pair(0)), static_cast<double>(pair(2)),
                    static_cast<double>(pair(4)), hex.size() == 8 ? pair(6) / 255.0 : 1.0};
      default:
        return std::nullopt;
    }
  }
  const size_t open = text.find('(');
  if (open != std::string::npos && text.back() == ')') {
    const std::string function = text.substr(0, open);
    const std::vector<std::string> args =
        FunctionArguments(std::string_view(text).substr(open + 1, text.size() - open - 2));
    if (args.size() != 3 && args.size() != 4) return std::nullopt;
    const std::optional<double> alpha = args.size() == 4 ? Channel(args[3], 1.0) : 1.0;
    if (!alpha) return std::nullopt;
    if (function == "rgb" || function == "rgba") {
      const auto r = Channel(args[0], 255);
      const auto g = Channel(args[1], 255);
      const auto b = Channel(args[2], 255);
      if (!r || !g || !b) return std::nullopt;
      return Rgba{*r, *g, *b, *alpha};
    }
    if (function == "hsl" || function == "hsla") {
      std::string hue_text = args[0];
      if (hue_text.size() > 3 && hue_text.substr(hue_text.size() - 3) == "deg") {
        hue_text.resize(hue_text.size() - 3);
      }
      const auto hue = ParseNumber(hue_text);
      const auto saturation = Channel(args[1], 1.0);
      const auto lightness = Channel(args[2], 1.0);
      if (!hue || !saturation || !lightness) return std::nullopt;
      const double h = std::fmod(std::fmod(*hue, 360.0) + 360.0, 360.0) / 360.0;
      const double s = *saturation;
      const double l = *lightness;
      const double q = l < 0.5 ? l * (1 + s) : l + s - l * s;
      const double p = 2 * l - q;
      return Rgba{HueToRgb(p, q, h + 1.0 / 3) * 255, HueToRgb(p, q, h) * 255,
                  HueToRgb(p, q, h - 1.0 / 3) * 255, *alpha};
    }
    return std::nullopt;
  }
  const auto named = NamedColors().find(text);
  if (named == NamedColors().end()) return std::nullopt;
  return Rgba{static_cast<double>((named->second >> 16) & 0xff),
              static_cast<double>((named->second >> 8) & 0xff),
              static_cast<double>(named->second & 0xff), 1.0};
}

Rgba Blend(Rgba top, Rgba bottom) {
  const double a = top.a + bottom.a * (1 - top.a);
  if (a <= 0) return Rgba{0, 0, 0, 0};
  const auto mix = [&](double t, double b) { return (t * top.a + b * bottom.a * (1 - top.a)) / a; };
  return Rgba{mix(top.r, bottom.r), mix(top.g, bottom.g), mix(top.b, bottom.b), a};
}

double RelativeLuminance(Rgba colour) {
  const auto linear = [](double channel) {
    const double c = channel / 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * linear(colour.r) + 0.7152 * linear(colour.g) + 0.0722 * linear(colour.b);
}

double ContrastRatio(Rgba foreground, Rgba background) {
  const double a = RelativeLuminance(foreground);
  const double b = RelativeLuminance(background);
  return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
}

std::string ColorToString(Rgba colour) {
  char buffer[48];
  const auto byte = [](double v) {
    return static_cast<int>(std::lround(std::clamp(v, 0.0, 255.0)));
  };
  if (colour.a >= 0.999) {
    std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", byte(colour.r), byte(colour.g),
                  byte(colour.b));
  } else {
    std::snprintf(buffer, sizeof buffer, "rgba(%d, %d, %d, %.2g)", byte(colour.r), byte(colour.g),
                  byte(colour.b), colour.a);
  }
  return buffer;
}

// ---------------------------------------------------------------------------------------
// Lengths

namespace {

// A tiny evaluator for calc() and friends over lengths in pixels.
class LengthEvaluator {
 public:
  LengthEvaluator(std::string_view text, const LengthContext& context)
      : text_(text), context_(context) {}

  // The value in pixels; nullopt unless the whole text is one length.
  std::optional<double> Evaluate() {
    const auto value = Sum();
    SkipSpace();
    if (!value || !value->is_length || pos_ != text_.size()) return std::nullopt;
    return value->value;
  }

 private:
  // A value with a unit of length, or a plain number (for multiplication).
  struct Term {
    double value = 0;
    bool is_length = false;
  };

  void SkipSpace() {
    while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
  }

  std::optional<Term> Sum() {
    auto left = Product();
    while (left) {
      SkipSpace();
      if (pos_ >= text_.size() || (text_[pos_] != '+' && text_[pos_] != '-')) break;
      const char op = text_[pos_++];
      const auto right = Product();
      if (!right || right->is_length != left->is_length) return std::nullopt;
      left->value += op == '+' ? right->value : -right->value;
    }
    return left;
  }

  std::optional<Term> Product() {
    auto left = Factor();
    while (left) {
      SkipSpace();
      if (pos_ >= text_.size() || (text_[pos_] != '*' && text_[pos_] != '/')) break;
      const char op = text_[pos_++];
      const auto right = Factor();
      if (!right) return std::nullopt;
      if (op == '*') {
        if (left->is_length && right->is_length) return std::nullopt;
        left = Term{left->value * right->value, left->is_length || right->is_length};
      } else {
        if (right->is_length || right->value == 0) return std::nullopt;
        left->value /= right->value;
      }
    }
    return left;
  }

  std::optional<Term> Factor() {
    SkipSpace();
    if (pos_ >= text_.size()) return std::nullopt;
    if (text_[pos_] == '(') {
      ++pos_;
      auto inner = Sum();
      SkipSpace();
      if (!inner || pos_ >= text_.size() || text_[pos_] != ')') return std::nullopt;
      ++pos_;
      return inner;
    }
    if (std::isalpha(static_cast<unsigned char>(text_[pos_]))) {
      size_t end = pos_;
      while (end < text_.size() &&
             (std::isalpha(static_cast<unsigned char>(text_[end])) || text_[end] == '-')) {
        ++end;
      }
      const std::string name = Lower(text_.substr(pos_, end - pos_));
      if (end >= text_.size() || text_[end] != '(') return std::nullopt;
      pos_ = end + 1;
      std::vector<Term> args;
      while (true) {
        auto arg = Sum();
        if (!arg) return std::nullopt;
        args.push_back(*arg);
        SkipSpace();
        if (pos_ < text_.size() && text_[pos_] == ',') {
          ++pos_;
          continue;
        }
        break;
      }
      if (pos_ >= text_.size() || text_[pos_] != ')') return std::nullopt;
      ++pos_;
      if (name == "calc" && args.size() == 1) return args[0];
      if ((name == "min" || name == "max") && !args.empty()) {
        Term best = args[0];
        for (const Term& arg : args) {
          if (arg.is_length != best.is_length) return std::nullopt;
          best.value =
              name == "min" ? std::min(best.value, arg.value) : std::max(best.value, arg.value);
        }
        return best;
      }
      if (name == "clamp" && args.size() == 3) {
        return Term{std::max(args[0].value, std::min(args[1].value, args[2].value)),
                    args[0].is_length};
      }
      return std::nullopt;
    }
    size_t end = pos_;
    if (end < text_.size() && (text_[end] == '+' || text_[end] == '-')) ++end;
    while (end < text_.size() &&
           (std::isdigit(static_cast<unsigned char>(text_[end])) || text_[end] == '.')) {
      ++end;
    }
    if (end == pos_) return std::nullopt;
    const auto number = ParseNumber(text_.substr(pos_, end - pos_));
    if (!number) return std::nullopt;
    size_t unit_end = end;
    while (unit_end < text_.size() &&
           (std::isalpha(static_cast<unsigned char>(text_[unit_end])) || text_[unit_end] == '%')) {
      ++unit_end;
    }
    const std::string unit = Lower(text_.substr(end, unit_end - end));
    pos_ = unit_end;
    if (unit.empty()) return Term{*number, false};
    const std::optional<double> scale = UnitScale(unit);
    if (!scale) return std::nullopt;
    return Term{*number * *scale, true};
  }

  std::optional<double> UnitScale(const std::string& unit) const {
    if (unit == "px") return 1.0;
    if (unit == "pt") return 96.0 / 72.0;
    if (unit == "pc") return 16.0;
    if (unit == "in") return 96.0;
    if (unit == "cm") return 96.0 / 2.54;
    if (unit == "mm") return 96.0 / 25.4;
    if (unit == "q") return 96.0 / 101.6;
    if (unit == "em") return context_.em;
    if (unit == "rem") return context_.rem;
    if (unit == "ex" || unit == "ch") return context_.em * 0.5;
    if (unit == "%") {
      if (!context_.percent_of) return std::nullopt;
      return *context_.percent_of / 100.0;
    }
    if (unit == "vw" || unit == "svw" || unit == "lvw" || unit == "dvw") {
      return context_.viewport_width / 100.0;
    }
    if (unit == "vh" || unit == "svh" || unit == "lvh" || unit == "dvh") {
      return context_.viewport_height / 100.0;
    }
    if (unit == "vmin") return std::min(context_.viewport_width, context_.viewport_height) / 100;
    if (unit == "vmax") return std::max(context_.viewport_width, context_.viewport_height) / 100;
    return std::nullopt;
  }

  std::string_view text_;
  const LengthContext& context_;
  size_t pos_ = 0;
};

bool IsAbsoluteUnit(std::string_view unit) {
  const std::string u = Lower(unit);
  return u == "px" || u == "pt" || u == "pc" || u == "in" || u == "cm" || u == "mm" || u == "q";
}

}  // namespace

std::optional<double> ResolveLength(std::string_view value, const LengthContext& context) {
  value = TrimView(value);
  // A plain number is not a length, except zero.
  if (!value.empty() && value.find_first_not_of("+-0.") == std::string_view::npos &&
      value.find('0') != std::string_view::npos) {
    return 0.0;
  }
  return LengthEvaluator(value, context).Evaluate();
}

bool HasAbsoluteLength(std::string_view value) {
  size_t pos = 0;
  while (pos < value.size()) {
    const char c = value[pos];
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '-' || c == '_') {
      size_t end = pos;
      while (end < value.size() && IsIdentChar(value[end])) ++end;
      if (end < value.size() && value[end] == '(') {
        // calc(), var(), min()…: mixed or deferred units are allowed.
        const size_t close = FindTopLevel(value, end + 1, ")");
        pos = close == std::string_view::npos ? value.size() : close + 1;
      } else {
        pos = end;
      }
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      size_t end = pos;
      while (end < value.size() &&
             (std::isdigit(static_cast<unsigned char>(value[end])) || value[end] == '.')) {
        ++end;
      }
      size_t unit_end = end;
      while (unit_end < value.size() && std::isalpha(static_cast<unsigned char>(value[unit_end]))) {
        ++unit_end;
      }
      const std::string_view number = value.substr(pos, end - pos);
      const bool zero = number.find_first_not_of("0.") == std::string_view::npos;
      if (!zero && IsAbsoluteUnit(value.substr(end, unit_end - end))) return true;
      pos = unit_end;
      continue;
    }
    if (c == '"' || c == '\'') {
      const size_t close = value.find(c, pos + 1);
      pos = close == std::string_view::npos ? value.size() : close + 1;
      continue;
    }
    ++pos;
  }
  return false;
}

std::shared_ptr<const Stylesheet> StylesheetCache::Parse(std::string_view css, int first_line,
                                                         int first_column) {
  const uint64_t key = Fingerprint()
                           .Add(css)
                           .Add(static_cast<uint64_t>(first_line))
                           .Add(static_cast<uint64_t>(first_column))
                           .value();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (const auto found = parsed_.find(key); found != parsed_.end()) return found->second;
  }
  auto sheet = std::make_shared<const Stylesheet>(ParseStylesheet(css, first_line, first_column));
  // A site links a few files, but its pages may each hold a <style> of their own: past this
  // many, the cache starts over rather than keep them all (the pages hold what they use).
  constexpr size_t kMaxSheets = 256;
  std::lock_guard<std::mutex> lock(mutex_);
  if (parsed_.size() >= kMaxSheets) parsed_.clear();
  return parsed_.emplace(key, std::move(sheet)).first->second;
}

}  // namespace kiosk::check
