#include "fuzz/fuzz_site.h"

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>

namespace kiosk::fuzz {

const SiteConfig& Config() {
  static const SiteConfig config = [] {
    Diagnostics diagnostics;
    std::optional<SiteConfig> parsed = ParseSiteConfig(R"(base_url: https://www.example.gov.tw/
languages:
  - code: zh-TW
    name: 中文
    title: 清溪區公所
  - code: en
    name: English
    title: Qingxi District Office
office:
  name: { zh-TW: 清溪區公所, en: Qingxi District Office }
  address: { zh-TW: 範例市清溪區 1 號, en: "No. 1, Qingxi" }
  phone: "(09) 9123-4567"
  hours: { zh-TW: 週一至週五 8:30–17:30, en: "Mon–Fri 8:30–17:30" }
  email: service@qingxi.example.gov.tw
departments:
  - id: civil
    name: { zh-TW: 民政課, en: Civil Affairs }
    phone: "(09) 9123-4567 #201"
)",
                                                       "site.yaml", diagnostics);
    if (!parsed || diagnostics.has_errors()) {  // the target's own set-up is wrong
      for (const Diagnostic& problem : diagnostics.items()) {
        std::fprintf(stderr, "%s\n", problem.format().c_str());
      }
      std::abort();
    }
    return std::move(*parsed);
  }();
  return config;
}

const ContentFile& Page() {
  static const ContentFile page = [] {
    Diagnostics diagnostics;
    return *ClassifyContentPath("faq/page.zh-TW.md", "content/faq/page.zh-TW.md", Config(),
                                diagnostics);
  }();
  return page;
}

}  // namespace kiosk::fuzz
