#include "render/record_files.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "base/parallel.h"
#include "base/text.h"
#include "content/service_procedure.h"
#include "fs/file_system.h"
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

// The record lines of a previous file, found page by page. Pages keep their order from one
// build to the next, so a page's lines are almost always where the last page's ended; an
// index by page is made only when they are not (pages added, removed or renamed).
class PreviousRecords {
 public:
  struct Line {
    std::string_view page;
    size_t offset;  // in the file
    size_t size;    // without the separator after it
  };
  // The lines of one page: `count` lines from `first`.
  struct Run {
    size_t first = 0;
    size_t count = 0;
  };

  PreviousRecords() = default;
  PreviousRecords(std::string_view text, bool json) {
    for (size_t start = 0; start < text.size();) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      const bool record = json ? StartsWith(line, "{\"page\":") : StartsWith(line, "\"http");
      if (record) {
        if (json && EndsWith(line, ",")) line.remove_suffix(1);
        lines_.push_back({PageOf(line, json), start, line.size()});
      }
      start = end + 1;
    }
  }

  const std::vector<Line>& lines() const { return lines_; }

  // Also moves past them, for the next page to be found where they end.
  Run Find(std::string_view page) {
    size_t first = next_;
    if (first >= lines_.size() || lines_[first].page != page) {
      if (!indexed_) {
        for (size_t i = lines_.size(); i-- > 0;) first_line_[lines_[i].page] = i;
        indexed_ = true;
      }
      const auto found = first_line_.find(page);
      if (found == first_line_.end()) return {};
      first = found->second;
    }
    size_t last = first + 1;
    while (last < lines_.size() && lines_[last].page == page) ++last;
    next_ = last;
    return {first, last - first};
  }

 private:
  std::vector<Line> lines_;
  size_t next_ = 0;
  bool indexed_ = false;
  std::unordered_map<std::string_view, size_t> first_line_;
};

// Puts a record file together from new bytes and byte ranges of its previous version.
class RecordFileMaker {
 public:
  RecordFileMaker(std::string path, std::shared_ptr<const FileBytes> previous)
      : previous_(previous ? previous->view() : std::string_view()) {
    file_.path = std::move(path);
    file_.kept = std::move(previous);
  }

  void Reserve(size_t size) { file_.contents.reserve(size); }

  void Add(std::string_view bytes) {
    if (bytes.empty()) return;
    if (file_.pieces.empty() || file_.pieces.back().kept) {
      file_.pieces.push_back({false, file_.contents.size(), 0});
    }
    file_.pieces.back().size += bytes.size();
    file_.contents += bytes;
  }

  void Keep(size_t offset, size_t size) {
    if (file_.pieces.empty() || !file_.pieces.back().kept ||
        file_.pieces.back().offset + file_.pieces.back().size != offset) {
      file_.pieces.push_back({true, offset, 0});
    }
    file_.pieces.back().size += size;
  }

  // Adds `bytes`, kept from the previous file when they follow there what was kept last (a
  // separator between two kept runs of lines, the end of the file).
  void AddOrKeep(std::string_view bytes) {
    if (!file_.pieces.empty() && file_.pieces.back().kept) {
      const size_t end = file_.pieces.back().offset + file_.pieces.back().size;
      if (previous_.substr(end, bytes.size()) == bytes) return Keep(end, bytes.size());
    }
    Add(bytes);
  }

  OutputFile Finish() {
    const bool kept = std::any_of(file_.pieces.begin(), file_.pieces.end(),
                                  [](const OutputPiece& piece) { return piece.kept; });
    if (!kept) {  // all new: the contents as they are
      file_.pieces.clear();
      file_.kept.reset();
    }
    return std::move(file_);
  }

