#include "build/build.h"

#include <chrono>
#include <memory>
#include <optional>
#include <set>

#include "base/parallel.h"
#include "config/site_config.h"
#include "content/service_procedure.h"
#include "content/source_page.h"
#include "output/output_writer.h"
#include "render/page_renderer.h"
#include "site/site.h"
#include "theme/theme.h"

namespace kiosk {

namespace {

// Everything the steps hand on to each other.
struct BuildState {
  FileSystem& fs;
  const BuildOptions& options;
  BuildResult& result;
  int jobs = 1;

  std::optional<SiteConfig> config;
  std::optional<Theme> theme;
  std::vector<ContentFile> content_files;
  std::vector<std::string> content_assets;  // other files under content/, copied as they are
  std::vector<std::optional<SourcePage>> sources;
  std::optional<Site> site;
  std::vector<OutputFile> outputs;

  Diagnostics& diagnostics() { return result.diagnostics; }
  std::string SitePath(const std::string& relative) const {
    return JoinPath(options.site_dir, relative);
  }
  std::string DisplayPath(const std::string& relative) const {
    return JoinPath(options.display_dir, relative);
  }
};

void ReadConfig(BuildState& state) {
  const std::string file = state.DisplayPath("site.yaml");
  Result<std::string> text = state.fs.ReadFile(state.SitePath("site.yaml"));
  if (!text) {
    state.diagnostics().error({file, 0, 0}, "there is no site.yaml in this folder",
                              "run kiosk in a site folder, or name one: kiosk build SITE_DIR");
    return;
  }
  state.config = ParseSiteConfig(*text, file, state.diagnostics());
}

void LoadThemeStep(BuildState& state) {
  if (!state.config) return;
  state.theme = LoadTheme(state.fs, state.options.site_dir, state.options.display_dir,
                          *state.config, state.diagnostics());
}

void FindContent(BuildState& state) {
  if (!state.config) return;
  Result<std::vector<std::string>> listed = state.fs.ListFiles(state.SitePath("content"));
  if (!listed) {
    state.diagnostics().add(listed.error());
    return;
  }
  if (listed->empty()) {
    state.diagnostics().warning({state.DisplayPath("content"), 0, 0}, "there is no content",
                                "write Markdown files under content/");
  }
  for (const std::string& path : *listed) {
    const std::string display = state.DisplayPath(JoinPath("content", path));
    if (!IsMarkdownPath(path)) {
      state.content_assets.push_back(path);
    } else if (auto file = ClassifyContentPath(path, display, *state.config, state.diagnostics())) {
      state.content_files.push_back(std::move(*file));
    }
  }
}

void ParsePages(BuildState& state) {
  if (!state.config) return;
  const size_t count = state.content_files.size();
  state.sources.resize(count);
  std::vector<Diagnostics> found(count);
  ParallelFor(count, state.jobs, [&](size_t i, int) {
    const ContentFile& file = state.content_files[i];
    Result<std::string> text = state.fs.ReadFile(state.SitePath(JoinPath("content", file.path)));
    if (!text) {
      found[i].add(text.error());
      return;
    }
    state.sources[i] = ParseSourcePage(file, *text, *state.config, found[i]);
  });
  for (const Diagnostics& diagnostics : found) state.diagnostics().append(diagnostics);
}

// Types: a page without its own `type` takes its section's (from the nearest _index file
// that sets one, preferring the page's language). Then each type's own fields are read.
void ReadContentTypes(BuildState& state) {
  if (!state.config) return;
  std::map<std::pair<std::string, std::string>, std::string> section_types;  // (lang, folder)
  std::map<std::string, std::string> any_language;                           // folder -> type
  for (const auto& source : state.sources) {
    if (source && source->origin.is_index && !source->type.empty()) {
      section_types[{source->origin.language, source->origin.section}] = source->type;
      any_language.emplace(source->origin.section, source->type);
    }
  }
  for (auto& source : state.sources) {
    if (!source || source->origin.is_index || !source->type.empty()) continue;
    for (std::string folder = source->origin.section;; folder = ParentPath(folder)) {
      const auto same = section_types.find({source->origin.language, folder});
      const auto other = any_language.find(folder);
      if (same != section_types.end() || other != any_language.end()) {
        source->type = same != section_types.end() ? same->second : other->second;
        break;
      }
      if (folder.empty()) break;
    }
  }
  const std::string static_dir = state.SitePath("static");
  const std::string static_display = state.DisplayPath("static");
  for (auto& source : state.sources) {
    if (!source || source->origin.is_index) continue;
    if (source->type == "sop") {
      if (auto service = ReadServiceProcedure(*source, state.fs, static_dir, static_display,
                                              state.diagnostics())) {
        source->service = std::make_shared<const ServiceProcedure>(std::move(*service));
      }
    } else if (source->type == "news" && !source->date) {
      state.diagnostics().error(source->front_matter_where, "a news item needs a 'date'",
                                "add 'date: YYYY-MM-DD': news is listed newest first");
    }
  }
}

void AssembleSiteStep(BuildState& state) {
  if (!state.config) return;
  std::vector<const SourcePage*> published;
  for (const auto& source : state.sources) {
    if (source && (!source->draft || state.options.include_drafts)) published.push_back(&*source);
  }
  std::map<std::string, std::string> departments_titles;
  for (const Language& language : state.config->languages) {
    if (state.theme && state.theme->Strings(language.code).count("departments")) {
      departments_titles[language.code] = state.theme->Strings(language.code).at("departments");
    }
  }
  state.site = AssembleSite(*state.config, published, state.DisplayPath("content"),
                            departments_titles, state.diagnostics());
}

void CheckTranslations(BuildState& state) {
  if (!state.site) return;
  for (const Page& page : state.site->pages()) {
    if (page.kind == PageKind::kPage) ++state.result.pages_per_language[page.language];
  }
  for (const auto& [index, language] : state.site->MissingTranslations()) {
    const std::string& file = state.site->page(index).source->origin.file;
    state.result.missing_translations.push_back({file, language});
    if (state.options.strict_translations) {
      state.diagnostics().error({file, 0, 0}, "the page has no " + language + " translation",
                                "add the translation, or build without --strict-translations");
    }
  }
}

void RenderPagesStep(BuildState& state) {
  state.outputs = RenderPages(*state.site, *state.theme, state.jobs, state.diagnostics());
}

// Static files of the theme, then of the site (over the theme's), then the non-Markdown
// files of content/ beside their pages.
void CollectStaticFiles(BuildState& state) {
  std::map<std::string, OutputFile> copies;
  for (const ThemeStaticFile& file : state.theme->static_files()) {
    copies[file.path] = {file.path, std::string(file.contents), file.disk_path};
  }
  Result<std::vector<std::string>> site_static = state.fs.ListFiles(state.SitePath("static"));
  if (!site_static) {
    state.diagnostics().add(site_static.error());
    return;
  }
  for (const std::string& path : *site_static) {
    copies[path] = {path, "", state.SitePath(JoinPath("static", path))};
  }
  for (const std::string& path : state.content_assets) {
    copies[path] = {path, "", state.SitePath(JoinPath("content", path))};
  }
  std::set<std::string> pages;
  for (const OutputFile& output : state.outputs) pages.insert(output.path);
  for (auto& [path, file] : copies) {
    if (pages.count(path)) {
      state.diagnostics().error({state.DisplayPath("static/" + path), 0, 0},
                                "this file has the same path as a page: /" + path,
                                "rename or move the file");
      continue;
    }
    state.outputs.push_back(std::move(file));
  }
}

void WriteOutputStep(BuildState& state) {
  if (Status status = WriteOutput(state.fs, state.options.out_dir, state.outputs); !status) {
    state.diagnostics().add(status.error());
    return;
  }
  state.result.files_written = state.outputs.size();
}

enum class Gate { kAlways, kWithoutErrors };

struct Step {
  const char* name;
  void (*run)(BuildState&);
  Gate gate;
};

// Steps up to "check translations" run even after errors, so that one build reports every
// problem of the content; the rest only run on a sound site.
constexpr Step kSteps[] = {
    {"read site.yaml", ReadConfig, Gate::kAlways},
    {"load theme", LoadThemeStep, Gate::kAlways},
    {"find content", FindContent, Gate::kAlways},
    {"parse pages", ParsePages, Gate::kAlways},
    {"read content types", ReadContentTypes, Gate::kAlways},
    {"assemble site", AssembleSiteStep, Gate::kAlways},
    {"check translations", CheckTranslations, Gate::kAlways},
    {"render pages", RenderPagesStep, Gate::kWithoutErrors},
    {"collect static files", CollectStaticFiles, Gate::kWithoutErrors},
    {"write output", WriteOutputStep, Gate::kWithoutErrors},
};

}  // namespace

BuildResult BuildSite(FileSystem& fs, const BuildOptions& options) {
  BuildResult result;
  BuildOptions resolved = options;
  if (resolved.out_dir.empty()) resolved.out_dir = JoinPath(options.site_dir, "output");
  BuildState state{fs, resolved, result};
  state.jobs = options.jobs > 0 ? options.jobs : DefaultJobCount();
  for (const Step& step : kSteps) {
    if (step.gate == Gate::kWithoutErrors && result.diagnostics.has_errors()) break;
    const auto start = std::chrono::steady_clock::now();
    step.run(state);
    const std::chrono::duration<double, std::milli> elapsed =
        std::chrono::steady_clock::now() - start;
    result.timings.push_back({step.name, elapsed.count()});
  }
  result.diagnostics.sort();
  return result;
}

}  // namespace kiosk
