#include "check/page_check.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>

#include "base/text.h"

namespace kiosk::check {

namespace {

// The Markdown lines of a page's elements, to trace findings by where they are: a finding
// belongs to the last element before the first one that starts after it, and has the line
// of data-sourcepos on that element or its nearest ancestor that has one.
class SourceLines {
 public:
  explicit SourceLines(const HtmlDocument& page) : line_of_(page.nodes().size(), 0) {
    std::pair<int, int> reach{0, 0};
    for (int id = 0; id < static_cast<int>(page.nodes().size()); ++id) {
      const HtmlNode& node = page.node(id);
      if (const std::string* position = node.Find("data-sourcepos")) {
        line_of_[id] = std::atoi(position->c_str());
      } else if (node.parent >= 0) {
        line_of_[id] = line_of_[node.parent];
      }
      if (!node.is_element()) continue;
      reach = std::max(reach, std::pair(node.line, node.column));
      elements_.push_back(id);
      reach_.push_back(reach);
    }
  }

  // The Markdown line of what is at a line and column of the page; 0 when none.
  int Line(int line, int column) const {
    // Positions mostly grow in document order; their running maximum always does.
    const auto first_after =
        std::upper_bound(reach_.begin(), reach_.end(), std::pair(line, column));
    if (first_after == reach_.begin()) return 0;
    return line_of_[elements_[first_after - reach_.begin() - 1]];
  }

 private:
  std::vector<int> line_of_;                // by node
  std::vector<int> elements_;               // in document order
  std::vector<std::pair<int, int>> reach_;  // by element: the furthest position up to it
};

// "/office/css/site.css?v=2" -> "css/site.css" for a site at "/office/".
std::string PathBelowBase(std::string href, const std::string& base_path) {
  href = href.substr(0, href.find_first_of("?#"));
  if (StartsWith(href, base_path)) return href.substr(base_path.size());
  if (!href.empty() && href.front() == '/') return href.substr(1);
  return href;
}

// A page with its unread text left out: each run replaced by one character, on the same
// line, so that only the columns after it on that line move.
class PageWithoutUnread {
 public:
  PageWithoutUnread(std::string_view html, const std::vector<std::string>& unread) {
    // tidy counts a carriage return as a new line but goes on counting its columns: a page
    // with one (a theme saved with Windows line ends) is read whole.
    if (html.find('\r') != std::string_view::npos) return;
    std::vector<std::pair<size_t, size_t>> runs;  // offset, size
    for (const std::string& text : unread) {
      if (const size_t at = Find(html, text); at != std::string_view::npos) {
        runs.emplace_back(at, text.size());
      }
    }
    if (runs.empty()) return;
    std::sort(runs.begin(), runs.end());
    text_.reserve(html.size());
    size_t done = 0;
    int line = 1;
    size_t line_start = 0;  // the offset in `html` of the current line
    for (const auto& [offset, size] : runs) {
      if (offset < done) continue;  // overlapping: read as it is
      for (size_t at = html.find('\n', done); at < offset; at = html.find('\n', at + 1)) {
        ++line;
        line_start = at + 1;
      }
      text_.append(html.substr(done, offset - done));
      text_ += '0';
      // The columns of the one character in the text parsed, and of what follows it there.
      const int column = CharacterColumn(html.substr(line_start), offset - line_start);
      moves_.push_back({line, column, CharacterColumn(html.substr(offset), size) - 2});
      done = offset + size;
    }
    text_.append(html.substr(done));
    // Several runs on one line: each later one's column in the text parsed counts the
    // characters the ones before it left out.
    for (size_t i = 1; i < moves_.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (moves_[j].line == moves_[i].line) moves_[i].column -= moves_[j].left_out;
      }
    }
  }

  // The text to parse; `html` itself when nothing was left out.
  std::string_view Text(std::string_view html) const { return moves_.empty() ? html : text_; }

