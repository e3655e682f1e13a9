// Fuzz target: the Markdown pipeline, cmark-gfm with kiosk's extensions (heading ids, CJK line
// breaks, pipe and block tables with captions, merges and row groups, raw HTML shown as text
// or kept), as a page's body is rendered and then written.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/text.h"
#include "markdown/markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Content that is not UTF-8 is an error before it reaches Markdown.
  if (kiosk::FindInvalidUtf8(text)) return 0;
  for (const bool unsafe_html : {false, true}) {
    kiosk::MarkdownOptions options;
    options.unsafe_html = unsafe_html;
    options.source_positions = true;
    kiosk::Diagnostics diagnostics;
    const kiosk::RenderedMarkdown rendered =
        kiosk::RenderMarkdown(text, options, "content/page.zh-TW.md", 4, diagnostics);
    kiosk::StripSourcePositions(rendered.html);
  }
  return 0;
}
