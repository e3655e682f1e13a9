#include "pipeline/render_stage.h"

#include <map>
#include <mutex>
#include <optional>
#include <set>

#include "base/text.h"
#include "check/page_check.h"

namespace kiosk {

namespace {

// The site's stylesheets by their path below the site root ("css/site.css"), for the
// checker's colour and unit rules.
std::map<std::string, std::string> Stylesheets(const BuildContext& context, const Theme& theme) {
  std::map<std::string, std::string> sheets;
  for (const ThemeStaticFile& file : theme.static_files()) {
    if (!EndsWith(file.path, ".css")) continue;
    if (file.disk_path.empty()) {
      sheets[file.path] = std::string(file.contents);
    } else if (Result<std::string> text = context.fs.ReadFile(file.disk_path)) {
      sheets[file.path] = std::move(*text);
    }
  }
  if (Result<std::vector<std::string>> listed = context.fs.ListFiles(context.SitePath("static"))) {
    for (const std::string& path : *listed) {
      if (!EndsWith(path, ".css")) continue;
      if (Result<std::string> text =
              context.fs.ReadFile(context.SitePath(JoinPath("static", path)))) {
        sheets[path] = std::move(*text);
      }
    }
  }
  return sheets;
}

// The build gate: findings at or below the site's level fail the build, at the Markdown
// line or template that caused them.
void ReportFindings(const BuildContext& context, const std::vector<check::Finding>& findings,
                    const std::string& url, check::Level level, RenderedPages& rendered) {
  for (const check::Finding& finding : findings) {
    if (check::Classify(finding, level) == check::Outcome::kNotice) {
      ++rendered.check_notices;
      continue;
    }
    ++rendered.check_failures;
    SourceLocation where{finding.source_file, finding.source_line, finding.source_line ? 1 : 0};
    if (where.file.empty()) where = {url, finding.line, finding.column};
    context.diagnostics.error(
        where,
        finding.code + " (" + std::string(check::LevelName(finding.level)) + ", WCAG " +
            finding.criterion + "): " + finding.message_zh + " / " + finding.message_en,
        "in " + url + " line " + std::to_string(finding.line) + ": " + finding.snippet);
  }
}

// Checks the page whole, without leaving anything out of the parse, and reports an error
// where that finds otherwise than the gate did.
void VerifyGate(const std::string& html, const std::string& url,
                const check::StylesheetLoader& load, const check::CheckOptions& options,
                const check::PageOrigin& origin, const Result<check::CheckedPage>& gate,
                Diagnostics& problems) {
  const Result<check::CheckedPage> whole = check::CheckHtml(html, url, load, options, origin);
  const std::string gate_found = check::DescribeForComparison(gate);
  const std::string whole_found = check::DescribeForComparison(whole);
  if (gate_found == whole_found) return;
  problems.error({url, 0, 0},
                 "the build gate's findings differ from those of the whole page: the gate "
                 "found\n" +
                     gate_found + "and the whole page\n" + whole_found,
                 "this is a fault of kiosk's: please report it with the page");
}

}  // namespace

RenderedPages RenderAndCheckPages(const BuildContext& context, const LoadedSite& loaded,
                                  const OutputPlan& plan, RenderedOutput output) {
  RenderedPages rendered;
  const bool written = output == RenderedOutput::kWritten;
  if (!plan.in_place && written) {
    Result<std::unique_ptr<StagedOutput>> staged =
        StagedOutput::Begin(context.fs, context.options.out_dir);
    if (!staged) {
      context.diagnostics.add(staged.error());
      return rendered;
    }
    rendered.staged = std::move(*staged);
  }
  const SiteConfig& config = *loaded.config.config;
  const bool checking = context.options.check;
  check::CheckOptions check_options;
  check_options.edition = *check::ParseEdition(config.check.edition);
  check_options.describe_up_to = *check::ParseLevel(config.check.level);  // notices: counted
  const std::map<std::string, std::string> sheets =
      checking ? Stylesheets(context, loaded.theme) : std::map<std::string, std::string>();
  const auto load = [&](const std::string& href) -> std::optional<std::string> {
    std::string path = href.substr(0, href.find_first_of("?#"));
    if (StartsWith(path, config.base_path)) path.erase(0, config.base_path.size());
    const auto found = sheets.find(path);
    return found == sheets.end() ? std::nullopt : std::optional(found->second);
  };

  check::CheckCache check_cache;
  const check::Level level = *check_options.describe_up_to;
  const std::vector<int>& to_render = plan.to_render;
  const size_t count = to_render.size();
  rendered.paths.resize(count);
  if (!rendered.staged && written) rendered.files.resize(count);
  std::vector<Status> write_status(count);
  std::vector<std::vector<check::Finding>> findings(count);  // failures, then links' findings
  std::vector<size_t> notices(count);                        // counted as they are found
  std::vector<check::PageLinks> links(count);
  std::vector<Diagnostics> check_problems(count);
  std::mutex one_writer;
  const Site& site = loaded.site;
  ProgressCounter pages_rendered(context.options.progress, count);
  RenderPages(site, loaded.theme, to_render, context.jobs(), context.diagnostics,
              [&](size_t n, RenderedPage page_rendered) {
                std::vector<OutputFile>& files = page_rendered.files;
                const Page& page = site.page(to_render[n]);
                if (checking) {
                  check::PageOrigin origin;
                  if (page.source) origin.markdown_file = page.source->origin.file;
                  origin.template_file = page_rendered.template_file;
                  Result<check::CheckedPage> checked =
                      check::CheckHtml(files.front().contents, site.Url(page), load, check_options,
                                       origin, &check_cache, page_rendered.unread);
                  if (context.options.verify_gate) {
                    VerifyGate(files.front().contents, site.Url(page), load, check_options, origin,
                               checked, check_problems[n]);
                  }
                  if (checked) {
                    // A large site has hundreds of thousands of notices, which are only
                    // counted: kept until the end, they took most of a build's memory growth.
                    findings[n] = std::move(checked->findings);
                    notices[n] = std::erase_if(findings[n], [&](const check::Finding& finding) {
                      return check::Classify(finding, level) == check::Outcome::kNotice;
                    });
                    links[n] = std::move(checked->links);
                  } else {
                    check_problems[n].add(checked.error());
                  }
                }
                pages_rendered.Done();
                // The pages carry their Markdown lines for the checker; readers need not.
                files.front().contents = StripSourcePositions(files.front().contents);
                for (const OutputFile& file : files) rendered.paths[n].push_back(file.path);
                if (!written) return;
                if (!rendered.staged) {
                  rendered.files[n] = std::move(files);
                  return;
                }
                // One writer at a time: creating files in the same folders from several
                // threads makes the kernel spin on the folders' locks (several times slower).
                std::lock_guard<std::mutex> lock(one_writer);
                for (const OutputFile& file : files) {
                  if (Status status = rendered.staged->Write(file); !status) {
                    write_status[n] = status;
                  }
                }
              });
  for (const Status& status : write_status) {
    if (!status) context.diagnostics.add(status.error());
  }
  for (const Diagnostics& problems : check_problems) context.diagnostics.append(problems);
  for (size_t page_notices : notices) rendered.check_notices += page_notices;
  if (!checking) return rendered;
  // Links between pages, on a clean build, which has every page's ids. An incremental build
  // does not see the ids of the pages it keeps, so links are checked again only by a clean
  // build (or `kiosk check`); nor does a site with errors, which lacks the pages it could not
  // read.
  if (!plan.in_place && written) {
    std::set<std::string> output_files;  // what the output will hold
    for (const OutputRecord& record : plan.records) {
      output_files.insert(record.files.begin(), record.files.end());
    }
    for (const std::vector<std::string>& paths : rendered.paths) {
      output_files.insert(paths.begin(), paths.end());
    }
    for (const auto& [path, fingerprint] : plan.copy_fingerprints) output_files.insert(path);
    output_files.insert(plan.record_paths.begin(), plan.record_paths.end());  // made next
    check::LinkCheckOptions link_options;
    link_options.base_url = config.base_url;
    link_options.file_exists = [&](const std::string& path) {
      std::string below = path;
      if (StartsWith(below, config.base_path)) below.erase(0, config.base_path.size());
      return output_files.count(below) > 0;
    };
    const std::vector<std::vector<check::Finding>> broken = check::CheckLinks(links, link_options);
    for (size_t n = 0; n < count && n < broken.size(); ++n) {
      findings[n].insert(findings[n].end(), broken[n].begin(), broken[n].end());
    }
  }
  for (size_t n = 0; n < count; ++n) {
    ReportFindings(context, findings[n], site.Url(site.page(to_render[n])), level, rendered);
  }
  return rendered;
}

}  // namespace kiosk
