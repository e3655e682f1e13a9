#include "incremental/build_log.h"

#include <algorithm>
#include <cstring>

#include "base/hash.h"

namespace kiosk {

namespace {

constexpr std::string_view kMagic = "kiosk build log\n";
constexpr uint32_t kFormat = 5;

// The order of the log's pages: by their HTML file's path.
bool ListedFirst(const LoggedPage& a, const LoggedPage& b) { return a.page < b.page; }

class Writer {
 public:
  void Number(uint64_t value) {
    do {
      const uint8_t byte = value & 0x7F;
      value >>= 7;
      bytes_ += static_cast<char>(byte | (value ? 0x80 : 0));
    } while (value);
  }
  void Signed(int64_t value) { Number(static_cast<uint64_t>(value)); }
  void Text(std::string_view text) {
    Number(text.size());
    bytes_.append(text);
  }
  void Warning(const Diagnostic& warning) {
    Text(warning.where.file);
    Number(warning.where.line);
    Number(warning.where.column);
    Text(warning.message);
    Text(warning.hint);
  }
  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
};

// Reads what Writer wrote; any read past the end marks the whole input as bad.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  uint64_t Number() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ >= bytes_.size()) return Fail();
      const uint8_t byte = static_cast<uint8_t>(bytes_[at_++]);
      value |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return value;
    }
    return Fail();
  }
  int64_t Signed() { return static_cast<int64_t>(Number()); }
  std::string Text() { return std::string(View()); }
  std::string_view View() {
    const uint64_t size = Number();
    if (!ok_ || size > bytes_.size() - at_) {
      Fail();
      return {};
    }
    const std::string_view text = bytes_.substr(at_, size);
    at_ += size;
    return text;
  }
  Diagnostic Warning() {
    Diagnostic warning;
    warning.severity = Severity::kWarning;
    warning.where.file = Text();
    warning.where.line = static_cast<int>(Number());
    warning.where.column = static_cast<int>(Number());
    warning.message = Text();
    warning.hint = Text();
    return warning;
  }
  bool ok() const { return ok_; }
  bool done() const { return at_ == bytes_.size(); }

 private:
  uint64_t Fail() {
    ok_ = false;
    at_ = bytes_.size();
    return 0;
  }
  std::string_view bytes_;
  size_t at_ = 0;
  bool ok_ = true;
};

}  // namespace

