#include "check/checker.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "base/text.h"
#include "check/page_context.h"

namespace kiosk::check {

bool Describes(const CheckOptions& options, Level level) {
  return !options.describe_up_to || WithinLevel(level, *options.describe_up_to);
}

std::vector<Finding> CheckPage(const HtmlDocument& page, const std::vector<PageStylesheet>& sheets,
                               const CheckOptions& options, CascadeCache* cascade) {
  PageContext context(page, sheets, options, cascade);
  CheckImages(context);
  CheckStructure(context);
  CheckLinkRules(context);
  CheckPageRules(context);
  CheckCss(context);
  CheckGuideTiles(context);
  std::vector<Finding> findings = context.TakeFindings();
  // The page's own lines first, then each stylesheet's.
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.stylesheet, a.line, a.column, a.code) <
           std::tie(b.stylesheet, b.line, b.column, b.code);
  });
  return findings;
}

namespace {

// Removes "." and ".." segments of an absolute path.
std::string NormalisePath(const std::string& path) {
  std::vector<std::string> segments;
  std::string segment;
  bool directory = false;
  for (size_t i = 1; i <= path.size(); ++i) {
    if (i < path.size() && path[i] != '/') {
      segment += path[i];
      continue;
    }
    directory =
        i == path.size() ? (segment.empty() || segment == "." || segment == "..") : directory;
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    segment.clear();
  }
  std::string result;
  for (const std::string& part : segments) result += "/" + part;
  if (result.empty()) return "/";
  return directory ? result + "/" : result;
}

}  // namespace

namespace {

// A relative URL resolved against the file that holds it ("/css/site.css" + "base.css").
std::string ResolveAgainst(const std::string& base, const std::string& url) {
  if (url.empty() || url[0] == '/' || HasUrlScheme(url) || base.empty()) return url;
  const size_t slash = base.find_last_of('/');
  const std::string directory = slash == std::string::npos ? "/" : base.substr(0, slash + 1);
  if (directory.empty() || directory[0] != '/') return directory + url;
  return NormalisePath(directory + url);
}

}  // namespace

// The stylesheets one page may load, imports included: relative imports that resolve to ever
// new paths (through a folder linked to itself) would otherwise fan out to the depth limit,
// thousands of sheets (a 5 KB stylesheet took 50 s and 2 GB). A real page loads a handful.
constexpr size_t kMaxStylesheets = 64;

std::vector<PageStylesheet> CollectStylesheets(const HtmlDocument& page,
                                               const StylesheetLoader& load,
                                               StylesheetCache* cache) {
  const auto parse = [cache](std::string_view css, int line, int column) {
    return cache ? cache->Parse(css, line, column)
                 : std::make_shared<const Stylesheet>(ParseStylesheet(css, line, column));
  };
  std::vector<PageStylesheet> sheets;
  std::set<std::string> loaded;
  // Adds a sheet after what it imports, as the cascade orders them.
  std::function<void(PageStylesheet, int)> add = [&](PageStylesheet sheet, int depth) {
    if (depth < 8 && load) {
      for (const CssImport& import : sheet.parsed->imports) {
        const std::string href = ResolveAgainst(sheet.href, import.url);
        if (href.empty() || loaded.size() >= kMaxStylesheets || !loaded.insert(href).second) {
          continue;
        }
        const std::optional<std::string> text = load(href);
        if (!text) continue;
        PageStylesheet imported;
        imported.parsed = parse(*text, 1, 1);
        imported.href = href;
        imported.media = import.media.empty()  ? sheet.media
                         : sheet.media.empty() ? import.media
                                               : sheet.media + " and " + import.media;
        imported.alternate = sheet.alternate;
        imported.line = sheet.line;
        add(std::move(imported), depth + 1);
      }
    }
    sheets.push_back(std::move(sheet));
  };

  for (int id = 1; id < static_cast<int>(page.nodes().size()); ++id) {
    const HtmlNode& node = page.node(id);
    if (!node.is_element() || (node.name != "link" && node.name != "style")) continue;
    bool in_svg = false;
    for (int at = node.parent; at > 0; at = page.node(at).parent) {
      if (page.node(at).name == "svg") in_svg = true;
    }
    if (in_svg) continue;
    if (node.name == "link") {
      const std::string rel =
          " " + Lower(CollapseSpace(node.Find("rel") ? *node.Find("rel") : "")) + " ";
      const std::string* href = node.Find("href");
      if (rel.find(" stylesheet ") == std::string::npos || !href || IsBlank(*href) || !load)
        continue;
      const std::string url = CollapseSpace(*href);
      if (!loaded.insert(url).second) continue;
      const std::optional<std::string> text = load(url);
      if (!text) continue;
      PageStylesheet sheet;
      sheet.parsed = parse(*text, 1, 1);
      sheet.href = url;
      sheet.media = node.Find("media") ? CollapseSpace(*node.Find("media")) : "";
      sheet.alternate = rel.find(" alternate ") != std::string::npos;
      sheet.line = node.line;
      add(std::move(sheet), 0);
    } else {
      const std::string type = node.Find("type") ? Lower(CollapseSpace(*node.Find("type"))) : "";
      if (!type.empty() && type != "text/css") continue;
      std::string text;
      int line = node.line;
      int column = node.column;
      bool first = true;
      for (int child : node.children) {
        if (!page.node(child).is_text()) continue;
        if (first) {
          line = page.node(child).line;
          column = page.node(child).column;
          first = false;
        }
        text += page.node(child).text;
      }
      PageStylesheet sheet;
      sheet.parsed = parse(text, line, column);
      sheet.media = node.Find("media") ? CollapseSpace(*node.Find("media")) : "";
      sheet.line = node.line;
      add(std::move(sheet), 0);
    }
  }
  return sheets;
}

