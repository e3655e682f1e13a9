// The keys the site search looks a query up by, made from a page's text exactly as the
// browser reads it (themes/default/static/js/search.js reads the same keys out of a query).
// Chinese is written without spaces between words, so a query is found as written, anywhere
// in the text: a page is listed under every pair of neighbouring characters of its text and
// where each pair is, and a query of two or more characters is found where its pairs follow
// one another; a query of one character is found by the characters alone. Other languages
// are found by whole words, lower-cased, with simple plural endings folded.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

enum class SearchKeyKind : char {
  kPair = 'p',       // two neighbouring characters of a run of text (no spaces) with Chinese in it
  kCharacter = 'c',  // one Chinese character
  kWord = 'w',       // a word of other text, lower-cased, its plural folded
};

// A key: a character or a pair by its code points, a word by its text.
struct SearchKey {
  SearchKeyKind kind = SearchKeyKind::kWord;
  // kCharacter, kPair: the code points side by side, 21 bits each (a pair's first in the
  // high bits), which sort as the key's UTF-8 text does.
  uint64_t code = 0;
  std::string word;  // kWord: UTF-8
  // kCharacter, kWord: whether it is in the page's title.
  bool in_title = false;
  // kPair: where it is (SearchKeys::places).
  uint32_t first_place = 0;
  uint32_t place_count = 0;
};

// A key's text, UTF-8.
std::string SearchKeyText(const SearchKey& key);

// The code of a character's or pair's text (SearchKey::code).
uint64_t SearchKeyCode(std::string_view text);

// Whether `a` comes before `b`: by kind, then text.
inline bool SearchKeyBefore(const SearchKey& a, const SearchKey& b) {
  if (a.kind != b.kind) return a.kind < b.kind;
  return a.kind == SearchKeyKind::kWord ? a.word < b.word : a.code < b.code;
}

// The keys of a page, sorted by kind, then text. The places of a pair are in characters
// (code points) from the end of the title, so that a query of n characters found at p is
// in the title when p + n <= 0; ascending. They are kept side by side, as a page has
// hundreds of pairs.
struct SearchKeys {
  std::vector<SearchKey> keys;
  std::vector<int32_t> places;

  std::span<const int32_t> PlacesOf(const SearchKey& key) const {
    return std::span<const int32_t>(places).subspan(key.first_place, key.place_count);
  }
};

// The keys of a page as search.js reads it: its title, description and text, joined by
// spaces.
SearchKeys PageSearchKeys(std::string_view title, std::string_view description,
                          std::string_view text);

// Which of `count` shards holds a key: a hash of its kind and code points (search.js makes
// the same from the key's text), spread by MurmurHash3's finalizer.
uint32_t SearchKeyShard(const SearchKey& key, uint32_t count);

// The words of a text as search.js finds them: lower-cased as JavaScript's toLowerCase()
// does, then each run of a-z, 0-9 and U+00C0..U+024F.
std::vector<std::string> SearchWords(std::string_view text);

// A word with its plural ending folded: "cities" -> "city", "boxes" -> "box", "forms" ->
// "form" (not "class"), as search.js folds them.
std::string FoldPlural(std::string_view word);

// Whether search.js takes a character for Chinese (or Japanese kana): a query term with one
// in it is found as written.
bool IsSearchCjk(char32_t c);

// White space as JavaScript's \s knows it: what separates a query's terms.
bool IsSearchSpace(char32_t c);

}  // namespace kiosk
