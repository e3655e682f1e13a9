#include "search/search_keys.h"

#include <algorithm>
#include <array>

#include "base/text.h"

namespace kiosk {

namespace {

// JavaScript's toLowerCase() of every character that is a word character of search.js
// (a-z, 0-9, U+00C0..U+024F) or becomes one: the code point and what it becomes (U+0130 İ
// becomes two). Every other character is left alone, which for search.js's words is the
// same: it neither is nor becomes a word character. Made with Node.js by
// tests/browser/search_keys_test.mjs, which checks it against the browser's own.
struct Lower {
  char32_t from, to, then;
};
constexpr Lower kLowerCase[] = {
    {0x0041, 0x0061, 0}, {0x0042, 0x0062, 0}, {0x0043, 0x0063, 0}, {0x0044, 0x0064, 0},
    {0x0045, 0x0065, 0}, {0x0046, 0x0066, 0}, {0x0047, 0x0067, 0}, {0x0048, 0x0068, 0},
    {0x0049, 0x0069, 0}, {0x004A, 0x006A, 0}, {0x004B, 0x006B, 0}, {0x004C, 0x006C, 0},
    {0x004D, 0x006D, 0}, {0x004E, 0x006E, 0}, {0x004F, 0x006F, 0}, {0x0050, 0x0070, 0},
    {0x0051, 0x0071, 0}, {0x0052, 0x0072, 0}, {0x0053, 0x0073, 0}, {0x0054, 0x0074, 0},
    {0x0055, 0x0075, 0}, {0x0056, 0x0076, 0}, {0x0057, 0x0077, 0}, {0x0058, 0x0078, 0},
    {0x0059, 0x0079, 0}, {0x005A, 0x007A, 0}, {0x00C0, 0x00E0, 0}, {0x00C1, 0x00E1, 0},
    {0x00C2, 0x00E2, 0}, {0x00C3, 0x00E3, 0}, {0x00C4, 0x00E4, 0}, {0x00C5, 0x00E5, 0},
    {0x00C6, 0x00E6, 0}, {0x00C7, 0x00E7, 0}, {0x00C8, 0x00E8, 0}, {0x00C9, 0x00E9, 0},
    {0x00CA, 0x00EA, 0}, {0x00CB, 0x00EB, 0}, {0x00CC, 0x00EC, 0}, {0x00CD, 0x00ED, 0},
    {0x00CE, 0x00EE, 0}, {0x00CF, 0x00EF, 0}, {0x00D0, 0x00F0, 0}, {0x00D1, 0x00F1, 0},
    {0x00D2, 0x00F2, 0}, {0x00D3, 0x00F3, 0}, {0x00D4, 0x00F4, 0}, {0x00D5, 0x00F5, 0},
    {0x00D6, 0x00F6, 0}, {0x00D8, 0x00F8, 0}, {0x00D9, 0x00F9, 0}, {0x00DA, 0x00FA, 0},
    {0x00DB, 0x00FB, 0}, {0x00DC, 0x00FC, 0}, {0x00DD, 0x00FD, 0}, {0x00DE, 0x00FE, 0},
    {0x0100, 0x0101, 0}, {0x0102, 0x0103, 0}, {0x0104, 0x0105, 0}, {0x0106, 0x0107, 0},
    {0x0108, 0x0109, 0}, {0x010A, 0x010B, 0}, {0x010C, 0x010D, 0}, {0x010E, 0x010F, 0},
    {0x0110, 0x0111, 0}, {0x0112, 0x0113, 0}, {0x0114, 0x0115, 0}, {0x0116, 0x0117, 0},
    {0x0118, 0x0119, 0}, {0x011A, 0x011B, 0}, {0x011C, 0x011D, 0}, {0x011E, 0x011F, 0},
    {0x0120, 0x0121, 0}, {0x0122, 0x0123, 0}, {0x0124, 0x0125, 0}, {0x0126, 0x0127, 0},
    {0x0128, 0x0129, 0}, {0x012A, 0x012B, 0}, {0x012C, 0x012D, 0}, {0x012E, 0x012F, 0},
    {0x0130, 0x0069, 0x0307}, {0x0132, 0x0133, 0}, {0x0134, 0x0135, 0}, {0x0136, 0x0137, 0},
    {0x0139, 0x013A, 0}, {0x013B, 0x013C, 0}, {0x013D, 0x013E, 0}, {0x013F, 0x0140, 0},
    {0x0141, 0x0142, 0}, {0x0143, 0x0144, 0}, {0x0145, 0x0146, 0}, {0x0147, 0x0148, 0},
    {0x014A, 0x014B, 0}, {0x014C, 0x014D, 0}, {0x014E, 0x014F, 0}, {0x0150, 0x0151, 0},
    {0x0152, 0x0153, 0}, {0x0154, 0x0155, 0}, {0x0156, 0x0157, 0}, {0x0158, 0x0159, 0},
    {0x015A, 0x015B, 0}, {0x015C, 0x015D, 0}, {0x015E, 0x015F, 0}, {0x0160, 0x0161, 0},
    {0x0162, 0x0163, 0}, {0x0164, 0x0165, 0}, {0x0166, 0x0167, 0}, {0x0168, 0x0169, 0},
    {0x016A, 0x016B, 0}, {0x016C, 0x016D, 0}, {0x016E, 0x016F, 0}, {0x0170, 0x0171, 0},
    {0x0172, 0x0173, 0}, {0x0174, 0x0175, 0}, {0x0176, 0x0177, 0}, {0x0178, 0x00FF, 0},
    {0x0179, 0x017A, 0}, {0x017B, 0x017C, 0}, {0x017D, 0x017E, 0}, {0x0181, 0x0253, 0},
    {0x0182, 0x0183, 0}, {0x0184, 0x0185, 0}, {0x0186, 0x0254, 0}, {0x0187, 0x0188, 0},
    {0x0189, 0x0256, 0}, {0x018A, 0x0257, 0}, {0x018B, 0x018C, 0}, {0x018E, 0x01DD, 0},
    {0x018F, 0x0259, 0}, {0x0190, 0x025B, 0}, {0x0191, 0x0192, 0}, {0x0193, 0x0260, 0},
    {0x0194, 0x0263, 0}, {0x0196, 0x0269, 0}, {0x0197, 0x0268, 0}, {0x0198, 0x0199, 0},
    {0x019C, 0x026F, 0}, {0x019D, 0x0272, 0}, {0x019F, 0x0275, 0}, {0x01A0, 0x01A1, 0},
    {0x01A2, 0x01A3, 0}, {0x01A4, 0x01A5, 0}, {0x01A6, 0x0280, 0}, {0x01A7, 0x01A8, 0},
    {0x01A9, 0x0283, 0}, {0x01AC, 0x01AD, 0}, {0x01AE, 0x0288, 0}, {0x01AF, 0x01B0, 0},
    {0x01B1, 0x028A, 0}, {0x01B2, 0x028B, 0}, {0x01B3, 0x01B4, 0}, {0x01B5, 0x01B6, 0},
    {0x01B7, 0x0292, 0}, {0x01B8, 0x01B9, 0}, {0x01BC, 0x01BD, 0}, {0x01C4, 0x01C6, 0},
    {0x01C5, 0x01C6, 0}, {0x01C7, 0x01C9, 0}, {0x01C8, 0x01C9, 0}, {0x01CA, 0x01CC, 0},
    {0x01CB, 0x01CC, 0}, {0x01CD, 0x01CE, 0}, {0x01CF, 0x01D0, 0}, {0x01D1, 0x01D2, 0},
    {0x01D3, 0x01D4, 0}, {0x01D5, 0x01D6, 0}, {0x01D7, 0x01D8, 0}, {0x01D9, 0x01DA, 0},
    {0x01DB, 0x01DC, 0}, {0x01DE, 0x01DF, 0}, {0x01E0, 0x01E1, 0}, {0x01E2, 0x01E3, 0},
    {0x01E4, 0x01E5, 0}, {0x01E6, 0x01E7, 0}, {0x01E8, 0x01E9, 0}, {0x01EA, 0x01EB, 0},
    {0x01EC, 0x01ED, 0}, {0x01EE, 0x01EF, 0}, {0x01F1, 0x01F3, 0}, {0x01F2, 0x01F3, 0},
    {0x01F4, 0x01F5, 0}, {0x01F6, 0x0195, 0}, {0x01F7, 0x01BF, 0}, {0x01F8, 0x01F9, 0},
    {0x01FA, 0x01FB, 0}, {0x01FC, 0x01FD, 0}, {0x01FE, 0x01FF, 0}, {0x0200, 0x0201, 0},
    {0x0202, 0x0203, 0}, {0x0204, 0x0205, 0}, {0x0206, 0x0207, 0}, {0x0208, 0x0209, 0},
    {0x020A, 0x020B, 0}, {0x020C, 0x020D, 0}, {0x020E, 0x020F, 0}, {0x0210, 0x0211, 0},
    {0x0212, 0x0213, 0}, {0x0214, 0x0215, 0}, {0x0216, 0x0217, 0}, {0x0218, 0x0219, 0},
    {0x021A, 0x021B, 0}, {0x021C, 0x021D, 0}, {0x021E, 0x021F, 0}, {0x0220, 0x019E, 0},
    {0x0222, 0x0223, 0}, {0x0224, 0x0225, 0}, {0x0226, 0x0227, 0}, {0x0228, 0x0229, 0},
    {0x022A, 0x022B, 0}, {0x022C, 0x022D, 0}, {0x022E, 0x022F, 0}, {0x0230, 0x0231, 0},
    {0x0232, 0x0233, 0}, {0x023A, 0x2C65, 0}, {0x023B, 0x023C, 0}, {0x023D, 0x019A, 0},
    {0x023E, 0x2C66, 0}, {0x0241, 0x0242, 0}, {0x0243, 0x0180, 0}, {0x0244, 0x0289, 0},
    {0x0245, 0x028C, 0}, {0x0246, 0x0247, 0}, {0x0248, 0x0249, 0}, {0x024A, 0x024B, 0},
    {0x024C, 0x024D, 0}, {0x024E, 0x024F, 0}, {0x1E9E, 0x00DF, 0}, {0x212A, 0x006B, 0},
    {0x212B, 0x00E5, 0}, {0x2C7E, 0x023F, 0}, {0x2C7F, 0x0240, 0}, {0xA7DC, 0x019B, 0},
};

// The characters of the word runs search.js finds, after lower-casing.
bool IsWordCharacter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 0xC0 && c <= 0x24F);
}

