// `kiosk poster`: the posters of the pages a request names, written as one PDF.
#pragma once

#include <string>

#include "base/diagnostic.h"
#include "fs/file_system.h"
#include "pipeline/pipeline.h"
#include "poster/poster.h"
#include "poster/poster_pages.h"

namespace kiosk {

struct PosterOptions {
  BuildOptions site;  // which site: site_dir and display_dir
  PosterRequest request;
  PaperSize size = PaperSize::kA4;
  std::string output = "posters.pdf";
};

struct PosterResult {
  Diagnostics diagnostics;
  size_t posters = 0;  // in the PDF written

  bool ok() const { return !diagnostics.has_errors(); }
};

// Reads the site, makes a poster of each page the request names (with the QR code at the
// level site.yaml sets for print) and writes them to `options.output` as one PDF that
// replaces the file whole: a printer never sees half a file. Nothing is written when the
// site has errors, a page is unknown or a poster cannot be drawn. Each address printed (the
// one in the code) counts one poster more in the site's published.txt.
PosterResult PrintPosters(FileSystem& fs, const PosterOptions& options);

}  // namespace kiosk
