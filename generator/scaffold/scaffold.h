// kiosk new: a new site folder, and new pages in a site, made from the files compiled into
// kiosk (generator/scaffold/files/): a complete minimal office site in Chinese and English,
// and a page of each type with its front matter commented.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "fs/file_system.h"

namespace kiosk {

struct NewSiteOptions {
  std::string dir;                  // the folder to make: absent or empty
  std::string name = "範例區公所";  // the office's name in Chinese
  std::string name_en = "Example District Office";
  std::string base_url = "https://www.example.gov.tw/";
  std::string today;  // "2026-11-21": the date of the example pages
};

struct MadeFiles {
  Diagnostics diagnostics;
  std::vector<std::string> files;  // as messages name them
  bool ok() const { return !diagnostics.has_errors(); }
};

// site.yaml, the home page, a section for each type with an example page, the accessibility
// statement, the privacy and security policy, the open-data declaration and a .gitignore.
MadeFiles MakeSite(FileSystem& fs, const NewSiteOptions& options);

// The types of page `kiosk new` makes: faq, sop, plan, news, page.
std::vector<std::string> NewPageTypes();

struct NewPageOptions {
  std::string site_dir = ".";  // where site.yaml is
  std::string display_dir;     // how messages name the site folder ("" for the current one)
  std::string type;            // one of NewPageTypes()
  std::string name;            // the file's name and the page's address: "id-card", "颱風停班"
  // A folder under content/ ("faq/parking"); by default the type's: faq, services, plans,
  // news, and the top of content/ for a page (linked from every footer).
  std::optional<std::string> section;
  std::string today;  // "2026-11-21": the page's date
};

// The page in every language of site.yaml, with its section's _index files if the section is
// new. Nothing is written when one of the page's files exists.
MadeFiles MakePage(FileSystem& fs, const NewPageOptions& options);

// The nearest of `folder` and its parents that holds a site.yaml.
std::optional<std::string> FindSiteFolder(const FileSystem& fs, const std::string& folder);

}  // namespace kiosk
