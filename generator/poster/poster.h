// Print-ready QR posters for the service counters: one page per web page, as a PDF.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "fs/file_system.h"
#include "qr/qr_code.h"

namespace kiosk {

enum class PaperSize { kA4, kA3 };

// What one poster shows. "primary" is the page's language, "secondary" the other one (may
// be empty when the page has no translation).
struct Poster {
  std::string office_primary;
  std::string office_secondary;
  std::string title_primary;
  std::string title_secondary;
  std::string url;  // what the QR code holds, also printed as text
  std::string instruction_primary;
  std::string instruction_secondary;
  std::string contact_lines;  // phone and service hours, one fact per line
};

struct PosterLayout {
  PaperSize size = PaperSize::kA4;
  QrLevel level = QrLevel::kQ;
  std::string font = "Noto Sans CJK TC";
};

// The PDF bytes of the posters, one A4 or A3 page each. Fails if the font lacks a glyph
// (it would print as a box), a code cannot be made, or the drawing module (poster_pdf.h)
// is not beside the program.
Result<std::string> RenderPosters(const std::vector<Poster>& posters, const PosterLayout& layout);

// Whether `path` may take the posters' PDF: a new file or a regular file. Anything else
// there (a folder, a symbolic link, a FIFO, a device) is refused.
Status CheckPostersPath(const FileSystem& fs, const std::string& path);

// Writes the PDF to `path`, a new file or a regular file it replaces at once (the printer
// never sees half a file), as CheckPostersPath allows it now; anything else is left as it was.
Status WritePosters(FileSystem& fs, const std::string& path, std::string_view pdf);

}  // namespace kiosk
