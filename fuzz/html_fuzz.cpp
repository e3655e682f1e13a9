// Fuzz target: the accessibility checker on an HTML page, as `kiosk check` reads any file:
// tidy's tree and messages, <style> and style="" CSS, every rule, and the link check.
//
// It is also a differential test of the build gate's unread text: the page's SVG path data
// and JSON-LD left out of the parse (CheckHtml's `unread`) must give the findings, links and
// positions of the whole page; the target aborts where they differ.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "check/page_check.h"

namespace {

// What the gate would be told is unread in this page: each d="…" value and the text of
// each JSON-LD script.
std::vector<std::string> UnreadCandidates(std::string_view html) {
  std::vector<std::string> found;
  const auto gather = [&](std::string_view open, std::string_view close) {
    for (size_t at = html.find(open); at != std::string_view::npos && found.size() < 8;
         at = html.find(open, at + 1)) {
      const size_t start = at + open.size();
      const size_t end = html.find(close, start);
      if (end == std::string_view::npos) break;
      found.emplace_back(html.substr(start, end - start));
    }
  };
  gather(" d=\"", "\"");
  gather("<script type=\"application/ld+json\">", "</script>");
  return found;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  kiosk::check::CheckOptions options;
  const kiosk::check::PageOrigin origin{"content/faq/page.md", "templates/faq.mustache"};
  kiosk::Result<kiosk::check::CheckedPage> checked =
      kiosk::check::CheckHtml(html, "/faq/page/", nullptr, options, origin);
  if (checked) {
    kiosk::check::CheckLinks({checked->links}, {"https://www.example.gov.tw/", nullptr});
  }
  const std::vector<std::string> unread = UnreadCandidates(html);
  if (!unread.empty()) {
    const kiosk::Result<kiosk::check::CheckedPage> gate =
        kiosk::check::CheckHtml(html, "/faq/page/", nullptr, options, origin, nullptr, unread);
    const std::string whole_found = kiosk::check::DescribeForComparison(checked);
    const std::string gate_found = kiosk::check::DescribeForComparison(gate);
    if (gate_found != whole_found) {
      std::fprintf(stderr, "the gate found\n%s\nthe whole page\n%s\n", gate_found.c_str(),
                   whole_found.c_str());
      std::abort();
    }
  }
  return 0;
}