namespace {

std::string Trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

// Another site, or mail, phone and the like: links no check follows. (An http address may
// still be the site's own.)
bool LeadsElsewhere(std::string_view href) {
  if (StartsWith(href, "//")) return true;
  if (!HasUrlScheme(href)) return false;
  const std::string scheme = Lower(href.substr(0, href.find(':')));
  return scheme != "http" && scheme != "https";
}

// Whether "#fragment" leads somewhere on a page with these ids ("#top" always does).
bool FragmentResolves(const std::set<std::string>& ids, const std::string& fragment) {
  if (fragment.empty() || ids.count(fragment)) return true;
  const std::string id = DecodeUrlPath(fragment);
  return Lower(id) == "top" || ids.count(id) > 0;
}

}  // namespace

PageLinks CollectLinks(const HtmlDocument& page, const std::string& url) {
  PageLinks links;
  links.url = url;
  for (int id = 1; id < static_cast<int>(page.nodes().size()); ++id) {
    const HtmlNode& node = page.node(id);
    if (!node.is_element()) continue;
    if (const std::string* value = node.Find("id"); value && !value->empty()) {
      links.ids.insert(*value);
    }
    if (node.name == "a") {
      if (const std::string* name = node.Find("name"); name && !name->empty()) {
        links.ids.insert(*name);
      }
    }
  }
  // Kept for the site-wide check: the links it may find broken. A site's pages hold hundreds
  // of thousands of links, so those settled here are not kept: fragments of this page that
  // resolve, and links that lead elsewhere.
  for (int id = 1; id < static_cast<int>(page.nodes().size()); ++id) {
    const HtmlNode& node = page.node(id);
    const bool image = node.name == "img";
    if (!node.is_element() || (node.name != "a" && node.name != "area" && !image)) continue;
    const std::string* href = node.Find(image ? "src" : "href");
    if (!href) continue;
    const std::string trimmed = Trimmed(*href);
    if (trimmed.empty()) continue;
    if (trimmed.front() == '#' && FragmentResolves(links.ids, trimmed.substr(1))) continue;
    if (LeadsElsewhere(trimmed)) continue;
    LinkRef link{*href, node.line, node.column, page.Snippet(id)};
    link.image = image;
    links.links.push_back(std::move(link));
  }
  return links;
}

