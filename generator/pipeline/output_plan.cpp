#include "pipeline/output_plan.h"

#include <algorithm>
#include <optional>

#include "base/hash.h"
#include "base/parallel.h"
#include "base/text.h"
#include "incremental/fingerprints.h"
#include "output/output_writer.h"
#include "render/record_files.h"
#include "render/site_files.h"

namespace kiosk {

namespace {

// The static files: the theme's, then the site's (over the theme's), then the non-Markdown
// files of content/ beside their pages; each with a fingerprint of its source.
struct StaticFile {
  OutputFile file;
  uint64_t fingerprint = 0;
  std::string origin;  // the file as the user knows it, for messages
};

std::map<std::string, StaticFile> ListStaticFiles(const BuildContext& context,
                                                  const LoadedSite& loaded) {
  std::map<std::string, StaticFile> files;
  for (const ThemeStaticFile& file : loaded.theme.static_files()) {
    files[file.path] = {{file.path, std::string(file.contents), file.disk_path},
                        ThemeFileFingerprint(context.fs, file),
                        file.origin};
  }
  const auto add = [&](const FileInfo& info, const std::string& folder) {
    if (!IsContainedPath(info.path)) {
      // A backslash: web servers and Windows read it as a folder separator.
      context.diagnostics.error({context.DisplayPath(JoinPath(folder, info.path)), 0, 0},
                                "the file's name holds '\\', which web servers read as a "
                                "folder separator",
                                "rename the file or its folder without '\\'");
      return;
    }
    const std::string source = context.SitePath(JoinPath(folder, info.path));
    files[info.path] = {
        {info.path, "", source},
        Fingerprint().Add(source).Add(info.size).Add(static_cast<uint64_t>(info.mtime_ns)).value(),
        context.DisplayPath(JoinPath(folder, info.path))};
  };
  for (const FileInfo& info : loaded.files.statics) add(info, "static");
  for (const FileInfo& info : loaded.files.assets) add(info, "content");
  return files;
}

// The fingerprint the previous build logged for a file it copied or made apart from the
// pages (static files, sitemap.xml), when this build updates its output in place and the
// file is still there.
std::optional<uint64_t> StandingFile(const BuildContext& context, const OutputPlan& plan,
                                     const BuildLog* log, const std::string& path) {
  if (!plan.in_place) return std::nullopt;
  const auto logged = log->copies.find(path);
  if (logged == log->copies.end() || !context.fs.IsFile(JoinPath(context.options.out_dir, path))) {
    return std::nullopt;
  }
  return logged->second;
}

}  // namespace

OutputPlan PlanOutputs(const BuildContext& context, const LoadedSite& loaded,
                       const PreviousBuild& previous,
                       const std::unordered_set<std::string_view>& missing_pages) {
  const Site& site = loaded.site;
  const uint64_t site_hash = SiteHash(context, loaded.config.hash, loaded.theme);
  OutputPlan plan;
  std::map<std::string, StaticFile> statics = ListStaticFiles(context, loaded);
  Fingerprint static_hash;
  for (const auto& [path, file] : statics) static_hash.Add(path).Add(file.fingerprint);
  plan.records = PageFingerprints(site, site_hash, static_hash.value(), context.jobs());

  const BuildLog* log = previous.log();
  plan.in_place = log && LogDescribesOutput(context, *log);
  if (!plan.in_place) {
    context.Explain("every page: " +
                    (log ? std::string("the output folder is not the one the build log "
                                       "describes, or is gone")
                         : previous.why_not));
  }
  // The pages' own HTML files must still be there.
  std::vector<std::string> reasons(site.pages().size());
  plan.logged.assign(site.pages().size(), nullptr);
  ParallelFor(site.pages().size(), context.jobs(), [&](size_t i, int) {
    const Page& page = site.page(i);
    const LoggedPage* before = plan.in_place ? log->FindPage(page.output_file) : nullptr;
    plan.logged[i] = before;
    reasons[i] = plan.in_place ? RebuildReason(plan.records[i].made_from,
                                               before ? &before->made_from : nullptr)
                               : "every page";
    if (!reasons[i].empty()) return;
    if (missing_pages.count(page.output_file)) {
      reasons[i] = "its file " + page.output_file + " is missing from the output";
    } else {
      plan.records[i].files.assign(before->files.begin(), before->files.end());
    }
  });
  for (size_t i = 0; i < site.pages().size(); ++i) {
    if (reasons[i].empty()) continue;
    plan.to_render.push_back(static_cast<int>(i));
    if (plan.in_place) context.Explain("/" + site.page(i).path + ": " + reasons[i]);
  }

  // robots.txt and the feeds: made anew each build, written when they changed. sitemap.xml
  // too, unless what it is made of is as the last build had it (an edit of a page's text).
  std::vector<OutputFile> site_files =
      RenderSiteFiles(site, loaded.theme, statics.count("robots.txt"));
  plan.site_map_inputs = Fingerprint().Add(site_hash).Add(SiteMapStamp(site)).value();
  const std::string site_map = "sitemap.xml";
  if (const auto kept = StandingFile(context, plan, log, site_map);
      kept && log->site_map == plan.site_map_inputs) {
    statics.erase(site_map);
    plan.copy_fingerprints[site_map] = *kept;
  } else {
    site_files.push_back(RenderSiteMap(site));
  }
  for (OutputFile& file : site_files) {
    const uint64_t fingerprint = HashBytes(file.contents);
    const std::string path = file.path;
    // kiosk's own files (robots.txt, sitemap.xml, the feeds) never take a page's or a
    // record file's path, so no message names them: their path will do.
    statics[path] = {std::move(file), fingerprint, path};
  }
  plan.page_index.reserve(site.pages().size());
  for (int i = 0; i < static_cast<int>(site.pages().size()); ++i) {
    plan.page_index.emplace(site.page(i).output_file, i);
  }
  plan.record_paths = RecordFilePaths();
  const std::vector<std::string>& record_paths = plan.record_paths;
  std::vector<std::string> search_folders;  // kiosk's: their files come and go with the site
  for (const Language& language : site.config().languages) {
    search_folders.push_back(SearchIndexFolder(site.config(), language.code));
  }
  for (auto& [path, file] : statics) {
    // `path` captured by name: clang 14 (the sanitized build's) captures no structured binding.
    const bool record =
        std::find(record_paths.begin(), record_paths.end(), path) != record_paths.end() ||
        std::any_of(search_folders.begin(), search_folders.end(),
                    [&path = path](const std::string& folder) { return StartsWith(path, folder); });
    if (record || plan.page_index.count(path)) {
      const std::string taken = record ? "the open data or search index kiosk writes" : "a page";
      context.diagnostics.error({file.origin, 0, 0},
                                "this file has the same path as " + taken + ": /" + path,
                                "rename or move the file");
      continue;
    }
    plan.copy_fingerprints[path] = file.fingerprint;
    if (StandingFile(context, plan, log, path) != file.fingerprint) {
      if (plan.in_place) context.Explain("/" + path + ": the file is new or changed");
      plan.copies.push_back(std::move(file.file));
    }
  }
  return plan;
}

}  // namespace kiosk