// `c` lower-cased: one or two code points (the second 0 when none).
std::array<char32_t, 2> LowerCase(char32_t c) {
  if (c < 'A' || (c > 'Z' && c < 0xC0) || (c >= 0x3000 && c < 0xA7DC) || c > 0xA7DC) return {c, 0};
  if (c <= 'Z') return {c + 32, 0};
  const auto found = std::lower_bound(std::begin(kLowerCase), std::end(kLowerCase), c,
                                      [](const Lower& lower, char32_t c) { return lower.from < c; });
  if (found == std::end(kLowerCase) || found->from != c) return {c, 0};
  return {found->to, found->then};
}

std::vector<char32_t> CodePoints(std::string_view text) {
  std::vector<char32_t> points;
  points.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) points.push_back(DecodeUtf8(text, pos));
  return points;
}

// Calls `word(text, start)` for each word of `points` (lower-cased), with the index of the
// character it starts at.
template <typename Found>
void ForEachWord(const std::vector<char32_t>& points, Found&& word) {
  std::string current;
  size_t start = 0;
  const auto end = [&] {
    if (!current.empty()) word(current, start);
    current.clear();
  };
  const auto add = [&](char32_t lower, size_t at) {
    if (current.empty()) start = at;
    if (lower < 0x80) {
      current += static_cast<char>(lower);
    } else {
      AppendUtf8(current, lower);
    }
  };
  for (size_t i = 0; i < points.size(); ++i) {
    const char32_t c = points[i];
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      add(c, i);
    } else if (c >= 'A' && c <= 'Z') {
      add(c + 32, i);
    } else if (c < 0xC0) {
      end();
    } else {
      for (char32_t lower : LowerCase(c)) {
        if (!lower) break;
        if (IsWordCharacter(lower)) {
          add(lower, i);
        } else {
          end();
        }
      }
    }
  }
  end();
}

