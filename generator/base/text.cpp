#include "base/text.h"

#include <algorithm>

namespace kiosk {

namespace {

// Length of the UTF-8 sequence starting at text[pos], or 0 if it is not valid (overlong
// forms, surrogates and code points above U+10FFFF are invalid).
size_t ValidSequenceLength(std::string_view text, size_t pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) return 1;
  size_t length;
  char32_t min;
  char32_t cp;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, min = 0x80, cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, min = 0x800, cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, min = 0x10000, cp = lead & 0x07;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(pos + i) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

std::optional<SourceLocation> FindInvalidUtf8(std::string_view text) {
  int line = 1;
  int column = 1;
  for (size_t pos = 0; pos < text.size();) {
    const size_t length = ValidSequenceLength(text, pos);
    if (length == 0) return SourceLocation{"", line, column};
    if (text[pos] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    pos += length;
  }
  return std::nullopt;
}

int CharacterColumn(std::string_view line, size_t at) {
  int column = 1;
  for (size_t i = 0; i < at && i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;  // not a continuation
  }
  return column;
}

char32_t DecodeUtf8(std::string_view text, size_t& pos) {
  const unsigned char lead = static_cast<unsigned char>(text[pos]);
  size_t length = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
  char32_t cp = length == 1   ? lead
                : length == 2 ? lead & 0x1F
                : length == 3 ? lead & 0x0F
                              : lead & 0x07;
  for (size_t i = 1; i < length && pos + i < text.size(); ++i) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[pos + i]) & 0x3F);
  }
  pos += length;
  return cp;
}

char32_t FirstCodePoint(std::string_view text) {
  if (text.empty()) return 0;
  size_t pos = 0;
  return DecodeUtf8(text, pos);
}

void AppendUtf8(std::string& out, char32_t c) {
  char bytes[4];
  size_t size = 0;
  if (c < 0x80) {
    bytes[size++] = static_cast<char>(c);
  } else if (c < 0x800) {
    bytes[size++] = static_cast<char>(0xC0 | (c >> 6));
    bytes[size++] = static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    bytes[size++] = static_cast<char>(0xE0 | (c >> 12));
    bytes[size++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    bytes[size++] = static_cast<char>(0x80 | (c & 0x3F));
  } else {
    bytes[size++] = static_cast<char>(0xF0 | (c >> 18));
    bytes[size++] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    bytes[size++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    bytes[size++] = static_cast<char>(0x80 | (c & 0x3F));
  }
  out.append(bytes, size);
}

char32_t LastCodePoint(std::string_view text) {
  if (text.empty()) return 0;
  size_t pos = text.size() - 1;
  while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
  return DecodeUtf8(text, pos);
}

bool IsWideCjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x2FDF) ||  // CJK radicals, Kangxi radicals
         (c >= 0x3000 && c <= 0x30FF) ||  // CJK punctuation, hiragana, katakana
         (c >= 0x3100 && c <= 0x31BF) ||  // bopomofo (注音符號)
         (c >= 0x3400 && c <= 0x4DBF) ||  // CJK extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||  // CJK unified ideographs
         (c >= 0xF900 && c <= 0xFAFF) ||  // CJK compatibility ideographs
         (c >= 0xFE30 && c <= 0xFE4F) ||  // CJK compatibility forms
         (c >= 0xFF01 && c <= 0xFF60) ||  // full-width forms
         (c >= 0x20000 && c <= 0x3FFFF);  // CJK extensions B and later
}

void AppendEscapedHtml(std::string& out, std::string_view text) {
  size_t run = 0;  // the start of the characters not yet appended, which need no escaping
  for (size_t i = 0; i < text.size(); ++i) {
    std::string_view entity;
    switch (text[i]) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        entity = "&quot;";
        break;
      case '\'':
        entity = "&#39;";
        break;
      default:
        continue;
    }
    out.append(text.substr(run, i - run)).append(entity);
    run = i + 1;
  }
  out.append(text.substr(run));
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  AppendEscapedHtml(out, text);
  return out;
}

std::string EncodeUrlPath(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (unsigned char c : path) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                            c == '~' || c == '/';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string DecodeUrlPath(std::string_view path) {
  const auto hex = [](char c) {
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
  };
  std::string decoded;
  decoded.reserve(path.size());
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '%' && i + 2 < path.size() && hex(path[i + 1]) >= 0 && hex(path[i + 2]) >= 0) {
      decoded += static_cast<char>(hex(path[i + 1]) * 16 + hex(path[i + 2]));
      i += 2;
    } else {
      decoded += path[i];
    }
  }
  return decoded;
}