std::optional<BuildLog> LoadBuildLog(const FileSystem& fs, const std::string& path,
                                     std::string& why_not) {
  if (!fs.IsFile(path)) {
    why_not = "there is no build log yet";
    return std::nullopt;
  }
  Result<std::unique_ptr<const FileBytes>> bytes = fs.MapFile(path);
  if (!bytes) {
    why_not = "the build log cannot be read";
    return std::nullopt;
  }
  // magic, format, kiosk version, payload, then the payload's hash.
  std::string_view data = (*bytes)->view();
  if (data.substr(0, kMagic.size()) != kMagic || data.size() < kMagic.size() + 8) {
    why_not = "the build log is not one (or is truncated)";
    return std::nullopt;
  }
  data.remove_prefix(kMagic.size());
  uint64_t stored_hash;
  std::memcpy(&stored_hash, data.data() + data.size() - 8, 8);
  data.remove_suffix(8);
  if (HashBytes(data) != stored_hash) {
    why_not = "the build log is corrupt";
    return std::nullopt;
  }
  Reader reader(data);
  BuildLog log;
  log.bytes = std::move(*bytes);
  if (reader.Number() != kFormat || reader.Text() != KIOSK_VERSION) {
    why_not = "the build log was written by another version of kiosk";
    return std::nullopt;
  }
  log.out_dir = reader.Text();
  log.config_hash = reader.Number();
  log.inputs = reader.Number();
  log.site_map = reader.Number();
  for (uint64_t n = reader.Number(); reader.ok() && n > 0; --n) {
    std::string language = reader.Text();
    log.report.pages_per_language[language] = reader.Number();
  }
  for (uint64_t n = reader.Number(); reader.ok() && n > 0; --n) {
    std::string file = reader.Text();
    log.report.missing_translations.emplace_back(std::move(file), reader.Text());
  }
  for (uint64_t n = reader.Number(); reader.ok() && n > 0; --n) {
    log.report.warnings.push_back(reader.Warning());
  }
  const uint64_t page_count = reader.Number();
  log.pages.reserve(std::min<uint64_t>(page_count, data.size() / 5));  // 6 bytes at least
  log.page_files.reserve(log.pages.capacity() * 3);                    // a page and its QR codes
  std::vector<std::pair<size_t, size_t>> counts;                       // each page's files and runs
  counts.reserve(log.pages.capacity());
  for (uint64_t n = page_count; reader.ok() && n > 0; --n) {
    LoggedPage& page = log.pages.emplace_back();
    page.page = reader.View();
    page.made_from.site = reader.Number();
    page.made_from.source = reader.Number();
    page.made_from.neighbours = reader.Number();
    auto& [files, runs] = counts.emplace_back(reader.Number(), 0);
    for (uint64_t file = 0; reader.ok() && file < files; ++file) {
      log.page_files.push_back(reader.View());
    }
    runs = reader.Number();
    for (uint64_t at = 0; reader.ok() && at < runs; ++at) {
      RecordRun& run = log.page_runs.emplace_back();
      const uint64_t file = reader.Number();
      run.file = static_cast<uint32_t>(std::min<uint64_t>(file, UINT32_MAX));  // none has it
      run.offset = reader.Number();
      run.size = reader.Number();
    }
  }
  for (uint64_t n = reader.Number(); reader.ok() && n > 0; --n) {
    std::string key = reader.Text();
    log.copies.emplace_hint(log.copies.end(), std::move(key), reader.Number());
  }
  log.encoded_sources = reader.View();
  for (uint64_t n = reader.Number(); reader.ok() && n > 0; --n) {
    RecordFileStamp& file = log.record_files.emplace_back();
    file.path = reader.Text();
    file.known = reader.Number();
    file.size = reader.Number();
    file.mtime_ns = reader.Signed();
  }
  // Pages saved in order, each once (they are looked up by halves), and lines only in the
  // record files listed: otherwise it is not a log kiosk wrote.
  const bool in_order = std::adjacent_find(log.pages.begin(), log.pages.end(),
                                           [](const LoggedPage& a, const LoggedPage& b) {
                                             return !ListedFirst(a, b);
                                           }) == log.pages.end();
  const bool runs_known =
      std::all_of(log.page_runs.begin(), log.page_runs.end(),
                  [&](const RecordRun& run) { return run.file < log.record_files.size(); });
  if (!reader.ok() || !reader.done() || !in_order || !runs_known) {
    why_not = "the build log is corrupt";
    return std::nullopt;
  }
  // The pages' views, now that the vectors they view no longer grow.
  std::span<const std::string_view> files = log.page_files;
  std::span<const RecordRun> runs = log.page_runs;
  for (size_t i = 0; i < log.pages.size(); ++i) {
    log.pages[i].files = files.first(counts[i].first);
    log.pages[i].runs = runs.first(counts[i].second);
    files = files.subspan(counts[i].first);
    runs = runs.subspan(counts[i].second);
  }
  return log;
}

void BuildLog::SortPages() { std::sort(pages.begin(), pages.end(), ListedFirst); }

const LoggedPage* BuildLog::FindPage(std::string_view page) const {
  const auto found = std::lower_bound(
      pages.begin(), pages.end(), page,
      [](const LoggedPage& logged, std::string_view key) { return logged.page < key; });
  return found != pages.end() && found->page == page ? &*found : nullptr;
}

std::optional<uint32_t> BuildLog::FindRecordFile(std::string_view path) const {
  for (uint32_t index = 0; index < record_files.size(); ++index) {
    if (record_files[index].path == path) return index;
  }
  return std::nullopt;
}

bool DecodeSources(BuildLog& log) {
  Reader reader(log.encoded_sources);
  const uint64_t count = reader.Number();
  log.sources.reserve(std::min<uint64_t>(count, log.encoded_sources.size()));
  for (uint64_t n = count; reader.ok() && n > 0; --n) {
    SourceRecord& record = log.sources.emplace_back();
    record.path = reader.View();
    record.size = reader.Number();
    record.mtime_ns = reader.Signed();
    record.content_hash = reader.Number();
    record.summary = reader.View();
    for (uint64_t warnings = reader.Number(); reader.ok() && warnings > 0; --warnings) {
      record.warnings.push_back(reader.Warning());
    }
  }
  return reader.ok() && reader.done();
}

