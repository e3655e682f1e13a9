// SourcePage: one Markdown file of content/, with its front matter read and checked and its
// body rendered to HTML.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "config/site_config.h"
#include "markdown/markdown.h"
#include "yaml/value.h"

namespace kiosk {

struct ServiceProcedure;

// A date or date-time as written in front matter ("2026-11-01", "2026-11-01T09:30:00+08:00").
struct Date {
  std::string iso;  // as written, for <time datetime>
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const Date& other) const { return iso <=> other.iso; }
  bool operator==(const Date& other) const = default;
};

std::optional<Date> ParseDate(std::string_view text);

// Where a Markdown file sits and what its name says.
struct ContentFile {
  std::string path;       // relative to content/: "faq/id-card.zh-TW.md"
  std::string file;       // as shown in messages: "content/faq/id-card.zh-TW.md"
  std::string section;    // the folder, relative to content/: "faq"; "" at the top
  std::string base_name;  // the name without language and extension: "id-card"
  std::string language;   // the language code from the name, or the default language
  bool is_index = false;  // "_index.*.md": the section's (or home page's) own text
};

// Reads a path under content/. Returns nullopt for files that are not Markdown pages
// (they are copied as they are) and for names with an unknown language suffix (an error).
std::optional<ContentFile> ClassifyContentPath(const std::string& path, const std::string& file,
                                               const SiteConfig& config, Diagnostics& diagnostics);
bool IsMarkdownPath(std::string_view path);

// An address that leads to a page (front matter's `aliases:`): one the site published
// before, for a page renamed or moved, so that its printed codes keep working.
struct Alias {
  std::string address;  // as addresses/address.h reads it: "/faq/parks/"
  SourceLocation where;
};

struct SourcePage {
  ContentFile origin;
  std::string title;
  std::string description;
  std::string slug;             // the last URL segment: front matter slug, else base name
  std::string translation_key;  // links translations: front matter, else section/base name
  std::string department;       // a department id of site.yaml, or ""
  std::string type;       // the content type: its own, else its section's; chooses the template
  bool type_from_section = false;  // `type` is its section's: the page sets none
  std::string short_url;  // the code of the page's short link /s/<code>/, or ""
  std::string layout;     // a template named explicitly, or ""
  std::vector<Alias> aliases;
  std::optional<Date> date;
  std::optional<Date> updated;
  std::optional<long long> weight;
  bool draft = false;
  Value front_matter;  // every key, for templates
  RenderedMarkdown body;
  std::shared_ptr<const ServiceProcedure> service;  // type `sop`: the service's facts
  // Read from the build log, not from the file: the facts that place the page in the site,
  // without its body. Parsed in full only if the page has to be rendered again.
  bool summary_only = false;
  uint64_t content_hash = 0;  // of the file's bytes

  SourceLocation front_matter_where;  // the opening '---'
  SourceLocation slug_where;
  SourceLocation layout_where;
  SourceLocation translation_key_where;
  SourceLocation short_url_where;
};

// Parses a Markdown file with front matter. Problems go to `diagnostics`; nullopt when the
// page cannot be built.
std::optional<SourcePage> ParseSourcePage(const ContentFile& origin, std::string_view text,
                                          const SiteConfig& config, Diagnostics& diagnostics);

// The images of a page that are files of the site must exist, as forms must: an image with a
// relative address beside the Markdown file (content/faq/flow-chart.png for
// `![…](flow-chart.png)` in content/faq/), one with an absolute path at that path below the
// site's address. `published(path)` says whether the site publishes a file at a path below
// its root ("faq/flow-chart.png": a file of content/, static/ or the theme). Errors at each
// image's line and column.
void CheckImageFiles(const SourcePage& page, const SiteConfig& config,
                     const std::function<bool(const std::string& path)>& published,
                     Diagnostics& diagnostics);

}  // namespace kiosk
