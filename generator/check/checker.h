// The rules engine of `kiosk check`: every machine check of 網站無障礙規範 (edition 115.11,
// or 110.07 for today's Freego) on one page, and the site-wide link check.
//
// A page is checked at every level; the caller decides afterwards what is a failure and what
// a notice for the level it targets (Classify in rules.h). The checker reads nothing from
// disk: linked stylesheets come through a callback, so the caller decides file access.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "check/css.h"
#include "check/html_document.h"
#include "check/rules.h"
#include "check/style.h"

namespace kiosk::check {

struct CheckOptions {
  Edition edition = Edition::k115_11;
  // The checks of 110.07 that 115.11 withdrew (HM1410100C, W3C validity; HM1110102C,
  // longdesc): made under 115.11 too while today's Freego, which follows 110.07, reports
  // them, so that a site that passes here passes there. Under 110.07 they are always made.
  bool withdrawn = true;
  // kiosk's own checks (KS…): contrast, 導盲磚 accesskeys, meaningful alt text.
  bool extensions = true;
  // HM1240401C's second half: a link with text right before or after it in the same element
  // needs a title too.
  bool link_context_title = true;
  // A <select> with more options than this needs <optgroup>s (HM1130103C).
  int long_select_options = 10;
  // The screen width (CSS px) at which media queries are read for colours and sizes.
  double viewport_width = 1280;
  // Findings above this level are counted but not described: they have no messages, snippet
  // or source (a build only counts its notices). nullopt: all are described.
  std::optional<Level> describe_up_to;
};

// Whether findings of this level get their messages, snippet and source.
bool Describes(const CheckOptions& options, Level level);

// What the checks of a site's pages share, so that what one page needed serves the next:
// each stylesheet parsed once, and the cascade's memo. Safe to share between threads.
struct CheckCache {
  StylesheetCache stylesheets;
  CascadeCache cascade;
};

// The findings of one page, in the order of their lines. `sheets`: the page's stylesheets as
// CollectStylesheets returns them; style="" attributes are read from the page itself.
std::vector<Finding> CheckPage(const HtmlDocument& page, const std::vector<PageStylesheet>& sheets,
                               const CheckOptions& options = {}, CascadeCache* cascade = nullptr);

// Reads a linked stylesheet given its href as the page (or an @import) writes it; nullopt
// when it is not a local file that can be read (it is then left out).
using StylesheetLoader = std::function<std::optional<std::string>(const std::string& href)>;

// The stylesheets a page uses, in cascade order: <link rel="stylesheet"> (and alternate ones,
// marked), <style> elements with the page's line numbers, and what they @import (resolved
// against the importing file's href, each file once, 64 files at most: kMaxStylesheets).
// With a cache, each stylesheet's text is parsed once however many pages use it.
std::vector<PageStylesheet> CollectStylesheets(const HtmlDocument& page,
                                               const StylesheetLoader& load,
                                               StylesheetCache* cache = nullptr);

// A link, or an image's source, as written in a page.
struct LinkRef {
  std::string href;
  int line = 0;
  int column = 0;
  std::string snippet;
  bool image = false;  // <img src>: it must be a file
  // The Markdown (or template) line that produced it, when the page's origin is known.
  std::string source_file;
  int source_line = 0;
};

// What the site-wide link check needs of a page.
struct PageLinks {
  std::string url;            // the page's URL path, e.g. "/faq/id-card/" (encoded or not)
  std::set<std::string> ids;  // fragment targets: id attributes and <a name>
  // hrefs of <a> and <area>, and srcs of <img>, that the site-wide check may find broken
  std::vector<LinkRef> links;
};
PageLinks CollectLinks(const HtmlDocument& page, const std::string& url);

struct LinkCheckOptions {
  // The site's own absolute address ("https://qingxi.example.gov.tw/"): links starting with
  // it are internal. Pages' urls include its path ("/office/faq/" for ".../office/").
  std::string base_url;
  // Whether a URL path that is not among the pages exists: a PDF form, an image, a page not
  // checked this time. Without it, links to such files and images are not checked.
  std::function<bool(const std::string& path)> file_exists;
  // The fragment targets of a page not among the pages, for links to its #fragments;
  // nullopt when it is no page (its fragments are then not checked).
  std::function<std::optional<std::set<std::string>>(const std::string& path)> page_ids;
};

// Internal links that lead nowhere, as KS1240400C findings, and images whose source is no
// file, as KS1110101C: one list per page, in the order of `pages`. A link resolves when its
// path is one of the pages (index.html and a missing final "/" allowed) or an existing file,
// and its #fragment is an id on the target page.
std::vector<std::vector<Finding>> CheckLinks(const std::vector<PageLinks>& pages,
                                             const LinkCheckOptions& options = {});

}  // namespace kiosk::check
