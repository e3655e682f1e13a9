// What the fuzz targets read content against: a site.yaml like an office's, and a page of it.
#pragma once

#include "config/site_config.h"
#include "content/source_page.h"

namespace kiosk::fuzz {

// A two-language site with departments, parsed once.
const SiteConfig& Config();
// A FAQ page in the default language: content/faq/page.zh-TW.md.
const ContentFile& Page();

}  // namespace kiosk::fuzz
