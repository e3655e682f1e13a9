// The stages that read a site, each taking what the ones before it made: site.yaml, the
// content listing, the content files sorted out, the parsed pages, the assembled site and its
// translation status. They report every problem they find and go on where they can, so that
// one build reports all of a site's problems.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/site_config.h"
#include "content/source_page.h"
#include "fs/file_system.h"
#include "incremental/build_log.h"
#include "pipeline/build_context.h"
#include "site/site.h"
#include "theme/theme.h"

namespace kiosk {

// site.yaml as read.
struct ConfigFile {
  std::unique_ptr<const SiteConfig> config;  // on the heap: the assembled site points to it
  uint64_t hash = 0;                         // of site.yaml's bytes
};

// nullopt when there is no usable site.yaml (the reason is in the diagnostics).
std::optional<ConfigFile> ReadConfig(const BuildContext& context);

// The files under content/ and static/, with their sizes and times.
struct ContentListing {
  std::vector<FileInfo> content;  // sorted by path
  std::vector<FileInfo> statics;
};

// Given the listing of the build before and the paths below the site folder that changed
// since (a watcher's), only the folders that hold them are listed again: for an edit, a
// large site's section instead of its tens of thousands of files.
ContentListing FindContent(const BuildContext& context, const ContentListing* before = nullptr,
                           const std::vector<std::string>* changed = nullptr);

// The content listing sorted out: the Markdown pages, with their sections and languages, apart
// from the other files, which are copied as they are.
struct ContentFiles {
  std::vector<ContentFile> pages;    // sorted by path
  std::vector<FileInfo> page_infos;  // of `pages`
  std::vector<FileInfo> assets;      // other files under content/
  std::vector<FileInfo> statics;     // the files under static/
};

// Works out each file's section and language on all cores: a large site has tens of
// thousands. A build does it only once the build log has not said that nothing changed.
ContentFiles SortOutContent(const BuildContext& context, const SiteConfig& config,
                            ContentListing listing);

// The content pages read: parsed, or placed from the previous build.
struct ParsedSources {
  std::vector<std::optional<SourcePage>> pages;  // of ContentFiles::pages; nullopt if unusable
  // For the build log, each page's summary: the log's, or one of `new_summaries`, made for
  // the files parsed now.
  std::vector<std::string_view> summaries;
  std::vector<std::string> new_summaries;
  std::shared_ptr<const FileBytes> log_bytes;  // of the log read, which summaries may view
};

struct PreviousBuild;

// Parses every content file, except those the previous build knows unchanged (same size and
// time, same site.yaml): those are placed from the log's summary, or taken over from the
// build kept in memory.
ParsedSources ParsePages(const BuildContext& context, const ConfigFile& config,
                         const ContentFiles& files, PreviousBuild& previous);

// Types: a page without its own `type` takes its section's (from the nearest _index file
// that sets one, preferring the page's language). Then each type's own fields are read,
// those of a service page when it was parsed now (one taken over keeps them).
void ReadContentTypes(const BuildContext& context, ParsedSources& sources);

// The images the parsed pages show must be among the files the site publishes (content/,
// static/, the theme's): an error at each missing one's line (CheckImageFiles).
void CheckPageImages(const BuildContext& context, const SiteConfig& config,
                     const ContentFiles& files, const Theme* theme, const ParsedSources& sources);

// The title of a page kiosk writes itself ("departments", "not_found", "service_ended"), from
// the theme's interface strings in `language`; without a theme (it failed to load), its key.
std::string PageLabel(const Theme* theme, const std::string& language, const std::string& key);

// Places the published pages in a site (drafts only with --drafts), the pages kiosk writes
// itself titled by PageLabel.
Site AssemblePages(const BuildContext& context, const SiteConfig& config, const Theme* theme,
                   const ParsedSources& sources);

struct MissingTranslation {
  std::string file;      // the page that exists
  std::string language;  // the language it lacks
};

struct TranslationStatus {
  std::map<std::string, int> pages_per_language;  // content pages, by language code
  std::vector<MissingTranslation> missing;
};

// With --strict-translations a missing translation is an error.
TranslationStatus CheckTranslations(const BuildContext& context, const Site& site);

// A site read and checked, not yet rendered: for the build and for commands that need the
// pages (posters). The site points into the config and the sources, which stay where they
// are when a LoadedSite is moved (the config is on the heap, the sources in a vector's).
struct LoadedSite {
  ConfigFile config;
  Theme theme;
  uint64_t inputs = 0;  // InputsStamp: everything the build read, published.txt aside
  // published.txt (addresses/published.h) as read, "" when there is none, and as the build
  // leaves it (address_stage.h).
  std::string published;
  std::string published_after;
  ContentFiles files;
  ParsedSources sources;
  Site site;
  TranslationStatus translations;
};

// Parses in full the pages of `pages` (indexes into the site) that were placed from the
// build log's summary, in place, so that the site keeps pointing at them. Errors are
// reported; warnings were shown already, from the log.
void ParseSummarizedPages(const BuildContext& context, LoadedSite& loaded,
                          const std::vector<int>& pages);

}  // namespace kiosk
