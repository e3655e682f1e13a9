#include "render/record_files.h"

#include <cstdint>
#include <unordered_map>

#include "base/parallel.h"
#include "base/text.h"
#include "content/service_procedure.h"
#include "render/structured_data.h"

namespace kiosk {

namespace {

constexpr const char* kLicense =
    "政府資料開放授權條款－第1版 Open Government Data License, version 1.0";
constexpr const char* kLicenseUrl = "https://data.gov.tw/license";

// One line of text: open data is read by tools that do not expect line breaks in a field.
std::string OneLine(std::string_view text) {
  std::string line;
  for (char c : text) line += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  return std::string(Trim(line));
}

std::string Csv(std::string_view text) {
  std::string field = "\"";
  for (char c : OneLine(text)) field += c == '"' ? std::string("\"\"") : std::string(1, c);
  return field + "\"";
}

struct Field {
  const char* name;
  std::string value;
};

std::string JsonLine(const std::vector<Field>& fields) {
  std::string line = "{";
  for (size_t i = 0; i < fields.size(); ++i) {
    line +=
        (i ? "," : "") + JsonString(fields[i].name) + ":" + JsonString(OneLine(fields[i].value));
  }
  return line + "}";
}

std::string CsvLine(const std::vector<Field>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + Csv(fields[i].value);
  return line;
}

std::string CsvHeader(const std::vector<Field>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + std::string(fields[i].name);
  return line;
}

std::vector<Field> FaqFields(const std::string& page, const std::string& language,
                             const std::string& department, const std::string& question,
                             const std::string& answer) {
  return {{"page", page},
          {"language", language},
          {"department", department},
          {"question", question},
          {"answer", answer}};
}

std::vector<Field> ServiceFields(const Site& site, const Page& page) {
  const ServiceProcedure& service = *page.source->service;
  const auto join = [](const std::vector<std::string>& parts) {
    std::string text;
    for (const std::string& part : parts) text += (text.empty() ? "" : "; ") + part;
    return text;
  };
  std::vector<std::string> documents, forms, laws, steps;
  for (const ServiceDocument& document : service.documents) {
    documents.push_back(document.name +
                        (document.copies ? " ×" + std::to_string(*document.copies) : "") +
                        (document.note.empty() ? "" : " (" + document.note + ")"));
  }
  for (const ServiceForm& form : service.forms) {
    for (const DownloadFile& file : form.files) {
      forms.push_back(form.title + " " + site.config().base_url + file.path);
    }
  }
  for (const LegalBasis& law : service.legal_basis) laws.push_back(law.name);
  for (const ServiceStep& step : service.steps) steps.push_back(step.who + ": " + step.what);
  const Department* department = site.config().FindDepartment(page.source->department);
  return {{"page", site.Permalink(page)},
          {"language", site.config().FindLanguage(page.language)->html_lang},
          {"title", page.title},
          {"department", department ? department->name.Get(page.language) : ""},
          {"processing_time", service.processing_time},
          {"fee", service.fee},
          {"eligibility", service.eligibility},
          {"where", service.counter},
          {"online", service.online_url},
          {"documents", join(documents)},
          {"forms", join(forms)},
          {"legal_basis", join(laws)},
          {"steps", join(steps)}};
}

// The page a record line belongs to: its first field.
std::string_view PageOf(std::string_view line, bool json) {
  const size_t quote = json ? line.find(":\"") : 0;
  if (quote == std::string_view::npos) return {};
  const size_t start = json ? quote + 2 : 1;
  const size_t end = line.find('"', start);
  return end == std::string_view::npos ? std::string_view() : line.substr(start, end - start);
}

// The record lines of a previous file, by page: views into `text`. A large site's search
// index has tens of thousands of lines, and an edit keeps all but a few.
using LinesByPage = std::unordered_map<std::string_view, std::vector<std::string_view>>;
LinesByPage PreviousLines(std::string_view text, bool json) {
  LinesByPage lines;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (json) {
      if (!StartsWith(line, "{\"page\":")) continue;
      if (EndsWith(line, ",")) line.remove_suffix(1);
    } else if (!StartsWith(line, "\"http")) {
      continue;
    }
    lines[PageOf(line, json)].push_back(line);
  }
  return lines;
}

}  // namespace

std::string SearchIndexPath(const SiteConfig& config, const std::string& language) {
  return config.FindLanguage(language)->folder() + "search-index.json";
}

std::vector<std::string> RecordFilePaths(const SiteConfig& config) {
  std::vector<std::string> paths = {"data/faq.json", "data/faq.csv", "data/services.json",
                                    "data/services.csv"};
  for (const Language& language : config.languages) {
    paths.push_back(SearchIndexPath(config, language.code));
  }
  return paths;
}

PageRecords PageRecordsOf(const Site& site, const Page& page) {
  PageRecords records;
  if (!page.source) return records;
  const std::string url = site.Permalink(page);
  // The search index: where the page is, its title, section and text. Searched in the
  // browser by search.js; "page" (the absolute URL) keys the line, "u" is the link.
  const std::string section = page.parent >= 0 ? site.page(page.parent).title : "";
  records.search.push_back(JsonLine({{"page", url},
                                     {"u", site.Url(page)},
                                     {"t", page.title},
                                     {"s", section},
                                     {"d", page.source->description},
                                     {"x", HtmlToText(page.source->body.html)}}));
  const std::string language = site.config().FindLanguage(page.language)->html_lang;
  if (page.type() == "faq") {
    const Department* department = site.config().FindDepartment(page.source->department);
    const std::string department_name = department ? department->name.Get(page.language) : "";
    for (const Question& question : SplitQuestions(page.source->body)) {
      const auto fields = FaqFields(url, language, department_name, question.text,
                                    HtmlToText(question.answer_html));
      records.faq_json.push_back(JsonLine(fields));
      records.faq_csv.push_back(CsvLine(fields));
    }
  } else if (page.type() == "sop" && page.source->service) {
    const auto fields = ServiceFields(site, page);
    records.services_json.push_back(JsonLine(fields));
    records.services_csv.push_back(CsvLine(fields));
  }
  return records;
}

