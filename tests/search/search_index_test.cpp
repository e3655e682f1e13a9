#include "search/search_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "render/record_files.h"
#include "search/search_keys.h"

namespace kiosk {
namespace {

// A page of a test index.
struct Doc {
  std::string file;  // its HTML file
  std::string title;
  std::string text;

  std::string Document() const {
    return JsonRecord({{"u", "/" + file}, {"t", title}, {"s", "S"}, {"d", ""}, {"x", text}});
  }
};

// An index's files, by path.
using Files = std::map<std::string, std::string>;

class StringBytes : public FileBytes {
 public:
  explicit StringBytes(std::string bytes) : bytes_(std::move(bytes)) {}
  std::string_view view() const override { return bytes_; }

 private:
  std::string bytes_;
};

// The last build's files, all as it left them but those named `gone`.
class FilesBefore : public PreviousOutput {
 public:
  FilesBefore(const Files& files, std::set<std::string> gone = {})
      : files_(files), gone_(std::move(gone)) {}
  std::optional<uint64_t> Size(const std::string& path) const override {
    const auto found = files_.find(path);
    if (found == files_.end() || gone_.count(path)) return std::nullopt;
    return found->second.size();
  }
  std::shared_ptr<const FileBytes> Bytes(const std::string& path) const override {
    const auto found = files_.find(path);
    return found == files_.end() ? nullptr : std::make_shared<StringBytes>(found->second);
  }

