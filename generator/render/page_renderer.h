// Renders every page of a site through the theme's Mustache templates.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "site/site.h"
#include "theme/theme.h"

namespace kiosk {

class FileBytes;

// A byte range of an output file: of its own `contents`, or of the file it `kept`.
struct OutputPiece {
  bool kept = false;
  size_t offset = 0;
  size_t size = 0;
};

// A file of the built site: rendered text, or a file to copy.
struct OutputFile {
  std::string path;       // relative to the output folder, '/'-separated
  std::string contents;   // when copy_from is empty
  std::string copy_from;  // a file on disk to copy instead
  // A file made mostly of its previous version's bytes (a record file keeping the lines of
  // the pages not rendered again) is `pieces` of `contents` and of `kept`, in order. `kept`
  // maps the file being replaced: it is written beside it and renamed over it, never
  // truncated while mapped.
  std::shared_ptr<const FileBytes> kept;
  std::vector<OutputPiece> pieces;

  // The file's bytes in order, when not copied: `contents`, or its pieces.
  std::vector<std::string_view> Bytes() const;
};

// A page as rendered.
struct RenderedPage {
  std::vector<OutputFile> files;  // its HTML first, then its QR code images
  std::string template_file;      // the template it was rendered with
  // Text kiosk wrote into the HTML that no accessibility rule reads, a third of a page's
  // bytes: the path data of the inline QR code and the JSON-LD. The build gate leaves it out
  // of its parse (the `unread` of check::CheckHtml).
  std::vector<std::string> unread;
};

// Receives the n-th page rendered, on the thread that rendered it.
using PageSink = std::function<void(size_t n, RenderedPage page)>;

// Renders the pages `which` (indexes into site.pages()) on up to `jobs` threads, handing
// each page's files to `sink` as soon as they are made, so that a large site is never
// held in memory at once.
void RenderPages(const Site& site, const Theme& theme, const std::vector<int>& which, int jobs,
                 Diagnostics& diagnostics, const PageSink& sink);

// Formats a date with an interface string pattern: {yyyy} year, {roc} 民國 year, {m}/{mm}
// month, {d}/{dd} day, {month} month name from the comma-separated `month_names` string.
std::string FormatDate(const Date& date, std::string_view pattern, std::string_view month_names);

}  // namespace kiosk