 private:
  OutputFile file_;
  std::string_view previous_;
};

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
    const std::function<std::shared_ptr<const FileBytes>(const std::string& path)>& previous,
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
  std::vector<std::shared_ptr<const FileBytes>> previous_files;
  for (const Output& output : outputs) previous_files.push_back(previous(output.path));

  // The pages with records, in order, with their addresses (the key of their lines).
  std::vector<int> pages;
  for (int index = 0; index < static_cast<int>(site.pages().size()); ++index) {
    const Page& page = site.page(index);
    if (page.kind == PageKind::kPage && page.source) pages.push_back(index);
  }
  std::vector<std::string> urls(pages.size());
  ParallelFor(pages.size(), jobs,
              [&](size_t p, int) { urls[p] = site.Permalink(site.page(pages[p])); });

  // Each previous file's lines, and each page's run of lines in it, one file per thread:
  // finding the lines reads the whole file. A page gets new records when asked for, and
  // when a previous file lacks its lines (every page has a line in its search index, and in
  // its open-data JSON unless it is a FAQ page without questions).
  std::vector<PreviousRecords> before(outputs.size());
  std::vector<std::vector<PreviousRecords::Run>> runs(outputs.size());  // by output, page
  std::vector<std::vector<char>> listed(outputs.size());                // by output, page
  ParallelFor(outputs.size(), jobs, [&](size_t o, int) {
    const Output& output = outputs[o];
    before[o] = PreviousRecords(previous_files[o] ? previous_files[o]->view() : "", output.json);
    runs[o].resize(pages.size());
    listed[o].resize(pages.size());
    for (size_t p = 0; p < pages.size(); ++p) {
      listed[o][p] = applies(output, site.page(pages[p]));
      if (listed[o][p]) runs[o][p] = before[o].Find(urls[p]);
    }
  });
  constexpr size_t kKept = SIZE_MAX;
  std::vector<int> renewed;
  std::vector<size_t> slot(pages.size(), kKept);  // into `fresh`, for renewed pages
  for (size_t p = 0; p < pages.size(); ++p) {
    bool renew_page = renew(pages[p]);
    for (size_t o = 0; o < outputs.size() && !renew_page; ++o) {
      renew_page = listed[o][p] && outputs[o].json && !runs[o][p].count;  // lines missing
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
  std::vector<OutputFile> files(outputs.size());
  ParallelFor(outputs.size(), jobs, [&](size_t o, int) {
    const Output& output = outputs[o];
    RecordFileMaker file(output.path, previous_files[o]);
    size_t fresh_size = 256 + output.header.size();  // the new bytes: header, new lines
    for (const PageRecords& records : fresh) {
      for (const std::string& line : records.*(output.lines)) fresh_size += line.size() + 2;
    }
    file.Reserve(fresh_size);
    if (!output.language.empty()) {
      file.Add("{\"pages\":[\n");
    } else if (output.json) {
      file.Add("{\n\"publisher\":" + JsonString(publisher) +
               ",\n\"license\":" + JsonString(kLicense) +
               ",\n\"license_url\":" + JsonString(kLicenseUrl) + ",\n\"items\":[\n");
    } else {
      file.Add(output.header + "\n");
    }
    bool first = true;
    const auto separate = [&] {
      if (!first) file.AddOrKeep(output.json ? ",\n" : "\n");
      first = false;
    };
    const std::vector<PreviousRecords::Line>& lines = before[o].lines();
    for (size_t p = 0; p < pages.size(); ++p) {
      if (!listed[o][p]) continue;
      if (slot[p] != kKept) {
        for (const std::string& line : fresh[slot[p]].*(output.lines)) {
          separate();
          file.Add(line);
        }
      } else if (const PreviousRecords::Run run = runs[o][p]; run.count) {
        // The page's lines as they were, with the separators between them.
        const PreviousRecords::Line& last = lines[run.first + run.count - 1];
        separate();
        file.Keep(lines[run.first].offset, last.offset + last.size - lines[run.first].offset);
      }
    }
    if (!first) file.AddOrKeep("\n");
    if (output.json) file.AddOrKeep("]}\n");
    files[o] = file.Finish();
  });
  return files;
}

}  // namespace kiosk
