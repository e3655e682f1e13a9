#include "pipeline/read_stages.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "base/hash.h"
#include "base/parallel.h"
#include "base/text.h"
#include "content/service_procedure.h"
#include "pipeline/previous_build.h"

namespace kiosk {

std::optional<ConfigFile> ReadConfig(const BuildContext& context) {
  const std::string file = context.DisplayPath("site.yaml");
  Result<std::string> text = context.fs.ReadFile(context.SitePath("site.yaml"));
  if (!text && context.fs.Kind(context.SitePath("site.yaml")) != PathKind::kMissing) {
    context.diagnostics.add(context.Shown(text.error()));  // a link out of the site, a folder…
    return std::nullopt;
  }
  if (!text) {
    context.diagnostics.error({file, 0, 0}, "there is no site.yaml in this folder",
                              "run kiosk in a site folder, or name one: kiosk build SITE_DIR");
    return std::nullopt;
  }
  std::optional<SiteConfig> config = ParseSiteConfig(*text, file, context.diagnostics);
  if (!config) return std::nullopt;
  uint64_t hash = HashBytes(*text);
  if (const std::string& url = context.options.base_url; !url.empty()) {
    const std::optional<BaseUrl> base = ParseBaseUrl(url);
    if (!base) {
      context.diagnostics.error({"--base-url", 0, 0},
                                "'" + url + "' is not an absolute http(s) address",
                                "write it in full, e.g. 'https://preview.example.gov.tw/'");
      return std::nullopt;
    }
    config->base_url = base->url;
    config->base_path = base->path;
    // The site as if site.yaml said it, the content's links moved with it (written_base_path
    // stays): every page is rendered again.
    hash = Fingerprint().Add(hash).Add(base->url).value();
  }
  return ConfigFile{std::make_unique<const SiteConfig>(std::move(*config)), hash};
}

namespace {

// `listing` (of `root`, relative to it) with the files below `folder` (relative to `root`;
// "" for all) as they are now.
Status Relist(const BuildContext& context, const std::string& root, const std::string& folder,
              std::vector<FileInfo>& listing) {
  Result<std::vector<FileInfo>> found =
      context.fs.ListFileInfos(context.SitePath(JoinPath(root, folder)));
  if (!found) return found.error();
  const std::string prefix = folder.empty() ? "" : folder + "/";
  for (FileInfo& info : *found) info.path = prefix + info.path;
  // Sorted by path, the files below the folder are one run.
  const auto begin = std::lower_bound(
      listing.begin(), listing.end(), prefix,
      [](const FileInfo& info, const std::string& path) { return info.path < path; });
  auto end = begin;
  while (end != listing.end() && StartsWith(end->path, prefix)) ++end;
  listing.insert(listing.erase(begin, end), std::make_move_iterator(found->begin()),
                 std::make_move_iterator(found->end()));
  return Status::Ok();
}

}  // namespace

ContentListing FindContent(const BuildContext& context, const ContentListing* before,
                           const std::vector<std::string>* changed) {
  ContentListing listing;
  // The folders to list: a changed file's own, or all.
  std::set<std::string> content_folders = {""};
  std::set<std::string> static_folders = {""};
  if (before && changed) {
    listing = *before;
    content_folders.clear();
    static_folders.clear();
    for (const std::string& path : *changed) {
      for (auto [root, folders] : {std::pair{"content", &content_folders},
                                   std::pair{"static", &static_folders}}) {
        if (path == root) folders->insert("");
        if (StartsWith(path, std::string(root) + "/")) {
          folders->insert(ParentPath(path.substr(std::string_view(root).size() + 1)));
        }
      }
    }
  }
  bool listed = true;
  for (auto [root, folders, files] :
       {std::tuple{"content", &content_folders, &listing.content},
        std::tuple{"static", &static_folders, &listing.statics}}) {
    if (folders->count("")) *folders = {""};  // all of it
    for (const std::string& folder : *folders) {
      if (Status status = Relist(context, root, folder, *files); !status) {
        context.diagnostics.add(context.Shown(status.error()));
        listed = false;
      }
    }
  }
  if (listed && listing.content.empty()) {
    context.diagnostics.warning({context.DisplayPath("content"), 0, 0}, "there is no content",
                                "write Markdown files under content/");
  }
  return listing;
}

ContentFiles SortOutContent(const BuildContext& context, const SiteConfig& config,
                            ContentListing listing) {
  std::vector<FileInfo>& listed = listing.content;
  std::vector<std::optional<ContentFile>> classified(listed.size());
  std::vector<Diagnostics> found(listed.size());
  ParallelFor(listed.size(), context.jobs(), [&](size_t i, int) {
    const std::string& path = listed[i].path;  // not Markdown: nullopt
    classified[i] =
        ClassifyContentPath(path, context.DisplayPath(JoinPath("content", path)), config, found[i]);
  });
  ContentFiles files;
  files.pages.reserve(listed.size());
  files.page_infos.reserve(listed.size());
  for (size_t i = 0; i < listed.size(); ++i) {
    FileInfo& info = listed[i];
    context.diagnostics.append(found[i]);
    if (!IsMarkdownPath(info.path)) {
      files.assets.push_back(std::move(info));
    } else if (classified[i]) {
      files.pages.push_back(std::move(*classified[i]));
      files.page_infos.push_back(std::move(info));
    }
  }
  files.statics = std::move(listing.statics);
  return files;
}

namespace {

// Reads and parses one content file in full.
std::optional<SourcePage> ParseContentFile(const BuildContext& context, const SiteConfig& config,
                                           const ContentFile& file, Diagnostics& found) {
  Result<std::string> text = context.fs.ReadFile(context.SitePath(JoinPath("content", file.path)));
  if (!text) {
    found.add(context.Shown(text.error()));
    return std::nullopt;
  }
  std::optional<SourcePage> page = ParseSourcePage(file, *text, config, found);
  if (page) page->content_hash = HashBytes(*text);
  return page;
}

// A service page's facts, with its forms found under static/.
std::shared_ptr<const ServiceProcedure> ReadService(const BuildContext& context,
                                                    const SourcePage& page,
                                                    Diagnostics& diagnostics) {
  std::optional<ServiceProcedure> service = ReadServiceProcedure(
      page, context.fs, context.SitePath("static"), context.DisplayPath("static"), diagnostics);
  if (!service) return nullptr;
  return std::make_shared<const ServiceProcedure>(std::move(*service));
}

}  // namespace

namespace {

bool SameFiles(const std::vector<FileInfo>& a, const std::vector<FileInfo>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.path == y.path && x.size == y.size && x.mtime_ns == y.mtime_ns;
  });
}

}  // namespace