Status WriteBuildLog(FileSystem& fs, const std::string& path, const BuildLog& log,
                     const std::function<std::vector<RecordFileStamp>()>& record_files) {
  // The sources apart, so that the megabytes they take in a large site's log are written
  // from where they are encoded, not copied behind the rest.
  size_t sources_size = 16;
  for (const SourceRecord& record : log.sources) {
    sources_size += record.path.size() + record.summary.size() + 32 + record.warnings.size() * 128;
  }
  Writer sources;
  sources.bytes().reserve(sources_size);
  sources.Number(log.sources.size());
  for (const SourceRecord& record : log.sources) {
    sources.Text(record.path);
    sources.Number(record.size);
    sources.Signed(record.mtime_ns);
    sources.Number(record.content_hash);
    sources.Text(record.summary);
    sources.Number(record.warnings.size());
    for (const Diagnostic& warning : record.warnings) sources.Warning(warning);
  }

  Writer writer;
  writer.bytes().reserve(kMagic.size() + 1024 + log.pages.size() * 96);
  writer.bytes().append(kMagic);
  writer.Number(kFormat);
  writer.Text(KIOSK_VERSION);
  writer.Text(log.out_dir);
  writer.Number(log.config_hash);
  writer.Number(log.inputs);
  writer.Number(log.site_map);
  writer.Number(log.report.pages_per_language.size());
  for (const auto& [language, count] : log.report.pages_per_language) {
    writer.Text(language);
    writer.Number(count);
  }
  writer.Number(log.report.missing_translations.size());
  for (const auto& [file, language] : log.report.missing_translations) {
    writer.Text(file);
    writer.Text(language);
  }
  writer.Number(log.report.warnings.size());
  for (const Diagnostic& warning : log.report.warnings) writer.Warning(warning);
  writer.Number(log.pages.size());
  for (const LoggedPage& page : log.pages) {
    writer.Text(page.page);
    writer.Number(page.made_from.site);
    writer.Number(page.made_from.source);
    writer.Number(page.made_from.neighbours);
    writer.Number(page.files.size());
    for (std::string_view file : page.files) writer.Text(file);
    writer.Number(page.runs.size());
    for (const RecordRun& run : page.runs) {
      writer.Number(run.file);
      writer.Number(run.offset);
      writer.Number(run.size);
    }
  }
  writer.Number(log.copies.size());
  for (const auto& [key, fingerprint] : log.copies) {
    writer.Text(key);
    writer.Number(fingerprint);
  }
  writer.Number(sources.bytes().size());  // the sources as one Text
  Writer stamps;
  const std::vector<RecordFileStamp> files = record_files();
  stamps.Number(files.size());
  for (const RecordFileStamp& file : files) {
    stamps.Text(file.path);
    stamps.Number(file.known);
    stamps.Number(file.size);
    stamps.Signed(file.mtime_ns);
  }
  const std::string_view payload[] = {std::string_view(writer.bytes()).substr(kMagic.size()),
                                      sources.bytes(), stamps.bytes()};
  const uint64_t hash = HashBytes(payload);
  const std::string_view pieces[] = {
      writer.bytes(), sources.bytes(), stamps.bytes(),
      std::string_view(reinterpret_cast<const char*>(&hash), sizeof hash)};
  return fs.WriteFile(path, pieces);
}

std::string EncodeSourceSummary(const SourcePage& page) {
  Writer writer;
  for (const std::string* text : {&page.title, &page.description, &page.slug, &page.translation_key,
                                  &page.department, &page.type, &page.layout, &page.short_url}) {
    writer.Text(*text);
  }
  writer.Text(page.date ? page.date->iso : "");
  writer.Text(page.updated ? page.updated->iso : "");
  writer.Number(page.weight.has_value());
  writer.Signed(page.weight.value_or(0));
  writer.Number(page.draft);
  // An unchanged file's aliases keep their lines, for messages.
  writer.Number(page.aliases.size());
  for (const Alias& alias : page.aliases) {
    writer.Text(alias.address);
    writer.Number(alias.where.line);
    writer.Number(alias.where.column);
  }
  return std::move(writer.bytes());
}

bool DecodeSourceSummary(std::string_view summary, const ContentFile& origin, SourcePage& page) {
  Reader reader(summary);
  page.origin = origin;
  for (std::string* text : {&page.title, &page.description, &page.slug, &page.translation_key,
                            &page.department, &page.type, &page.layout, &page.short_url}) {
    *text = reader.Text();
  }
  const std::string date = reader.Text();
  const std::string updated = reader.Text();
  if (!date.empty() && !(page.date = ParseDate(date))) return false;
  if (!updated.empty() && !(page.updated = ParseDate(updated))) return false;
  const bool has_weight = reader.Number();
  const int64_t weight = reader.Signed();
  if (has_weight) page.weight = weight;
  page.draft = reader.Number();
  const uint64_t aliases = reader.Number();
  for (uint64_t i = 0; i < aliases && reader.ok(); ++i) {
    Alias& alias = page.aliases.emplace_back();
    alias.address = reader.Text();
    alias.where = {origin.file, static_cast<int>(reader.Number()),
                   static_cast<int>(reader.Number())};
  }
  if (!reader.ok() || !reader.done()) return false;
  page.summary_only = true;
  page.front_matter_where = {origin.file, 1, 1};
  page.slug_where = page.translation_key_where = page.short_url_where = page.layout_where =
      page.front_matter_where;
  return true;
}

}  // namespace kiosk
