#include "content/service_procedure.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "base/text.h"

namespace kiosk {

std::string FormatFileSize(unsigned long long bytes) {
  char text[32];
  if (bytes < 1024 * 1024) {
    std::snprintf(text, sizeof text, "%llu KB", std::max(1ULL, (bytes + 512) / 1024));
  } else {
    std::snprintf(text, sizeof text, "%.1f MB", bytes / (1024.0 * 1024.0));
  }
  return text;
}

namespace {

constexpr std::string_view kClosedFormats[] = {"DOC", "DOCX", "XLS", "XLSX", "PPT", "PPTX"};
constexpr std::string_view kOpenFormats[] = {"PDF", "ODT", "ODS", "ODP", "HTML", "TXT", "CSV"};

bool IsOneOf(std::string_view format, const auto& formats) {
  return std::find(std::begin(formats), std::end(formats), format) != std::end(formats);
}

class ServiceReader {
 public:
  ServiceReader(const SourcePage& page, const FileSystem& fs, const std::string& static_dir,
                const std::string& static_display, Diagnostics& diagnostics)
      : page_(page),
        fs_(fs),
        static_dir_(static_dir),
        static_display_(static_display),
        diagnostics_(diagnostics) {}

  std::optional<ServiceProcedure> Read() {
    const Value& front = page_.front_matter;
    ServiceProcedure service;
    if (page_.department.empty() && !front.Find("department")) {
      Error(page_.front_matter_where, "a service page needs a 'department'",
            "add 'department: <id>' with an id from site.yaml");
    }
    service.processing_time = OptionalText(front, "processing_time");
    service.fee = OptionalText(front, "fee");
    service.eligibility = OptionalText(front, "eligibility");
    if (const Value* apply_at = Map(front, "apply_at")) {
      service.counter = OptionalText(*apply_at, "counter");
      service.online_url = OptionalText(*apply_at, "online");
      if (const Value* online = apply_at->Find("online")) CheckUrl(*online);
    }
    for (const Value& item : List(front, "legal_basis")) {
      const Value* map = ItemMap(item, "each legal basis", "name");
      if (!map) continue;
      LegalBasis law{RequiredText(*map, "name"), OptionalText(*map, "url")};
      if (const Value* url = map->Find("url")) CheckUrl(*url);
      service.legal_basis.push_back(std::move(law));
    }
    for (const Value& item : List(front, "documents")) {
      const Value* map = ItemMap(item, "each document", "name");
      if (!map) continue;
      ServiceDocument document;
      document.name = RequiredText(*map, "name");
      document.note = OptionalText(*map, "note");
      if (const Value* copies = map->Find("copies")) {
        document.copies = copies->AsInteger();
        if (!document.copies || *document.copies < 1) {
          Error(copies->where, "'copies' must be a whole number from 1", "write e.g. 'copies: 2'");
        }
      }
      if (const Value* original = map->Find("original")) {
        document.original = original->AsBool();
        if (!document.original) {
          Error(original->where, "'original' must be true (正本) or false (影本)",
                "write 'original: true' or 'original: false'");
        }
      }
      service.documents.push_back(std::move(document));
    }
    for (const Value& item : List(front, "forms")) {
      const Value* map = ItemMap(item, "each form", "title and file");
      if (!map) continue;
      ServiceForm form;
      form.title = RequiredText(*map, "title");
      if (const Value* file = map->Find("file")) {
        if (auto download = Download(*file)) form.files.push_back(std::move(*download));
      } else {
        Error(map->where, "the form has no 'file'", "add 'file: forms/<name>.pdf' (under static/)");
      }
      for (const Value& alternative : List(*map, "alternatives")) {
        if (auto download = Download(alternative)) form.files.push_back(std::move(*download));
      }
      if (const Value* example = map->Find("example")) form.example = Download(*example);
      WarnClosedFormats(form, map->where);
      service.forms.push_back(std::move(form));
    }
    if (const Value* contact = Map(front, "contact")) {
      service.contact_name = OptionalText(*contact, "name");
      service.contact_phone = OptionalText(*contact, "phone");
      service.contact_email = OptionalText(*contact, "email");
    }
    const Value* steps = front.Find("steps");
    if (!steps) {
      Error(page_.front_matter_where, "a service page needs its 'steps'",
            "add 'steps:' with one '- who: … what: …' per step, in order");
    }
    for (const Value& item : List(front, "steps")) {
      const Value* map = ItemMap(item, "each step", "who and what");
      if (!map) continue;
      service.steps.push_back(
          {RequiredText(*map, "who"), RequiredText(*map, "what"), OptionalText(*map, "time")});
    }
    if (steps && steps->is_list() && steps->items.empty()) {
      Error(steps->where, "'steps' is empty", "list the steps of the procedure, in order");
    }
    if (failed_) return std::nullopt;
    return service;
  }

