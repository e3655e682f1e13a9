#include "theme/theme.h"

#include <cctype>
#include <kainjow/mustache.hpp>
#include <set>

#include "base/hash.h"
#include "base/text.h"
#include "theme/embedded_theme.h"
#include "yaml/value.h"

namespace kiosk {

const ThemeTemplate* Theme::Find(std::string_view name) const {
  const auto it = templates_.find(name);
  return it == templates_.end() ? nullptr : &it->second;
}

SourceLocation LocateOffset(std::string_view text, size_t offset, const std::string& file) {
  SourceLocation where{file, 1, 1};
  for (size_t pos = 0; pos < std::min(offset, text.size());) {
    if (text[pos] == '\n') {
      ++where.line;
      where.column = 1;
      ++pos;
    } else {
      DecodeUtf8(text, pos);
      ++where.column;
    }
  }
  return where;
}

namespace {

constexpr std::string_view kTemplatesDir = "templates/";
constexpr std::string_view kTemplateExtension = ".mustache";
constexpr std::string_view kStringsDir = "i18n/";
constexpr std::string_view kStaticDir = "static/";
constexpr int kMaxPartialDepth = 16;

struct RawFile {
  std::string file;  // for messages
  std::string disk_path;
  std::string_view embedded;
  std::string text;
};

// A Mustache tag the loader looks for: where it is in the template, and the name in it.
struct FoundTag {
  size_t position = 0;
  size_t length = 0;
  std::string name;
};

bool IsBlank(char c) { return std::isspace(static_cast<unsigned char>(c)); }

// Every tag `match` recognises at an opening "{{": `match` returns the tag's end and sets the
// name, or returns 0. Read by hand rather than by regular expression, as every build loads
// the theme, an unchanged one included.
template <typename Match>
std::vector<FoundTag> FindTags(std::string_view text, const Match& match) {
  std::vector<FoundTag> tags;
  for (size_t at = text.find("{{"); at != std::string_view::npos;) {
    std::string name;
    if (const size_t end = match(text, at + 2, name); end > 0) {
      tags.push_back({at, end - at, std::move(name)});
      at = text.find("{{", end);
    } else {
      at = text.find("{{", at + 1);
    }
  }
  return tags;
}

// {{> name}}: the partials a template includes.
std::vector<FoundTag> FindPartials(std::string_view text) {
  return FindTags(text, [](std::string_view text, size_t i, std::string& name) -> size_t {
    if (i >= text.size() || text[i] != '>') return 0;
    for (++i; i < text.size() && IsBlank(text[i]);) ++i;
    const size_t start = i;
    while (i < text.size() && text[i] != '}' && !IsBlank(text[i])) ++i;
    if (i == start) return 0;
    name = text.substr(start, i - start);
    while (i < text.size() && IsBlank(text[i])) ++i;
    return text.substr(i, 2) == "}}" ? i + 2 : 0;
  });
}

// {{i18n.key}}, {{#i18n.key}} and the like: the interface strings a template uses.
std::vector<FoundTag> FindStringReferences(std::string_view text) {
  return FindTags(text, [](std::string_view text, size_t i, std::string& name) -> size_t {
    if (i < text.size() && std::string_view("#^/{&").find(text[i]) != std::string_view::npos) ++i;
    while (i < text.size() && IsBlank(text[i])) ++i;
    if (text.substr(i, 5) != "i18n.") return 0;
    const size_t start = i += 5;
    while (i < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) {
      ++i;
    }
    if (i == start) return 0;
    name = text.substr(start, i - start);
    return i;
  });
}

}  // namespace

class ThemeLoader {
 public:
  ThemeLoader(const FileSystem& fs, Diagnostics& diagnostics)
      : fs_(fs), diagnostics_(diagnostics) {}

