// Files made of one record per page and line, which an incremental build can update line by
// line: the open data (政府資料開放: every FAQ question and answer and every service's facts,
// as JSON and CSV under data/, under the Open Government Data License) and the search index
// of each language.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "render/page_renderer.h"
#include "site/site.h"

namespace kiosk {

// The records of one page: one line each, for every open-data file it appears in.
struct PageRecords {
  std::vector<std::string> faq_json, faq_csv, services_json, services_csv;
  std::vector<std::string> search;  // the page in its language's search index
};

// The files RenderRecordFiles writes for a site.
std::vector<std::string> RecordFilePaths(const SiteConfig& config);

// The search index of a language: "search-index.json", "en/search-index.json".
std::string SearchIndexPath(const SiteConfig& config, const std::string& language);

// The records of a content page (its body and fields must be parsed).
PageRecords PageRecordsOf(const Site& site, const Page& page);

// data/faq.json, data/faq.csv, data/services.json, data/services.csv and the search indexes.
// Each record is one line, so that an incremental build can keep the lines of pages it did
// not render: `previous(path)` gives the file as the last build wrote it (or null), and a
// page keeps its lines there unless `renew(page)`. A file that keeps lines is made of pieces
// of its previous version (OutputFile::kept) and is not copied whole. The pages that get
// new records are passed to `prepare` first (their bodies must be parsed), then made on
// `jobs` threads. Only the files `needed` are made.
std::vector<OutputFile> RenderRecordFiles(
    const Site& site, const std::function<bool(int page)>& renew,
    const std::function<void(const std::vector<int>& pages)>& prepare,
    const std::function<std::shared_ptr<const FileBytes>(const std::string& path)>& previous,
    const std::function<bool(const std::string& path)>& needed, int jobs);

}  // namespace kiosk
