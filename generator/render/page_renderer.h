// Renders every page of a site through the theme's Mustache templates.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "site/site.h"
#include "theme/theme.h"

namespace kiosk {

// A file of the built site: rendered text, or a file to copy.
struct OutputFile {
  std::string path;       // relative to the output folder, '/'-separated
  std::string contents;   // when copy_from is empty
  std::string copy_from;  // a file on disk to copy instead
};

// Renders the pages `which` (indexes into site.pages()) on up to `jobs` threads: for each,
// its HTML file and its QR code images, in the order of `which`.
std::vector<std::vector<OutputFile>> RenderPages(const Site& site, const Theme& theme,
                                                 const std::vector<int>& which, int jobs,
                                                 Diagnostics& diagnostics);

// Formats a date with an interface string pattern: {yyyy} year, {roc} 民國 year, {m}/{mm}
// month, {d}/{dd} day, {month} month name from the comma-separated `month_names` string.
std::string FormatDate(const Date& date, std::string_view pattern, std::string_view month_names);

}  // namespace kiosk