  // Whether each character standing in was read where its text was taken to be: as the d
  // attribute of a <path>, or as the text of a JSON-LD <script>, at its place. Markup broken
  // before it (an attribute's quote left open) can make the same bytes part of something
  // that rules read.
  bool ReadAsTaken(const HtmlDocument& page) const {
    size_t found = 0;
    for (int id = 0; id < static_cast<int>(page.nodes().size()); ++id) {
      const HtmlNode& node = page.node(id);
      std::pair<int, int> at{0, 0};
      if (node.is_element() && node.name == "path") {
        if (const std::string* d = node.Find("d"); d && *d == "0") {
          at = page.AttributePosition(id, "d");
        }
      } else if (node.is_text() && node.text == "0" && page.node(node.parent).name == "script") {
        at = {node.line, node.column};
      }
      for (const Move& move : moves_) found += move.line == at.first && move.column == at.second;
    }
    return found == moves_.size();
  }

  bool LeftOut() const { return !moves_.empty(); }

  // Nothing left out: the page is read whole.
  void ReadWhole() {
    text_.clear();
    moves_.clear();
  }

  // A line and column of the text parsed, made one of the page as written.
  void Restore(int line, int& column) const {
    int moved = 0;
    for (const Move& move : moves_) {
      if (move.line == line && column > move.column) moved += move.left_out;
    }
    column += moved;
  }

 private:
  struct Move {
    int line = 0;
    int column = 0;    // of the character standing in, in the text parsed
    int left_out = 0;  // characters of the page that it stands in for, less itself
  };

  // Where `text` is in `html` as a d attribute's value or as a data script's text.
  static size_t Find(std::string_view html, std::string_view text) {
    if (text.size() < 16 || text.find_first_of("<&") != std::string_view::npos ||
        text.find("--") != std::string_view::npos || !Plain(text)) {
      return std::string_view::npos;
    }
    const bool quoted = text.find_first_of("\"'>") == std::string_view::npos;
    for (size_t at = html.find(text); at != std::string_view::npos; at = html.find(text, at + 1)) {
      const std::string_view before = html.substr(0, at);
      const std::string_view after = html.substr(at + text.size());
      if (quoted && EndsWith(before, " d=\"") && StartsWith(after, "\"")) return at;
      if (EndsWith(before, "<script type=\"application/ld+json\">") &&
          StartsWith(after, "</script>")) {
        return at;
      }
    }
    return std::string_view::npos;
  }

  // Valid UTF-8 without what tidy reports where it stands (control characters, C1 codes,
  // noncharacters) or counts in columns otherwise (line breaks, tabs).
  static bool Plain(std::string_view text) {
    if (FindInvalidUtf8(text)) return false;
    for (size_t at = 0; at < text.size();) {
      const char32_t c = DecodeUtf8(text, at);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0xFDD0 && c <= 0xFDEF) ||
          (c & 0xFFFE) == 0xFFFE) {
        return false;
      }
    }
    return true;
  }


  std::string text_;
  std::vector<Move> moves_;
};

}  // namespace

