#include "search/search_index.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>

#include "base/hash.h"
#include "base/parallel.h"
#include "base/text.h"
#include "render/record_file_maker.h"
#include "render/record_files.h"
#include "render/structured_data.h"
#include "search/search_keys.h"

namespace kiosk {

namespace {

// --- Numbers ---------------------------------------------------------------------------------
// Shards are text of 64 characters: a number is written 5 bits a character, most significant
// first; the characters of the first 32 values end a number, the others go on.
constexpr std::string_view kDigits =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

// Each character's value, or -1.
constexpr std::array<int8_t, 256> kDigitValues = [] {
  std::array<int8_t, 256> values{};
  values.fill(-1);
  for (size_t i = 0; i < kDigits.size(); ++i) values[static_cast<unsigned char>(kDigits[i])] = static_cast<int8_t>(i);
  return values;
}();

void AppendNumber(std::string& out, uint64_t value) {
  if (value < 32) {
    out += kDigits[value];
    return;
  }
  char digits[13];
  size_t first = sizeof digits - 1;
  digits[first] = kDigits[value & 31];
  while (value >>= 5) digits[--first] = kDigits[32 + (value & 31)];
  out.append(digits + first, sizeof digits - first);
}

// Writes AppendNumber's numbers into `out`, which it grows first by `most` of them (the
// postings of a key are dozens of numbers) and trims when done.
class NumberWriter {
 public:
  NumberWriter(std::string& out, size_t most) : out_(out) {
    const size_t start = out.size();
    out.resize(start + 7 * most);  // a number below 2^35 takes 7 characters at most
    at_ = out.data() + start;
  }
  ~NumberWriter() { out_.resize(at_ - out_.data()); }
  NumberWriter(const NumberWriter&) = delete;
  NumberWriter& operator=(const NumberWriter&) = delete;

  void Put(uint64_t value) {
    if (value < 32) {
      *at_++ = kDigits[value];
      return;
    }
    char digits[7];
    size_t first = sizeof digits - 1;
    digits[first] = kDigits[value & 31];
    while (value >>= 5) digits[--first] = kDigits[32 + (value & 31)];
    for (size_t i = first; i < sizeof digits; ++i) *at_++ = digits[i];
  }

 private:
  std::string& out_;
  char* at_;
};

// Reads numbers written by AppendNumber; a wrong character or the end marks it failed.
class NumberReader {
 public:
  explicit NumberReader(std::string_view text) : text_(text) {}
  uint64_t Next() {
    uint64_t value = 0;
    for (int digits = 0; digits < 13 && at_ < text_.size(); ++digits) {
      const int digit = kDigitValues[static_cast<unsigned char>(text_[at_++])];
      if (digit < 0) break;
      value = value * 32 + (digit & 31);
      if (digit < 32) return value;
    }
    ok_ = false;
    at_ = text_.size();
    return 0;
  }
  size_t at() const { return at_; }
  void Skip(size_t count) { at_ = std::min(text_.size(), at_ + count); }
  bool done() const { return at_ >= text_.size(); }
  bool ok() const { return ok_; }

