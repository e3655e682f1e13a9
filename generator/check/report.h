// The three forms of a `kiosk check` report: text for the terminal, JSON for tools, and an
// accessible HTML page in the manner of Freego's report (per page, the failed codes with
// their levels; counts per level; the date), for a secretariat to keep with its badge
// application.
#pragma once

#include <string>
#include <vector>

#include "check/rules.h"

namespace kiosk::check {

struct ReportOptions {
  Level level = Level::kAA;  // the target level: findings above it are notices
  // List the notices too (text and JSON); else they are only counted, and a site that passes
  // its level reads as passing. The HTML report always counts them only.
  bool notices = false;
  Edition edition = Edition::k115_11;
  std::string site_name;  // for the HTML report's title, e.g. "範例市清溪區公所"
  std::string date;       // the day of the check, "2026-06-01" (passed in: reports reproduce)
};

// Grouped by page: each failure (and notice, when asked for) with its outcome, code, level,
// criterion, line, both messages and snippet; then a summary, which counts the notices.
// Pages with nothing listed are not listed.
std::string TextReport(const std::vector<PageFindings>& pages, const ReportOptions& options);
// {"edition", "level", "date", "pages_checked", "notices", "findings": [{"code", "level",
// "criterion", "outcome", "page", "line", "column", "stylesheet", "source_file",
// "source_line", "message": {"zh", "en"}, "snippet"}]}: the failures (and notices, when asked
// for); "notices" counts the notices; source_file and source_line are null when unknown.
std::string JsonReport(const std::vector<PageFindings>& pages, const ReportOptions& options);
// A complete, valid HTML page (lang, headings, tables with captions and th scope).
std::string HtmlReport(const std::vector<PageFindings>& pages, const ReportOptions& options);

}  // namespace kiosk::check
