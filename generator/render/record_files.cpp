#include "render/record_files.h"

#include <algorithm>
#include <cstdint>

#include "base/parallel.h"
#include "base/text.h"
#include "content/service_procedure.h"
#include "fs/file_system.h"
#include "render/record_file_maker.h"
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

std::string CsvLine(const std::vector<RecordField>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + Csv(fields[i].value);
  return line;
}

std::string CsvHeader(const std::vector<RecordField>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + std::string(fields[i].name);
  return line;
}

std::vector<RecordField> FaqFields(const std::string& page, const std::string& language,
                             const std::string& department, const std::string& question,
                             const std::string& answer) {
  return {{"page", page},
          {"language", language},
          {"department", department},
          {"question", question},
          {"answer", answer}};
}

std::vector<RecordField> ServiceFields(const Site& site, const Page& page) {
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

// A record file's place in RecordFilePaths and what goes in it.
struct RecordOutput {
  std::string path;
  bool json;
  std::vector<std::string> PageRecords::*lines;
  std::string header;
};

bool Lists(const RecordOutput& output, const Page& page) {
  if (page.kind != PageKind::kPage || !page.source) return false;
  return (output.lines == &PageRecords::faq_json || output.lines == &PageRecords::faq_csv)
             ? page.type() == "faq"
             : page.type() == "sop";
}

std::vector<RecordOutput> RecordOutputs() {
  std::vector<RecordOutput> outputs = {
      {"data/faq.json", true, &PageRecords::faq_json, ""},
      {"data/faq.csv", false, &PageRecords::faq_csv, CsvHeader(FaqFields("", "", "", "", ""))},
      {"data/services.json", true, &PageRecords::services_json, ""},
      {"data/services.csv", false, &PageRecords::services_csv,
       "page,language,title,department,processing_time,fee,eligibility,where,online,documents,"
       "forms,legal_basis,steps"},
  };
  return outputs;
}

}  // namespace

std::string JsonRecord(const std::vector<RecordField>& fields) {
  std::string line = "{";
  for (size_t i = 0; i < fields.size(); ++i) {
    line +=
        (i ? "," : "") + JsonString(fields[i].name) + ":" + JsonString(OneLine(fields[i].value));
  }
  return line + "}";
}

std::vector<std::string> RecordFilePaths() {
  std::vector<std::string> paths;
  for (RecordOutput& output : RecordOutputs()) paths.push_back(std::move(output.path));
  return paths;
}

std::vector<char> RecordFilesListing(const Site& site, const std::vector<int>& pages) {
  const std::vector<RecordOutput> outputs = RecordOutputs();
  std::vector<char> listing(outputs.size());
  for (int page : pages) {
    for (size_t o = 0; o < outputs.size(); ++o) {
      listing[o] = listing[o] || Lists(outputs[o], site.page(page));
    }
  }
  return listing;
}

PageRecords PageRecordsOf(const Site& site, const Page& page) {
  PageRecords records;
  if (!page.source) return records;
  const std::string url = site.Permalink(page);
  const std::string language = site.config().FindLanguage(page.language)->html_lang;
  if (page.type() == "faq") {
    const Department* department = site.config().FindDepartment(page.source->department);
    const std::string department_name = department ? department->name.Get(page.language) : "";
    for (const Question& question : SplitQuestions(page.source->body)) {
      const auto fields = FaqFields(url, language, department_name, question.text,
                                    HtmlToText(question.answer_html));
      records.faq_json.push_back(JsonRecord(fields));
      records.faq_csv.push_back(CsvLine(fields));
    }
  } else if (page.type() == "sop" && page.source->service) {
    const auto fields = ServiceFields(site, page);
    records.services_json.push_back(JsonRecord(fields));
    records.services_csv.push_back(CsvLine(fields));
  }
  return records;
}