 private:
  std::string_view text_;
  size_t at_ = 0;
  bool ok_ = true;
};

uint64_t ZigZag(int64_t value) {
  return value < 0 ? (static_cast<uint64_t>(-(value + 1)) << 1) | 1
                   : static_cast<uint64_t>(value) << 1;
}

// --- Documents -------------------------------------------------------------------------------
constexpr std::string_view kBlockStart = "{\"pages\":[\n";
constexpr std::string_view kBlockSeparator = ",\n";
constexpr std::string_view kBlockEnd = "\n]}\n";

// The title, description and text of a document (SearchDocument's JSON); empty fields when it
// is not one.
struct DocumentText {
  std::string title, description, text;
};

// Reads a JSON string at `at` (its opening quote), as JsonString writes them.
std::optional<std::string> ReadJsonString(std::string_view json, size_t& at) {
  if (at >= json.size() || json[at] != '"') return std::nullopt;
  std::string value;
  for (++at; at < json.size();) {
    size_t plain = at;
    while (plain < json.size() && json[plain] != '"' && json[plain] != '\\') ++plain;
    if (plain == json.size()) break;
    value.append(json.substr(at, plain - at));
    at = plain;
    if (json[at++] == '"') return value;
    if (at >= json.size()) break;
    const char escaped = json[at++];
    switch (escaped) {
      case 'n': value += '\n'; break;
      case 'r': value += '\r'; break;
      case 't': value += '\t'; break;
      case 'b': value += '\b'; break;
      case 'f': value += '\f'; break;
      case 'u': {
        const auto hex = [&](size_t from) -> std::optional<char32_t> {
          if (from + 4 > json.size()) return std::nullopt;
          char32_t code = 0;
          for (size_t i = from; i < from + 4; ++i) {
            const char h = json[i];
            const int digit = h >= '0' && h <= '9'   ? h - '0'
                              : h >= 'a' && h <= 'f' ? h - 'a' + 10
                              : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                                     : -1;
            if (digit < 0) return std::nullopt;
            code = code * 16 + digit;
          }
          return code;
        };
        std::optional<char32_t> code = hex(at);
        if (!code) return std::nullopt;
        at += 4;
        if (*code >= 0xD800 && *code < 0xDC00 && json.substr(at, 2) == "\\u") {
          if (const std::optional<char32_t> low = hex(at + 2); low && *low >= 0xDC00 && *low < 0xE000) {
            code = 0x10000 + ((*code - 0xD800) << 10) + (*low - 0xDC00);
            at += 6;
          }
        }
        AppendUtf8(value, *code);
        break;
      }
      default: value += escaped;  // \" \\ \/
    }
  }
  return std::nullopt;
}

DocumentText ReadDocument(std::string_view json) {
  DocumentText document;
  size_t at = 1;
  while (json.size() > at && json[0] == '{') {
    std::optional<std::string> name = ReadJsonString(json, at);
    if (!name || at >= json.size() || json[at++] != ':') break;
    std::optional<std::string> value = ReadJsonString(json, at);
    if (!value) break;
    if (*name == "t") document.title = std::move(*value);
    if (*name == "d") document.description = std::move(*value);
    if (*name == "x") document.text = std::move(*value);
    if (at >= json.size() || json[at++] != ',') break;
  }
  return document;
}

// Where the documents of a block's file are in it.
std::vector<RecordLines> DocumentsOf(std::string_view block) {
  std::vector<RecordLines> documents;
  if (block.size() < kBlockStart.size() + kBlockEnd.size()) return documents;
  const size_t end = block.size() - kBlockEnd.size();
  for (size_t at = kBlockStart.size(); at < end;) {
    size_t next = block.find(kBlockSeparator, at);
    if (next == std::string_view::npos || next > end) next = end;
    documents.push_back({at, next - at});
    at = next + kBlockSeparator.size();
  }
  return documents;
}

// About how many bytes of shards a document's keys take: a pair and a character, with where
// the pair is, for each Chinese character (4 bytes, measured on the benchmark's pages), a
// tenth of a byte for any other (a word and the pages that have it). Only the number of
// shards follows from it.
uint64_t DocumentWeight(std::string_view document) {
  uint64_t cjk = 0;
  uint64_t other = 0;
  for (size_t at = 0; at < document.size();) {
    const size_t from = at;
    if (IsSearchCjk(DecodeUtf8(document, at))) {
      ++cjk;
    } else {
      other += at - from;
    }
  }
  return 4 * cjk + other / 10;
}

std::string Version(std::span<const std::string_view> bytes) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(HashBytes(bytes)));
  return std::string(hex, 8);
}

// --- index.txt -------------------------------------------------------------------------------
constexpr std::string_view kManifestHead = "kiosk search index 1";

struct ManifestBlock {
  std::string name;
  uint64_t pages = 0;
  uint64_t weight = 0;
  std::string version;
};

//   kiosk search index 1
//   VERSION VERSION …          one per shard
//   NAME PAGES WEIGHT VERSION  one line per block
struct Manifest {
  std::vector<std::string> shards;  // their versions
  std::vector<ManifestBlock> blocks;
};

