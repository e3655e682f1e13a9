// 政府資料開放: every FAQ question and answer and every service's facts, in both languages,
// as JSON and CSV under data/, under the Open Government Data License.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "render/page_renderer.h"
#include "site/site.h"

namespace kiosk {

// The records of one page: one line each, for every open-data file it appears in.
struct OpenDataRecords {
  std::vector<std::string> faq_json, faq_csv, services_json, services_csv;
};

// The files RenderOpenData writes.
const std::vector<std::string>& OpenDataPaths();

// The records of a FAQ or service page (its body and fields must be parsed).
OpenDataRecords PageOpenData(const Site& site, const Page& page);

// data/faq.json, data/faq.csv, data/services.json, data/services.csv. Each record is one
// line, so that an incremental build can keep the lines of pages it did not render:
// `records(page, has_previous)` gives a page's records, or nullopt to keep its lines from
// `previous(path)` (the file as the last build wrote it).
std::vector<OutputFile> RenderOpenData(
    const Site& site,
    const std::function<std::optional<OpenDataRecords>(int page, bool has_previous)>& records,
    const std::function<std::optional<std::string>(const std::string& path)>& previous);

}  // namespace kiosk
