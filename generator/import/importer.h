// `kiosk import`: an office's .odt or .docx document becomes a kiosk page (front matter and
// Markdown), its images extracted beside the page. The command line only parses arguments
// and prints; everything else is here.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "fs/file_system.h"
#include "import/page_types.h"
#include "import/zip_archive.h"

namespace kiosk::import {

struct ImportOptions {
  std::string document;  // the .odt or .docx to read
  std::string output;    // FILE.md; empty for standard output (images are then not written)
  PageType type = PageType::kPage;
  bool force = false;    // replace existing files
  ZipLimits limits;
};

struct ImportResult {
  static constexpr int kOk = 0;
  static constexpr int kUnreadable = 1;  // nothing was written
  static constexpr int kUsage = 2;

  int exit_status = kOk;
  Diagnostics diagnostics;           // the error, if any, and the warnings
  std::string markdown;              // the page (also when it was written to `output`)
  std::vector<std::string> written;  // the files written: images, then the page
};

ImportResult ImportDocument(FileSystem& fs, const ImportOptions& options);

}  // namespace kiosk::import