ParsedSources ParsePages(const BuildContext& context, const ConfigFile& config,
                         const ContentFiles& files, PreviousBuild& previous) {
  const size_t count = files.pages.size();
  ParsedSources sources;
  sources.pages.resize(count);
  sources.summaries.resize(count);
  sources.new_summaries.resize(count);
  // The previous build's pages stand only with the same site.yaml.
  const BuildLog* log = previous.log();
  if (log && log->config_hash != config.hash) log = nullptr;
  KeptBuild* kept = log ? previous.kept.get() : nullptr;
  sources.log_bytes = previous.read ? previous.read->bytes
                      : kept        ? kept->site.sources.log_bytes
                                    : nullptr;
  // Each file's record in the log and its place in the kept build, if any: all are sorted
  // by path.
  constexpr size_t kNone = SIZE_MAX;
  std::vector<const SourceRecord*> known(count, nullptr);
  std::vector<size_t> kept_at(count, kNone);
  if (log) {
    const std::vector<SourceRecord>& records = log->sources;
    const std::vector<ContentFile> none;
    const std::vector<ContentFile>& kept_files = kept ? kept->site.files.pages : none;
    size_t r = 0;
    size_t k = 0;
    for (size_t i = 0; i < count; ++i) {
      const std::string_view path = files.pages[i].path;
      while (r < records.size() && records[r].path < path) ++r;
      if (r < records.size() && records[r].path == path) known[i] = &records[r];
      while (k < kept_files.size() && kept_files[k].path < path) ++k;
      if (k < kept_files.size() && kept_files[k].path == path) kept_at[i] = k;
    }
  }
  // A service page's facts hold only while static/ is as it was: they name its forms' sizes.
  const bool statics_same = kept && SameFiles(kept->site.files.statics, files.statics);
  const bool take_pages = kept && !kept->pages_taken;
  std::vector<Diagnostics> found(count);
  ProgressCounter parsed(context.options.progress, count);
  ParallelFor(count, context.jobs(), [&](size_t i, int) {
    const ContentFile& file = files.pages[i];
    const FileInfo& info = files.page_infos[i];
    std::optional<SourcePage>& page = sources.pages[i];
    if (const SourceRecord* record = known[i];
        record && record->size == info.size && record->mtime_ns == info.mtime_ns) {
      for (const Diagnostic& warning : record->warnings) found[i].add(warning);
      // The summary views the log's bytes, which `log_bytes` keeps, or a kept build's own
      // string, which is copied: the kept build goes once this one has succeeded.
      sources.summaries[i] = record->summary;
      if (kept_at[i] != kNone && !kept->site.sources.new_summaries[kept_at[i]].empty()) {
        sources.new_summaries[i] = record->summary;
        sources.summaries[i] = sources.new_summaries[i];
      }
      if (take_pages && kept_at[i] != kNone && kept->site.sources.pages[kept_at[i]]) {
        page = std::move(kept->site.sources.pages[kept_at[i]]);
        if (!statics_same) page->service.reset();
        parsed.Done();
        return;
      }
      if (DecodeSourceSummary(record->summary, file, page.emplace())) {
        page->content_hash = record->content_hash;
        parsed.Done();
        return;
      }
      page.reset();
      sources.summaries[i] = {};
      sources.new_summaries[i].clear();
      found[i] = Diagnostics();
    }
    page = ParseContentFile(context, *config.config, file, found[i]);
    if (page) {
      sources.new_summaries[i] = EncodeSourceSummary(*page);
      sources.summaries[i] = sources.new_summaries[i];
    }
    parsed.Done();
  });
  for (const Diagnostics& diagnostics : found) context.diagnostics.append(diagnostics);
  if (kept) kept->pages_taken = true;
  return sources;
}

