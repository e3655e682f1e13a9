// ServiceProcedure: the fixed facts of a service page (type `sop`), read from its front
// matter, so that every service shows the same facts in the same place.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "content/source_page.h"
#include "fs/file_system.h"

namespace kiosk {

// A downloadable file under static/.
struct DownloadFile {
  std::string path;    // relative to static/ and to the site root: "forms/transcript.pdf"
  std::string format;  // "PDF", "ODT", "DOCX"
  std::string size;    // "120 KB"
};

struct ServiceForm {
  std::string title;
  std::vector<DownloadFile> files;  // the form, then its other formats
  std::optional<DownloadFile> example;
};

struct ServiceDocument {
  std::string name;
  std::optional<long long> copies;
  std::optional<bool> original;  // true: the original, false: a photocopy
  std::string note;
};

struct ServiceStep {
  std::string who;
  std::string what;
  std::string time;
};

struct LegalBasis {
  std::string name;
  std::string url;
};

struct ServiceProcedure {
  std::string processing_time;
  std::string fee;
  std::string eligibility;
  std::string counter;
  std::string online_url;
  std::vector<LegalBasis> legal_basis;
  std::vector<ServiceDocument> documents;
  std::vector<ServiceForm> forms;
  std::string contact_name;
  std::string contact_phone;
  std::string contact_email;
  std::vector<ServiceStep> steps;
};

// Reads and checks the service fields of a page. Form files are looked up under
// `static_dir` (on `fs`); `static_display` names that folder in messages.
std::optional<ServiceProcedure> ReadServiceProcedure(const SourcePage& page, const FileSystem& fs,
                                                     const std::string& static_dir,
                                                     const std::string& static_display,
                                                     Diagnostics& diagnostics);

// "120 KB", "1.2 MB".
std::string FormatFileSize(unsigned long long bytes);

}  // namespace kiosk