 private:
  const Files& files_;
  std::set<std::string> gone_;
};

std::string Text(const OutputFile& file) {
  std::string text;
  for (std::string_view piece : file.Bytes()) text += piece;
  return text;
}

// A build of an index: its files, and where each page's document is.
struct Built {
  Files files;
  std::vector<std::string> paths;                     // the index's files
  std::map<std::string, SearchDocumentAt> documents;  // by page file; in a file of `paths`
  std::set<std::string> changed;
};

// Builds the index of `docs`: from scratch, or from `before` with the documents of the pages
// in `renewed` (by file) made anew and the others kept where `before` has them, as the
// build does: the files `gone` are not as `before` left them, and their pages are renewed.
Built Build(const std::vector<Doc>& docs, const SearchIndexLayout& layout,
            const Built* before = nullptr, const std::set<std::string>& renewed = {},
            const std::set<std::string>& gone = {}) {
  std::vector<SearchIndexPage> pages(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    pages[i].page_file = docs[i].file;
    if (before && before->documents.count(docs[i].file) &&
        !gone.count(std::string(before->documents.at(docs[i].file).file))) {
      pages[i].previous = before->documents.at(docs[i].file);
    }
    if (!pages[i].previous || renewed.count(docs[i].file)) pages[i].document = docs[i].Document();
  }
  const Files none;
  const FilesBefore previous(before ? before->files : none, gone);
  SearchIndexFiles made = MakeSearchIndex("search-index/", pages, previous, layout, 2);
  Built built;
  for (const std::string& path : made.paths) {
    if (before && before->files.count(path)) built.files[path] = before->files.at(path);
  }
  for (const OutputFile& file : made.changed) {
    EXPECT_TRUE(built.changed.insert(file.path).second) << file.path << " made twice";
    built.files[file.path] = Text(file);
  }
  EXPECT_EQ(built.files.size(), made.paths.size()) << "every file is kept or made";
  built.paths = std::move(made.paths);
  for (size_t i = 0; i < docs.size(); ++i) {
    const RecordRun& at = made.documents[i];
    built.documents[docs[i].file] = {built.paths[at.file], at.offset, at.size};
  }
  return built;
}

// What the index says of each page, read as search.js reads it: its document, and its keys
// ("p申請" -> places, "c申" or "wform" -> 1 in the title, 0 not).
struct Read {
  std::vector<std::string> documents;
  std::vector<std::map<std::string, std::vector<int32_t>>> keys;
};

uint64_t Number(std::string_view text, size_t& at) {
  constexpr std::string_view digits =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  uint64_t value = 0;
  for (;;) {
    const size_t digit = digits.find(text.at(at++));
    EXPECT_NE(digit, std::string_view::npos);
    value = value * 32 + (digit & 31);
    if (digit < 32) return value;
  }
}

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> lines;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

Read ReadIndex(const Files& files) {
  Read read;
  const std::vector<std::string> manifest = Lines(files.at("search-index/index.txt"));
  EXPECT_EQ(manifest.at(0), "kiosk search index 1");
  const size_t shards = 1 + std::count(manifest.at(1).begin(), manifest.at(1).end(), ' ');
  std::vector<size_t> first;  // each block's first page
  for (size_t b = 2; b < manifest.size(); ++b) {
    const std::string name = manifest[b].substr(0, manifest[b].find(' '));
    first.push_back(read.documents.size());
    const std::vector<std::string> lines = Lines(files.at("search-index/pages/" + name + ".json"));
    EXPECT_EQ(lines.front(), "{\"pages\":[");
    EXPECT_EQ(lines.back(), "]}");
    for (size_t l = 1; l + 1 < lines.size(); ++l) {
      std::string line = lines[l];
      if (l + 2 < lines.size()) {
        EXPECT_EQ(line.back(), ',');
        line.pop_back();
      }
      read.documents.push_back(line);
    }
  }
  read.keys.resize(read.documents.size());
  for (size_t k = 0; k < shards; ++k) {
    const std::vector<std::string> lines =
        Lines(files.at("search-index/keys/" + std::to_string(k) + ".txt"));
    std::vector<std::pair<char, std::string>> keys;
    std::istringstream head(lines.at(0));
    for (std::string entry; head >> entry;) {
      size_t at = 1;
      Number(entry, at);
      keys.push_back({entry[0], entry.substr(at)});
    }
    EXPECT_EQ(lines.size(), 2 + first.size()) << "a line per block";
    for (size_t b = 0; b + 2 < lines.size(); ++b) {
      const std::string& line = lines[b + 2];
      size_t at = 0;
      int64_t key = -1;
      while (at < line.size()) {
        key += Number(line, at) + 1;
        const auto& [kind, text] = keys.at(key);
        EXPECT_EQ(SearchKeyShard(
                      [&kind = kind, &text = text] {
                        SearchKey shard_key;
                        shard_key.kind = static_cast<SearchKeyKind>(kind);
                        shard_key.word = kind == 'w' ? text : "";
                        shard_key.code = kind == 'w' ? 0 : SearchKeyCode(text);
                        return shard_key;
                      }(),
                      static_cast<uint32_t>(shards)),
                  k)
            << text;
        int64_t slot = -1;
        for (uint64_t pages = Number(line, at) + 1; pages > 0; --pages) {
          std::vector<int32_t> places;
          if (kind == 'p') {
            slot += Number(line, at) + 1;
            const uint64_t count = Number(line, at) + 1;
            const uint64_t zigzag = Number(line, at);
            int32_t place = zigzag % 2 ? -static_cast<int32_t>((zigzag + 1) / 2)
                                       : static_cast<int32_t>(zigzag / 2);
            places.push_back(place);
            for (uint64_t i = 1; i < count; ++i) places.push_back(place += Number(line, at) + 1);
          } else {
            const uint64_t step = Number(line, at);
            slot += step / 2 + 1;
            places.push_back(step % 2);
          }
          read.keys.at(first.at(b) + slot)[kind + text] = places;
        }
      }
    }
  }
  return read;
}

// The keys PageSearchKeys gives a page, as ReadIndex reads them.
std::map<std::string, std::vector<int32_t>> KeysOf(const Doc& doc) {
  const SearchKeys keys = PageSearchKeys(doc.title, "", doc.text);
  std::map<std::string, std::vector<int32_t>> found;
  for (const SearchKey& key : keys.keys) {
    const std::string name = static_cast<char>(key.kind) + SearchKeyText(key);
    if (key.kind == SearchKeyKind::kPair) {
      const std::span<const int32_t> places = keys.PlacesOf(key);
      found[name].assign(places.begin(), places.end());
    } else {
      found[name] = {key.in_title ? 1 : 0};
    }
  }
  return found;
}

// Pages like an office's FAQ, each different.
std::vector<Doc> Docs(size_t count) {
  static const char* const kWords[] = {"戶籍謄本", "申請", "身分證", "低收入戶", "補助",
                                       "印章",     "委託書", "颱風",   "停車",     "里長"};
  std::vector<Doc> docs;
  for (size_t i = 0; i < count; ++i) {
    Doc doc;
    doc.file = "faq/q" + std::to_string(1000 + i) + "/index.html";
    doc.title = std::string(kWords[i % 10]) + "問題 " + std::to_string(i);
    for (size_t w = 0; w < 12; ++w) doc.text += kWords[(i * 7 + w * 3) % 10];
    doc.text += (i % 3 ? " forms and certificates" : " Applying for 1 card");
    docs.push_back(doc);
  }
  return docs;
}

// Small blocks and shards, so that a few dozen pages have many of each.
SearchIndexLayout Small() {
  SearchIndexLayout layout;
  layout.pages_per_block = 4;
  layout.block_bytes = 1000;
  layout.shard_bytes = 400;
  return layout;
}

void ExpectSameAsFromScratch(const Built& built, const std::vector<Doc>& docs,
                             const SearchIndexLayout& layout) {
  const Built scratch = Build(docs, layout);
  EXPECT_EQ(built.files, scratch.files);
}

size_t Counted(const std::set<std::string>& paths, std::string_view folder) {
  size_t count = 0;
  for (const std::string& path : paths) count += path.rfind(folder, 0) == 0;
  return count;
}

TEST(MakeSearchIndex, EveryPageCanBeFoundByEachOfItsKeys) {
  const std::vector<Doc> docs = Docs(40);
  const Built built = Build(docs, Small());
  EXPECT_GT(Counted(built.changed, "search-index/pages/"), 5u);
  EXPECT_GT(Counted(built.changed, "search-index/keys/"), 5u);
  const Read read = ReadIndex(built.files);
  ASSERT_EQ(read.documents.size(), docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    EXPECT_EQ(read.documents[i], docs[i].Document());
    EXPECT_EQ(read.keys[i], KeysOf(docs[i])) << docs[i].file;
  }
}

TEST(MakeSearchIndex, ALargeSiteHasShardsOfAboutTheSizeAimedAt) {
  const std::vector<Doc> docs = Docs(400);
  SearchIndexLayout layout;
  layout.shard_bytes = 4000;
  const Built built = Build(docs, layout);
  size_t shards = 0;
  size_t largest = 0;
  for (const auto& [path, bytes] : built.files) {
    if (path.rfind("search-index/keys/", 0) != 0) continue;
    ++shards;
    largest = std::max(largest, bytes.size());
  }
  EXPECT_GE(shards, 8u);
  EXPECT_LT(largest, 3 * layout.shard_bytes);
}

TEST(MakeSearchIndex, AnEditChangesItsBlockAndTheShardsOfItsKeysOnly) {
  std::vector<Doc> docs = Docs(40);
  const Built before = Build(docs, Small());
  docs[17].text += " 停車證明";  // at the end: the places of its other keys stay
  const Built after = Build(docs, Small(), &before, {docs[17].file});
  ExpectSameAsFromScratch(after, docs, Small());
  EXPECT_EQ(Counted(after.changed, "search-index/pages/"), 1u);
  EXPECT_EQ(after.changed.count("search-index/index.txt"), 1u) << "the versions it names";
  std::set<std::string> shards;
  for (const auto& [path, bytes] : before.files) shards.insert(path);
  EXPECT_LT(Counted(after.changed, "search-index/keys/"), Counted(shards, "search-index/keys/") / 2);
}

TEST(MakeSearchIndex, APageMadeAgainTheSameChangesNothing) {
  const std::vector<Doc> docs = Docs(40);
  const Built before = Build(docs, Small());
  const Built after = Build(docs, Small(), &before, {docs[3].file, docs[30].file});
  EXPECT_TRUE(after.changed.empty()) << *after.changed.begin();
}

TEST(MakeSearchIndex, EditsAdditionsRemovalsAndMovesGiveWhatABuildFromScratchGives) {
  std::vector<Doc> docs = Docs(60);
  Built built = Build(docs, Small());
  const auto step = [&](const std::set<std::string>& renewed) {
    built = Build(docs, Small(), &built, renewed);
    ExpectSameAsFromScratch(built, docs, Small());
  };
  docs[0].text = "全新的內容 with new words";  // the first page, new keys
  step({docs[0].file});
  Doc added = Docs(61).back();
  added.file = "faq/q1030a/index.html";
  docs.insert(docs.begin() + 31, added);  // between two pages
  step({added.file});
  EXPECT_LE(Counted(built.changed, "search-index/pages/"), 2u) << "its block, or two when it begins one";
  docs.erase(docs.begin() + 10);
  step({});
  std::swap(docs[20], docs[40]);  // moved (a page renamed that keeps its address)
  step({});
  docs.back().title = "颱風停班停課";
  step({docs.back().file});
  docs.erase(docs.begin(), docs.begin() + 30);  // half of the site: fewer shards
  step({});
  for (Doc& doc : docs) doc.text += "新的一段";
  std::vector<Doc> more = Docs(200);
  docs.insert(docs.end(), more.begin() + 100, more.end());  // many more: more shards
  std::set<std::string> renewed;
  for (const Doc& doc : docs) renewed.insert(doc.file);
  step(renewed);
}

TEST(MakeSearchIndex, FilesThatAreNotAsTheLastBuildLeftThemAreMadeAgain) {
  std::vector<Doc> docs = Docs(40);
  const Built before = Build(docs, Small());
  docs[5].text += "。";
  const std::set<std::string> gone = {"search-index/keys/1.txt", "search-index/index.txt",
                                      std::string(before.documents.at(docs[22].file).file)};
  const Built after = Build(docs, Small(), &before, {docs[5].file, docs[22].file}, gone);
  ExpectSameAsFromScratch(after, docs, Small());
  EXPECT_EQ(after.changed.count("search-index/keys/1.txt"), 1u);
}

TEST(CutSearchBlocks, BeginAtPagesChosenByTheirAddress) {
  std::vector<std::string> files;
  for (int i = 0; i < 200; ++i) files.push_back("news/n" + std::to_string(i) + "/index.html");
  SearchIndexLayout layout;
  layout.pages_per_block = 10;
  const auto cut = [&](const std::vector<std::string>& names) {
    std::vector<std::string_view> views(names.begin(), names.end());
    return CutSearchBlocks(views, std::vector<uint64_t>(names.size(), 100), layout);
  };
  const std::vector<SearchBlock> blocks = cut(files);
  EXPECT_GT(blocks.size(), 200u / 10 / 2);
  EXPECT_LT(blocks.size(), 200u / 10 * 2);
  std::set<std::string> names;
  for (const SearchBlock& block : blocks) {
    EXPECT_TRUE(names.insert(block.name).second);
    EXPECT_LE(block.count, 40u) << "four times the average at most";
  }
  // A page added in the middle changes its own block only.
  std::vector<std::string> added = files;
  added.insert(added.begin() + 100, "news/new/index.html");
  const std::vector<SearchBlock> after = cut(added);
  size_t kept = 0;
  for (const SearchBlock& block : after) {
    kept += std::any_of(blocks.begin(), blocks.end(), [&](const SearchBlock& was) {
      return was.name == block.name && was.count == block.count;
    });
  }
  EXPECT_GE(kept + 2, after.size());
}

TEST(CutSearchBlocks, EndBlocksBeforeTheyGrowPastTheirSize) {
  std::vector<std::string> names;
  for (int i = 0; i < 50; ++i) names.push_back("plans/p" + std::to_string(i) + "/index.html");
  std::vector<std::string_view> views(names.begin(), names.end());
  SearchIndexLayout layout;
  layout.block_bytes = 10000;
  const std::vector<SearchBlock> blocks =
      CutSearchBlocks(views, std::vector<uint64_t>(names.size(), 4000), layout);
  for (const SearchBlock& block : blocks) EXPECT_LE(block.count, 2u);
}

}  // namespace
}  // namespace kiosk