void ReadContentTypes(const BuildContext& context, ParsedSources& sources) {
  std::map<std::pair<std::string, std::string>, std::string> section_types;  // (lang, folder)
  std::map<std::string, std::string> any_language;                           // folder -> type
  for (auto& source : sources.pages) {
    if (!source) continue;
    if (source->type_from_section) {  // typed by a previous build (kiosk serve keeps pages)
      source->type.clear();
      source->type_from_section = false;
    }
    if (source->origin.is_index && !source->type.empty()) {
      section_types[{source->origin.language, source->origin.section}] = source->type;
      any_language.emplace(source->origin.section, source->type);
    }
  }
  for (auto& source : sources.pages) {
    if (!source || source->origin.is_index || !source->type.empty()) continue;
    for (std::string folder = source->origin.section;; folder = ParentPath(folder)) {
      const auto same = section_types.find({source->origin.language, folder});
      const auto other = any_language.find(folder);
      if (same != section_types.end() || other != any_language.end()) {
        source->type = same != section_types.end() ? same->second : other->second;
        source->type_from_section = true;
        break;
      }
      if (folder.empty()) break;
    }
  }
  for (auto& source : sources.pages) {
    if (!source || source->origin.is_index) continue;
    if (source->type != "sop") source->service.reset();
    if (source->type == "sop" && !source->summary_only && !source->service) {
      source->service = ReadService(context, *source, context.diagnostics);
    } else if (source->type == "news" && !source->date) {
      context.diagnostics.error(source->front_matter_where, "a news item needs a 'date'",
                                "add 'date: YYYY-MM-DD': news is listed newest first");
    }
  }
}

