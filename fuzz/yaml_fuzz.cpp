// Fuzz target: front matter and YAML. The input is read as a content page (its front matter
// as every page's is: YAML, then the keys kiosk knows, then the Markdown body) and as
// site.yaml.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/site_config.h"
#include "content/source_page.h"
#include "fuzz/fuzz_site.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  kiosk::Diagnostics diagnostics;
  kiosk::ParseSourcePage(kiosk::fuzz::Page(), text, kiosk::fuzz::Config(), diagnostics);
  kiosk::ParseSiteConfig(text, "site.yaml", diagnostics);
  return 0;
}