std::vector<std::vector<Finding>> CheckLinks(const std::vector<PageLinks>& pages,
                                             const LinkCheckOptions& options) {
  std::map<std::string, size_t> by_path;
  for (size_t i = 0; i < pages.size(); ++i) {
    std::string path = DecodeUrlPath(pages[i].url);
    if (path.empty() || path[0] != '/') path = "/" + path;
    by_path.emplace(path, i);
  }
  std::string base = options.base_url;
  if (!base.empty() && base.back() != '/') base += '/';
  // Pages are known by their path as a browser asks for it, the site's own path included
  // ("/office/faq/" for a site at https://example.gov.tw/office/).
  std::string base_path = "/";
  if (const size_t scheme = base.find("://"); scheme != std::string::npos) {
    const size_t path = base.find('/', scheme + 3);
    if (path != std::string::npos) base_path = base.substr(path);
  } else if (!base.empty() && base.front() == '/') {
    base_path = base;
  }
  std::map<std::string, std::optional<std::set<std::string>>> other_pages;  // by path
  const auto ids_of_other_page = [&](const std::string& path) {
    auto [known, inserted] = other_pages.try_emplace(path);
    if (inserted && options.page_ids) known->second = options.page_ids(path);
    return known->second;
  };

  std::vector<std::vector<Finding>> findings(pages.size());
  for (size_t i = 0; i < pages.size(); ++i) {
    const std::string page_path = DecodeUrlPath(pages[i].url);
    FindingLimit limit;
    for (const LinkRef& link : pages[i].links) {
      std::string href = Trimmed(link.href);
      if (href.empty()) continue;
      if (!base.empty() && Lower(href.substr(0, base.size())) == Lower(base)) {
        href = base_path + href.substr(base.size());
      } else if (HasUrlScheme(href) || StartsWith(href, "//")) {
        continue;  // another site (CollectLinks kept only its http links)
      }
      std::string fragment;
      if (const size_t hash = href.find('#'); hash != std::string::npos) {
        fragment = href.substr(hash + 1);
        href.resize(hash);
      }
      href = href.substr(0, href.find('?'));
      std::string path;
      if (href.empty()) {
        path = page_path;
      } else if (href[0] == '/') {
        path = NormalisePath(DecodeUrlPath(href));
      } else {
        path = ResolveAgainst(
            page_path.empty() || page_path.back() == '/' ? page_path + "x" : page_path,
            DecodeUrlPath(href));
      }
      auto target = by_path.find(path);
      if (target == by_path.end() && EndsWith(path, "/index.html")) {
        target = by_path.find(path.substr(0, path.size() - 10));
      }
      if (target == by_path.end() && !path.empty() && path.back() != '/') {
        target = by_path.find(path + "/");
      }
      std::string zh;
      std::string en;
      const bool exists = target == by_path.end() && options.file_exists &&
                          (options.file_exists(path) || options.file_exists(DecodeUrlPath(href)));
      if (link.image) {
        if (exists || !options.file_exists) continue;
        zh = "圖片的來源 " + path + " 不存在，只會顯示替代文字 — 修正 src，或補上圖片檔";
        en = "the image's source " + path +
             " does not exist, so only its alt text shows — fix the src, or add the file";
      } else if (target == by_path.end()) {
        if (!options.file_exists && path.back() != '/') continue;  // a file: no way to tell
        if (!exists) {
          zh = "鏈結的目標 " + path + " 不存在 — 修正網址，或補上該頁";
          en = "the link leads to " + path +
               ", which does not exist — fix the address, or add "
               "the page";
        } else {
          // A file, or a page not checked this time: its fragments, if it is a page.
          const std::optional<std::set<std::string>> ids =
              fragment.empty() ? std::nullopt : ids_of_other_page(path);
          if (!ids || FragmentResolves(*ids, fragment)) continue;
          const std::string id = DecodeUrlPath(fragment);
          zh = "鏈結的錨點 #" + id + " 在 " + path + " 中不存在 — 改成該頁標題的 id";
          en = "the link's #" + id + " is no id on " + path + " — use the id of a heading there";
        }
      } else {
        if (FragmentResolves(pages[target->second].ids, fragment)) continue;
        const std::string id = DecodeUrlPath(fragment);
        zh = "鏈結的錨點 #" + id + " 在 " + target->first + " 中不存在 — 改成該頁標題的 id";
        en = "the link's #" + id + " is no id on " + target->first +
             " — use the id of a heading there";
      }
      const Rule* rule = FindRule(link.image ? "KS1110101C" : "KS1240400C");
      if (!limit.Admit(*rule, link.line, link.column)) continue;
      Finding finding;
      finding.code = std::string(rule->code);
      finding.level = rule->level;
      finding.criterion = std::string(rule->criterion);
      finding.message_zh = std::move(zh);
      finding.message_en = std::move(en);
      finding.line = link.line;
      finding.column = link.column;
      finding.snippet = link.snippet;
      finding.source_file = link.source_file;
      finding.source_line = link.source_line;
      findings[i].push_back(std::move(finding));
    }
    for (Finding& summary : limit.Summaries()) findings[i].push_back(std::move(summary));
  }
  return findings;
}

}  // namespace kiosk::check