std::vector<OutputFile> RenderRecordFiles(
    const Site& site, const std::function<bool(int page)>& renew,
    const std::function<void(const std::vector<int>& pages)>& prepare,
    const std::function<std::optional<std::string_view>(const std::string& path)>& previous,
    const std::function<bool(const std::string& path)>& needed, int jobs) {
  struct Output {
    std::string path;
    bool json;
    std::vector<std::string> PageRecords::*lines;
    std::string header;
    std::string language;  // a search index: only the pages of this language
  };
  std::vector<Output> outputs = {
      {"data/faq.json", true, &PageRecords::faq_json, "", ""},
      {"data/faq.csv", false, &PageRecords::faq_csv, CsvHeader(FaqFields("", "", "", "", "")), ""},
      {"data/services.json", true, &PageRecords::services_json, "", ""},
      {"data/services.csv", false, &PageRecords::services_csv,
       "page,language,title,department,processing_time,fee,eligibility,where,online,documents,"
       "forms,legal_basis,steps",
       ""},
  };
  for (const Language& language : site.config().languages) {
    outputs.push_back({SearchIndexPath(site.config(), language.code), true, &PageRecords::search,
                       "", language.code});
  }
  std::erase_if(outputs, [&](const Output& output) { return !needed(output.path); });
  if (outputs.empty()) return {};
  const auto applies = [](const Output& output, const Page& page) {
    if (!output.language.empty()) return output.language == page.language;
    return (output.lines == &PageRecords::faq_json || output.lines == &PageRecords::faq_csv)
               ? page.type() == "faq"
               : page.type() == "sop";
  };
  std::vector<LinesByPage> before;
  for (const Output& output : outputs) {
    before.push_back(PreviousLines(previous(output.path).value_or(""), output.json));
  }

  // The pages with records, by URL, and which of them get new ones: those asked for, and
  // those missing from a previous file (every page has a line in its search index, and in
  // its open-data JSON unless it is a FAQ page without questions).
  constexpr size_t kKept = SIZE_MAX;
  std::vector<std::pair<int, std::string>> pages;
  std::vector<int> renewed;
  std::vector<size_t> slot(site.pages().size(), kKept);  // into `fresh`, for renewed pages
  for (int index = 0; index < static_cast<int>(site.pages().size()); ++index) {
    const Page& page = site.page(index);
    if (page.kind != PageKind::kPage || !page.source) continue;
    std::string url = site.Permalink(page);
    bool renew_page = renew(index);
    for (size_t o = 0; o < outputs.size() && !renew_page; ++o) {
      renew_page = applies(outputs[o], page) && outputs[o].json && !before[o].count(url);
    }
    if (renew_page) {
      slot[index] = renewed.size();
      renewed.push_back(index);
    }
    pages.emplace_back(index, std::move(url));
  }
  prepare(renewed);
  std::vector<PageRecords> fresh(renewed.size());
  ParallelFor(renewed.size(), jobs,
              [&](size_t i, int) { fresh[i] = PageRecordsOf(site, site.page(renewed[i])); });

  std::vector<std::vector<std::string_view>> lines(outputs.size());
  for (const auto& [index, url] : pages) {
    const Page& page = site.page(index);
    for (size_t o = 0; o < outputs.size(); ++o) {
      if (!applies(outputs[o], page)) continue;
      if (slot[index] != kKept) {
        const std::vector<std::string>& made = fresh[slot[index]].*(outputs[o].lines);
        lines[o].insert(lines[o].end(), made.begin(), made.end());
      } else if (const auto found = before[o].find(url); found != before[o].end()) {
        lines[o].insert(lines[o].end(), found->second.begin(), found->second.end());
      }
    }
  }
  const std::string publisher =
      site.config().office.name.Get(site.config().default_language().code);
  std::vector<OutputFile> files;
  for (size_t o = 0; o < outputs.size(); ++o) {
    std::string text;
    if (!outputs[o].language.empty()) {
      text = "{\"pages\":[\n";
    } else if (outputs[o].json) {
      text = "{\n\"publisher\":" + JsonString(publisher) +
             ",\n\"license\":" + JsonString(kLicense) +
             ",\n\"license_url\":" + JsonString(kLicenseUrl) + ",\n\"items\":[\n";
    } else {
      text = outputs[o].header + "\n";
    }
    size_t size = text.size() + 4;
    for (std::string_view line : lines[o]) size += line.size() + 2;
    text.reserve(size);
    for (size_t i = 0; i < lines[o].size(); ++i) {
      const bool more = outputs[o].json && i + 1 < lines[o].size();
      text += lines[o][i];
      text += more ? ",\n" : "\n";
    }
    if (outputs[o].json) text += "]}\n";
    files.push_back({outputs[o].path, std::move(text), ""});
  }
  return files;
}

}  // namespace kiosk