// Appends `word` with its plural ending folded (FoldPlural).
void AppendFolded(std::string& out, std::string_view word) {
  // Lengths in UTF-16 units, as search.js counts them: word characters are all below U+0250.
  size_t length = 0;
  for (char c : word) length += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  const size_t size = word.size();
  const auto last = [&](size_t from_end) { return size > from_end ? word[size - 1 - from_end] : '\0'; };
  if (length > 3 && last(0) == 's') {
    if (length > 4 && last(1) == 'e' && last(2) == 'i') {
      out.append(word.substr(0, size - 3)).append("y");
      return;
    }
    if (last(1) == 'e' && (last(2) == 's' || last(2) == 'x' || last(2) == 'z' ||
                           (last(2) == 'h' && (last(3) == 'c' || last(3) == 's')))) {
      out.append(word.substr(0, size - 2));
      return;
    }
    if (last(1) != 's') {
      out.append(word.substr(0, size - 1));
      return;
    }
  }
  out.append(word);
}

uint32_t Mix(uint32_t hash) {
  hash ^= hash >> 16;
  hash *= 0x85EBCA6Bu;
  hash ^= hash >> 13;
  hash *= 0xC2B2AE35u;
  hash ^= hash >> 16;
  return hash;
}

}  // namespace

bool IsSearchCjk(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x3040 && c <= 0x30FF);
}