Result<CheckedPage> CheckHtml(std::string_view html, const std::string& url,
                              const StylesheetLoader& load, const CheckOptions& options,
                              const PageOrigin& origin, CheckCache* cache,
                              const std::vector<std::string>& unread) {
  PageWithoutUnread without_unread(html, unread);
  Result<HtmlDocument> page = HtmlDocument::Parse(without_unread.Text(html), url);
  if (without_unread.LeftOut() && (!page || !without_unread.ReadAsTaken(*page))) {
    without_unread.ReadWhole();
    page = HtmlDocument::Parse(html, url);
  }
  if (!page) return page.error();
  const std::vector<PageStylesheet> sheets =
      CollectStylesheets(*page, load, cache ? &cache->stylesheets : nullptr);
  for (const PageStylesheet& sheet : sheets) {
    if (sheet.parsed->too_deep_line == 0) continue;
    return Diagnostic{Severity::kError,
                      SourceLocation{sheet.href.empty() ? url : sheet.href,
                                     sheet.parsed->too_deep_line, sheet.parsed->too_deep_column},
                      "the stylesheet nests blocks or :is(), :not() and :where() more than " +
                          std::to_string(kMaxCssNesting) + " deep, the most kiosk check reads",
                      "nest them less deeply"};
  }
  CheckedPage checked;
  checked.findings = CheckPage(*page, sheets, options, cache ? &cache->cascade : nullptr);
  checked.links = CollectLinks(*page, url);
  if (!origin.markdown_file.empty() || !origin.template_file.empty()) {
    std::optional<SourceLines> source_lines;  // made for the first finding that needs it
    const auto trace = [&](int line, int column, std::string& file, int& source_line) {
      if (line > 0 && !source_lines) source_lines.emplace(*page);
      source_line =
          line > 0 && !origin.markdown_file.empty() ? source_lines->Line(line, column) : 0;
      file = source_line > 0 ? origin.markdown_file : origin.template_file;
    };
    for (Finding& finding : checked.findings) {
      if (!finding.stylesheet.empty() || !Describes(options, finding.level)) continue;
      trace(finding.line, finding.column, finding.source_file, finding.source_line);
    }
    for (LinkRef& link : checked.links.links) {
      trace(link.line, link.column, link.source_file, link.source_line);
    }
    // The Markdown's images were looked for when it was read (CheckImageFiles).
    std::erase_if(checked.links.links,
                  [](const LinkRef& link) { return link.image && link.source_line > 0; });
  }
  for (Finding& finding : checked.findings) {
    if (finding.stylesheet.empty()) without_unread.Restore(finding.line, finding.column);
  }
  for (LinkRef& link : checked.links.links) without_unread.Restore(link.line, link.column);
  return checked;
}

std::string DescribeForComparison(const Result<CheckedPage>& checked) {
  if (!checked) return "cannot check: " + checked.error().format();
  std::string text;
  for (const Finding& finding : checked->findings) {
    text += finding.code + " at " + std::to_string(finding.line) + ":" +
            std::to_string(finding.column) + " (" + finding.source_file + ":" +
            std::to_string(finding.source_line) + "): " + finding.message_en + "\n";
  }
  for (const LinkRef& link : checked->links.links) {
    text += "link " + link.href + " at " + std::to_string(link.line) + ":" +
            std::to_string(link.column) + " (" + link.source_file + ":" +
            std::to_string(link.source_line) + ")\n";
  }
  return text;
}

std::string FindOutputRoot(const FileSystem& fs, const std::string& path) {
  for (std::string folder = fs.IsDirectory(path) ? path : ParentPath(path); !folder.empty();
       folder = ParentPath(folder)) {
    if (fs.IsFile(JoinPath(folder, ".kiosk-output"))) return folder;
  }
  return "";
}

