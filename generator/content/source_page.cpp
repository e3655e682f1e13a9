#include "content/source_page.h"

#include <algorithm>

#include "addresses/address.h"
#include "base/text.h"
#include "fs/file_system.h"

namespace kiosk {

// YYYY-MM-DD, then optionally [T ]HH:MM[:SS][Z|±HH:MM]. Read by hand rather than with a
// regular expression: an incremental build reads every page's date again.
std::optional<Date> ParseDate(std::string_view text) {
  const auto at = [&](size_t i) { return i < text.size() ? text[i] : '\0'; };
  const auto digits = [&](size_t from, size_t count) {
    for (size_t i = from; i < from + count; ++i) {
      if (at(i) < '0' || at(i) > '9') return false;
    }
    return true;
  };
  const auto number = [&](size_t from, size_t count) {
    int value = 0;
    for (size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  if (!digits(0, 4) || at(4) != '-' || !digits(5, 2) || at(7) != '-' || !digits(8, 2)) {
    return std::nullopt;
  }
  if (text.size() > 10) {
    size_t next = 16;
    if ((at(10) != 'T' && at(10) != ' ') || !digits(11, 2) || at(13) != ':' || !digits(14, 2)) {
      return std::nullopt;
    }
    if (at(next) == ':') {
      if (!digits(next + 1, 2)) return std::nullopt;
      next += 3;
    }
    if (at(next) == 'Z') {
      next += 1;
    } else if (at(next) == '+' || at(next) == '-') {
      if (!digits(next + 1, 2) || at(next + 3) != ':' || !digits(next + 4, 2)) {
        return std::nullopt;
      }
      next += 6;
    }
    if (next != text.size()) return std::nullopt;
  }
  Date date{std::string(text), number(0, 4), number(5, 2), number(8, 2)};
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > kDays[date.month - 1]) {
    return std::nullopt;
  }
  const bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
  if (date.month == 2 && date.day == 29 && !leap) return std::nullopt;
  if (date.iso.size() > 10 && date.iso[10] == ' ') date.iso[10] = 'T';
  return date;
}

bool IsMarkdownPath(std::string_view path) { return EndsWith(path, ".md"); }

std::optional<ContentFile> ClassifyContentPath(const std::string& path, const std::string& file,
                                               const SiteConfig& config, Diagnostics& diagnostics) {
  if (!IsMarkdownPath(path)) return std::nullopt;
  // Folders are sections: each name is part of the pages' URLs, as a slug is.
  for (std::string folder = ParentPath(path); !folder.empty(); folder = ParentPath(folder)) {
    if (const auto reason = InvalidSlugReason(FileName(folder))) {
      diagnostics.error({file, 0, 0},
                        "the folder name '" + FileName(folder) +
                            "' cannot be part of a URL: " + *reason,
                        "rename the folder content/" + folder +
                            " with letters, digits and '-' (Chinese names work)");
      return std::nullopt;
    }
  }
  ContentFile origin;
  origin.path = path;
  origin.file = file;
  origin.section = ParentPath(path);
  std::string name = FileName(path);
  name.resize(name.size() - 3);  // ".md"
  origin.language = config.default_language().code;
  if (const size_t dot = name.rfind('.'); dot != std::string::npos && dot > 0) {
    const std::string suffix = name.substr(dot + 1);
    if (config.FindLanguage(suffix)) {
      origin.language = suffix;
      name.resize(dot);
    } else if (LooksLikeLanguageCode(suffix)) {
      std::string codes;
      for (const Language& language : config.languages) {
        codes += (codes.empty() ? "" : ", ") + language.code;
      }
      diagnostics.error({file, 0, 0}, "unknown language suffix '." + suffix + "'",
                        "the site's languages are " + codes +
                            "; rename the file, or add the language to site.yaml");
      return std::nullopt;
    }
  }
  origin.base_name = name;
  origin.is_index = name == "_index";
  return origin;
}

namespace {

// A short link's code: 1 to 32 of [A-Za-z0-9_-].
bool IsShortCode(std::string_view code) {
  return !code.empty() && code.size() <= 32 && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
  });
}

// Reads the keys kiosk knows from a page's front matter, and keeps it for templates.
class FrontMatterReader {
 public:
  FrontMatterReader(SourcePage& page, const SiteConfig& config, Diagnostics& diagnostics)
      : page_(page), config_(config), diagnostics_(diagnostics) {}

