#include "poster/poster_pages.h"

#include <algorithm>
#include <set>

#include "base/text.h"
#include "fs/file_system.h"

namespace kiosk {

namespace {

bool IsBelow(const std::string& section, const std::string& folder) {
  return section == folder || StartsWith(section, folder + "/");
}

// "content/faq/id-card.zh-TW.md", "faq/id-card.zh-TW.md" and "faq/id-card" all name a page.
bool Names(const Page& page, std::string path, const std::string& default_language) {
  if (StartsWith(path, "./")) path.erase(0, 2);
  if (StartsWith(path, "content/")) path.erase(0, 8);
  const ContentFile& origin = page.source->origin;
  if (origin.path == path) return true;
  const std::string without_suffix = JoinPath(origin.section, origin.base_name);
  return page.language == default_language &&
         (without_suffix == path || without_suffix + ".md" == path);
}

}  // namespace

std::vector<int> SelectPosterPages(const Site& site, const PosterRequest& request,
                                   Diagnostics& diagnostics) {
  const std::string& default_language = site.config().default_language().code;
  std::vector<int> chosen;
  std::set<int> seen;
  const auto add = [&](int index) {
    if (seen.insert(index).second) chosen.push_back(index);
  };
  const auto content_pages = [&](auto&& wanted) {
    std::vector<int> found;
    for (int i = 0; i < static_cast<int>(site.pages().size()); ++i) {
      const Page& page = site.page(i);
      if (page.kind == PageKind::kPage && page.source && wanted(page)) found.push_back(i);
    }
    return found;
  };
  for (const std::string& path : request.pages) {
    const std::vector<int> found =
        content_pages([&](const Page& page) { return Names(page, path, default_language); });
    if (found.empty()) {
      diagnostics.error({path, 0, 0}, "there is no page " + path,
                        "name a Markdown file under content/, e.g. content/faq/id-card.zh-TW.md");
    }
    for (int index : found) add(index);
  }
  if (!request.section.empty()) {
    const std::vector<int> found = content_pages([&](const Page& page) {
      return page.language == default_language && IsBelow(page.section, request.section);
    });
    if (found.empty()) {
      diagnostics.error({"content/" + request.section, 0, 0},
                        "the section '" + request.section + "' has no pages",
                        "name a folder under content/, e.g. --section faq");
    }
    // In the order the section lists them.
    for (const Page& section_page : site.pages()) {
      if (section_page.kind != PageKind::kSection || section_page.language != default_language ||
          !IsBelow(section_page.section, request.section)) {
        continue;
      }
      for (int index : section_page.children) add(index);
    }
  }
  if (!request.department.empty()) {
    const int department = site.department(default_language, request.department);
    if (department < 0) {
      std::string ids;
      for (const Department& d : site.config().departments) ids += (ids.empty() ? "" : ", ") + d.id;
      diagnostics.error({site.config().file, 0, 0},
                        "unknown department '" + request.department + "'",
                        ids.empty() ? "site.yaml lists no departments" : "use one of " + ids);
    } else {
      if (site.page(department).children.empty()) {
        diagnostics.error(
            {site.config().file, 0, 0}, "the department '" + request.department + "' has no pages",
            "set 'department: " + request.department + "' in the pages' front matter");
      }
      for (int index : site.page(department).children) add(index);
    }
  }
  return chosen;
}

Poster MakePoster(const Site& site, const Theme& theme, int index) {
  const Page& page = site.page(index);
  const SiteConfig& config = site.config();
  std::string other_language;
  for (const Language& language : config.languages) {
    if (language.code != page.language) {
      other_language = language.code;
      break;
    }
  }
  const auto string = [&](const std::string& language, const char* key) -> std::string {
    if (language.empty()) return {};
    const auto& strings = theme.Strings(language);
    const auto found = strings.find(key);
    return found == strings.end() ? std::string() : found->second;
  };
  Poster poster;
  poster.office_primary = config.office.name.Get(page.language);
  poster.office_secondary = other_language.empty() ? "" : config.office.name.Get(other_language);
  poster.title_primary = page.title;
  if (const auto translated = page.translations.find(other_language);
      translated != page.translations.end()) {
    poster.title_secondary = site.page(translated->second).title;
  }
  poster.url = site.QrUrl(page);
  poster.instruction_primary = string(page.language, "poster_instruction");
  poster.instruction_secondary = string(other_language, "poster_instruction");
  std::string phone = config.office.phone;
  if (const Department* department = config.FindDepartment(page.source->department)) {
    if (!department->phone.empty()) phone = department->phone;
  }
  for (const std::string& language : {page.language, other_language}) {
    if (language.empty()) continue;
    poster.contact_lines += string(language, "phone") + " " + phone + "　" +
                            string(language, "hours") + " " + config.office.hours.Get(language) +
                            "\n";
  }
  if (!poster.contact_lines.empty()) poster.contact_lines.pop_back();
  return poster;
}

}  // namespace kiosk
