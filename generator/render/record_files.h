// Files made of one record per page and line, which an incremental build can update line by
// line: the open data (政府資料開放: every FAQ question and answer and every service's facts,
// as JSON and CSV under data/, under the Open Government Data License). The search index
// (search/search_index.h) is made of such lines too.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "render/page_renderer.h"
#include "site/site.h"

namespace kiosk {

// The records of one page: one line each, for every open-data file it appears in.
struct PageRecords {
  std::vector<std::string> faq_json, faq_csv, services_json, services_csv;
};

// A field of a record: its name, and its value, written on one line (line breaks and tabs
// as spaces), as tools that read open data expect.
struct RecordField {
  const char* name;
  std::string value;
};

// A record as one line of JSON: {"name":"value",...}.
std::string JsonRecord(const std::vector<RecordField>& fields);

// The files RenderRecordFiles writes for a site, in the order that indexes them.
std::vector<std::string> RecordFilePaths();

// Which record files list one of `pages` (by index into RecordFilePaths): a page is in the
// open data of its type.
std::vector<char> RecordFilesListing(const Site& site, const std::vector<int>& pages);

// The records of a content page (its body and fields must be parsed).
PageRecords PageRecordsOf(const Site& site, const Page& page);

// Where a page's lines are in a record file: from its first line to the end of its last.
struct RecordLines {
  uint64_t offset = 0;
  uint64_t size = 0;  // 0: the page is listed without lines (a FAQ page without questions)
};

// A record file made by RenderRecordFiles.
struct RecordFile {
  size_t index = 0;  // into RecordFilePaths
  OutputFile file;
  bool unchanged = false;  // the previous file's bytes, all of them: nothing to write
  std::vector<std::pair<int, RecordLines>> lines;  // each page's lines in it, by page
};

// data/faq.json, data/faq.csv, data/services.json and data/services.csv. Each record is one line, so that an incremental build can keep the lines of pages it did
// not render. `previous` holds the files the last build wrote, by index into RecordFilePaths
// (null, or no entry, when there is none it can use); `previous_lines(file, page)` says
// where a page's lines are in one of them (nullopt when the page was not in it), and is asked
// only of files `previous` holds. A page keeps its lines in the previous file unless
// `renew(page)` or they are not known, and a renewed page whose lines came out the same
// keeps them too. A file that
// keeps lines is made of pieces of its previous version (OutputFile::kept) and is not copied
// whole; one that keeps them all is RecordFile::unchanged. The pages that get new records are
// passed to `prepare` first (their bodies must be parsed), then made on `jobs` threads. Only the
// files `needed` are made.
std::vector<RecordFile> RenderRecordFiles(
    const Site& site, const std::function<bool(int page)>& renew,
    const std::function<void(const std::vector<int>& pages)>& prepare,
    const std::vector<std::shared_ptr<const FileBytes>>& previous,
    const std::function<std::optional<RecordLines>(size_t file, int page)>& previous_lines,
    const std::function<bool(size_t file)>& needed, int jobs);

}  // namespace kiosk
