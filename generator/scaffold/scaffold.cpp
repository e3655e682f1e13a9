#include "scaffold/scaffold.h"

#include <filesystem>
#include <map>

#include "base/text.h"
#include "config/site_config.h"
#include "scaffold/embedded_scaffold.h"

namespace kiosk {

namespace {

// Where the files of each type go by default, and which site files are the pages' examples.
struct PageType {
  const char* name;
  const char* section;  // below content/
};
constexpr PageType kPageTypes[] = {
    {"faq", "faq"}, {"sop", "services"}, {"plan", "plans"}, {"news", "news"}, {"page", ""}};

// `text` inside a double-quoted YAML string.
std::string InQuotes(std::string_view text) {
  std::string escaped;
  for (char c : text) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

// A YAML string that means `text` whatever it holds: "123", "yes" or a ':' stay text.
std::string YamlQuoted(std::string_view text) { return "\"" + InQuotes(text) + "\""; }

// `text` with each {{key}} replaced by its value; a line holding a key without one (a page's
// department, when site.yaml has none) is left out.
std::string Fill(std::string_view text,
                 const std::map<std::string, std::optional<std::string>>& values) {
  std::string filled;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string line(text.substr(0, end == std::string_view::npos ? text.size() : end + 1));
    text.remove_prefix(line.size());
    bool keep = true;
    for (const auto& [key, value] : values) {
      const std::string mark = "{{" + key + "}}";
      for (size_t at = line.find(mark); keep && at != std::string::npos; at = line.find(mark, at)) {
        keep = value.has_value();
        if (keep) line.replace(at, mark.size(), *value);
        at += keep ? value->size() : 0;
      }
    }
    if (keep) filled += line;
  }
  return filled;
}

// The embedded files below `folder` ("site/", "pages/"), by their path below it.
std::map<std::string, std::string_view> FilesBelow(std::string_view folder) {
  std::map<std::string, std::string_view> files;
  for (const EmbeddedFile& file : ScaffoldFiles()) {
    if (StartsWith(file.path, folder))
      files[std::string(file.path.substr(folder.size()))] = file.contents;
  }
  return files;
}

SourceLocation Nowhere() { return {}; }

// Writes `files` (path -> text) below `root` unless one exists: then nothing.
MadeFiles WriteNew(FileSystem& fs, const std::string& root, const std::string& display,
                   const std::map<std::string, std::string>& files) {
  MadeFiles made;
  for (const auto& [path, text] : files) {
    if (fs.IsFile(JoinPath(root, path)) || fs.IsDirectory(JoinPath(root, path))) {
      made.diagnostics.error({JoinPath(display, path), 0, 0}, "the file exists already",
                             "choose another name, or edit the file");
    }
  }
  if (!made.ok()) return made;
  for (const auto& [path, text] : files) {
    if (Status written = fs.WriteFile(JoinPath(root, path), text); !written) {
      Diagnostic error = written.error();
      error.where.file = JoinPath(display, path);  // as the other messages name it
      made.diagnostics.add(std::move(error));
      return made;
    }
    made.files.push_back(JoinPath(display, path));
  }
  return made;
}

}  // namespace

MadeFiles MakeSite(FileSystem& fs, const NewSiteOptions& options) {
  MadeFiles made;
  if (options.dir.empty()) {
    made.diagnostics.error(Nowhere(), "name the folder of the new site",
                           "as in: kiosk new site qingxi");
  } else if (fs.IsFile(options.dir) ||
             (fs.IsDirectory(options.dir) && !fs.IsEmptyDirectory(options.dir))) {
    made.diagnostics.error({options.dir, 0, 0}, "the folder is not empty",
                           "name a new folder: kiosk new site makes a site where there is none");
  }
  std::string base_url(Trim(options.base_url));
  const size_t scheme = base_url.find("://");
  if ((!StartsWith(base_url, "https://") && !StartsWith(base_url, "http://")) ||
      base_url.size() <= scheme + 3 || base_url.find_first_of(" \"<>") != std::string::npos) {
    made.diagnostics.error(Nowhere(), "--base-url " + base_url + " is not a web address",
                           "give the site's public address, as in --base-url "
                           "https://www.example.gov.tw/");
  }
  for (const auto* name : {&options.name, &options.name_en}) {
    if (Trim(*name).empty()) {
      made.diagnostics.error(Nowhere(), "the office's name is empty",
                             "give it with --name 名稱 --name-en NAME");
    }
  }
  if (!made.ok()) return made;
  if (base_url.back() != '/') base_url += '/';
  const size_t path = base_url.find('/', scheme + 3);
  const std::map<std::string, std::optional<std::string>> values = {
      {"name", options.name},
      {"name_yaml", YamlQuoted(options.name)},
      {"name_in_quotes", InQuotes(options.name)},
      {"name_en", options.name_en},
      {"name_en_yaml", YamlQuoted(options.name_en)},
      {"name_en_in_quotes", InQuotes(options.name_en)},
      {"base_url_yaml", YamlQuoted(base_url)},
      {"base_path", base_url.substr(path)},
      {"today", options.today},
  };
  std::map<std::string, std::string> files;
  for (const auto& [file, text] : FilesBelow("site/")) {
    // Kept in kiosk's sources as "gitignore", so that it does not apply there.
    files[file == "gitignore" ? ".gitignore" : file] = Fill(text, values);
  }
  return WriteNew(fs, options.dir, options.dir, files);
}

std::vector<std::string> NewPageTypes() {
  std::vector<std::string> names;
  for (const PageType& type : kPageTypes) names.push_back(type.name);
  return names;
}

MadeFiles MakePage(FileSystem& fs, const NewPageOptions& options) {
  MadeFiles made;
  const PageType* type = nullptr;
  for (const PageType& known : kPageTypes) {
    if (options.type == known.name) type = &known;
  }
  if (!type) {
    made.diagnostics.error(Nowhere(), "kiosk new makes no page of type '" + options.type + "'",
                           "use faq, sop, plan, news or page");
    return made;
  }
  if (const auto why = InvalidSlugReason(options.name)) {
    made.diagnostics.error(Nowhere(), "'" + options.name + "' cannot name a page: " + *why,
                           "use letters, digits, '-' or Chinese, as in id-card or 颱風停班");
  }
  std::string section(options.section.value_or(type->section));
  while (!section.empty() && section.back() == '/') section.pop_back();
  while (!section.empty() && section.front() == '/') section.erase(0, 1);
  for (std::string_view rest = section; !rest.empty();) {
    const std::string_view part = rest.substr(0, rest.find('/'));
    if (const auto why = InvalidSlugReason(part)) {
      made.diagnostics.error(Nowhere(), "--section " + section + " cannot name a folder: " + *why,
                             "name a folder under content/, as in --section faq/parking");
      break;
    }
    rest.remove_prefix(std::min(rest.size(), part.size() + 1));
  }
  // As a build reads it: nothing is read or written through a link that leads out of the
  // site (a section folder linked elsewhere).
  fs.ConfineInputs(options.site_dir, {JoinPath(options.site_dir, "site.yaml"),
                                      JoinPath(options.site_dir, "content")});
  const std::string config_file = JoinPath(options.display_dir, "site.yaml");
  const Result<std::string> text = fs.ReadFile(JoinPath(options.site_dir, "site.yaml"));
  if (!text) {
    made.diagnostics.error({config_file, 0, 0}, "there is no site.yaml in this folder",
                           "run kiosk new inside a site, or name one with --site SITE_DIR");
    return made;
  }
  const std::optional<SiteConfig> config = ParseSiteConfig(*text, config_file, made.diagnostics);
  if (!config || !made.ok()) return made;
  std::optional<std::string> department;
  if (!config->departments.empty()) department = config->departments.front().id;
  if (!department && options.type == "sop") {
    made.diagnostics.error({config_file, 0, 0},
                           "a service page needs a department, and site.yaml has none",
                           "add the office's sections under 'departments:' in site.yaml");
    return made;
  }

  const std::map<std::string, std::string_view> templates = FilesBelow("pages/");
  const std::map<std::string, std::optional<std::string>> values = {
      {"title_yaml", YamlQuoted(options.name)},
      {"department", department},
      {"today", options.today},
  };
  std::map<std::string, std::string> files;
  for (const Language& language : config->languages) {
    // Chinese pages from the Chinese template; any other language from the English one.
    auto page = templates.find(options.type + "." + language.code + ".md");
    if (page == templates.end()) {
      page =
          templates.find(options.type + (StartsWith(language.code, "zh") ? ".zh-TW.md" : ".en.md"));
    }
    const std::string folder = JoinPath("content", section);
    files[JoinPath(folder, options.name + "." + language.code + ".md")] =
        Fill(page->second, values);
    // A new section needs its title in each language, or it is shown by its folder's name.
    const std::string index = JoinPath(folder, "_index." + language.code + ".md");
    if (!section.empty() && !fs.IsFile(JoinPath(options.site_dir, index))) {
      files[index] = "---\ntitle: " + YamlQuoted(FileName(section)) +
                     "   # the section's title in this language\n---\n";
    }
  }
  if (!made.ok()) return made;
  return WriteNew(fs, options.site_dir, options.display_dir, files);
}

std::optional<std::string> FindSiteFolder(const FileSystem& fs, const std::string& folder) {
  std::filesystem::path at = std::filesystem::absolute(folder).lexically_normal();
  for (;;) {
    if (fs.IsFile((at / "site.yaml").string())) return at.string();
    if (!at.has_relative_path()) return std::nullopt;
    at = at.parent_path();
  }
}

}  // namespace kiosk