std::string WriteManifest(const Manifest& manifest) {
  std::string text = std::string(kManifestHead) + "\n";
  for (size_t k = 0; k < manifest.shards.size(); ++k) text += (k ? " " : "") + manifest.shards[k];
  text += "\n";
  for (const ManifestBlock& block : manifest.blocks) {
    text += block.name + " " + std::to_string(block.pages) + " " + std::to_string(block.weight) +
            " " + block.version + "\n";
  }
  return text;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    const size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::optional<uint64_t> ParseCount(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<Manifest> ReadManifest(std::string_view text) {
  std::vector<std::string_view> lines = Split(text, '\n');
  if (lines.size() < 3 || lines[0] != kManifestHead || !lines.back().empty()) return std::nullopt;
  Manifest manifest;
  for (std::string_view version : Split(lines[1], ' ')) manifest.shards.emplace_back(version);
  for (size_t i = 2; i + 1 < lines.size(); ++i) {
    const std::vector<std::string_view> fields = Split(lines[i], ' ');
    if (fields.size() != 4) return std::nullopt;
    const auto pages = ParseCount(fields[1]);
    const auto weight = ParseCount(fields[2]);
    if (!pages || !weight) return std::nullopt;
    manifest.blocks.push_back({std::string(fields[0]), *pages, *weight, std::string(fields[3])});
  }
  return manifest;
}

// --- Shards ----------------------------------------------------------------------------------
// A shard:
//   KEY KEY …        the keys, sorted by kind and text: each its kind, the number of blocks
//                    that have it (for the next build), and its text
//   SIZE SIZE …      the size of each block's line, for the next build to find them
//   one line per block, of the block's keys in the shard, each:
//     the key (its number in the first line, less the last key's and 1), its pages less 1,
//     and for each page: the page (in the block, less the last page and 1), then
//       a pair: its places less 1, the first (from the end of the title, as +0 0, -1 1,
//       +1 2 …), and each next less the last and 1
//       a character or word: the page times 2, plus 1 when it is in the title

// A key in a shard: a character or pair by its code, a word by a view of its text (in the
// block being made, or in the last build's shard).
struct ShardKey {
  SearchKeyKind kind = SearchKeyKind::kWord;
  uint64_t code = 0;
  std::string_view word;

  bool operator<(const ShardKey& other) const {
    if (kind != other.kind) return kind < other.kind;
    return kind == SearchKeyKind::kWord ? word < other.word : code < other.code;
  }
  bool operator==(const ShardKey& other) const = default;
};

// A key of a page of a block.
struct KeyOnPage {
  uint32_t slot;  // the page in the block
  const SearchKeys* page;
  const SearchKey* key;
};

// The pages of a key in a block, as written after the key: its postings.
void AppendPostings(std::string& out, const std::vector<KeyOnPage>& pages) {
  size_t numbers = 1 + 3 * pages.size();
  for (const KeyOnPage& on : pages) numbers += on.key->place_count;
  NumberWriter writer(out, numbers);
  writer.Put(pages.size() - 1);
  int64_t last = -1;
  for (const KeyOnPage& on : pages) {
    const uint64_t step = on.slot - last - 1;
    last = on.slot;
    if (on.key->kind != SearchKeyKind::kPair) {
      writer.Put(step * 2 + (on.key->in_title ? 1 : 0));
      continue;
    }
    const std::span<const int32_t> places = on.page->PlacesOf(*on.key);
    writer.Put(step);
    writer.Put(places.size() - 1);
    writer.Put(ZigZag(places.front()));
    for (size_t p = 1; p < places.size(); ++p) writer.Put(places[p] - places[p - 1] - 1);
  }
}

// Skips one key's postings; false when they are not well formed.
bool SkipPostings(NumberReader& reader, SearchKeyKind kind) {
  const uint64_t pages = reader.Next() + 1;
  for (uint64_t page = 0; page < pages && reader.ok(); ++page) {
    reader.Next();
    if (kind != SearchKeyKind::kPair) continue;
    const uint64_t places = reader.Next() + 1;
    for (uint64_t place = 0; place < places && reader.ok(); ++place) reader.Next();
  }
  return reader.ok();
}

// A block's keys in one shard before the shard's first line is known, one after another:
// each its kind, then a character's or pair's code or a word's size and text, then the size
// of its postings and the postings.
struct SpelledKey {
  ShardKey key;
  std::string_view postings;
};

void AppendSpelled(std::string& out, const SearchKey& key, std::string_view postings) {
  out += static_cast<char>(key.kind);
  if (key.kind == SearchKeyKind::kWord) {
    AppendNumber(out, key.word.size());
    out += key.word;
  } else {
    AppendNumber(out, key.code);
  }
  AppendNumber(out, postings.size());
  out += postings;
}

std::vector<SpelledKey> ReadSpelled(std::string_view spelled) {
  std::vector<SpelledKey> keys;
  while (!spelled.empty()) {
    SpelledKey& read = keys.emplace_back();
    read.key.kind = static_cast<SearchKeyKind>(spelled[0]);
    NumberReader reader(spelled.substr(1));
    if (read.key.kind == SearchKeyKind::kWord) {
      const uint64_t size = reader.Next();
      read.key.word = spelled.substr(1 + reader.at(), size);
      reader.Skip(size);
    } else {
      read.key.code = reader.Next();
    }
    const uint64_t postings_size = reader.Next();
    read.postings = spelled.substr(1 + reader.at(), postings_size);
    spelled.remove_prefix(std::min(spelled.size(), 1 + reader.at() + postings_size));
  }
  return keys;
}

// A shard of the last build: its keys, and where each block's line is.
struct OldShard {
  std::vector<std::pair<ShardKey, uint64_t>> keys;  // with the blocks that have it
  std::vector<std::pair<uint64_t, uint64_t>> lines;  // offset, size (without its line break)
  std::string_view bytes;
};

std::optional<OldShard> ReadShard(std::string_view bytes, size_t blocks) {
  OldShard shard;
  shard.bytes = bytes;
  const size_t keys_end = bytes.find('\n');
  if (keys_end == std::string_view::npos) return std::nullopt;
  const size_t sizes_end = bytes.find('\n', keys_end + 1);
  if (sizes_end == std::string_view::npos) return std::nullopt;
  if (keys_end > 0) {
    for (std::string_view entry : Split(bytes.substr(0, keys_end), ' ')) {
      if (entry.empty()) return std::nullopt;
      NumberReader reader(entry.substr(1));
      const uint64_t count = reader.Next();
      if (!reader.ok()) return std::nullopt;
      ShardKey key;
      key.kind = static_cast<SearchKeyKind>(entry[0]);
      const std::string_view text = entry.substr(1 + reader.at());
      if (key.kind == SearchKeyKind::kWord) {
        key.word = text;
      } else {
        key.code = SearchKeyCode(text);
      }
      shard.keys.push_back({key, count});
    }
  }
  NumberReader sizes(bytes.substr(keys_end + 1, sizes_end - keys_end - 1));
  uint64_t offset = sizes_end + 1;
  while (!sizes.done()) {
    const uint64_t size = sizes.Next();
    if (!sizes.ok() || offset + size >= bytes.size() || bytes[offset + size] != '\n') {
      return std::nullopt;
    }
    shard.lines.push_back({offset, size});
    offset += size + 1;
  }
  if (offset != bytes.size() || shard.lines.size() != blocks) return std::nullopt;
  return shard;
}

// Calls found(key number, postings) for each key of a shard's line; false when it is not
// well formed.
template <typename Found>
bool ForEachKey(std::string_view line, const std::vector<SearchKeyKind>& kinds, Found&& found) {
  NumberReader reader(line);
  int64_t key = -1;
  while (!reader.done()) {
    key += static_cast<int64_t>(reader.Next()) + 1;
    if (!reader.ok() || key >= static_cast<int64_t>(kinds.size())) return false;
    const size_t start = reader.at();
    if (!SkipPostings(reader, kinds[key])) return false;
    found(static_cast<size_t>(key), line.substr(start, reader.at() - start));
  }
  return true;
}

uint32_t ShardCount(uint64_t weight, const SearchIndexLayout& layout) {
  uint32_t count = 1;
  while (count < 4096 && count * layout.shard_bytes < weight) count *= 2;
  return count;
}

// --- Blocks ----------------------------------------------------------------------------------
struct BlockMade {
  std::string path;
  bool kept = false;  // its file stands as the last build left it, unread
  std::optional<OutputFile> file;  // made: the file, new or as it was (unchanged)
  bool unchanged = false;
  std::vector<RecordLines> documents;  // where each of its pages' documents is in its file
  std::string bytes;  // its documents' file, when its keys are read
  ManifestBlock entry;
  bool lines_kept = false;  // its lines in the shards are the last build's, at `before`
  size_t before = 0;
  std::vector<std::string> spelled;  // by shard, when its lines are made anew
};

// The keys of a block's documents, by shard.
std::vector<std::string> SpellBlock(std::string_view bytes,
                                    const std::vector<RecordLines>& documents,
                                    uint32_t shards) {
  std::vector<SearchKeys> pages(documents.size());
  for (size_t slot = 0; slot < documents.size(); ++slot) {
    const DocumentText text =
        ReadDocument(bytes.substr(documents[slot].offset, documents[slot].size));
    pages[slot] = PageSearchKeys(text.title, text.description, text.text);
  }
  // Each key with the pages that have it: the keys gathered in a table (by a hash of their
  // kind and code or word), their pages counted, laid out side by side in page order, and
  // the keys sorted.
  std::vector<const SearchKey*> keys;  // the first page's entry of each key
  std::vector<uint32_t> table(64, UINT32_MAX);
  std::vector<uint32_t> key_of;  // each page's each key -> its place in `keys`
  std::vector<uint32_t> count;
  const auto hash = [](const SearchKey& key) {
    return key.kind == SearchKeyKind::kWord ? std::hash<std::string>()(key.word)
                                            : (key.code ^ static_cast<uint64_t>(key.kind) << 56) * 0x9E3779B97F4A7C15u;
  };
  for (const SearchKeys& page : pages) {
    for (const SearchKey& key : page.keys) {
      if (2 * keys.size() >= table.size()) {  // grown to keep it at most half full
        table.assign(table.size() * 2, UINT32_MAX);
        for (uint32_t k = 0; k < keys.size(); ++k) {
          size_t at = hash(*keys[k]) & (table.size() - 1);
          while (table[at] != UINT32_MAX) at = (at + 1) & (table.size() - 1);
          table[at] = k;
        }
      }
      size_t at = hash(key) & (table.size() - 1);
      while (table[at] != UINT32_MAX && !(keys[table[at]]->kind == key.kind &&
                                          keys[table[at]]->code == key.code &&
                                          keys[table[at]]->word == key.word)) {
        at = (at + 1) & (table.size() - 1);
      }
      if (table[at] == UINT32_MAX) {
        table[at] = static_cast<uint32_t>(keys.size());
        keys.push_back(&key);
        count.push_back(0);
      }
      key_of.push_back(table[at]);
      ++count[table[at]];
    }
  }
  std::vector<uint32_t> first(keys.size() + 1);  // where each key's pages begin in `on_pages`
  for (size_t k = 0; k < keys.size(); ++k) first[k + 1] = first[k] + count[k];
  std::vector<KeyOnPage> on_pages(key_of.size());
  std::vector<uint32_t> filled(first.begin(), first.end() - 1);
  for (uint32_t slot = 0, n = 0; slot < pages.size(); ++slot) {
    for (const SearchKey& key : pages[slot].keys) on_pages[filled[key_of[n++]]++] = {slot, &pages[slot], &key};
  }
  // In order: characters and pairs by their kind and code, then words by their text.
  std::vector<std::pair<uint64_t, uint32_t>> coded;
  std::vector<uint32_t> order;
  for (uint32_t k = 0; k < keys.size(); ++k) {
    if (keys[k]->kind == SearchKeyKind::kWord) {
      order.push_back(k);
    } else {
      const uint64_t pair = keys[k]->kind == SearchKeyKind::kPair ? uint64_t{1} << 63 : 0;
      coded.push_back({pair | keys[k]->code, k});
    }
  }
  std::sort(coded.begin(), coded.end());
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return keys[a]->word < keys[b]->word; });
  order.insert(order.begin(), coded.size(), 0);
  for (size_t i = 0; i < coded.size(); ++i) order[i] = coded[i].second;
  std::vector<std::string> spelled(shards);
  std::vector<KeyOnPage> on;
  std::string postings;
  for (uint32_t k : order) {
    on.assign(on_pages.begin() + first[k], on_pages.begin() + first[k + 1]);
    postings.clear();
    AppendPostings(postings, on);
    AppendSpelled(spelled[SearchKeyShard(*keys[k], shards)], *keys[k], postings);
  }
  return spelled;
}