 private:
  void Error(const SourceLocation& where, std::string message, std::string hint) {
    diagnostics_.error(where, std::move(message), std::move(hint));
    failed_ = true;
  }

  std::string OptionalText(const Value& map, std::string_view key) {
    const Value* value = map.Find(key);
    if (!value) return {};
    if (value->is_scalar() && !Trim(value->scalar).empty()) return value->scalar;
    Error(value->where, "'" + std::string(key) + "' must be text, not " + value->Describe(),
          "write the text after '" + std::string(key) + ":'");
    return {};
  }

  std::string RequiredText(const Value& map, std::string_view key) {
    if (!map.Find(key)) {
      Error(map.where, "'" + std::string(key) + "' is missing",
            "add '" + std::string(key) + ": …'");
      return {};
    }
    return OptionalText(map, key);
  }

  const Value* Map(const Value& parent, std::string_view key) {
    const Value* value = parent.Find(key);
    if (!value) return nullptr;
    if (value->is_map()) return value;
    Error(value->where, "'" + std::string(key) + "' must be a map, not " + value->Describe(),
          "indent its keys below it");
    return nullptr;
  }

  const std::vector<Value>& List(const Value& parent, std::string_view key) {
    static const std::vector<Value> kNone;
    const Value* value = parent.Find(key);
    if (!value) return kNone;
    if (value->is_list()) return value->items;
    Error(value->where, "'" + std::string(key) + "' must be a list, not " + value->Describe(),
          "write each entry on its own line starting with '- '");
    return kNone;
  }

  const Value* ItemMap(const Value& item, std::string_view what, std::string_view keys) {
    if (item.is_map()) return &item;
    Error(item.where, std::string(what) + " must be a map with " + std::string(keys),
          "write '- " + std::string(keys.substr(0, keys.find(' '))) + ": …' and indent the rest");
    return nullptr;
  }

  void CheckUrl(const Value& value) {
    if (value.is_scalar() && !StartsWith(value.scalar, "https://") &&
        !StartsWith(value.scalar, "http://") && !StartsWith(value.scalar, "/")) {
      Error(value.where, "'" + value.scalar + "' is not a web address",
            "write the full address, starting with https://");
    }
  }

  std::optional<DownloadFile> Download(const Value& value) {
    if (!value.is_scalar() || Trim(value.scalar).empty()) {
      Error(value.where, "a form file must be a path under static/", "write e.g. forms/apply.pdf");
      return std::nullopt;
    }
    const std::string path = value.scalar;
    bool contained = !path.empty() && path.front() != '/' && path.find("..") == std::string::npos;
    if (!contained || !fs_.IsFile(JoinPath(static_dir_, path))) {
      Error(value.where, "the form file " + JoinPath(static_display_, path) + " does not exist",
            "put the file under static/ and give its path relative to static/");
      return std::nullopt;
    }
    DownloadFile file;
    file.path = path;
    const size_t dot = path.rfind('.');
    file.format = dot == std::string::npos ? "FILE" : path.substr(dot + 1);
    std::transform(file.format.begin(), file.format.end(), file.format.begin(),
                   [](unsigned char c) { return std::toupper(c); });
    const Result<FileInfo> info = fs_.Stat(JoinPath(static_dir_, path));
    file.size = info ? FormatFileSize(info->size) : "";
    return file;
  }

  // Rule ME1320200C: a document offered for download must also come in an open format.
  void WarnClosedFormats(const ServiceForm& form, const SourceLocation& where) {
    const bool has_open = std::any_of(form.files.begin(), form.files.end(), [](const auto& file) {
      return IsOneOf(file.format, kOpenFormats);
    });
    for (const DownloadFile& file : form.files) {
      if (IsOneOf(file.format, kClosedFormats) && !has_open) {
        diagnostics_.warning(where,
                             "the form " + JoinPath(static_display_, file.path) +
                                 " is offered only in a closed format (" + file.format + ")",
                             "add an ODF or PDF version under 'alternatives:' (rule ME1320200C)");
      }
    }
  }

  const SourcePage& page_;
  const FileSystem& fs_;
  const std::string& static_dir_;
  const std::string& static_display_;
  Diagnostics& diagnostics_;
  bool failed_ = false;
};

}  // namespace

std::optional<ServiceProcedure> ReadServiceProcedure(const SourcePage& page, const FileSystem& fs,
                                                     const std::string& static_dir,
                                                     const std::string& static_display,
                                                     Diagnostics& diagnostics) {
  return ServiceReader(page, fs, static_dir, static_display, diagnostics).Read();
}

}  // namespace kiosk