bool IsSearchSpace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == ' ' || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

std::vector<std::string> SearchWords(std::string_view text) {
  std::vector<std::string> words;
  ForEachWord(CodePoints(text), [&](const std::string& word, size_t) { words.push_back(word); });
  return words;
}

std::string FoldPlural(std::string_view word) {
  std::string folded;
  AppendFolded(folded, word);
  return folded;
}

uint64_t SearchKeyCode(std::string_view text) {
  uint64_t code = 0;
  for (size_t pos = 0; pos < text.size();) code = (code << 21) | DecodeUtf8(text, pos);
  return code;
}

std::string SearchKeyText(const SearchKey& key) {
  if (key.kind == SearchKeyKind::kWord) return key.word;
  std::string text;
  if (key.kind == SearchKeyKind::kPair) AppendUtf8(text, static_cast<char32_t>(key.code >> 21));
  AppendUtf8(text, static_cast<char32_t>(key.code & 0x1FFFFF));
  return text;
}

uint32_t SearchKeyShard(const SearchKey& key, uint32_t count) {
  // FNV-1a over the kind and each code point whole.
  uint32_t hash = (0x811C9DC5u ^ static_cast<uint32_t>(key.kind)) * 0x01000193u;
  if (key.kind == SearchKeyKind::kWord) {
    for (size_t pos = 0; pos < key.word.size();) {
      hash = (hash ^ DecodeUtf8(key.word, pos)) * 0x01000193u;
    }
  } else {
    if (key.kind == SearchKeyKind::kPair) {
      hash = (hash ^ static_cast<uint32_t>(key.code >> 21)) * 0x01000193u;
    }
    hash = (hash ^ static_cast<uint32_t>(key.code & 0x1FFFFF)) * 0x01000193u;
  }
  return Mix(hash) % count;
}