std::vector<PageFindings> CheckFiles(const FileSystem& fs, const std::vector<std::string>& paths,
                                     const FolderCheckOptions& options, Diagnostics& problems) {
  // The path of the site's address: what follows "http(s)://host".
  std::string base_path = options.base_url;
  for (std::string_view scheme : {"http://", "https://"}) {
    if (StartsWith(base_path, scheme) && base_path.size() > scheme.size() &&
        base_path[scheme.size()] != '/') {
      base_path.erase(0, std::min(base_path.find('/', scheme.size()), base_path.size()));
    }
  }
  if (base_path.empty() || base_path.front() != '/') base_path = "/" + base_path;
  if (base_path.back() != '/') base_path += '/';

  struct PageFile {
    std::string root;      // the site folder
    std::string relative;  // below it
  };
  std::vector<PageFile> files;
  for (const std::string& path : paths) {
    // Inside a kiosk output folder, that folder is the root; else the folder named, or the
    // file's own.
    const bool folder = fs.IsDirectory(path);
    std::string root = FindOutputRoot(fs, path);
    if (root.empty()) root = folder ? path : ParentPath(path);
    // An empty root is the current folder, for a file named without one ("page.html").
    const std::string below = root.empty()                ? path
                              : path.size() > root.size() ? path.substr(root.size() + 1)
                                                          : "";
    if (folder) {
      Result<std::vector<std::string>> listed = fs.ListFiles(path);
      if (!listed) {
        problems.add(listed.error());
        continue;
      }
      for (const std::string& file : *listed) {
        if (EndsWith(file, ".html") || EndsWith(file, ".htm")) {
          files.push_back({root, JoinPath(below, file)});
        }
      }
    } else if (fs.IsFile(path)) {
      files.push_back({root, below});
    } else {
      problems.error({path, 0, 0}, "there is no such file or folder",
                     "name a built site's folder or HTML files");
    }
  }

  std::map<std::string, std::optional<std::string>> stylesheets;  // read each file once
  CheckCache cache;  // parse it once, and share the cascade's work between pages
  std::vector<PageFindings> results;
  std::vector<PageLinks> links;
  if (options.progress) options.progress("check pages", 0, 0);
  ProgressCounter pages_checked(options.progress, files.size());
  for (const PageFile& file : files) {
    const std::string full = JoinPath(file.root, file.relative);
    Result<std::string> html = fs.ReadFile(full);
    if (!html) {
      problems.add(html.error());
      continue;
    }
    const std::string folder = ParentPath(file.relative);
    const auto load = [&](const std::string& href) -> std::optional<std::string> {
      if (href.find("://") != std::string::npos || StartsWith(href, "//")) return std::nullopt;
      const std::string decoded = DecodeUrlPath(PathBelowBase(href, base_path));
      const std::optional<std::string> below =
          href.front() == '/' ? std::optional(decoded) : ResolvePath(folder, decoded);
      if (!below) return std::nullopt;
      const std::string target = JoinPath(file.root, *below);
      auto [cached, inserted] = stylesheets.try_emplace(target);
      if (inserted) {
        Result<std::string> text = fs.ReadFile(target);
        if (text) cached->second = std::move(*text);
      }
      return cached->second;
    };
    std::string url = base_path + file.relative;
    if (EndsWith(url, "/index.html")) url.resize(url.size() - 10);
    Result<CheckedPage> checked =
        CheckHtml(*html, EncodeUrlPath(url), load, options.check, {}, &cache);
    pages_checked.Done();
    if (!checked) {
      Diagnostic problem = checked.error();
      problem.where.file = full;  // the file as given, not its address
      problems.add(std::move(problem));
      continue;
    }
    results.push_back({full, std::move(checked->findings)});
    links.push_back(std::move(checked->links));
  }

  if (options.progress) options.progress("check links", 0, 0);
  LinkCheckOptions link_options;
  link_options.base_url = options.base_url;
  const std::string root = files.empty() ? "" : files.front().root;
  // The file a URL path names below the root: a page's is its folder's index.html.
  const auto file_of = [&](const std::string& path) -> std::optional<std::string> {
    const std::string file = JoinPath(root, DecodeUrlPath(PathBelowBase(path, base_path)));
    if (fs.IsFile(file)) return file;
    if (fs.IsFile(JoinPath(file, "index.html"))) return JoinPath(file, "index.html");
    return std::nullopt;
  };
  link_options.file_exists = [&](const std::string& path) { return file_of(path).has_value(); };
  // Pages not checked this time (`kiosk check` of one page): read for their ids only.
  link_options.page_ids = [&](const std::string& path) -> std::optional<std::set<std::string>> {
    const std::optional<std::string> file = file_of(path);
    if (!file || !(EndsWith(*file, ".html") || EndsWith(*file, ".htm"))) return std::nullopt;
    Result<std::string> html = fs.ReadFile(*file);
    Result<HtmlDocument> page = html ? HtmlDocument::Parse(*html, *file) : html.error();
    if (!page) return std::nullopt;
    return CollectLinks(*page, path).ids;
  };
  std::vector<std::vector<Finding>> broken = CheckLinks(links, link_options);
  for (size_t i = 0; i < results.size() && i < broken.size(); ++i) {
    std::vector<Finding>& findings = results[i].findings;
    findings.insert(findings.end(), broken[i].begin(), broken[i].end());
    std::stable_sort(findings.begin(), findings.end(),
                     [](const Finding& a, const Finding& b) { return a.line < b.line; });
  }
  return results;
}

}  // namespace kiosk::check