void CheckPageImages(const BuildContext& context, const SiteConfig& config,
                     const ContentFiles& files, const Theme* theme, const ParsedSources& sources) {
  std::set<std::string> theme_files;
  if (theme) {
    for (const ThemeStaticFile& file : theme->static_files()) theme_files.insert(file.path);
  }
  const auto listed = [](const std::vector<FileInfo>& infos, const std::string& path) {
    const auto found =
        std::lower_bound(infos.begin(), infos.end(), path,
                         [](const FileInfo& file, const std::string& p) { return file.path < p; });
    return found != infos.end() && found->path == path;
  };
  const auto published = [&](const std::string& path) {
    return listed(files.assets, path) || listed(files.statics, path) || theme_files.count(path);
  };
  for (const auto& source : sources.pages) {
    if (source && !source->summary_only) {
      CheckImageFiles(*source, config, published, context.diagnostics);
    }
  }
}

std::string PageLabel(const Theme* theme, const std::string& language, const std::string& key) {
  if (theme && theme->Strings(language).count(key)) return theme->Strings(language).at(key);
  return key;
}

Site AssemblePages(const BuildContext& context, const SiteConfig& config, const Theme* theme,
                   const ParsedSources& sources) {
  std::vector<const SourcePage*> published;
  for (const auto& source : sources.pages) {
    if (source && (!source->draft || context.options.include_drafts)) {
      published.push_back(&*source);
    }
  }
  const auto label = [&](const std::string& language, const std::string& key) {
    return PageLabel(theme, language, key);
  };
  return AssembleSite(config, published, context.DisplayPath("content"), label,
                      context.diagnostics);
}

TranslationStatus CheckTranslations(const BuildContext& context, const Site& site) {
  TranslationStatus status;
  for (const Page& page : site.pages()) {
    if (page.kind == PageKind::kPage) ++status.pages_per_language[page.language];
  }
  for (const auto& [index, language] : site.MissingTranslations()) {
    const std::string& file = site.page(index).source->origin.file;
    status.missing.push_back({file, language});
    if (context.options.strict_translations) {
      context.diagnostics.error({file, 0, 0}, "the page has no " + language + " translation",
                                "add the translation, or build without --strict-translations");
    }
  }
  return status;
}

void ParseSummarizedPages(const BuildContext& context, LoadedSite& loaded,
                          const std::vector<int>& pages) {
  std::vector<int> summarized;
  for (int index : pages) {
    const Page& page = loaded.site.page(index);
    if (page.source && page.source->summary_only) summarized.push_back(index);
  }
  if (summarized.empty()) return;
  std::map<const SourcePage*, size_t> slots;
  for (size_t i = 0; i < loaded.sources.pages.size(); ++i) {
    if (loaded.sources.pages[i]) slots[&*loaded.sources.pages[i]] = i;
  }
  std::vector<Diagnostics> found(summarized.size());
  ParallelFor(summarized.size(), context.jobs(), [&](size_t n, int) {
    const size_t slot = slots.at(loaded.site.page(summarized[n]).source);
    std::optional<SourcePage>& source = loaded.sources.pages[slot];
    std::optional<SourcePage> parsed =
        ParseContentFile(context, *loaded.config.config, loaded.files.pages[slot], found[n]);
    if (!parsed) return;
    parsed->type = source->type;  // as resolved from its section
    parsed->type_from_section = source->type_from_section;
    if (parsed->type == "sop" && !parsed->origin.is_index) {
      parsed->service = ReadService(context, *parsed, found[n]);
    }
    *source = std::move(*parsed);
  });
  // Its warnings were shown already, from the build log.
  for (const Diagnostics& diagnostics : found) {
    for (const Diagnostic& diagnostic : diagnostics.items()) {
      if (diagnostic.severity == Severity::kError) context.diagnostics.add(diagnostic);
    }
  }
}

}  // namespace kiosk