SearchKeys PageSearchKeys(std::string_view title, std::string_view description,
                          std::string_view text) {
  std::string joined;
  joined.reserve(title.size() + description.size() + text.size() + 2);
  joined.append(title).append(" ").append(description).append(" ").append(text);
  const std::vector<char32_t> points = CodePoints(joined);
  const int32_t title_end = static_cast<int32_t>(CodePoints(title).size());

  // Each pair where it is, as its two code points side by side (whose order is their UTF-8
  // bytes' order); the characters that end a run, which begin no pair.
  std::vector<std::pair<uint64_t, int32_t>> pairs;
  std::vector<std::pair<char32_t, bool>> run_ends;
  pairs.reserve(points.size());
  // Runs of characters between white space that hold Chinese: a query term (which has no
  // white space) with Chinese in it can only be found inside one.
  for (size_t start = 0; start < points.size();) {
    if (IsSearchSpace(points[start])) {
      ++start;
      continue;
    }
    size_t end = start;
    bool cjk = false;
    for (; end < points.size() && !IsSearchSpace(points[end]); ++end) {
      cjk = cjk || IsSearchCjk(points[end]);
    }
    for (size_t i = start; cjk && i + 1 < end; ++i) {
      pairs.push_back({(uint64_t{points[i]} << 21) | points[i + 1], static_cast<int32_t>(i) - title_end});
    }
    if (cjk && IsSearchCjk(points[end - 1])) {
      run_ends.push_back({points[end - 1], static_cast<int32_t>(end - 1) < title_end});
    }
    start = end;
  }
  std::sort(pairs.begin(), pairs.end());
  std::sort(run_ends.begin(), run_ends.end());

  // The words, folded, one after another in `folded`.
  std::string folded;
  std::vector<std::pair<size_t, bool>> word_ends;  // where each ends in `folded`, in the title
  ForEachWord(points, [&](const std::string& word, size_t start) {
    AppendFolded(folded, word);
    word_ends.push_back({folded.size(), static_cast<int32_t>(start) < title_end});
  });
  std::vector<std::pair<std::string_view, bool>> words;
  words.reserve(word_ends.size());
  for (size_t i = 0, from = 0; i < word_ends.size(); from = word_ends[i++].first) {
    words.push_back({std::string_view(folded).substr(from, word_ends[i].first - from), word_ends[i].second});
  }
  std::sort(words.begin(), words.end());

  // Sorted by kind ('c' < 'p' < 'w'), then by text. The characters are those that begin a
  // pair and those that end a run.
  SearchKeys found;
  std::vector<SearchKey>& keys = found.keys;
  keys.reserve(pairs.size() + words.size());
  char32_t last_character = 0;
  const auto character = [&](char32_t c, bool in_title) {
    if (c == last_character) {
      keys.back().in_title = keys.back().in_title || in_title;
      return;
    }
    last_character = c;
    SearchKey& key = keys.emplace_back();
    key.kind = SearchKeyKind::kCharacter;
    key.code = c;
    key.in_title = in_title;
  };
  size_t end = 0;
  for (const auto& [pair, at] : pairs) {
    const char32_t first = static_cast<char32_t>(pair >> 21);
    if (!IsSearchCjk(first)) continue;
    for (; end < run_ends.size() && run_ends[end].first <= first; ++end) {
      character(run_ends[end].first, run_ends[end].second);
    }
    character(first, at < 0);
  }
  for (; end < run_ends.size(); ++end) character(run_ends[end].first, run_ends[end].second);

  found.places.reserve(pairs.size());
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (!i || pairs[i].first != pairs[i - 1].first) {
      SearchKey& key = keys.emplace_back();
      key.kind = SearchKeyKind::kPair;
      key.code = pairs[i].first;
      key.first_place = static_cast<uint32_t>(found.places.size());
    }
    found.places.push_back(pairs[i].second);
    ++keys.back().place_count;
  }
  for (size_t i = 0; i < words.size(); ++i) {
    if (i && words[i].first == words[i - 1].first) {
      keys.back().in_title = keys.back().in_title || words[i].second;
      continue;
    }
    SearchKey& key = keys.emplace_back();
    key.word = words[i].first;
    key.in_title = words[i].second;
  }
  return found;
}

}  // namespace kiosk