  std::optional<Theme> Load(const std::string& site_dir, const std::string& display_dir,
                            const SiteConfig& config) {
    // Built-in files first, then the site's own theme folder over them.
    for (const EmbeddedFile& file : DefaultThemeFiles()) {
      RawFile raw;
      raw.file = "themes/default/" + std::string(file.path) + " (built into kiosk)";
      raw.embedded = file.contents;
      raw.text = std::string(file.contents);
      files_[std::string(file.path)] = std::move(raw);
    }
    const std::string theme_dir = JoinPath(JoinPath(site_dir, "themes"), config.theme);
    const std::string theme_display = JoinPath(JoinPath(display_dir, "themes"), config.theme);
    if (config.theme != "default" && !fs_.IsDirectory(theme_dir)) {
      diagnostics_.error(config.theme_where, "the theme '" + config.theme + "' was not found",
                         "create the folder " + theme_display +
                             "/, or remove 'theme:' to use "
                             "the default theme");
      return std::nullopt;
    }
    Result<std::vector<std::string>> listed = fs_.ListFiles(theme_dir);
    if (!listed) {
      diagnostics_.add(ShownAs(listed.error(), theme_dir, theme_display));
      return std::nullopt;
    }
    for (const std::string& path : *listed) {
      RawFile raw;
      raw.file = JoinPath(theme_display, path);
      raw.disk_path = JoinPath(theme_dir, path);
      if (!StartsWith(path, kStaticDir)) {
        Result<std::string> text = fs_.ReadFile(raw.disk_path);
        if (!text) {
          diagnostics_.add(ShownAs(text.error(), theme_dir, theme_display));
          continue;
        }
        raw.text = std::move(*text);
      }
      files_[path] = std::move(raw);
    }

    Theme theme;
    LoadStrings(config, theme);
    LoadTemplates(theme);
    for (const auto& [path, raw] : files_) {
      if (StartsWith(path, kStaticDir)) {
        theme.static_files_.push_back(
            {path.substr(kStaticDir.size()), raw.disk_path, raw.embedded, raw.file});
      }
    }
    for (const char* required : {"home", "section", "page"}) {
      if (!theme.Find(required) && !broken_templates_.count(required)) {
        diagnostics_.error({theme_display, 0, 0},
                           std::string("the theme has no template '") + required + "'",
                           "create " + theme_display + "/templates/" + required + ".mustache");
      }
    }
    if (diagnostics_.has_errors()) return std::nullopt;
    Fingerprint fingerprint;
    for (const auto& [name, source] : theme.templates_) fingerprint.Add(name).Add(source.text);
    for (const auto& [language, strings] : theme.strings_) {
      for (const auto& [key, text] : strings) fingerprint.Add(language).Add(key).Add(text);
    }
    theme.fingerprint_ = fingerprint.value();
    return theme;
  }

 private:
  void LoadStrings(const SiteConfig& config, Theme& theme) {
    // Every language's table, layered key by key.
    std::map<std::string, std::map<std::string, std::string>> defined_in;  // key -> lang -> file
    for (const Language& language : config.languages) {
      const std::string relative = std::string(kStringsDir) + language.code + ".yaml";
      std::vector<const RawFile*> layers;
      for (const EmbeddedFile& file : DefaultThemeFiles()) {
        if (file.path == relative && !files_.at(relative).disk_path.empty()) {
          // The site overrides this table: the built-in one still supplies missing keys.
          static thread_local RawFile builtin;
          builtin = {"themes/default/" + relative + " (built into kiosk)", "", file.contents,
                     std::string(file.contents)};
          layers.push_back(&builtin);
          ReadStringsLayer(*layers.back(), language.code, theme, defined_in);
          layers.clear();
        }
      }
      const auto found = files_.find(relative);
      if (found == files_.end()) {
        diagnostics_.error(
            {config.file, 0, 0},
            "the theme has no interface strings for the language '" + language.code + "'",
            "create themes/" + config.theme + "/" + relative +
                " with the keys of the other languages' files");
        continue;
      }
      ReadStringsLayer(found->second, language.code, theme, defined_in);
      string_files_[language.code] = found->second.file;
    }
    for (const auto& [key, languages] : defined_in) {
      for (const Language& language : config.languages) {
        if (languages.count(language.code) || !string_files_.count(language.code)) continue;
        const auto& [other_language, other_file] = *languages.begin();
        diagnostics_.error(
            {string_files_[language.code], 0, 0}, "the interface string '" + key + "' is missing",
            "add '" + key + ": …' in " + language.code + " (" + other_file + " has it)");
      }
    }
  }

  void ReadStringsLayer(const RawFile& raw, const std::string& language, Theme& theme,
                        std::map<std::string, std::map<std::string, std::string>>& defined_in) {
    if (const auto bad = FindInvalidUtf8(raw.text)) {
      diagnostics_.error({raw.file, bad->line, bad->column}, "the file is not valid UTF-8",
                         "save it as UTF-8");
      return;
    }
    Result<Value> table = ParseYaml(raw.text, raw.file);
    if (!table) {
      diagnostics_.add(table.error());
      return;
    }
    if (table->is_null()) return;
    if (!table->is_map()) {
      diagnostics_.error({raw.file, 1, 1}, "interface strings must be a map of key: text",
                         "write one 'key: text' per line");
      return;
    }
    auto& strings = theme.strings_[language];
    for (const Value::Entry& entry : table->entries) {
      if (!entry.value.is_scalar()) {
        diagnostics_.error(entry.value.where,
                           "the interface string '" + entry.key + "' must be text",
                           "write the text after the ':'");
        continue;
      }
      strings[entry.key] = entry.value.scalar;
      defined_in[entry.key].emplace(language, raw.file);
    }
  }

