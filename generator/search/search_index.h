// The site search's index of a language, split so that a query fetches little of it (whole,
// at 10,000 pages it was 6.7 MB per language, all fetched by the first query). In the
// language's folder:
//
//   search-index/index.txt        what the index holds: the number of shards and the blocks,
//                                 each with the version of its bytes, which search.js puts
//                                 in the address it fetches, so that no browser mixes the
//                                 files of two builds
//   search-index/pages/NAME.json  a block: the documents of about 16 pages in a row (address,
//                                 title, section, description, text), for the results list
//   search-index/keys/N.txt       a shard: the keys (search/search_keys.h) that hash to N,
//                                 and the pages of each block that have each
//
// A query fetches index.txt, the shards of its keys and the blocks of the results it shows.
// A block begins at a page whose address says so (one in 16 on average) and ends early when
// full, so that an edit, an addition or a removal changes the block of its page and seldom
// another; a shard has a line per block, so that a changed block changes one line of each
// shard. The number of shards grows with the text, so that a shard keeps about one size.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fs/file_system.h"
#include "incremental/build_log.h"
#include "render/page_renderer.h"
#include "site/site.h"

namespace kiosk {

struct SearchIndexLayout {
  uint32_t pages_per_block = 12;     // on average
  uint64_t block_bytes = 16 * 1024;  // a block ends before its documents pass this
  uint64_t shard_bytes = 16 * 1024;  // the size of shard aimed at
  bool operator==(const SearchIndexLayout&) const = default;
};

// The folder of a language's search index: "search-index/", "en/search-index/".
std::string SearchIndexFolder(const SiteConfig& config, const std::string& language);

// A page's document in its language's index: one line of JSON with its address ("u"),
// title ("t"), section ("s"), description ("d") and text ("x"). Its body must be parsed.
std::string SearchDocument(const Site& site, const Page& page);

// A document where a build wrote it: its bytes in a file of the output folder.
struct SearchDocumentAt {
  std::string_view file;  // relative to the output folder
  uint64_t offset = 0;
  uint64_t size = 0;
};

// The files the last build left in the output folder. Asked from several threads at once.
class PreviousOutput {
 public:
  virtual ~PreviousOutput() = default;
  // The size of a file as the last build left it; nullopt when it did not write it, or it is
  // gone or changed since.
  virtual std::optional<uint64_t> Size(const std::string& path) const = 0;
  // Its bytes (asked only of files whose size is known), or null when they cannot be read.
  virtual std::shared_ptr<const FileBytes> Bytes(const std::string& path) const = 0;
};

// A page of the index, in order.
struct SearchIndexPage {
  std::string_view page_file;  // its HTML file, which names the blocks and says where they begin
  std::string document;        // made now; or empty, and `previous` holds it
  // Where the last build wrote its document, in a file PreviousOutput knows (the path
  // outlives MakeSearchIndex): kept from there when there is no document made now or it is
  // the same.
  std::optional<SearchDocumentAt> previous;
};

struct SearchIndexFiles {
  std::vector<std::string> paths;     // every file of the index, index.txt first
  std::vector<OutputFile> changed;    // the files whose bytes changed
  std::vector<RecordRun> documents;   // by page: where its document is now (file: in `paths`)
};

// The index of `pages` (each with its document or where the last build put it) in `folder`
// (SearchIndexFolder), made of the last build's files where they still hold: the lines of
// the blocks and shards that did not change are kept, not read.
SearchIndexFiles MakeSearchIndex(const std::string& folder,
                                 const std::vector<SearchIndexPage>& pages,
                                 const PreviousOutput& previous, const SearchIndexLayout& layout,
                                 int jobs);

// The pages of a language's index: its content pages, in the site's order.
std::vector<int> SearchIndexPages(const Site& site, const std::string& language);

// Where blocks begin: `sizes` are the pages' documents' sizes, in order.
struct SearchBlock {
  std::string name;  // of its file, from its first page's address
  size_t first = 0;  // its first page
  size_t count = 0;
};
std::vector<SearchBlock> CutSearchBlocks(const std::vector<std::string_view>& page_files,
                                         const std::vector<uint64_t>& sizes,
                                         const SearchIndexLayout& layout);

}  // namespace kiosk
