#include "build/build.h"

#include <chrono>
#include <memory>
#include <optional>
#include <set>

#include "base/parallel.h"
#include "content/service_procedure.h"
#include "output/output_writer.h"
#include "render/page_renderer.h"

namespace kiosk {

namespace {

// Everything the steps hand on to each other.
struct BuildState {
  FileSystem& fs;
  const BuildOptions& options;
  BuildResult& result;
  LoadedSite& loaded;
  int jobs = 1;
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
  state.loaded.config = ParseSiteConfig(*text, file, state.diagnostics());
}

void LoadThemeStep(BuildState& state) {
  if (!state.loaded.config) return;
  state.loaded.theme = LoadTheme(state.fs, state.options.site_dir, state.options.display_dir,
                                 *state.loaded.config, state.diagnostics());
}

void FindContent(BuildState& state) {
  if (!state.loaded.config) return;
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
      state.loaded.content_assets.push_back(path);
    } else if (auto file =
                   ClassifyContentPath(path, display, *state.loaded.config, state.diagnostics())) {
      state.loaded.content_files.push_back(std::move(*file));
    }
  }
}

void ParsePages(BuildState& state) {
  if (!state.loaded.config) return;
  const size_t count = state.loaded.content_files.size();
  state.loaded.sources.resize(count);
  std::vector<Diagnostics> found(count);
  ParallelFor(count, state.jobs, [&](size_t i, int) {
    const ContentFile& file = state.loaded.content_files[i];
    Result<std::string> text = state.fs.ReadFile(state.SitePath(JoinPath("content", file.path)));
    if (!text) {
      found[i].add(text.error());
      return;
    }
    state.loaded.sources[i] = ParseSourcePage(file, *text, *state.loaded.config, found[i]);
  });
  for (const Diagnostics& diagnostics : found) state.diagnostics().append(diagnostics);
}

// Types: a page without its own `type` takes its section's (from the nearest _index file
// that sets one, preferring the page's language). Then each type's own fields are read.
void ReadContentTypes(BuildState& state) {
  if (!state.loaded.config) return;
  std::map<std::pair<std::string, std::string>, std::string> section_types;  // (lang, folder)
  std::map<std::string, std::string> any_language;                           // folder -> type
  for (const auto& source : state.loaded.sources) {
    if (source && source->origin.is_index && !source->type.empty()) {
      section_types[{source->origin.language, source->origin.section}] = source->type;
      any_language.emplace(source->origin.section, source->type);
    }
  }
  for (auto& source : state.loaded.sources) {
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
  for (auto& source : state.loaded.sources) {
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
  if (!state.loaded.config) return;
  std::vector<const SourcePage*> published;
  for (const auto& source : state.loaded.sources) {
    if (source && (!source->draft || state.options.include_drafts)) published.push_back(&*source);
  }
  std::map<std::string, std::string> departments_titles;
  for (const Language& language : state.loaded.config->languages) {
    if (state.loaded.theme && state.loaded.theme->Strings(language.code).count("departments")) {
      departments_titles[language.code] =
          state.loaded.theme->Strings(language.code).at("departments");
    }
  }
  state.loaded.site = AssembleSite(*state.loaded.config, published, state.DisplayPath("content"),
                                   departments_titles, state.diagnostics());
}

void CheckTranslations(BuildState& state) {
  if (!state.loaded.site) return;
  for (const Page& page : state.loaded.site->pages()) {
    if (page.kind == PageKind::kPage) ++state.result.pages_per_language[page.language];
  }
  for (const auto& [index, language] : state.loaded.site->MissingTranslations()) {
    const std::string& file = state.loaded.site->page(index).source->origin.file;
    state.result.missing_translations.push_back({file, language});
    if (state.options.strict_translations) {
      state.diagnostics().error({file, 0, 0}, "the page has no " + language + " translation",
                                "add the translation, or build without --strict-translations");
    }
  }
}

void RenderPagesStep(BuildState& state) {
  state.outputs =
      RenderPages(*state.loaded.site, *state.loaded.theme, state.jobs, state.diagnostics());
}

// Static files of the theme, then of the site (over the theme's), then the non-Markdown
// files of content/ beside their pages.
void CollectStaticFiles(BuildState& state) {
  std::map<std::string, OutputFile> copies;
  for (const ThemeStaticFile& file : state.loaded.theme->static_files()) {
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
  for (const std::string& path : state.loaded.content_assets) {
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

struct Step {
  const char* name;
  void (*run)(BuildState&);
};

void RunSteps(const std::vector<Step>& steps, BuildState& state) {
  for (const Step& step : steps) {
    const auto start = std::chrono::steady_clock::now();
    step.run(state);
    const std::chrono::duration<double, std::milli> elapsed =
        std::chrono::steady_clock::now() - start;
    state.result.timings.push_back({step.name, elapsed.count()});
  }
}

// Reading the site runs every step even after errors, so that one build reports every
// problem of the content; writing only runs on a sound site.
const std::vector<Step> kReadSteps = {
    {"read site.yaml", ReadConfig},
    {"load theme", LoadThemeStep},
    {"find content", FindContent},
    {"parse pages", ParsePages},
    {"read content types", ReadContentTypes},
    {"assemble site", AssembleSiteStep},
    {"check translations", CheckTranslations},
};
const std::vector<Step> kWriteSteps = {
    {"render pages", RenderPagesStep},
    {"collect static files", CollectStaticFiles},
    {"write output", WriteOutputStep},
};

BuildOptions Resolve(const BuildOptions& options) {
  BuildOptions resolved = options;
  if (resolved.out_dir.empty()) resolved.out_dir = JoinPath(options.site_dir, "output");
  if (resolved.jobs <= 0) resolved.jobs = DefaultJobCount();
  return resolved;
}

}  // namespace

std::unique_ptr<LoadedSite> LoadSite(FileSystem& fs, const BuildOptions& options,
                                     BuildResult& result) {
  auto loaded = std::make_unique<LoadedSite>();
  const BuildOptions resolved = Resolve(options);
  BuildState state{fs, resolved, result, *loaded};
  state.jobs = resolved.jobs;
  RunSteps(kReadSteps, state);
  result.diagnostics.sort();
  return loaded;
}

BuildResult BuildSite(FileSystem& fs, const BuildOptions& options) {
  BuildResult result;
  const BuildOptions resolved = Resolve(options);
  std::unique_ptr<LoadedSite> loaded = LoadSite(fs, resolved, result);
  if (!result.diagnostics.has_errors()) {
    BuildState state{fs, resolved, result, *loaded};
    state.jobs = resolved.jobs;
    for (const Step& step : kWriteSteps) {
      if (result.diagnostics.has_errors()) break;
      RunSteps({step}, state);
    }
  }
  result.diagnostics.sort();
  return result;
}

}  // namespace kiosk
