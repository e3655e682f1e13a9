// Which pages get posters, and what each poster says, from a built site model.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "poster/poster.h"
#include "site/site.h"
#include "theme/theme.h"

namespace kiosk {

struct PosterRequest {
  std::vector<std::string>
      pages;               // content paths: "faq/id-card.zh-TW.md", "content/…", "faq/id-card"
  std::string section;     // a content folder: every page in it and below
  std::string department;  // a department id: every page of that department
};

// The content pages a request names, in listing order, without repeats. Pages chosen by
// section or department are those of the default language. Unknown names are errors.
std::vector<int> SelectPosterPages(const Site& site, const PosterRequest& request,
                                   Diagnostics& diagnostics);

Poster MakePoster(const Site& site, const Theme& theme, int page);

}  // namespace kiosk