  // Keeps `parsed` in the page, for templates, and reads the keys kiosk knows from it.
  bool Read(Value&& parsed) {
    const std::string& file = page_.origin.file;
    if (!parsed.is_map()) {
      Error(page_.front_matter_where, "the front matter must be a map of keys",
            "write 'title: …' between the two '---' lines");
      return false;
    }
    page_.front_matter = std::move(parsed);
    const Value& front_matter = page_.front_matter;
    const Value* title = front_matter.Find("title");
    if (!title) {
      Error(page_.front_matter_where, "the page has no title",
            "add 'title: …' to the front matter");
    } else if (const std::string* text = Text(*title, "title")) {
      page_.title = *text;
    }
    if (const Value* value = front_matter.Find("description")) {
      if (const std::string* text = Text(*value, "description")) page_.description = *text;
    }
    page_.date = ReadDate(front_matter.Find("date"), "date");
    page_.updated = ReadDate(front_matter.Find("updated"), "updated");
    if (page_.date && page_.updated && *page_.updated < *page_.date) {
      diagnostics_.warning(front_matter.Find("updated")->where, "'updated' is earlier than 'date'",
                           "check the two dates");
    }
    if (const Value* value = front_matter.Find("draft")) {
      if (const auto flag = value->AsBool()) {
        page_.draft = *flag;
      } else {
        Error(value->where, "'draft' must be true or false", "write 'draft: true' or remove it");
      }
    }
    if (const Value* value = front_matter.Find("weight")) {
      if (const auto weight = value->AsInteger()) {
        page_.weight = *weight;
      } else {
        Error(value->where, "'weight' must be a whole number", "write for example 'weight: 10'");
      }
    }
    if (const Value* value = front_matter.Find("department")) {
      if (const std::string* id = Text(*value, "department")) {
        if (config_.FindDepartment(*id)) {
          page_.department = *id;
        } else {
          std::string ids;
          for (const Department& d : config_.departments) ids += (ids.empty() ? "" : ", ") + d.id;
          Error(value->where, "unknown department '" + *id + "'",
                ids.empty() ? "add it under 'departments' in site.yaml"
                            : "use one of " + ids + ", or add it to site.yaml");
        }
      }
    }
    page_.slug = page_.origin.base_name;
    page_.slug_where = {file, 0, 0};
    if (const Value* value = front_matter.Find("slug")) {
      if (const std::string* slug = Text(*value, "slug")) {
        page_.slug = *slug;
        page_.slug_where = value->where;
      }
    }
    if (!page_.origin.is_index) {
      if (auto reason = InvalidSlugReason(page_.slug)) {
        Error(page_.slug_where, "'" + page_.slug + "' cannot be part of a URL: " + *reason,
              page_.slug_where.line ? "change the slug"
                                    : "rename the file, or set 'slug:' in the front matter");
      }
    }
    page_.translation_key = JoinPath(page_.origin.section, page_.origin.base_name);
    if (const Value* value = front_matter.Find("translationKey")) {
      if (const std::string* key = Text(*value, "translationKey")) {
        page_.translation_key = "key:" + *key;
        page_.translation_key_where = value->where;
      }
    }
    if (const Value* value = front_matter.Find("short_url")) {
      const std::string* code = Text(*value, "short_url");
      if (code && IsShortCode(*code)) {
        page_.short_url = *code;
        page_.short_url_where = value->where;
      } else if (code) {
        Error(value->where, "the short_url '" + ShortenText(*code, 40) + "' is not URL-safe",
              "use 1 to 32 letters, digits, '-' or '_' (it becomes /s/CODE/)");
      }
    }
    if (const Value* value = front_matter.Find("aliases")) ReadAliases(*value);
    if (const Value* value = front_matter.Find("type")) {
      if (const std::string* type = Name(*value, "type")) page_.type = *type;
    }
    if (const Value* value = front_matter.Find("layout")) {
      if (const std::string* layout = Name(*value, "layout")) {
        page_.layout = *layout;
        page_.layout_where = value->where;
      }
    }
    return !failed_;
  }

 private:
  void Error(const SourceLocation& where, std::string message, std::string hint) {
    diagnostics_.error(where, std::move(message), std::move(hint));
    failed_ = true;
  }

  const std::string* Text(const Value& value, std::string_view key) {
    if (value.is_scalar() && !Trim(value.scalar).empty()) return &value.scalar;
    Error(value.where, "'" + std::string(key) + "' must be text, not " + value.Describe(),
          "write the text after '" + std::string(key) + ":', in quotes if it contains ':'");
    return nullptr;
  }

  // A template or type name: it becomes a file name.
  const std::string* Name(const Value& value, std::string_view key) {
    const std::string* text = Text(value, key);
    if (text && InvalidSlugReason(*text)) {
      Error(value.where, "'" + std::string(key) + "' must be a simple name such as 'faq'",
            "use letters, digits and '-'");
      return nullptr;
    }
    return text;
  }

  void ReadAliases(const Value& value) {
    if (!value.is_list()) {
      Error(value.where, "'aliases' must be a list of addresses, not " + value.Describe(),
            "write it in brackets, as in 'aliases: [/faq/parks/]'");
      return;
    }
    for (const Value& item : value.items) {
      if (!item.is_scalar()) {
        Error(item.where, "an alias must be an address, not " + item.Describe(),
              "write the address the page had, such as /faq/parks/");
        continue;
      }
      Result<std::string> address =
          ReadSiteAddress(item.scalar, item.where, config_.written_base_url);
      if (address) {
        page_.aliases.push_back({std::move(*address), item.where});
      } else {
        diagnostics_.add(address.error());
        failed_ = true;
      }
    }
  }