std::vector<RecordFile> RenderRecordFiles(
    const Site& site, const std::function<bool(int page)>& renew,
    const std::function<void(const std::vector<int>& pages)>& prepare,
    const std::vector<std::shared_ptr<const FileBytes>>& previous,
    const std::function<std::optional<RecordLines>(size_t file, int page)>& previous_lines,
    const std::function<bool(size_t file)>& needed, int jobs) {
  std::vector<RecordOutput> all = RecordOutputs();
  std::vector<size_t> made;  // indexes into `all`
  for (size_t o = 0; o < all.size(); ++o) {
    if (needed(o)) made.push_back(o);
  }
  if (made.empty()) return {};
  std::vector<std::shared_ptr<const FileBytes>> previous_files(made.size());
  for (size_t m = 0; m < made.size(); ++m) {
    if (made[m] < previous.size()) previous_files[m] = previous[made[m]];
  }

  // The pages with records, in order. Each file lists some of them; where the previous file
  // has a page's lines, the build log says. A page gets new records when asked for, and
  // when a file lacks its lines or has none that can be used.
  std::vector<int> pages;
  for (int index = 0; index < static_cast<int>(site.pages().size()); ++index) {
    const Page& page = site.page(index);
    if (page.kind == PageKind::kPage && page.source) pages.push_back(index);
  }
  std::vector<std::vector<char>> listed(made.size());                        // by file, page
  std::vector<std::vector<std::optional<RecordLines>>> before(made.size());  // by file, page
  ParallelFor(made.size(), jobs, [&](size_t m, int) {
    listed[m].resize(pages.size());
    before[m].resize(pages.size());
    for (size_t p = 0; p < pages.size(); ++p) {
      listed[m][p] = Lists(all[made[m]], site.page(pages[p]));
      if (!listed[m][p] || !previous_files[m]) continue;
      // Lines past the file's end are not trusted: the file is not the one they were in.
      const std::optional<RecordLines> lines = previous_lines(made[m], pages[p]);
      const uint64_t size = previous_files[m]->view().size();
      if (lines && lines->offset <= size && lines->size <= size - lines->offset) {
        before[m][p] = lines;
      }
    }
  });
  constexpr size_t kKept = SIZE_MAX;
  std::vector<int> renewed;
  std::vector<size_t> slot(pages.size(), kKept);  // into `fresh`, for renewed pages
  for (size_t p = 0; p < pages.size(); ++p) {
    bool renew_page = renew(pages[p]);
    for (size_t m = 0; m < made.size() && !renew_page; ++m) {
      renew_page = listed[m][p] && !before[m][p];
    }
    if (renew_page) {
      slot[p] = renewed.size();
      renewed.push_back(pages[p]);
    }
  }
  prepare(renewed);
  std::vector<PageRecords> fresh(renewed.size());
  ParallelFor(renewed.size(), jobs,
              [&](size_t i, int) { fresh[i] = PageRecordsOf(site, site.page(renewed[i])); });

  const std::string publisher =
      site.config().office.name.Get(site.config().default_language().code);
  std::vector<RecordFile> files(made.size());
  ParallelFor(made.size(), jobs, [&](size_t m, int) {
    const RecordOutput& output = all[made[m]];
    const std::string_view separator = output.json ? ",\n" : "\n";
    RecordFileMaker file(output.path, previous_files[m]);
    size_t fresh_size = 256 + output.header.size();  // the new bytes: header, new lines
    for (const PageRecords& records : fresh) {
      for (const std::string& line : records.*(output.lines)) fresh_size += line.size() + 2;
    }
    file.Reserve(fresh_size);
    if (output.json) {
      file.AddOrKeep("{\n\"publisher\":" + JsonString(publisher) +
                     ",\n\"license\":" + JsonString(kLicense) +
                     ",\n\"license_url\":" + JsonString(kLicenseUrl) + ",\n\"items\":[\n");
    } else {
      file.AddOrKeep(output.header + "\n");
    }
    RecordFile& made_file = files[m];
    made_file.index = made[m];
    bool first = true;
    for (size_t p = 0; p < pages.size(); ++p) {
      if (!listed[m][p]) continue;
      const std::optional<RecordLines>& was = before[m][p];
      const std::vector<std::string>* lines =
          slot[p] == kKept ? nullptr : &(fresh[slot[p]].*(output.lines));
      const bool keep = !lines || (was && file.Holds(was->offset, was->size, *lines, separator));
      const bool has_lines = keep ? was->size > 0 : !lines->empty();
      RecordLines at;
      if (has_lines) {
        if (!first) file.AddOrKeep(separator);
        first = false;
        at.offset = file.size();
        if (keep) {  // the page's lines as they were, with the separators between them
          file.Keep(was->offset, was->size);
        } else {
          for (size_t i = 0; i < lines->size(); ++i) {
            if (i) file.Add(separator);
            file.Add((*lines)[i]);
          }
        }
        at.size = file.size() - at.offset;
      }
      made_file.lines.emplace_back(pages[p], at);
    }
    if (!first) file.AddOrKeep("\n");
    if (output.json) file.AddOrKeep("]}\n");
    made_file.unchanged = file.Unchanged();
    made_file.file = file.Finish();
  });
  return files;
}

}  // namespace kiosk
