#include "config/site_config.h"

#include <algorithm>
#include <set>

#include "addresses/address.h"
#include "base/text.h"
#include "yaml/value.h"

namespace kiosk {

const std::string& LocalizedText::Get(std::string_view language) const {
  static const std::string kEmpty;
  const auto it = by_language_.find(language);
  return it == by_language_.end() ? kEmpty : it->second;
}

const Language* SiteConfig::FindLanguage(std::string_view code) const {
  for (const Language& language : languages) {
    if (language.code == code) return &language;
  }
  return nullptr;
}

const Department* SiteConfig::FindDepartment(std::string_view id) const {
  for (const Department& department : departments) {
    if (department.id == id) return &department;
  }
  return nullptr;
}

std::string DefaultHtmlLang(std::string_view code) {
  if (code == "zh-TW") return "zh-Hant-TW";
  if (code == "zh-HK") return "zh-Hant-HK";
  if (code == "zh-MO") return "zh-Hant-MO";
  if (code == "zh-CN") return "zh-Hans-CN";
  if (code == "zh-SG") return "zh-Hans-SG";
  return std::string(code);
}

// [A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*, read part by part.
bool LooksLikeLanguageTag(std::string_view text) {
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  const auto alphanumeric = [&](char c) { return letter(c) || (c >= '0' && c <= '9'); };
  bool first = true;
  for (size_t start = 0; start <= text.size(); first = false) {
    const size_t end = std::min(text.find('-', start), text.size());
    const std::string_view part = text.substr(start, end - start);
    const bool ok = first ? part.size() >= 2 && part.size() <= 3 &&
                                std::all_of(part.begin(), part.end(), letter)
                          : part.size() >= 2 && part.size() <= 8 &&
                                std::all_of(part.begin(), part.end(), alphanumeric);
    if (!ok) return false;
    start = end + 1;
  }
  return true;
}

bool LooksLikeLanguageCode(std::string_view text) {
  const auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  const auto letter = [&](char c) { return lower(c) || (c >= 'A' && c <= 'Z'); };
  if (text.size() < 2 || !lower(text[0]) || !lower(text[1])) return false;
  if (text.size() == 2) return true;
  const std::string_view region = text.substr(3);
  return text[2] == '-' && region.size() >= 2 && region.size() <= 4 &&
         std::all_of(region.begin(), region.end(), letter);
}

namespace {


// Reads site.yaml's keys, reporting each problem where it was written.
class ConfigReader {
 public:
  ConfigReader(const std::string& file, Diagnostics& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  std::optional<SiteConfig> Read(const Value& root) {
    if (!root.is_map()) {
      diagnostics_.error({file_, 1, 1}, "site.yaml must be a map of settings",
                         "start with 'base_url:' and 'languages:' (see the README)");
      return std::nullopt;
    }
    SiteConfig config;
    config.file = file_;
    WarnUnknownKeys(root, {"base_url", "theme", "languages", "office", "departments", "markdown",
                           "home", "qr", "check", "accessibility", "retired"});
    ReadBaseUrl(root, config);
    if (const Value* theme = root.Find("theme")) {
      if (const std::string* name = RequireText(*theme, "theme")) {
        config.theme = *name;
        config.theme_where = theme->where;
        if (auto reason = InvalidSlugReason(*name)) {
          Error(theme->where, "the theme name '" + *name + "' cannot be a folder name: " + *reason,
                "name the folder under themes/ with letters, digits and '-'");
        }
      }
    }
    ReadLanguages(root, config);
    if (config.languages.empty()) return std::nullopt;
    languages_ = &config.languages;
    ReadOffice(root, config);
    ReadDepartments(root, config);
    if (const Value* markdown = RequireMap(root, "markdown", false)) {
      WarnUnknownKeys(*markdown, {"unsafe_html"});
      if (const Value* unsafe = markdown->Find("unsafe_html")) {
        config.unsafe_html = ReadBool(*unsafe, "markdown.unsafe_html");
      }
    }
    if (const Value* home = RequireMap(root, "home", false)) {
      WarnUnknownKeys(*home, {"latest"});
      if (const Value* latest = home->Find("latest")) {
        const auto count = latest->AsInteger();
        if (!count || *count < 0 || *count > 100) {
          Error(latest->where, "home.latest must be a whole number from 0 to 100",
                "write for example 'latest: 6'");
        } else {
          config.home_latest = static_cast<int>(*count);
        }
      }
    }
    ReadQr(root, config);
    ReadCheck(root, config);
    if (const Value* accessibility = RequireMap(root, "accessibility", false)) {
      WarnUnknownKeys(*accessibility, {"badge", "certificate_url"});
      const Value* badge = accessibility->Find("badge");
      const Value* url = accessibility->Find("certificate_url");
      if (badge && (!badge->is_scalar() ||
                    (badge->scalar != "A" && badge->scalar != "AA" && badge->scalar != "AAA"))) {
        Error(badge->where, "accessibility.badge must be A, AA or AAA",
              "write the level on the site's certificate");
      } else if (badge && !url) {
        Error(badge->where, "the badge needs its certificate's address",
              "add 'certificate_url: https://…' below 'accessibility:'");
      } else if (badge) {
        config.badge_level = badge->scalar;
        if (const std::string* text = RequireText(*url, "certificate_url"))
          config.badge_url = *text;
      }
    }
    ReadRetired(root, config);
    if (failed_) return std::nullopt;
    return config;
  }

 private:
  void Error(const SourceLocation& where, std::string message, std::string hint) {
    diagnostics_.error(where, std::move(message), std::move(hint));
    failed_ = true;
  }

  void WarnUnknownKeys(const Value& map, std::initializer_list<std::string_view> known) {
    for (const Value::Entry& entry : map.entries) {
      if (std::find(known.begin(), known.end(), entry.key) == known.end()) {
        std::string list;
        for (std::string_view key : known) list += (list.empty() ? "" : ", ") + std::string(key);
        diagnostics_.warning(entry.key_where, "unknown key '" + entry.key + "' is ignored",
                             "the keys here are: " + list);
      }
    }
  }

  const Value* RequireMap(const Value& parent, std::string_view key, bool required) {
    const Value* value = parent.Find(key);
    if (!value) {
      if (required) {
        Error(parent.where, "the key '" + std::string(key) + "' is missing",
              "add it (see the site.yaml reference in the README)");
      }
      return nullptr;
    }
    if (!value->is_map()) {
      Error(value->where, "'" + std::string(key) + "' must be a map, not " + value->Describe(),
            "indent its keys below it");
      return nullptr;
    }
    return value;
  }

  const std::string* RequireText(const Value& value, std::string_view what) {
    if (value.is_scalar() && !value.scalar.empty()) return &value.scalar;
    Error(value.where, "'" + std::string(what) + "' must be text, not " + value.Describe(),
          "write a value after the ':'");
    return nullptr;
  }

  bool ReadBool(const Value& value, std::string_view what) {
    if (const auto flag = value.AsBool()) return *flag;
    Error(value.where, "'" + std::string(what) + "' must be true or false", "write true or false");
    return false;
  }

  // A text given once for all languages, or a map with one entry per configured language.
  LocalizedText ReadLocalized(const Value& value, std::string_view what) {
    std::map<std::string, std::string, std::less<>> texts;
    if (value.is_scalar() && Trim(value.scalar).empty()) {
      Error(value.where, "'" + std::string(what) + "' is empty", "write the text after the ':'");
      return {};
    }
    if (value.is_scalar()) {
      for (const Language& language : *languages_) texts[language.code] = value.scalar;
      return LocalizedText(std::move(texts));
    }
    if (!value.is_map()) {
      Error(value.where, "'" + std::string(what) + "' must be text or a map of languages",
            "write 'zh-TW: …' and 'en: …' below it");
      return {};
    }
    bool entries_valid = true;
    for (const Value::Entry& entry : value.entries) {
      bool known = false;
      for (const Language& language : *languages_) known = known || language.code == entry.key;
      if (!known) {
        Error(entry.key_where, "'" + entry.key + "' is not one of the site's languages",
              "use the language codes listed under 'languages'");
        entries_valid = false;
      } else if (const std::string* text = RequireText(entry.value, what)) {
        texts[entry.key] = *text;
      } else {
        entries_valid = false;
      }
    }
    for (const Language& language : *languages_) {
      // A misspelt or empty entry was reported above; do not report it twice.
      if (!texts.count(language.code) && entries_valid) {
        Error(value.where,
              "'" + std::string(what) + "' has no text for the language '" + language.code + "'",
              "add '" + language.code + ": …' below it");
      }
    }
    return LocalizedText(std::move(texts));
  }

  void ReadQr(const Value& root, SiteConfig& config) {
    const Value* qr = RequireMap(root, "qr", false);
    if (!qr) return;
    WarnUnknownKeys(*qr, {"screen_level", "print_level", "module_size", "short_urls"});
    for (auto [key, target] : {std::pair{"screen_level", &config.qr.screen_level},
                               {"print_level", &config.qr.print_level}}) {
      if (const Value* value = qr->Find(key)) {
        const auto level = value->is_scalar() ? ParseQrLevel(value->scalar) : std::nullopt;
        if (level) {
          *target = *level;
        } else {
          Error(value->where, std::string("qr.") + key + " must be L, M, Q or H",
                "M suits screens, Q or H print (higher levels survive more damage)");
        }
      }
    }
    if (const Value* size = qr->Find("module_size")) {
      const auto pixels = size->AsInteger();
      if (!pixels || *pixels < 2 || *pixels > 40) {
        Error(size->where, "qr.module_size must be a whole number of pixels from 2 to 40",
              "write for example 'module_size: 8'");
      } else {
        config.qr.module_pixels = static_cast<int>(*pixels);
      }
    }
    if (const Value* short_urls = qr->Find("short_urls")) {
      config.qr.short_urls = ReadBool(*short_urls, "qr.short_urls");
    }
  }

  void ReadCheck(const Value& root, SiteConfig& config) {
    const Value* check = RequireMap(root, "check", false);
    if (!check) return;
    WarnUnknownKeys(*check, {"level", "edition"});
    if (const Value* level = check->Find("level")) {
      if (level->is_scalar() &&
          (level->scalar == "A" || level->scalar == "AA" || level->scalar == "AAA")) {
        config.check.level = level->scalar;
      } else {
        Error(level->where, "check.level must be A, AA or AAA",
              "new and redesigned government sites are asked to reach AA");
      }
    }
    if (const Value* edition = check->Find("edition")) {
      if (edition->is_scalar() && (edition->scalar == "115.11" || edition->scalar == "110.07")) {
        config.check.edition = edition->scalar;
      } else {
        Error(edition->where, "check.edition must be 115.11 or 110.07",
              "115.11 is used for certification from 2026-11-30");
      }
    }
  }

  // retired: a map of old addresses ("/faq/parks/", or "/en/*" for a folder) to the address
  // of the page that replaces them, or to "ended".
  void ReadRetired(const Value& root, SiteConfig& config) {
    const Value* retired = RequireMap(root, "retired", false);
    if (!retired || config.base_url.empty()) return;
    for (const Value::Entry& entry : retired->entries) {
      RetiredAddress item;
      item.where = entry.key_where;
      std::string_view key = entry.key;
      item.folder = EndsWith(key, "/*");
      if (item.folder) key.remove_suffix(1);
      Result<std::string> address = ReadSiteAddress(key, item.where, config.base_url);
      if (!address) {
        diagnostics_.add(address.error());
        failed_ = true;
        continue;
      }
      item.address = std::move(*address);
      if (item.folder && item.address == "/") {
        Error(item.where, "'/*' would retire every address the site has published",
              "retire the folders or addresses that are gone, one by one");
        continue;
      }
      const std::string* target = RequireText(entry.value, item.address);
      if (!target) continue;
      if (*target != "ended") {
        if (!StartsWith(*target, "/") && !StartsWith(*target, config.base_url)) {
          Error(entry.value.where,
                "'" + *target + "' is neither an address of the site nor 'ended'",
                "write the address of the page that replaces it (such as /faq/parks/), or "
                "'ended' when the service has ended");
          continue;
        }
        Result<std::string> replacement =
            ReadSiteAddress(*target, entry.value.where, config.base_url);
        if (!replacement) {
          diagnostics_.add(replacement.error());
          failed_ = true;
          continue;
        }
        item.replacement = std::move(*replacement);
      }
      config.retired.push_back(std::move(item));
    }
  }

  void ReadBaseUrl(const Value& root, SiteConfig& config) {
    const Value* value = root.Find("base_url");
    if (!value) {
      Error({file_, 1, 1}, "the key 'base_url' is missing",
            "add the site's public address, e.g. 'base_url: https://www.example.gov.tw/'");
      return;
    }
    const std::string* text = RequireText(*value, "base_url");
    if (!text) return;
    const std::optional<BaseUrl> base = ParseBaseUrl(*text);
    if (!base) {
      Error(value->where,
            "base_url '" + ShortenText(*text, 80) + "' is not an absolute http(s) address",
            "write it in full, e.g. 'https://www.example.gov.tw/'");
      return;
    }
    config.base_url = config.written_base_url = base->url;
    config.base_path = config.written_base_path = base->path;
  }

  void ReadLanguages(const Value& root, SiteConfig& config) {
    const Value* list = root.Find("languages");
    for (const Value::Entry& entry : root.entries) {
      if (entry.key == "languages") config.languages_where = entry.key_where;
    }
    if (!list || !list->is_list() || list->items.empty()) {
      Error(list ? list->where : SourceLocation{file_, 1, 1},
            "'languages' must be a list of at least one language",
            "add '- code: zh-TW' with its 'name' and 'title' (the first is the default)");
      return;
    }
    std::set<std::string> codes;
    for (const Value& item : list->items) {
      if (!item.is_map()) {
        Error(item.where, "each language must be a map with code, name and title",
              "write '- code: en' and indent 'name:' and 'title:' below it");
        continue;
      }
      WarnUnknownKeys(item, {"code", "name", "title", "html_lang"});
      Language language;
      bool complete = true;
      for (auto [key, target] : {std::pair{"code", &language.code},
                                 {"name", &language.name},
                                 {"title", &language.title}}) {
        const Value* value = item.Find(key);
        if (!value) {
          Error(item.where, std::string("the language has no '") + key + "'",
                std::string("add '") + key + ": …'");
          complete = false;
        } else if (const std::string* text = RequireText(*value, key)) {
          *target = *text;
        } else {
          complete = false;
        }
      }
      if (!complete) continue;
      const Value* code = item.Find("code");
      if (!LooksLikeLanguageTag(language.code)) {
        Error(code->where, "'" + language.code + "' is not a BCP 47 language code",
              "use a code such as zh-TW or en");
        continue;
      }
      if (!codes.insert(language.code).second) {
        Error(code->where, "the language '" + language.code + "' is listed twice",
              "remove one of them");
        continue;
      }
      language.html_lang = DefaultHtmlLang(language.code);
      if (const Value* html_lang = item.Find("html_lang")) {
        if (const std::string* text = RequireText(*html_lang, "html_lang")) {
          language.html_lang = *text;
        }
      }
      language.url_prefix = config.languages.empty() ? "" : "/" + language.code;
      config.languages.push_back(std::move(language));
    }
  }

  void ReadOffice(const Value& root, SiteConfig& config) {
    const Value* office = RequireMap(root, "office", true);
    if (!office) return;
    WarnUnknownKeys(*office, {"name", "address", "phone", "fax", "hours", "email"});
    for (auto [key, target] : {std::pair{"name", &config.office.name},
                               {"address", &config.office.address},
                               {"hours", &config.office.hours}}) {
      if (const Value* value = office->Find(key)) {
        *target = ReadLocalized(*value, std::string("office.") + key);
      } else {
        Error(office->where, std::string("the office has no '") + key + "'",
              std::string("add '") + key + ":' below 'office:' (shown in every footer)");
      }
    }
    for (auto [key, target] : {std::pair{"phone", &config.office.phone},
                               {"fax", &config.office.fax},
                               {"email", &config.office.email}}) {
      if (const Value* value = office->Find(key)) {
        if (const std::string* text = RequireText(*value, std::string("office.") + key)) {
          *target = *text;
        }
      } else if (std::string_view(key) != "fax") {
        Error(office->where, std::string("the office has no '") + key + "'",
              std::string("add '") + key + ":' below 'office:' (shown in every footer)");
      }
    }
  }

  void ReadDepartments(const Value& root, SiteConfig& config) {
    const Value* list = root.Find("departments");
    if (!list) return;
    if (!list->is_list()) {
      Error(list->where, "'departments' must be a list", "write '- id: civil' for each one");
      return;
    }
    std::set<std::string> ids;
    for (const Value& item : list->items) {
      if (!item.is_map()) {
        Error(item.where, "each department must be a map with id and name",
              "write '- id: civil' and indent 'name:' below it");
        continue;
      }
      WarnUnknownKeys(item, {"id", "name", "phone", "location", "email"});
      Department department;
      department.where = item.where;
      const Value* id = item.Find("id");
      const Value* name = item.Find("name");
      if (!id || !name) {
        Error(item.where, std::string("the department has no '") + (id ? "name" : "id") + "'",
              "every department needs an 'id' (used in front matter) and a 'name'");
        continue;
      }
      const std::string* id_text = RequireText(*id, "id");
      if (!id_text) continue;
      department.id = *id_text;
      if (auto reason = InvalidSlugReason(department.id)) {
        Error(id->where, "the department id '" + department.id + "' cannot be used: " + *reason,
              "use letters, digits and '-'");
        continue;
      }
      if (!ids.insert(department.id).second) {
        Error(id->where, "the department id '" + department.id + "' is used twice",
              "give each department its own id");
        continue;
      }
      department.name = ReadLocalized(*name, "name");
      if (const Value* location = item.Find("location")) {
        department.location = ReadLocalized(*location, "location");
      }
      for (auto [key, target] :
           {std::pair{"phone", &department.phone}, {"email", &department.email}}) {
        if (const Value* value = item.Find(key)) {
          if (const std::string* text = RequireText(*value, key)) *target = *text;
        }
      }
      config.departments.push_back(std::move(department));
    }
  }

  const std::string& file_;
  Diagnostics& diagnostics_;
  const std::vector<Language>* languages_ = nullptr;
  bool failed_ = false;
};

}  // namespace

// (https?)://[A-Za-z0-9.-]+(:[0-9]+)?(/[^?#\s]*)?, read by a scanner.
std::optional<BaseUrl> ParseBaseUrl(std::string_view text) {
  size_t pos = 0;
  if (text.starts_with("https://")) {
    pos = 8;
  } else if (text.starts_with("http://")) {
    pos = 7;
  } else {
    return std::nullopt;
  }
  const auto host_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '-';
  };
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const size_t host = pos;
  while (pos < text.size() && host_char(text[pos])) ++pos;
  if (pos == host) return std::nullopt;
  if (pos < text.size() && text[pos] == ':') {
    const size_t port = ++pos;
    while (pos < text.size() && digit(text[pos])) ++pos;
    if (pos == port) return std::nullopt;
  }
  const std::string_view path = text.substr(pos);
  if (!path.empty() && (path.front() != '/' || path.find_first_of("?# \t\n\v\f\r") !=
                                                   std::string_view::npos)) {
    return std::nullopt;
  }
  BaseUrl base;
  base.path = path.empty() ? "/" : std::string(path);
  if (base.path.back() != '/') base.path += '/';
  base.url = std::string(text.substr(0, pos)) + base.path;
  return base;
}

std::optional<SiteConfig> ParseSiteConfig(std::string_view text, const std::string& file,
                                          Diagnostics& diagnostics) {
  if (const auto bad = FindInvalidUtf8(text)) {
    diagnostics.error({file, bad->line, bad->column}, "the file is not valid UTF-8",
                      "save it as UTF-8 (not Big5)");
    return std::nullopt;
  }
  Result<Value> root = ParseYaml(text, file);
  if (!root) {
    diagnostics.add(root.error());
    return std::nullopt;
  }
  return ConfigReader(file, diagnostics).Read(*root);
}

}  // namespace kiosk
