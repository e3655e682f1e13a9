#include "search/search_keys.h"

#include <gtest/gtest.h>

#include <map>

namespace kiosk {
namespace {

// A page's keys as text: "p申請" -> its places, "c申" or "w form" -> whether in the title.
struct Found {
  std::map<std::string, std::vector<int32_t>> pairs;
  std::map<std::string, bool> others;
};

Found KeysOf(std::string_view title, std::string_view description, std::string_view text) {
  const SearchKeys keys = PageSearchKeys(title, description, text);
  Found found;
  for (size_t i = 0; i < keys.keys.size(); ++i) {
    const SearchKey& key = keys.keys[i];
    if (i) {
      EXPECT_TRUE(SearchKeyBefore(keys.keys[i - 1], key)) << "in order, each once";
    }
    const std::string name = static_cast<char>(key.kind) + SearchKeyText(key);
    if (key.kind == SearchKeyKind::kPair) {
      const std::span<const int32_t> places = keys.PlacesOf(key);
      found.pairs[name].assign(places.begin(), places.end());
    } else {
      found.others[name] = key.in_title;
    }
  }
  return found;
}

TEST(PageSearchKeys, ChinesePairsAreWhereTheyAreFromTheEndOfTheTitle) {
  // Title, description and text are joined by spaces: "謄本申請" at 0-3, "戶籍謄本" at 6-9,
  // "謄本" at 11-12; places count from the title's end, 4.
  const Found found = KeysOf("謄本申請", "", "戶籍謄本 謄本");
  EXPECT_EQ(found.pairs.at("p謄本"), (std::vector<int32_t>{-4, 4, 7}));
  EXPECT_EQ(found.pairs.at("p申請"), (std::vector<int32_t>{-2}));
  EXPECT_EQ(found.pairs.at("p戶籍"), (std::vector<int32_t>{2}));
  EXPECT_EQ(found.pairs.count("p請戶"), 0u) << "no pair across the space between title and text";
  EXPECT_EQ(found.pairs.count("p本謄"), 0u);
  EXPECT_TRUE(found.others.at("c謄"));
  EXPECT_FALSE(found.others.at("c戶"));
  EXPECT_TRUE(found.others.at("c請")) << "a character that ends a run and begins no pair";
}

TEST(PageSearchKeys, RunsWithChineseHaveAllTheirPairsOthersNone) {
  // A query with Chinese in it ("A4紙", "1999專線") is found as written, Latin letters and
  // digits included; text without Chinese has words only.
  const Found found = KeysOf("", "", "請用A4紙 call 1999專線 forms");
  EXPECT_EQ(found.pairs.count("pA4"), 1u);
  EXPECT_EQ(found.pairs.count("p4紙"), 1u);
  EXPECT_EQ(found.pairs.count("p99"), 1u);
  EXPECT_EQ(found.pairs.count("p9專"), 1u);
  EXPECT_EQ(found.pairs.count("pca"), 0u) << "call has no Chinese";
  EXPECT_EQ(found.others.count("cA"), 0u) << "characters are Chinese ones";
  EXPECT_EQ(found.others.count("wcall"), 1u);
  EXPECT_EQ(found.others.count("wform"), 1u);
  EXPECT_EQ(found.others.count("wa4"), 1u) << "words of the run too, for queries without Chinese";
}

TEST(PageSearchKeys, ASingleCharacterIsAKey) {
  const Found found = KeysOf("", "", "狗 與 貓");
  EXPECT_TRUE(found.pairs.empty());
  EXPECT_EQ(found.others.count("c狗"), 1u);
  EXPECT_EQ(found.others.count("c貓"), 1u);
}

TEST(PageSearchKeys, WordsAreLowerCasedWithPluralsFoldedAndKnowTheTitle) {
  const Found found = KeysOf("Household Registrations", "Cities and BOXES", "the registration");
  EXPECT_TRUE(found.others.at("whousehold"));
  EXPECT_TRUE(found.others.at("wregistration")) << "in the title as a plural";
  EXPECT_FALSE(found.others.at("wcity"));
  EXPECT_FALSE(found.others.at("wbox"));
  EXPECT_FALSE(found.others.at("wthe"));
}

TEST(PageSearchKeys, EmptyTextHasNoKeys) {
  const SearchKeys keys = PageSearchKeys("", "", "");
  EXPECT_TRUE(keys.keys.empty());
}

TEST(SearchWords, LowerCaseAsJavaScriptDoes) {
  EXPECT_EQ(SearchWords("Café ÉCOLE"), (std::vector<std::string>{"café", "école"}));
  // İ becomes i and a combining dot, which is no word character; the Kelvin sign becomes k.
  EXPECT_EQ(SearchWords("İstanbul \u212Aelvin"),
            (std::vector<std::string>{"i", "stanbul", "kelvin"}));
  EXPECT_EQ(SearchWords("e-mail, A4 2026年"), (std::vector<std::string>{"e", "mail", "a4", "2026"}));
}

TEST(FoldPlural, FoldsSimpleEndingsAsSearchJsDoes) {
  EXPECT_EQ(FoldPlural("cities"), "city");
  EXPECT_EQ(FoldPlural("ties"), "tie") << "four letters: the s only";
  EXPECT_EQ(FoldPlural("boxes"), "box");
  EXPECT_EQ(FoldPlural("churches"), "church");
  EXPECT_EQ(FoldPlural("wishes"), "wish");
  EXPECT_EQ(FoldPlural("forms"), "form");
  EXPECT_EQ(FoldPlural("class"), "class");
  EXPECT_EQ(FoldPlural("bus"), "bus") << "three letters";
  EXPECT_EQ(FoldPlural("cafés"), "café");
}

TEST(SearchKeyShard, IsTheShardSearchJsComputes) {
  // The values search.js's shardOf gives (tests/browser/search_test.mjs checks its side).
  const auto shard = [](SearchKeyKind kind, std::string_view text, uint32_t count) {
    SearchKey key;
    key.kind = kind;
    if (kind == SearchKeyKind::kWord) {
      key.word = std::string(text);
    } else {
      key.code = SearchKeyCode(text);
    }
    return SearchKeyShard(key, count);
  };
  EXPECT_EQ(shard(SearchKeyKind::kPair, "申請", 4096), 3291u);
  EXPECT_EQ(shard(SearchKeyKind::kPair, "申請", 7), 3u);
  EXPECT_EQ(shard(SearchKeyKind::kCharacter, "申", 4096), 1999u);
  EXPECT_EQ(shard(SearchKeyKind::kWord, "transcript", 4096), 1205u);
  EXPECT_EQ(shard(SearchKeyKind::kPair, "A4", 4096), 1766u);
  EXPECT_EQ(shard(SearchKeyKind::kCharacter, "𠀋", 4096), 3796u);
  EXPECT_EQ(shard(SearchKeyKind::kWord, "café", 4096), 1781u);
}

TEST(SearchKeyCode, SortsAsTheTextDoes) {
  EXPECT_LT(SearchKeyCode("A4"), SearchKeyCode("申請"));
  EXPECT_LT(SearchKeyCode("申請"), SearchKeyCode("申𠀋"));
  SearchKey pair;
  pair.kind = SearchKeyKind::kPair;
  pair.code = SearchKeyCode("申𠀋");
  EXPECT_EQ(SearchKeyText(pair), "申𠀋");
}

TEST(IsSearchSpace, IsJavaScriptsWhiteSpace) {
  for (char32_t c : {U' ', U'\t', U'\n', U'\u00A0', U'\u3000', U'\uFEFF', U'\u2028'}) {
    EXPECT_TRUE(IsSearchSpace(c)) << static_cast<uint32_t>(c);
  }
  for (char32_t c : {U'a', U'\u0085', U'\u200B', U'，'}) EXPECT_FALSE(IsSearchSpace(c));
}

}  // namespace
}  // namespace kiosk
