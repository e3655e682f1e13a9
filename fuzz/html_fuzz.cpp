// Fuzz target: the accessibility checker on an HTML page, as `kiosk check` reads any file:
// tidy's tree and messages, <style> and style="" CSS, every rule, and the link check.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "check/page_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  kiosk::check::CheckOptions options;
  kiosk::Result<kiosk::check::CheckedPage> checked =
      kiosk::check::CheckHtml(html, "/faq/page/", nullptr, options);
  if (checked) {
    kiosk::check::CheckLinks({checked->links}, {"https://www.example.gov.tw/", nullptr});
  }
  return 0;
}
