#include "render/open_data.h"

#include <map>

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
std::string PageOf(const std::string& line, bool json) {
  const size_t start = json ? line.find(":\"") + 2 : 1;
  const size_t end = line.find('"', start);
  return start == std::string::npos || end == std::string::npos ? ""
                                                                : line.substr(start, end - start);
}

// The record lines of a previous file, by page.
std::map<std::string, std::vector<std::string>> PreviousLines(
    const std::optional<std::string>& text, bool json) {
  std::map<std::string, std::vector<std::string>> lines;
  if (!text) return lines;
  for (std::string line : SplitLines(*text)) {
    if (json) {
      if (!StartsWith(line, "{\"page\":")) continue;
      if (EndsWith(line, ",")) line.pop_back();
    } else if (!StartsWith(line, "\"http")) {
      continue;
    }
    lines[PageOf(line, json)].push_back(line);
  }
  return lines;
}

}  // namespace

const std::vector<std::string>& OpenDataPaths() {
  static const std::vector<std::string> paths = {"data/faq.json", "data/faq.csv",
                                                 "data/services.json", "data/services.csv"};
  return paths;
}

OpenDataRecords PageOpenData(const Site& site, const Page& page) {
  OpenDataRecords records;
  if (!page.source) return records;
  const std::string url = site.Permalink(page);
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

std::vector<OutputFile> RenderOpenData(
    const Site& site,
    const std::function<std::optional<OpenDataRecords>(int page, bool has_previous)>& records,
    const std::function<std::optional<std::string>(const std::string& path)>& previous) {
  struct Output {
    const char* path;
    bool json;
    std::vector<std::string> OpenDataRecords::*lines;
    std::string header;
  };
  const std::vector<Output> outputs = {
      {"data/faq.json", true, &OpenDataRecords::faq_json, ""},
      {"data/faq.csv", false, &OpenDataRecords::faq_csv, CsvHeader(FaqFields("", "", "", "", ""))},
      {"data/services.json", true, &OpenDataRecords::services_json, ""},
      {"data/services.csv", false, &OpenDataRecords::services_csv,
       "page,language,title,department,processing_time,fee,eligibility,where,online,documents,"
       "forms,legal_basis,steps"},
  };
  // Each page's records: new ones for pages rendered now, the previous lines for the others.
  std::vector<std::vector<std::string>> lines(outputs.size());
  std::vector<std::map<std::string, std::vector<std::string>>> before;
  for (const Output& output : outputs)
    before.push_back(PreviousLines(previous(output.path), output.json));
  for (int index = 0; index < static_cast<int>(site.pages().size()); ++index) {
    const Page& page = site.page(index);
    if (page.kind != PageKind::kPage || (page.type() != "faq" && page.type() != "sop")) continue;
    // A page is in the previous files when its JSON file (the first of each pair) has it.
    const std::string url = site.Permalink(page);
    const bool has_previous = before[page.type() == "faq" ? 0 : 2].count(url) > 0;
    const std::optional<OpenDataRecords> fresh = records(index, has_previous);
    for (size_t o = 0; o < outputs.size(); ++o) {
      const std::vector<std::string>& add = fresh ? (*fresh).*(outputs[o].lines) : before[o][url];
      lines[o].insert(lines[o].end(), add.begin(), add.end());
    }
  }
  const std::string publisher =
      site.config().office.name.Get(site.config().default_language().code);
  std::vector<OutputFile> files;
  for (size_t o = 0; o < outputs.size(); ++o) {
    std::string text;
    if (outputs[o].json) {
      text = "{\n\"publisher\":" + JsonString(publisher) +
             ",\n\"license\":" + JsonString(kLicense) +
             ",\n\"license_url\":" + JsonString(kLicenseUrl) + ",\n\"items\":[\n";
      for (size_t i = 0; i < lines[o].size(); ++i) {
        text += lines[o][i] + (i + 1 < lines[o].size() ? ",\n" : "\n");
      }
      text += "]}\n";
    } else {
      text = outputs[o].header + "\n";
      for (const std::string& line : lines[o]) text += line + "\n";
    }
    files.push_back({outputs[o].path, std::move(text), ""});
  }
  return files;
}

}  // namespace kiosk