std::string SlugifyHeading(std::string_view text) {
  std::string slug;
  bool pending_dash = false;
  for (size_t pos = 0; pos < text.size();) {
    const size_t start = pos;
    const char32_t c = DecodeUtf8(text, pos);
    const bool ascii_word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    const bool upper = c >= 'A' && c <= 'Z';
    const bool separator = c == ' ' || c == '-' || c == '\t' || c == 0x3000;
    // CJK and full-width punctuation (、。「」（）：？ …) is dropped like ASCII punctuation.
    const bool wide_punctuation = (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) ||
                                  (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
                                  (c >= 0xFF5B && c <= 0xFF65) || (c >= 0x2010 && c <= 0x206F) ||
                                  c == 0xFE30 || (c >= 0xFE50 && c <= 0xFE6B);
    if (separator) {
      pending_dash = !slug.empty();
      continue;
    }
    if (!(ascii_word || upper || (c >= 0x80 && !wide_punctuation))) continue;
    if (pending_dash) slug += '-';
    pending_dash = false;
    if (upper) {
      slug += static_cast<char>(c - 'A' + 'a');
    } else {
      slug.append(text.substr(start, pos - start));
    }
  }
  return slug;
}

std::optional<std::string> InvalidSlugReason(std::string_view slug) {
  if (slug.empty()) return "it is empty";
  if (slug == "." || slug == "..") return "'.' and '..' are not names";
  if (slug.front() == '.') return "it starts with '.', which hides it on most web servers";
  for (unsigned char c : slug) {
    if (c < 0x20 || c == 0x7F) return "it contains a control character";
    switch (c) {  // a switch, not a search of the list: every address of a site is read
      case ' ':
        return "it contains a space";
      case '/':
      case '\\':
      case '?':
      case '#':
      case '%':
      case '"':
      case '<':
      case '>':
      case '|':
      case '*':
      case ':':
        return std::string("it contains '") + static_cast<char>(c) + "'";
      default:
        break;
    }
  }
  return std::nullopt;
}

bool HasUrlScheme(std::string_view url) {
  const size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  const size_t slash = url.find_first_of("/?#");
  if (slash != std::string_view::npos && slash < colon) return false;
  return std::all_of(url.begin(), url.begin() + static_cast<long>(colon), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
  });
}

// Appended digit by digit: g++ 12 warned (-Wrestrict, wrongly) of inserting into the string.
std::string FormatCount(size_t count) {
  const std::string digits = std::to_string(count);
  std::string formatted;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) formatted += ',';
    formatted += digits[i];
  }
  return formatted;
}

std::string ShortenText(std::string_view text, size_t max_chars) {
  size_t pos = 0;
  for (size_t count = 0; pos < text.size() && count < max_chars; ++count) {
    ++pos;
    while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  }
  return pos < text.size() ? std::string(text.substr(0, pos)) + "…" : std::string(text);
}

namespace {

bool IsTrimmedSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsTrimmedSpace(text.front())) text.remove_prefix(1);
  return TrimEnd(text);
}

std::string_view TrimEnd(std::string_view text) {
  while (!text.empty() && IsTrimmedSpace(text.back())) text.remove_suffix(1);
  return text;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string Count(size_t number, std::string_view noun) {
  return std::to_string(number) + " " + std::string(noun) + (number == 1 ? "" : "s");
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace_back(line);
    start = end + 1;
  }
  return lines;
}

namespace {

// The optimal string alignment distance: Levenshtein's, with two neighbours swapped counted
// as one edit ("biuld" is one edit from "build").
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t change = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + change});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::optional<std::string> NearestName(std::string_view word,
                                       const std::vector<std::string>& names) {
  if (word.empty()) return std::nullopt;
  std::optional<std::string> nearest;
  size_t nearest_distance = std::min<size_t>(2, (word.size() - 1) / 2) + 1;
  bool tied = false;
  for (const std::string& name : names) {
    const size_t distance = EditDistance(word, name);
    if (distance < nearest_distance) {
      nearest = name;
      nearest_distance = distance;
      tied = false;
    } else if (distance == nearest_distance) {
      tied = true;
    }
  }
  if (nearest) return tied ? std::nullopt : nearest;
  std::optional<std::string> begun;
  for (const std::string& name : names) {
    if (word.size() < 3 || !StartsWith(name, word)) continue;
    if (begun) return std::nullopt;
    begun = name;
  }
  return begun;
}

std::vector<std::string_view> LineViews(std::string_view text) {
  std::vector<std::string_view> lines;
  for (size_t start = 0; start <= text.size();) {
    const size_t end = std::min(text.find('\n', start), text.size());
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace kiosk