std::string JoinBytes(const OutputFile& file) {
  std::string bytes;
  for (std::string_view piece : file.Bytes()) bytes += piece;
  return bytes;
}

}  // namespace

std::string SearchIndexFolder(const SiteConfig& config, const std::string& language) {
  return config.FindLanguage(language)->folder() + "search-index/";
}

std::string SearchDocument(const Site& site, const Page& page) {
  const std::string section = page.parent >= 0 ? site.page(page.parent).title : "";
  return JsonRecord({{"u", site.Url(page)},
                     {"t", page.title},
                     {"s", section},
                     {"d", page.source->description},
                     {"x", HtmlToText(page.source->body.html)}});
}

std::vector<int> SearchIndexPages(const Site& site, const std::string& language) {
  std::vector<int> pages;
  for (int index = 0; index < static_cast<int>(site.pages().size()); ++index) {
    const Page& page = site.page(index);
    if (page.kind == PageKind::kPage && page.source && page.language == language) {
      pages.push_back(index);
    }
  }
  return pages;
}

std::vector<SearchBlock> CutSearchBlocks(const std::vector<std::string_view>& page_files,
                                         const std::vector<uint64_t>& sizes,
                                         const SearchIndexLayout& layout) {
  std::vector<SearchBlock> blocks;
  uint64_t bytes = 0;
  for (size_t page = 0; page < page_files.size(); ++page) {
    const uint64_t hash = HashBytes(page_files[page]);
    const bool begins = blocks.empty() || hash % std::max(1u, layout.pages_per_block) == 0 ||
                        bytes + sizes[page] > layout.block_bytes ||
                        blocks.back().count >= 4 * layout.pages_per_block;
    if (begins) {
      char name[9];
      std::snprintf(name, sizeof name, "%08x", static_cast<unsigned>(hash >> 32));
      blocks.push_back({name, page, 0});
      bytes = 0;
    }
    ++blocks.back().count;
    bytes += sizes[page] + kBlockSeparator.size();
  }
  // Two blocks whose first pages' addresses hash alike: the later ones are numbered.
  std::map<std::string, int> seen;
  for (SearchBlock& block : blocks) {
    if (const int times = seen[block.name]++) block.name += "-" + std::to_string(times + 1);
  }
  return blocks;
}

