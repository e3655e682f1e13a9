// `kiosk import --type`: what each kind of kiosk page takes from a document. A service
// procedure's summary rows, documents table and steps become its front matter; a FAQ's
// questions become its `##` headings; a plan keeps its tables as plan tables.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "import/document.h"

namespace kiosk::import {

enum class PageType { kPage, kPlan, kSop, kFaq };

std::optional<PageType> ParsePageType(std::string_view name);

// Moves what the page type keeps in front matter out of `document`'s blocks, and returns
// the front matter's lines after `title:` (`type:` first). What could not be mapped stays in
// the body, with a warning naming it.
std::string MapPageType(PageType type, Document& document, const std::string& display,
                        Diagnostics& warnings);

}  // namespace kiosk::import