  void LoadTemplates(Theme& theme) {
    for (const auto& [path, raw] : files_) {
      if (!StartsWith(path, kTemplatesDir) || !EndsWith(path, kTemplateExtension)) continue;
      const std::string name = path.substr(
          kTemplatesDir.size(), path.size() - kTemplatesDir.size() - kTemplateExtension.size());
      std::string expanded;
      const bool valid = CheckSyntax(raw) && CheckStringReferences(raw, theme) &&
                         (StartsWith(name, "partials/") || Expand(raw, 0, expanded));
      if (!valid) {
        broken_templates_.insert(name);
      } else if (!StartsWith(name, "partials/")) {
        theme.templates_[name] = {raw.file, std::move(expanded)};
      }
    }
  }

  bool CheckSyntax(const RawFile& raw) {
    if (const auto bad = FindInvalidUtf8(raw.text)) {
      diagnostics_.error({raw.file, bad->line, bad->column}, "the file is not valid UTF-8",
                         "save it as UTF-8");
      return false;
    }
    kainjow::mustache::mustache compiled(raw.text);
    if (compiled.is_valid()) return true;
    // kainjow reports "Unclosed section "x" at 123": turn the offset into line and column.
    const std::string& message = compiled.error_message();
    SourceLocation where{raw.file, 0, 0};
    std::string what = message;
    const size_t at = message.rfind(" at ");
    const std::string_view offset =
        at == std::string::npos ? std::string_view() : std::string_view(message).substr(at + 4);
    if (!offset.empty() && offset.size() < 10 &&
        std::all_of(offset.begin(), offset.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      where = LocateOffset(raw.text, std::stoul(std::string(offset)), raw.file);
      what = message.substr(0, at);
    }
    if (!what.empty()) what[0] = static_cast<char>(std::tolower(what[0]));
    diagnostics_.error(where, "template syntax error: " + what,
                       "close every {{#section}} with {{/section}}, in order");
    return false;
  }

  // {{i18n.key}} must name an interface string, or the page would silently lack a label.
  bool CheckStringReferences(const RawFile& raw, const Theme& theme) {
    bool ok = true;
    for (const FoundTag& reference : FindStringReferences(raw.text)) {
      const std::string& key = reference.name;
      const bool known = std::any_of(theme.strings_.begin(), theme.strings_.end(),
                                     [&](const auto& table) { return table.second.count(key); });
      if (!known) {
        diagnostics_.error(LocateOffset(raw.text, reference.position, raw.file),
                           "the interface string '" + key + "' does not exist",
                           "add '" + key + ": …' to every file in i18n/, or fix the name");
        ok = false;
      }
    }
    return ok;
  }

  // Writes the template with every {{> partial}} replaced by the partial's own expansion.
  bool Expand(const RawFile& raw, int depth, std::string& out) {
    bool ok = true;
    size_t copied = 0;
    for (const FoundTag& partial : FindPartials(raw.text)) {
      out.append(raw.text, copied, partial.position - copied);
      copied = partial.position + partial.length;
      const std::string& name = partial.name;
      const auto found = files_.find(std::string(kTemplatesDir) + "partials/" + name +
                                     std::string(kTemplateExtension));
      if (found == files_.end()) {
        diagnostics_.error(LocateOffset(raw.text, partial.position, raw.file),
                           "the partial '" + name + "' does not exist",
                           "create templates/partials/" + name +
                               ".mustache in the theme, or "
                               "fix the name");
        ok = false;
      } else if (depth >= kMaxPartialDepth) {
        diagnostics_.error(LocateOffset(raw.text, partial.position, raw.file),
                           "partials include each other in a loop at '" + name + "'",
                           "remove the include that leads back to an including partial");
        return false;
      } else {
        ok = Expand(found->second, depth + 1, out) && ok;
      }
    }
    out.append(raw.text, copied);
    return ok;
  }

  const FileSystem& fs_;
  Diagnostics& diagnostics_;
  std::map<std::string, RawFile> files_;  // theme-relative path -> file, site over built-in
  std::map<std::string, std::string> string_files_;  // language -> its strings file
  std::set<std::string> broken_templates_;           // reported already
};

std::optional<Theme> LoadTheme(const FileSystem& fs, const std::string& site_dir,
                               const std::string& display_dir, const SiteConfig& config,
                               Diagnostics& diagnostics) {
  Diagnostics theme_diagnostics;
  std::optional<Theme> theme =
      ThemeLoader(fs, theme_diagnostics).Load(site_dir, display_dir, config);
  diagnostics.append(theme_diagnostics);
  return theme;
}

}  // namespace kiosk