  std::optional<Date> ReadDate(const Value* value, std::string_view key) {
    if (!value) return std::nullopt;
    if (value->is_scalar()) {
      if (auto date = ParseDate(value->scalar)) return date;
    }
    Error(value->where, "'" + std::string(key) + "' is not a date",
          "write it as YYYY-MM-DD, e.g. 2026-11-21 (Gregorian year, not 民國)");
    return std::nullopt;
  }

  SourcePage& page_;
  const SiteConfig& config_;
  Diagnostics& diagnostics_;
  bool failed_ = false;
};

bool IsFenceLine(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  return line == "---";
}

}  // namespace

std::optional<SourcePage> ParseSourcePage(const ContentFile& origin, std::string_view text,
                                          const SiteConfig& config, Diagnostics& diagnostics) {
  const std::string& file = origin.file;
  if (const auto bad = FindInvalidUtf8(text)) {
    diagnostics.error({file, bad->line, bad->column}, "the file is not valid UTF-8",
                      "save it as UTF-8 (editors often call it 'UTF-8 without BOM'), not Big5");
    return std::nullopt;
  }
  if (StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte-order mark

  SourcePage page;
  page.origin = origin;
  page.front_matter_where = {file, 1, 1};
  const size_t first_end = text.find('\n');
  if (!IsFenceLine(text.substr(0, first_end))) {
    diagnostics.error({file, 1, 1}, "the file does not start with front matter",
                      "begin it with a line '---', then 'title: …', then another '---'");
    return std::nullopt;
  }
  // Find the closing fence; the YAML is between the two.
  size_t line_start = first_end == std::string_view::npos ? text.size() : first_end + 1;
  int line = 2;
  size_t yaml_end = std::string_view::npos;
  while (line_start < text.size()) {
    const size_t end = text.find('\n', line_start);
    const std::string_view current = text.substr(
        line_start, end == std::string_view::npos ? std::string_view::npos : end - line_start);
    if (IsFenceLine(current)) {
      yaml_end = line_start;
      line_start = end == std::string_view::npos ? text.size() : end + 1;
      break;
    }
    line_start = end == std::string_view::npos ? text.size() : end + 1;
    ++line;
  }
  if (yaml_end == std::string_view::npos) {
    diagnostics.error({file, 1, 1}, "the front matter is not closed",
                      "add a line '---' after the last front matter key");
    return std::nullopt;
  }
  const std::string_view yaml = text.substr(first_end + 1, yaml_end - first_end - 1);
  Result<Value> front_matter = ParseYaml(yaml, file, 2);
  if (!front_matter) {
    diagnostics.add(front_matter.error());
    return std::nullopt;
  }
  if (front_matter->is_null()) front_matter->kind = Value::Kind::kMap;  // where: line 2
  if (!FrontMatterReader(page, config, diagnostics).Read(std::move(*front_matter))) {
    return std::nullopt;
  }
  const int body_first_line = line + 1;
  MarkdownOptions options;
  options.unsafe_html = config.unsafe_html;
  options.source_positions = true;  // for the checker; removed before pages are written
  options.written_base_path = config.written_base_path;
  options.built_base_path = config.base_path;
  options.image_base = config.base_path + (origin.section.empty() ? "" : origin.section + "/");
  page.body = RenderMarkdown(text.substr(line_start), options, file, body_first_line, diagnostics);
  return page;
}

void CheckImageFiles(const SourcePage& page, const SiteConfig& config,
                     const std::function<bool(const std::string& path)>& published,
                     Diagnostics& diagnostics) {
  for (const MarkdownImage& image : page.body.images) {
    const std::string url = image.url.substr(0, image.url.find_first_of("?#"));
    if (url.empty() || StartsWith(url, "//") || HasUrlScheme(url)) {
      continue;  // another site's, or data: — not a file of this one
    }
    const SourceLocation where{page.origin.file, image.line, image.column};
    std::optional<std::string> below;  // the path below the site's root
    if (url.front() == '/') {
      if (!StartsWith(url, config.base_path)) {
        diagnostics.error(
            where, "the image " + url + " is outside the site's address " + config.base_path,
            "write its path below it: " + config.base_path + "images/… for static/images/…");
        continue;
      }
      below = ResolvePath("", DecodeUrlPath(url.substr(config.base_path.size())));
    } else {
      below = ResolvePath(page.origin.section, DecodeUrlPath(url));
    }
    if (below && !below->empty() && published(*below)) continue;
    if (url.front() == '/') {
      diagnostics.error(where,
                        "the image " + url + " does not exist: static/" + below.value_or("") +
                            " is no file, nor content/" + below.value_or(""),
                        "put the picture there, or fix the path");
    } else {
      diagnostics.error(
          where,
          "the image " + image.url + " does not exist: " +
              (below ? "content/" + *below + " is no file" : "it is outside content/"),
          "put the picture beside the Markdown file (content/" +
              JoinPath(page.origin.section, FileName(url)) +
              "), or write its path from the site's address (" + config.base_path +
              "images/… for static/images/…)");
    }
  }
}

}  // namespace kiosk