SearchIndexFiles MakeSearchIndex(const std::string& folder,
                                 const std::vector<SearchIndexPage>& pages,
                                 const PreviousOutput& previous, const SearchIndexLayout& layout,
                                 int jobs) {
  SearchIndexFiles index;
  const std::string manifest_path = folder + "index.txt";
  std::vector<std::string_view> page_files;
  std::vector<uint64_t> sizes;
  for (const SearchIndexPage& page : pages) {
    page_files.push_back(page.page_file);
    sizes.push_back(page.document.empty() && page.previous ? page.previous->size
                                                           : page.document.size());
  }
  const std::vector<SearchBlock> blocks = CutSearchBlocks(page_files, sizes, layout);

  std::shared_ptr<const FileBytes> manifest_before;
  std::optional<Manifest> before;
  if (previous.Size(manifest_path)) {
    manifest_before = previous.Bytes(manifest_path);
    if (manifest_before) before = ReadManifest(manifest_before->view());
  }
  std::map<std::string, size_t> listed_before;  // block name -> its place in `before`
  for (size_t b = 0; before && b < before->blocks.size(); ++b) {
    listed_before[before->blocks[b].name] = b;
  }

  // Each block's documents: as they were when none of its pages changed or moved (no file
  // read), else put together from the documents made now and the last build's.
  std::vector<BlockMade> made(blocks.size());
  ParallelFor(blocks.size(), jobs, [&](size_t b, int) {
    const SearchBlock& block = blocks[b];
    BlockMade& out = made[b];
    out.path = folder + "pages/" + block.name + ".json";
    out.entry.name = block.name;
    out.entry.pages = block.count;
    const std::optional<uint64_t> size_before = previous.Size(out.path);
    bool kept = size_before.has_value();
    uint64_t next = kBlockStart.size();
    for (size_t p = block.first; kept && p < block.first + block.count; ++p) {
      const SearchIndexPage& page = pages[p];
      kept = page.document.empty() && page.previous && page.previous->file == out.path &&
             page.previous->offset == next;
      next += (page.previous ? page.previous->size : 0) + kBlockSeparator.size();
    }
    kept = kept && next - kBlockSeparator.size() + kBlockEnd.size() == *size_before;
    if (kept) {
      out.kept = out.unchanged = true;
      for (size_t p = block.first; p < block.first + block.count; ++p) {
        out.documents.push_back({pages[p].previous->offset, pages[p].previous->size});
      }
      return;
    }
    RecordFileMaker file(out.path, size_before ? previous.Bytes(out.path) : nullptr);
    file.AddOrKeep(kBlockStart);
    std::map<std::string_view, std::shared_ptr<const FileBytes>> others;  // pages that moved here
    for (size_t p = block.first; p < block.first + block.count; ++p) {
      const SearchIndexPage& page = pages[p];
      if (p > block.first) file.AddOrKeep(kBlockSeparator);
      const uint64_t at = file.size();
      const std::optional<SearchDocumentAt>& was = page.previous;
      if (was && was->file == out.path && size_before &&
          (page.document.empty() || file.Holds(was->offset, was->size, {page.document}, ""))) {
        file.Keep(was->offset, was->size);
      } else if (!page.document.empty() || !was) {
        file.Add(page.document);
      } else {
        std::shared_ptr<const FileBytes>& other = others[was->file];
        if (!other) other = previous.Bytes(std::string(was->file));
        const std::string_view bytes = other ? other->view() : std::string_view();
        file.Add(was->offset <= bytes.size() ? bytes.substr(was->offset, was->size) : "");
      }
      out.documents.push_back({at, file.size() - at});
    }
    file.AddOrKeep(kBlockEnd);
    out.unchanged = file.Unchanged();
    out.file = file.Finish();
  });

  // Which blocks' lines stand in the last build's shards: those whose documents did not
  // change, with the index as it was. The shards' number follows from the blocks' weight.
  uint64_t weight = 0;
  std::vector<size_t> unknown;  // blocks whose weight and version are not in `before`
  for (size_t b = 0; b < made.size(); ++b) {
    BlockMade& block = made[b];
    const auto listed = listed_before.find(block.entry.name);
    if (block.unchanged && listed != listed_before.end() &&
        before->blocks[listed->second].pages == block.entry.pages) {
      block.lines_kept = true;
      block.before = listed->second;
      block.entry.weight = before->blocks[listed->second].weight;
      block.entry.version = before->blocks[listed->second].version;
    } else {
      unknown.push_back(b);
    }
  }
  const auto read_block = [&](BlockMade& block) {
    if (!block.bytes.empty()) return;
    if (block.kept) {
      if (std::shared_ptr<const FileBytes> bytes = previous.Bytes(block.path)) {
        block.bytes = std::string(bytes->view());
      }
    } else {
      block.bytes = JoinBytes(*block.file);
    }
  };
  ParallelFor(unknown.size(), jobs, [&](size_t u, int) {
    BlockMade& block = made[unknown[u]];
    read_block(block);
    for (const RecordLines& document : block.documents) {
      block.entry.weight +=
          DocumentWeight(std::string_view(block.bytes).substr(document.offset, document.size));
    }
    block.entry.version = Version(std::vector<std::string_view>{block.bytes});
  });
  for (const BlockMade& block : made) weight += block.entry.weight;
  const uint32_t shards = ShardCount(weight, layout);

  // The last build's shards, when their number holds and each can be read.
  std::vector<std::string> shard_paths(shards);
  for (uint32_t k = 0; k < shards; ++k) {
    shard_paths[k] = folder + "keys/" + std::to_string(k) + ".txt";
  }
  // The last build's shards hold the lines of the blocks that did not change, when their
  // number holds and each is as it left it.
  std::vector<char> shard_known(shards);
  ParallelFor(before && before->shards.size() == shards ? shards : 0, jobs,
              [&](size_t k, int) { shard_known[k] = previous.Size(shard_paths[k]).has_value(); });
  bool reuse = before && before->shards.size() == shards &&
               std::all_of(shard_known.begin(), shard_known.end(), [](char known) { return known; });
  const auto spell = [&](const std::vector<size_t>& blocks) {
    ParallelFor(blocks.size(), jobs, [&](size_t s, int) {
      BlockMade& block = made[blocks[s]];
      read_block(block);
      block.spelled = SpellBlock(block.bytes, block.documents, shards);
      block.bytes.clear();
      block.bytes.shrink_to_fit();
    });
  };
  const auto anew = [&] {  // the blocks whose lines are made anew
    std::vector<size_t> blocks;
    for (size_t b = 0; b < made.size(); ++b) {
      if (!made[b].lines_kept && made[b].spelled.empty()) blocks.push_back(b);
    }
    return blocks;
  };
  if (!reuse) {
    for (BlockMade& block : made) block.lines_kept = false;
  }
  spell(anew());

  // When the blocks are the last build's, one for one and in order (the pages changed
  // within them), a shard changes only where a changed block's keys in it changed: the
  // changed blocks' documents as they were tell which, and only those shards are read.
  std::vector<char> touched(shards, 1);
  bool one_for_one = reuse && made.size() == before->blocks.size();
  for (size_t b = 0; one_for_one && b < made.size(); ++b) {
    one_for_one = made[b].lines_kept ? made[b].before == b
                                     : previous.Size(folder + "pages/" + before->blocks[b].name + ".json").has_value();
  }
  if (one_for_one) {
    std::vector<size_t> changed;
    for (size_t b = 0; b < made.size(); ++b) {
      if (!made[b].lines_kept) changed.push_back(b);
    }
    std::vector<std::vector<std::string>> spelled_before(changed.size());
    ParallelFor(changed.size(), jobs, [&](size_t c, int) {
      const std::shared_ptr<const FileBytes> bytes =
          previous.Bytes(folder + "pages/" + before->blocks[changed[c]].name + ".json");
      const std::string_view view = bytes ? bytes->view() : std::string_view();
      spelled_before[c] = SpellBlock(view, DocumentsOf(view), shards);
    });
    for (size_t k = 0; k < shards; ++k) {
      touched[k] = false;
      for (size_t c = 0; c < changed.size() && !touched[k]; ++c) {
        touched[k] = made[changed[c]].spelled[k] != spelled_before[c][k];
      }
    }
  }
  std::vector<std::shared_ptr<const FileBytes>> shard_bytes(shards);
  std::vector<std::optional<OldShard>> old(shards);
  if (reuse) {
    ParallelFor(shards, jobs, [&](size_t k, int) {
      if (!touched[k]) return;
      shard_bytes[k] = previous.Bytes(shard_paths[k]);
      if (shard_bytes[k]) old[k] = ReadShard(shard_bytes[k]->view(), before->blocks.size());
      if (!old[k]) shard_bytes[k].reset();
    });
    for (size_t k = 0; k < shards && reuse; ++k) reuse = !touched[k] || old[k].has_value();
    if (!reuse) {  // a shard that cannot be read: every shard is made anew
      for (BlockMade& block : made) block.lines_kept = false;
      spell(anew());
      touched.assign(shards, 1);
    }
  }

  // Each shard: its keys with the blocks that have them (the last build's, less the lines
  // that go, plus the new lines), and a line per block.
  std::vector<OutputFile> shard_files(shards);
  std::vector<char> shard_unchanged(shards);
  Manifest manifest;
  manifest.shards.resize(shards);
  ParallelFor(shards, jobs, [&](size_t k, int) {
    if (!touched[k]) {
      shard_unchanged[k] = true;
      manifest.shards[k] = before->shards[k];
      return;
    }
    const OldShard* was = reuse ? &*old[k] : nullptr;
    // The keys, each with the number of blocks that have it: the last build's, less its
    // lines that go, plus the new lines.
    std::vector<std::pair<ShardKey, int64_t>> changes;
    std::vector<SearchKeyKind> kinds_before;
    if (was) {
      std::vector<char> line_stays(was->lines.size());
      for (const BlockMade& block : made) {
        if (block.lines_kept) line_stays[block.before] = 1;
      }
      for (const auto& [key, count] : was->keys) {
        changes.push_back({key, static_cast<int64_t>(count)});
        kinds_before.push_back(key.kind);
      }
      for (size_t line = 0; line < was->lines.size(); ++line) {
        if (line_stays[line]) continue;
        ForEachKey(was->bytes.substr(was->lines[line].first, was->lines[line].second),
                   kinds_before,
                   [&](size_t key, std::string_view) { changes.push_back({was->keys[key].first, -1}); });
      }
    }
    std::vector<std::vector<SpelledKey>> new_lines(made.size());
    for (size_t b = 0; b < made.size(); ++b) {
      if (made[b].lines_kept) continue;
      new_lines[b] = ReadSpelled(made[b].spelled[k]);
      for (const SpelledKey& key : new_lines[b]) changes.push_back({key.key, 1});
    }
    // A shard has a few hundred keys, each in many blocks: they are gathered one by one in
    // order rather than all sorted.
    std::vector<std::pair<ShardKey, int64_t>> summed;
    for (const auto& [key, change] : changes) {
      const auto at = std::lower_bound(summed.begin(), summed.end(), key,
                                       [](const auto& entry, const ShardKey& key) { return entry.first < key; });
      if (at != summed.end() && at->first == key) {
        at->second += change;
      } else {
        summed.insert(at, {key, change});
      }
    }
    std::vector<std::pair<ShardKey, uint64_t>> keys;  // sorted: a key's number is its place
    for (const auto& [key, count] : summed) {
      if (count > 0) keys.push_back({key, static_cast<uint64_t>(count)});
    }
    const auto number = [&](const ShardKey& key) {
      return static_cast<int64_t>(
          std::lower_bound(keys.begin(), keys.end(), key,
                           [](const auto& entry, const ShardKey& key) { return entry.first < key; }) -
          keys.begin());
    };
    const bool same_keys =
        was && was->keys.size() == keys.size() &&
        std::equal(keys.begin(), keys.end(), was->keys.begin(),
                   [](const auto& a, const auto& b) { return a.first == b.first; });

    // The lines: a kept line as it was (renumbered when the keys changed), a new one made.
    std::vector<std::string> lines(made.size());
    for (size_t b = 0; b < made.size(); ++b) {
      std::string& line = lines[b];
      int64_t last = -1;
      const auto append = [&](const ShardKey& key, std::string_view postings) {
        const int64_t n = number(key);
        AppendNumber(line, static_cast<uint64_t>(n - last - 1));
        last = n;
        line += postings;
      };
      if (!made[b].lines_kept) {
        for (const SpelledKey& key : new_lines[b]) append(key.key, key.postings);
      } else if (!same_keys) {
        const auto [offset, size] = was->lines[made[b].before];
        ForEachKey(was->bytes.substr(offset, size), kinds_before,
                   [&](size_t key, std::string_view postings) {
                     append(was->keys[key].first, postings);
                   });
      }
    }
    std::string head;
    bool first = true;
    for (const auto& [key, count] : keys) {
      if (!first) head += ' ';
      first = false;
      head += static_cast<char>(key.kind);
      AppendNumber(head, count);
      if (key.kind == SearchKeyKind::kPair) AppendUtf8(head, static_cast<char32_t>(key.code >> 21));
      if (key.kind == SearchKeyKind::kWord) {
        head += key.word;
      } else {
        AppendUtf8(head, static_cast<char32_t>(key.code & 0x1FFFFF));
      }
    }
    head += '\n';
    for (size_t b = 0; b < made.size(); ++b) {
      const bool as_was = made[b].lines_kept && same_keys;
      AppendNumber(head, as_was ? was->lines[made[b].before].second : lines[b].size());
    }
    head += '\n';
    RecordFileMaker file(shard_paths[k], shard_bytes[k]);
    file.AddOrKeep(head);
    for (size_t b = 0; b < made.size(); ++b) {
      if (made[b].lines_kept && same_keys) {
        const auto [offset, size] = was->lines[made[b].before];
        file.Keep(offset, size + 1);
      } else {
        lines[b] += '\n';
        file.AddOrKeep(lines[b]);
      }
    }
    shard_unchanged[k] = file.Unchanged();
    shard_files[k] = file.Finish();
    manifest.shards[k] =
        shard_unchanged[k] ? before->shards[k] : Version(shard_files[k].Bytes());
  });

  index.paths.push_back(manifest_path);
  for (BlockMade& block : made) {
    index.paths.push_back(block.path);
    manifest.blocks.push_back(block.entry);
    const auto file = static_cast<uint32_t>(index.paths.size() - 1);
    for (const RecordLines& document : block.documents) {
      index.documents.push_back({file, document.offset, document.size});
    }
    if (!block.unchanged) index.changed.push_back(std::move(*block.file));
  }
  for (uint32_t k = 0; k < shards; ++k) {
    index.paths.push_back(shard_paths[k]);
    if (!shard_unchanged[k]) index.changed.push_back(std::move(shard_files[k]));
  }
  // index.txt last: a browser reading it while the others are written finds them new.
  RecordFileMaker file(manifest_path, manifest_before);
  file.AddOrKeep(WriteManifest(manifest));
  if (!file.Unchanged()) index.changed.push_back(file.Finish());
  return index;
}

}  // namespace kiosk
