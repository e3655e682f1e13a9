// Checking pages as a whole: one page's HTML with its stylesheets (for the build), and the
// HTML files of folders (for `kiosk check`), with findings traced to the Markdown or
// template that produced them.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/progress.h"
#include "check/checker.h"
#include "fs/file_system.h"

namespace kiosk::check {

struct CheckedPage {
  std::vector<Finding> findings;
  PageLinks links;
};

// Where a page came from, for tracing its findings. Elements inside Markdown carry
// data-sourcepos="line:col-…" (MarkdownOptions::source_positions): their findings get
// `markdown_file` and that line; the others get `template_file`.
struct PageOrigin {
  std::string markdown_file;
  std::string template_file;
};

// Checks one page. `url` is its URL path, for the link check. A cache, shared by the pages
// of a site (from any number of threads), saves parsing and cascading the same again.
//
// `unread`: text of the page that no rule reads, which the parse may skip: SVG path data
// (the value of a d attribute) or the text of a <script> of data (JSON-LD). Each is skipped
// where the page holds it whole as such a value or script text, and only when it holds
// nothing that could change how the page parses or what tidy reports ('<', '&', "--", a
// quote in an attribute, a line break, a control character, invalid UTF-8).
// Findings, links and lines keep the positions of the page as written; only the snippet of
// an element whose start tag holds such text shows one character in its place.
Result<CheckedPage> CheckHtml(std::string_view html, const std::string& url,
                              const StylesheetLoader& load, const CheckOptions& options,
                              const PageOrigin& origin = {}, CheckCache* cache = nullptr,
                              const std::vector<std::string>& unread = {});

// Every finding and link of a check, a line each, with its place, Markdown or template line
// and message (not its snippet): what two checks of one page must agree on.
std::string DescribeForComparison(const Result<CheckedPage>& checked);

struct FolderCheckOptions {
  CheckOptions check;
  // The site's address: "https://www.example.gov.tw/office/" or a path such as "/office/".
  // Root-relative links and stylesheets are read below it.
  std::string base_url = "/";
  // The steps ("check pages", "check links") and the pages checked, for a progress line.
  ProgressCallback progress;
};

// The kiosk output folder (marked by the .kiosk-output file kiosk writes) that is `path` or
// holds it; "" when there is none.
std::string FindOutputRoot(const FileSystem& fs, const std::string& path);

// Checks HTML files: every *.html below a folder, or a file on its own. The site's root is
// the kiosk output folder that holds them (so that `kiosk check output/faq/x/index.html`
// reads the site's stylesheets and finds the pages it links to), else the folder named, or
// the file's own. Also checks the links between the pages, and to the other files of the
// root. Files that cannot be read are reported to `problems`.
std::vector<PageFindings> CheckFiles(const FileSystem& fs, const std::vector<std::string>& paths,
                                     const FolderCheckOptions& options, Diagnostics& problems);

}  // namespace kiosk::check
