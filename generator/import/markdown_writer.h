// Writes the document model as kiosk Markdown: front matter, then the body, with pipe
// tables for simple tables and block tables (`::: table`) for tables with merged cells or
// cells holding more than one paragraph, and the footnotes in a section at the end.
#pragma once

#include <string>

#include "base/diagnostic.h"
#include "import/document.h"

namespace kiosk::import {

// A YAML scalar as it can be written in front matter: plain when that reads back as the
// same text, otherwise double-quoted.
std::string YamlScalar(const std::string& text);

// The page: `front_matter` (YAML lines, each ending in a newline, without the `---`), then
// the document's blocks and notes. Tables the syntax cannot hold whole (a table in a table's
// cell) are flattened, with a warning.
std::string WritePage(const std::string& front_matter, const Document& document,
                      const std::string& display, Diagnostics& warnings);

}  // namespace kiosk::import
